"""/sources: every source with its link, or the statements that rest on one source."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bot.core.briefings.common import Context, carried_on, find, related, source_ref
from bot.core.briefings.model import MAX_RELATED, Briefing, Line, Related, Section
from bot.core.facts.dates import stated_sort_key
from bot.core.facts.models import Event, Person, Source

__all__ = ["sources"]

KEY_STATEMENTS = 5


async def sources(ctx: Context, source: str | None = None) -> Briefing:
    factset = ctx.state.factset
    if not source or not source.strip():
        listed = _newest_first(factset.sources.values())
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
    carried = carried_on(ctx, found)
    if carried:  # no date of its own: what the material does state, the page carrying it
        lede += f" · {carried}"
    return ctx.briefing(
        title=found.headline,
        summary=Line(lede, (number,)),
        sections=(
            (Section(ctx.label("statements"), lines, first_screen=KEY_STATEMENTS),) if lines else ()
        ),
        related=_subjects(ctx, [s.subject for s in statements]),
    )


def _newest_first(sources: Iterable[Source]) -> list[Source]:
    """Newest first by the date each source states; those that state none come last (in id
    order), since nothing says where among the others they belong."""
    every = list(sources)
    dated = [s for s in every if s.published_date is not None]
    undated = sorted((s for s in every if s.published_date is None), key=lambda s: s.id)
    dated.sort(key=lambda s: (stated_sort_key(s.published), s.id), reverse=True)
    return dated + undated


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
