"""The one read model of the facts: a `FactSet` with the lookups every command asks for.

Built once per snapshot from the `FactSet` (in the reload's worker thread), never changed
afterwards, and read synchronously: a lookup is a dict access, not a query or a thread hop.
Each question has one code path here: statements about an id, statements from a source,
events in date order (optionally those that may fall between two days, by
`FuzzyDate.overlaps`, the only date-window rule), events an id took part in, the parts of an
event, further reading. Full-text search is the only question answered elsewhere
(`bot.core.store.search`), because ranking words is what SQLite's FTS5 is for. See
docs/read-model.md for the measurements behind this split.
"""

from __future__ import annotations

import calendar
import operator
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TypeVar

from bot.core.facts.dates import FuzzyDate
from bot.core.facts.diff import Delta, Moved, same_objects
from bot.core.facts.factset import FactSet, FactStatement
from bot.core.facts.models import Event, FurtherReading

__all__ = ["FactsView"]

T = TypeVar("T")
_NEVER = date.max.toordinal() + 1
"""Sorts after every day: `FuzzyDate.sort_key` puts dates with no first day ("--12-03") last."""


@dataclass(frozen=True, slots=True, eq=False)
class FactsView:
    factset: FactSet
    events: tuple[Event, ...]
    """Every event in date order (`FuzzyDate.sort_key`, then id): dates with no year last."""
    dates: Mapping[str, FuzzyDate]
    """Each event's date, parsed once."""
    _about: Mapping[str, tuple[FactStatement, ...]]
    _from_source: Mapping[str, tuple[FactStatement, ...]]
    _events_with: Mapping[str, tuple[Event, ...]]
    _parts: Mapping[str, tuple[Event, ...]]
    _reading: Mapping[str, tuple[FurtherReading, ...]]
    _first_days: tuple[int, ...]
    """The first possible day (ordinal) of each event in `events`; days with no year last."""
    _longest: int
    """The most days any event may span: how far before a window an overlap can start."""
    _in_order: tuple[Event, ...] = ()
    """The events as the fact set lists them: when a newer fact set lists the very same
    objects, every event lookup above is still right."""

    @classmethod
    def build(
        cls, factset: FactSet, previous: FactsView | None = None, delta: Delta | None = None
    ) -> FactsView:
        """Every lookup, from scratch or (given the view of the facts before a reload) with
        only what changed redone: unchanged statements and events are the very same objects
        from one build to the next (facts/build.py), so a reload after one edited file
        regroups that file's statements, not 50,000. `delta`: between the two fact sets,
        if the caller has it already."""
        in_order = tuple(e for e in factset.entities.values() if isinstance(e, Event))
        if previous is not None and same_objects(previous._in_order, in_order):
            events_part = previous._events_part()
        else:
            events_part = _events(in_order)
        if previous is not None:
            moved = (delta or Delta.between(previous.factset, factset)).statements
            about, from_source = _regrouped(previous, factset, moved)
        else:
            about, from_source = _grouped(factset.statements.values())
        if previous is not None and same_objects(previous.factset.further_reading,
                                          factset.further_reading):  # fmt: skip
            reading = previous._reading
        else:
            reading = _reading(factset.further_reading)
        events, dates, with_, parts, first_days, longest = events_part
        return cls(
            factset=factset,
            events=events,
            dates=dates,
            _about=about,
            _from_source=from_source,
            _events_with=with_,
            _parts=parts,
            _reading=reading,
            _first_days=first_days,
            _longest=longest,
            _in_order=in_order,
        )

    def _events_part(self) -> _EventsPart:
        return (self.events, self.dates, self._events_with, self._parts, self._first_days,
                self._longest)  # fmt: skip

    def statements_about(self, entity_id: str) -> tuple[FactStatement, ...]:
        """Every statement about an entity or relationship, in the files' order."""
        return self._about.get(entity_id, ())

    def statements_from(self, source_id: str) -> tuple[FactStatement, ...]:
        """Every statement that rests on one source, in the files' order."""
        return self._from_source.get(source_id, ())

    def statements(self, ids: Iterable[str]) -> list[FactStatement]:
        """In the order given; unknown ids are skipped."""
        known = self.factset.statements
        return [known[i] for i in ids if i in known]

    def events_between(self, first: date, last: date) -> list[Event]:
        """Events that may have happened on a day from `first` to `last`, in date order.

        `FuzzyDate.overlaps` decides; the events' first days (sorted, as `events` is) only
        narrow down which ones it needs to be asked about."""
        dates, candidates = self.dates, self.events
        if self._first_days:
            low = bisect_left(self._first_days, first.toordinal() - self._longest)
            candidates = candidates[low : bisect_right(self._first_days, last.toordinal())]
        return [e for e in candidates if dates[e.id].overlaps(first, last)]

    def events_in(self, year: int, month: int | None = None) -> list[Event]:
        """Events that may fall in that year (or month of it), in date order."""
        last_month = month or 12
        last = date(year, last_month, calendar.monthrange(year, last_month)[1])
        return self.events_between(date(year, month or 1, 1), last)

    def events_with(self, entity_id: str) -> tuple[Event, ...]:
        """Events an entity hosted, visited, took part in, or that happened there; by date."""
        return self._events_with.get(entity_id, ())

    def parts_of(self, event_id: str) -> tuple[Event, ...]:
        """The events that are part of this one (a visit's talks), by date."""
        return self._parts.get(event_id, ())

    def further_reading(self, about: str) -> tuple[FurtherReading, ...]:
        return self._reading.get(about, ())


_EventsPart = tuple[
    tuple[Event, ...],
    Mapping[str, FuzzyDate],
    Mapping[str, tuple[Event, ...]],
    Mapping[str, tuple[Event, ...]],
    tuple[int, ...],
    int,
]


def _grouped(
    statements: Iterable[FactStatement],
) -> tuple[dict[str, tuple[FactStatement, ...]], dict[str, tuple[FactStatement, ...]]]:
    about: defaultdict[str, list[FactStatement]] = defaultdict(list)
    from_source: defaultdict[str, list[FactStatement]] = defaultdict(list)
    for statement in statements:
        for entity_id in dict.fromkeys(statement.about):
            about[entity_id].append(statement)
        from_source[statement.source].append(statement)
    return _frozen(about), _frozen(from_source)


def _regrouped(
    previous: FactsView, factset: FactSet, moved: Moved
) -> tuple[Mapping[str, tuple[FactStatement, ...]], Mapping[str, tuple[FactStatement, ...]]]:
    """The previous view's groups, with only those that hold a statement that is not the very
    same object as before (`moved`) made again, in the files' order."""
    old, new = previous.factset.statements, factset.statements
    if not moved:
        return previous._about, previous._from_source
    if len(moved.fresh) + len(moved.gone) > len(new) // 4:
        return _grouped(new.values())
    gone = [old[key] for key in moved.gone]
    fresh = [new[key] for key in moved.fresh]
    replaced = [old[s.id] for s in fresh if s.id in old]
    about = dict(previous._about)
    from_source = dict(previous._from_source)
    if (
        not gone
        and len(replaced) == len(fresh)
        and all(
            _about_keys(a) == _about_keys(b) and a.source == b.source
            for a, b in zip(replaced, fresh, strict=True)
        )
        and len(old) == len(new)
        and all(map(operator.eq, old, new))
    ):
        # The same statements in the same order, each in the groups its old self was in:
        # put each in its old place.
        for groups, keys_of in ((about, _about_keys), (from_source, _source_keys)):
            for key in {key for s in fresh for key in keys_of(s)}:
                groups[key] = tuple(new.get(s.id, s) for s in groups[key])
        return about, from_source
    touched = {s.id for s in fresh} | {s.id for s in gone}
    position = {ident: n for n, ident in enumerate(new)}
    for groups, keys_of in ((about, _about_keys), (from_source, _source_keys)):
        keys = {key for s in (*gone, *replaced, *fresh) for key in keys_of(s)}
        for key in keys:
            kept = [s for s in groups.get(key, ()) if s.id not in touched]
            kept += [s for s in fresh if key in keys_of(s)]
            kept.sort(key=lambda s: position[s.id])
            if kept:
                groups[key] = tuple(kept)
            else:
                groups.pop(key, None)
    return about, from_source


def _about_keys(statement: FactStatement) -> tuple[str, ...]:
    return statement.about


def _source_keys(statement: FactStatement) -> tuple[str, ...]:
    return (statement.source,)


def _events(in_order: Sequence[Event]) -> _EventsPart:
    dated = [(FuzzyDate.parse(event.date), event) for event in in_order]
    dated.sort(key=lambda pair: (pair[0].sort_key(), pair[1].id))
    events = tuple(event for _, event in dated)
    with_: defaultdict[str, dict[str, Event]] = defaultdict(dict)
    parts: defaultdict[str, list[Event]] = defaultdict(list)
    for event in events:  # in date order, so every list below is too
        for _, ref in event.parties():
            with_[ref][event.id] = event
        if event.part_of is not None:
            parts[event.part_of].append(event)

    spans = [(date_.earliest(), date_.latest()) for date_, _ in dated]
    # A "before X" date has no first day but sorts just before X: its last day keeps the
    # days in the order of `events`. If they were ever out of order, narrowing is off.
    first_days = tuple(_day_number(low or high) for low, high in spans)
    if any(a > b for a, b in pairwise(first_days)):
        first_days = ()
    longest = max(
        (high.toordinal() - low.toordinal() for low, high in spans if low and high), default=0
    )
    return (
        events,
        {event.id: date_ for date_, event in dated},
        {ref: tuple(found.values()) for ref, found in with_.items()},
        _frozen(parts),
        first_days,
        longest,
    )


def _reading(items: Iterable[FurtherReading]) -> dict[str, tuple[FurtherReading, ...]]:
    reading: defaultdict[str, list[FurtherReading]] = defaultdict(list)
    for item in sorted(items, key=lambda r: (r.published, r.id)):
        reading[item.about].append(item)
    return _frozen(reading)


def _day_number(day: date | None) -> int:
    return day.toordinal() if day is not None else _NEVER


def _frozen(groups: Mapping[str, list[T]]) -> dict[str, tuple[T, ...]]:
    return {key: tuple(items) for key, items in groups.items()}
