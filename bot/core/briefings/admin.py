"""The admin answers: the facts' status and the report of a reload."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.briefings.labels import Locale, kind_label
from bot.core.briefings.model import Briefing, Line, Section
from bot.core.facts.factset import FactSet
from bot.core.i18n import has, t, tn
from bot.core.service import ReloadOutcome
from bot.core.store.audit import AuditEntry

__all__ = ["FIRST_PROBLEMS", "reload_report", "status_briefing"]

FIRST_PROBLEMS = 10
CHANGED_IDS_SHOWN = 5


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _attempt(entry: AuditEntry, locale: Locale) -> Line:
    how = t(f"admin.how.{entry.how}", locale) if has(f"admin.how.{entry.how}") else entry.how
    who = entry.user_name or (str(entry.user_id) if entry.user_id else how)
    if entry.ok:
        result = t("admin.attempt_ok", locale, old=entry.old_version, new=entry.new_version)
    else:
        problems = tn("count.problem", entry.errors, locale)
        result = t("admin.attempt_rejected", locale, problems=problems)
    # The summary is the audit log's own record, kept as it was written.
    return Line(f"{_when(entry.at)} · {how} · {who} · {result} · {entry.summary}")


def _counts(factset: FactSet, locale: Locale) -> str:
    """`1 mối quan hệ, 7 nguồn, 8 người, …` (factset.describe_counts is English, for logs)."""
    parts = []
    for what, n in factset.counts().items():
        key = f"admin.count.{what}"
        parts.append(tn(key, n, locale) if has(f"{key}.one") else f"{n} {what}")
    return ", ".join(parts)


def _coverage(factset: FactSet, locale: Locale) -> str:
    """`English 130/130 (100 %) · Vietnamese 130/130 (100 %)`: statements in each language."""
    parts = []
    for language, (have, total) in factset.language_coverage().items():
        share = round(100 * have / total) if total else 100
        parts.append(f"{t(f'admin.language_{language}', locale)} {have}/{total} ({share} %)")
    return " · ".join(parts)


def status_briefing(
    factset: FactSet, loaded_at: datetime | None, attempts: Sequence[AuditEntry], locale: Locale
) -> Briefing:
    loaded = _when(loaded_at) if loaded_at else t("admin.not_loaded", locale)
    sections = [
        Section(t("admin.version", locale), (Line(factset.version),), True),
        Section(t("admin.loaded", locale), (Line(loaded),), True),
        Section(t("admin.counts", locale), (Line(_counts(factset, locale)),)),
        Section(t("admin.languages", locale), (Line(_coverage(factset, locale)),)),
    ]
    if attempts:
        lines = tuple(_attempt(a, locale) for a in attempts)
        sections.append(Section(t("admin.last_reloads", locale), lines))
    return Briefing(
        title=t("admin.status_title", locale),
        sections=tuple(sections),
        private=True,
        footer=t("footer.version", locale, version=factset.version),
    )


def reload_report(outcome: ReloadOutcome, locale: Locale) -> Briefing:
    if not outcome.ok:
        shown = outcome.problems[:FIRST_PROBLEMS]
        rest = len(outcome.problems) - len(shown)
        # A problem names a file and line for the curator: it stays as the validator wrote it.
        lines = [Line(str(problem)) for problem in shown]
        if rest:
            lines.append(Line(t("admin.more_problems", locale, n=rest)))
        heading = tn("count.problem", len(outcome.problems), locale)
        return Briefing(
            title=t("admin.rejected_title", locale),
            summary=Line(t("admin.rejected", locale, version=outcome.old_version)),
            sections=(Section(heading, tuple(lines)),),
            status="invalid",
            private=True,
        )
    sections = []
    for kind, changes in outcome.changes.items():
        parts = []
        for sign, ids in (("+", changes.added), ("~", changes.changed), ("−", changes.removed)):
            if ids:
                more = f" (+{len(ids) - CHANGED_IDS_SHOWN})" if len(ids) > CHANGED_IDS_SHOWN else ""
                parts.append(f"{sign}{len(ids)}: " + ", ".join(ids[:CHANGED_IDS_SHOWN]) + more)
        sections.append(Section(kind_label(kind, locale), tuple(Line(p) for p in parts)))
    versions = f"{outcome.old_version} → {outcome.new_version}"
    nothing = t("admin.no_changes", locale)
    return Briefing(
        title=t("admin.reloaded_title", locale),
        summary=Line(versions + ("" if sections else f" · {nothing}")),
        sections=tuple(sections),
        private=True,
        footer=t("footer.version", locale, version=outcome.new_version),
    )
