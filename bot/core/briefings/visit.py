"""/visit: a visit or meeting, found by leader, place, month or year, or its name."""

from __future__ import annotations

import dataclasses
import datetime
from calendar import monthrange

from bot.core.briefings.common import CHOICE_LABEL, Context, clip, nothing, unresolved
from bot.core.briefings.events import event_briefing, event_line, event_sort_key
from bot.core.briefings.labels import kind_label
from bot.core.briefings.model import Briefing, Choice, Line, Section
from bot.core.briefings.when import When, first_and_last_day, parse_when, split_when
from bot.core.facts.dates import FuzzyDate
from bot.core.facts.models import Event, Place
from bot.core.matching import Resolution

__all__ = ["VISIT_FINDS", "visit"]

VISIT_FINDS = frozenset({"event", "person", "place", "country", "organisation"})
"""A /visit query may name the event itself or anyone or anywhere involved."""

MAX_CHOICES = 25


async def visit(ctx: Context, query: str | None = None) -> Briefing:
    events = ctx.view.events
    if not query or not query.strip():
        dated = [e for e in events if ctx.view.dates[e.id].earliest() is not None]
        if not dated:
            return _nothing(ctx, "")
        return await event_briefing(ctx, max(dated, key=event_sort_key))

    when = parse_when(query)
    if when is not None:
        return await _one_or_choices(ctx, query, [e for e in events if _during(e, when)])

    whole = ctx.resolve(query, VISIT_FINDS)
    named_when = split_when(query)
    if named_when is not None:  # "Thongloun January 2026": their events in that month
        name, when = named_when
        within = ctx.resolve(name, VISIT_FINDS)
        if within.status == "match" and within.match is not None:
            involved = _events_of(ctx, within.match.id)
            found = [e for e in involved if _during(e, when)]
            if found or whole.status != "match":  # else the text names something itself
                return await _one_or_choices(ctx, query, found)
    if whole.status == "ambiguous":
        # /visit answers with visits: several things named are offered as the events they
        # lead to (facts-audit L15: "border" named two delegations, not the border meeting).
        reached = _events_reached(ctx, query, [c.id for c in whole.candidates])
        if reached:
            return await _one_or_choices(ctx, query, reached)
        whole = Resolution("none")  # things named, none in a visit: nothing to offer
    if whole.status != "match" or whole.match is None:
        if whole.status == "none":  # only suggestions that lead to an event
            reachable = tuple(c for c in whole.suggestions if c.id in ctx.state.in_events)
            whole = dataclasses.replace(whole, suggestions=reachable)
        return unresolved(ctx, query, whole, "visit", "query", ctx.t("not_found.visit"))
    found_id = whole.match.id
    entity = ctx.state.factset.entities[found_id]
    if isinstance(entity, Event):
        return await event_briefing(ctx, entity)
    found = _events_of(ctx, found_id)
    if not found and isinstance(entity, Place):  # nothing there: the country's events
        place, country = ctx.name(found_id), ctx.name(entity.country)
        in_country = _events_in_country(ctx, entity.country)
        if not in_country:
            return nothing(ctx, query, ctx.t("not_found.visit_place", place=place))
        note = ctx.t("visit.in_country", place=place, country=country)
        return await _one_or_choices(ctx, query, in_country, note=note)
    if not found:
        reason = ctx.t("not_found.visit_none_involving", name=ctx.name(found_id))
        return nothing(ctx, query, reason)
    return await _one_or_choices(ctx, query, found)


def _events_reached(ctx: Context, query: str, named: list[str]) -> list[Event]:
    """The events that the things `named` take part in (or are), with the events whose own
    names `query` matches: what a choice between those things would lead to, once each."""
    by_name = ctx.resolve(query, {"event"})
    if by_name.status == "match" and by_name.match is not None:
        named = [by_name.match.id, *named]
    elif by_name.status == "ambiguous":
        named = [c.id for c in by_name.candidates] + named
    found: dict[str, Event] = {}
    for entity_id in named:
        for event in _events_of(ctx, entity_id):
            found.setdefault(event.id, event)
    return list(found.values())


def _events_in_country(ctx: Context, country: str) -> list[Event]:
    """Events involving the country, or held at a place in it."""
    ids = {e.id for e in ctx.view.events_with(country)}
    entities = ctx.state.factset.entities
    return [
        e
        for e in ctx.view.events
        if e.id in ids
        or (e.place is not None and getattr(entities.get(e.place), "country", None) == country)
    ]


def _events_of(ctx: Context, entity_id: str) -> list[Event]:
    entity = ctx.state.factset.entities.get(entity_id)
    if isinstance(entity, Event):
        return [entity]
    return list(ctx.view.events_with(entity_id))


def _during(event: Event, when: When) -> bool:
    """Whether the event may have happened then (a month-precise event may be on any day)."""
    date = FuzzyDate.parse(event.date)
    low, high = date.earliest(), date.latest()
    asked = first_and_last_day(when)
    if asked is not None:
        return date.overlaps(*asked)
    if low is None or high is None:  # no year stated: month and day can still be compared
        same_day = when.day is None or date.start.day in (None, when.day)
        return date.start.month == when.month and same_day
    years = range(low.year, high.year + 1)
    if when.day is not None and when.month is not None:  # "December 3": that day, any year
        return any(low <= day <= high for day in _days(years, when.month, when.day))
    return any(date.overlaps_month(y, when.month) for y in years)


def _days(years: range, month: int, day: int) -> list[datetime.date]:
    return [datetime.date(y, month, day) for y in years if day <= monthrange(y, month)[1]]


async def _one_or_choices(
    ctx: Context, query: str, found: list[Event], note: str | None = None
) -> Briefing:
    """One event: its briefing; several: a choice. A `note` (why these events, when they
    are not what was asked for) makes even one event a choice, so that it is read."""
    if not found:
        return _nothing(ctx, query)
    if len(found) == 1 and note is None:
        return await event_briefing(ctx, found[0])
    found.sort(key=event_sort_key)
    lines = tuple(event_line(ctx, event) for event in found[:MAX_CHOICES])
    choices = tuple(
        Choice(clip(line.text, CHOICE_LABEL), event.id, kind_label(event.kind, ctx.locale))
        for line, event in zip(lines, found[:MAX_CHOICES], strict=True)
    )
    return ctx.briefing(
        title=ctx.label("pick_one"),
        summary=Line(f"“{clip(query, 80)}”" + (f" — {note}" if note else "")),
        sections=(Section(ctx.label("events"), lines),),
        status="ambiguous",
        choices=choices,
        choice_command="visit",
        choice_option="query",
        private=True,  # a picker is for the one who asked; the answer they pick is public
    )


def _nothing(ctx: Context, query: str) -> Briefing:
    return nothing(ctx, query, ctx.t("not_found.visit_on_date"))
