"""The admin answers: the facts' status and the report of a reload."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.briefings.labels import Locale
from bot.core.briefings.model import Briefing, Line, Section
from bot.core.facts.factset import FactSet
from bot.core.service import ReloadOutcome
from bot.core.store.audit import AuditEntry

__all__ = ["FIRST_PROBLEMS", "reload_report", "status_briefing"]

FIRST_PROBLEMS = 10
CHANGED_IDS_SHOWN = 5


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _attempt(entry: AuditEntry) -> Line:
    who = entry.user_name or (str(entry.user_id) if entry.user_id else entry.how)
    result = (
        f"ok {entry.old_version} → {entry.new_version}"
        if entry.ok
        else f"rejected ({entry.errors} problem(s))"
    )
    return Line(f"{_when(entry.at)} · {entry.how} · {who} · {result} · {entry.summary}")


def status_briefing(
    factset: FactSet, loaded_at: datetime | None, attempts: Sequence[AuditEntry], locale: Locale
) -> Briefing:
    counts = factset.describe_counts()
    sections = [
        Section("Version", (Line(factset.version),), True),
        Section("Loaded", (Line(_when(loaded_at) if loaded_at else "not loaded"),), True),
        Section("Counts", (Line(counts),)),
    ]
    if attempts:
        sections.append(Section("Last reloads", tuple(_attempt(a) for a in attempts)))
    title = "Trạng thái dữ liệu" if locale == "vi" else "Facts status"
    return Briefing(title=title, sections=tuple(sections), private=True,
                    footer=f"facts {factset.version}")  # fmt: skip


def reload_report(outcome: ReloadOutcome, locale: Locale) -> Briefing:
    vi = locale == "vi"
    if not outcome.ok:
        shown = outcome.problems[:FIRST_PROBLEMS]
        rest = len(outcome.problems) - len(shown)
        lines = [Line(str(problem)) for problem in shown]
        if rest:
            lines.append(Line(f"… and {rest} more" if not vi else f"… và {rest} lỗi khác"))
        summary = (
            f"Không nạp gì; bot vẫn dùng dữ liệu {outcome.old_version}."
            if vi
            else f"Nothing was loaded; the bot keeps serving version {outcome.old_version}."
        )
        return Briefing(
            title="Dữ liệu bị từ chối" if vi else "Reload rejected",
            summary=Line(summary),
            sections=(Section(f"{len(outcome.problems)} problem(s)", tuple(lines)),),
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
        sections.append(Section(kind, tuple(Line(p) for p in parts)))
    nothing = "Không có thay đổi." if vi else "No changes."
    return Briefing(
        title="Đã nạp lại dữ liệu" if vi else "Facts reloaded",
        summary=Line(f"{outcome.old_version} → {outcome.new_version}"
                     + ("" if sections else f" · {nothing}")),
        sections=tuple(sections),
        private=True,
        footer=f"facts {outcome.new_version}",
    )  # fmt: skip
