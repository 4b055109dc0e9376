"""/sources: every source with its link, or the statements that rest on one source."""

from __future__ import annotations

from collections import Counter

from bot.core.briefings.common import Context, find, related, source_ref
from bot.core.briefings.model import MAX_RELATED, Briefing, Line, Related, Section
from bot.core.facts.dates import FuzzyDate
from bot.core.facts.models import Event, Person

__all__ = ["sources"]

KEY_STATEMENTS = 5


async def sources(ctx: Context, source: str | None = None) -> Briefing:
    factset = ctx.state.factset
    if not source or not source.strip():
        listed = sorted(
            factset.sources.values(),
            key=lambda s: (FuzzyDate.parse(s.published).sort_key(), s.id),
            reverse=True,
        )
        for item in listed:
            ctx.citations.cite(item.id)
        return ctx.briefing(
            title=ctx.label("sources"),
            summary=Line(ctx.count(len(listed), "source")),
        )
    source_id = find(ctx, source, {"source"}, "sources", "source", ctx.t("not_found.source"))
    if isinstance(source_id, Briefing):
        return source_id
    found = factset.sources[source_id]
    number = ctx.citations.cite(found.id)
    statements = ctx.view.statements_from(found.id)
    lines = tuple(ctx.subject_line(s) for s in statements)
    ref = source_ref(found, ctx.locale)
    # The lede says who published it and how much rests on it; its link is in the source
    # list (once), not on the title as well.
    lede = f"{ref.label} · {ctx.count(len(statements), 'statement')}"
    return ctx.briefing(
        title=found.headline,
        summary=Line(lede, (number,)),
        sections=(
            (Section(ctx.label("statements"), lines, first_screen=KEY_STATEMENTS),) if lines else ()
        ),
        related=_subjects(ctx, [s.subject for s in statements]),
    )


def _subjects(ctx: Context, subjects: list[str]) -> tuple[Related, ...]:
    """The events and people a source says most about, as buttons."""
    buttons = []
    for subject, _ in Counter(subjects).most_common():
        entity = ctx.entity(subject)
        if isinstance(entity, Event):
            buttons.append(related(ctx.name(subject), "visit", "query", subject))
        elif isinstance(entity, Person):
            buttons.append(related(ctx.name(subject), "leader", "name", subject))
    return tuple(buttons[:MAX_RELATED])
