"""/visit: a visit or meeting, found by leader, place, month or year, or its name."""

from __future__ import annotations

from bot.core.briefings.common import Context, find, nothing
from bot.core.briefings.events import event_briefing, event_line, event_sort_key
from bot.core.briefings.labels import kind_label
from bot.core.briefings.model import Briefing, Choice, Line, Section
from bot.core.briefings.when import parse_month_year
from bot.core.facts.dates import FuzzyDate
from bot.core.facts.models import Event

__all__ = ["VISIT_FINDS", "visit"]

VISIT_FINDS = frozenset({"event", "person", "place", "country", "organisation"})
"""A /visit query may name the event itself or anyone or anywhere involved."""

MAX_CHOICES = 25


async def visit(ctx: Context, query: str | None = None) -> Briefing:
    events = [e for e in ctx.state.factset.of_kind("event") if isinstance(e, Event)]
    if not query or not query.strip():
        dated = [e for e in events if FuzzyDate.parse(e.date).earliest() is not None]
        if not dated:
            return _nothing(ctx, "")
        return await event_briefing(ctx, max(dated, key=event_sort_key))

    when = parse_month_year(query)
    if when is not None:
        year, month = when
        found = [e for e in events if _in(e, year, month)]
        return await _one_or_choices(ctx, query, found)

    what = ctx.say(
        "no visit, meeting, leader or place by that name in the facts",
        "không có chuyến thăm, cuộc gặp, lãnh đạo hay địa điểm nào như vậy trong dữ liệu",
    )
    found_id = find(ctx, query, VISIT_FINDS, "visit", "query", what)
    if isinstance(found_id, Briefing):
        return found_id
    entity = ctx.state.factset.entities[found_id]
    if isinstance(entity, Event):
        return await event_briefing(ctx, entity)
    ids = set(await ctx.store.events_with(found_id))
    found = [e for e in events if e.id in ids]
    if not found:
        name = ctx.name(found_id)
        reason = ctx.say(
            f"{name} is in the facts, but no visit or meeting involving them is.",
            f"{name} có trong dữ liệu, nhưng không có chuyến thăm hay cuộc gặp nào liên quan.",
        )
        return nothing(ctx, query, reason)
    return await _one_or_choices(ctx, query, found)


def _in(event: Event, year: int | None, month: int | None) -> bool:
    date = FuzzyDate.parse(event.date)
    if year is not None:
        return date.overlaps_month(year, month)
    low, high = date.earliest(), date.latest()
    if low is None or high is None:  # no year stated: the month alone can still be compared
        return date.start.month == month
    return any(date.overlaps_month(y, month) for y in range(low.year, high.year + 1))


async def _one_or_choices(ctx: Context, query: str, found: list[Event]) -> Briefing:
    if not found:
        return _nothing(ctx, query)
    if len(found) == 1:
        return await event_briefing(ctx, found[0])
    found.sort(key=event_sort_key)
    lines = tuple(event_line(ctx, event) for event in found[:MAX_CHOICES])
    choices = tuple(
        Choice(line.text[:100], event.id, kind_label(event.kind, ctx.locale))
        for line, event in zip(lines, found[:MAX_CHOICES], strict=True)
    )
    return ctx.briefing(
        title=ctx.label("pick_one"),
        summary=Line(f"“{' '.join(query.split())[:80]}”"),
        sections=(Section(ctx.label("events"), lines),),
        status="ambiguous",
        choices=choices,
        choice_command="visit",
        choice_option="query",
    )


def _nothing(ctx: Context, query: str) -> Briefing:
    reason = ctx.say(
        "no visit or meeting on that date in the facts.",
        "không có chuyến thăm hay cuộc gặp nào vào thời gian đó trong dữ liệu.",
    )
    return nothing(ctx, query, reason)
