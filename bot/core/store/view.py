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
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TypeVar

from bot.core.facts.dates import FuzzyDate
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

    @classmethod
    def build(cls, factset: FactSet) -> FactsView:
        about: defaultdict[str, list[FactStatement]] = defaultdict(list)
        from_source: defaultdict[str, list[FactStatement]] = defaultdict(list)
        for statement in factset.statements.values():
            for entity_id in dict.fromkeys(statement.about):
                about[entity_id].append(statement)
            from_source[statement.source].append(statement)

        dated = [
            (FuzzyDate.parse(entity.date), entity)
            for entity in factset.entities.values()
            if isinstance(entity, Event)
        ]
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
        longest = max((high.toordinal() - low.toordinal() for low, high in spans if low and high),
                      default=0)  # fmt: skip

        reading: defaultdict[str, list[FurtherReading]] = defaultdict(list)
        for item in sorted(factset.further_reading, key=lambda r: (r.published, r.id)):
            reading[item.about].append(item)

        return cls(
            factset=factset,
            events=events,
            dates={event.id: date_ for date_, event in dated},
            _about=_frozen(about),
            _from_source=_frozen(from_source),
            _events_with={ref: tuple(found.values()) for ref, found in with_.items()},
            _parts=_frozen(parts),
            _reading=_frozen(reading),
            _first_days=first_days,
            _longest=longest,
        )

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


def _day_number(day: date | None) -> int:
    return day.toordinal() if day is not None else _NEVER


def _frozen(groups: Mapping[str, list[T]]) -> dict[str, tuple[T, ...]]:
    return {key: tuple(items) for key, items in groups.items()}
