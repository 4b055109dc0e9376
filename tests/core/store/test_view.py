"""The read model (`FactsView`), checked against the shipped facts.

Every expectation is computed here, independently of the view, from the `FactSet` the loader
builds (or read straight from the fact files): which statements are about what, which events
fall in a month, in what order. Dates are parsed by a small helper in this file rather than
by `FuzzyDate`, so that a date bug cannot hide behind itself. The view is read-only once
built, so one per module serves every test.
"""

from __future__ import annotations

import calendar
import dataclasses
import random
from collections.abc import Iterable
from datetime import date, timedelta

import pytest

from bot.core.facts.dates import FuzzyDate
from bot.core.facts.factset import FactSet, FactStatement
from bot.core.facts.models import Event
from bot.core.store.view import FactsView


@pytest.fixture(scope="module")
def view(factset: FactSet) -> FactsView:
    return FactsView.build(factset)


def ids(events: Iterable[Event]) -> list[str]:
    return [event.id for event in events]


def _point(text: str) -> tuple[int, int | None, int | None]:
    parts = [int(part) for part in text.strip().split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def _first(text: str) -> date:
    year, month, day = _point(text)
    return date(year, month or 1, day or 1)


def _last(text: str) -> date:
    year, month, day = _point(text)
    month = month or 12
    return date(year, month, day or calendar.monthrange(year, month)[1])


def span(text: str) -> tuple[date | None, date | None]:
    """First and last possible day of a fact date; None where the source does not say."""
    text = text.strip()
    if text.startswith("--"):  # a day of the year, year not stated
        return None, None
    if text.startswith("before "):
        return None, _first(text.removeprefix("before ")) - timedelta(days=1)
    start, _, end = text.partition("/")
    return _first(start), _last(end or start)


def chronological(text: str) -> tuple[int, str, int]:
    """Date order as a reader expects it: "before X" just before anything on X, no year last;
    a day with no year reported before X (facts-audit H1) at the latest such day before X."""
    text = text.strip()
    if text.startswith("--") and " before " in text:
        day, _, bound = text.partition(" before ")
        month, number = (int(part) for part in day[2:].split("-"))
        limit = _first(bound)
        year = limit.year if (month, number) < (limit.month, limit.day) else limit.year - 1
        return (0, f"{year:04d}-{month:02d}-{number:02d}", 1)
    if text.startswith("--"):
        return (1, text, 0)
    if text.startswith("before "):
        return (0, _first(text.removeprefix("before ")).isoformat(), 0)
    return (0, _first(text.partition("/")[0]).isoformat(), 1)


def events_of(factset: FactSet) -> dict[str, Event]:
    return {i: e for i, e in factset.entities.items() if isinstance(e, Event)}


def involved(event: Event) -> set[str]:
    refs = {event.host, event.guest, event.place, *event.participants, *event.pillars}
    return {ref for ref in refs if ref is not None}


# --- Lookups agree with the FactSet ------------------------------------------------------


def test_statements_about_agrees_with_the_factset(view: FactsView, factset: FactSet) -> None:
    subjects = set(factset.entities) | set(factset.relationships)
    checked = 0
    for entity_id in sorted(subjects):
        expected = [s for s in factset.statements.values() if entity_id in s.about]
        assert list(view.statements_about(entity_id)) == expected, entity_id
        checked += len(expected)
    assert checked >= len(factset.statements)
    assert view.statements_about("no-such-entity") == ()


def test_statements_from_agrees_with_the_factset(view: FactsView, factset: FactSet) -> None:
    for source_id in factset.sources:
        expected = [s for s in factset.statements.values() if s.source == source_id]
        assert list(view.statements_from(source_id)) == expected, source_id
    assert view.statements_from("no-such-source") == ()


def test_statements_by_id_keeps_the_order_given(view: FactsView, factset: FactSet) -> None:
    statements: list[FactStatement] = list(factset.statements.values())
    first, last = statements[0], statements[-1]
    asked = [last.id, "no-such-statement", first.id, "' OR 1=1 --"]
    assert view.statements(asked) == [last, first]
    assert view.statements([]) == []


def test_events_with_agrees_with_the_factset(view: FactsView, factset: FactSet) -> None:
    events = events_of(factset)
    for entity_id in sorted(set(factset.entities) | set(factset.relationships)):
        expected = {i for i, e in events.items() if entity_id in involved(e)}
        found = ids(view.events_with(entity_id))
        assert len(found) == len(set(found)), f"duplicates for {entity_id}: {found}"
        assert set(found) == expected, entity_id
    # people.toml / events.toml: Thongloun Sisoulith is the guest of the January 2026 visit.
    thongloun = ids(view.events_with("thongloun-sisoulith"))
    assert "vietnam-laos/thongloun-state-visit-vietnam-2026-01" in thongloun


PERIODS = [
    (2024, None),
    (2025, None),
    (2025, 11),
    (2025, 12),
    (2026, None),
    (2026, 1),
    (2026, 2),
    (2026, 3),
]


@pytest.mark.parametrize(("year", "month"), PERIODS)
def test_events_in_a_month_or_year_agree_with_the_dates(
    view: FactsView, factset: FactSet, year: int, month: int | None
) -> None:
    start = date(year, month or 1, 1)
    end_month = month or 12
    end = date(year, end_month, calendar.monthrange(year, end_month)[1])
    expected = []
    for event_id, event in events_of(factset).items():
        first, last = span(event.date)
        if first is not None and last is not None and first <= end and last >= start:
            expected.append((first, event_id))
    assert ids(view.events_in(year, month)) == [event_id for _, event_id in sorted(expected)]


def test_events_in_february_2026_by_hand(view: FactsView) -> None:
    # events.toml, read by hand: the visit (2026-02), its talks (2026-02) and the
    # community meeting (2026-02-05). "before 2026-01-26" events have no certain month.
    assert set(ids(view.events_in(2026, 2))) == {
        "vietnam-laos/to-lam-state-visit-laos-2026-02",
        "vietnam-laos/to-lam-thongloun-talks-2026-02",
        "vietnam-laos/to-lam-meets-community-vientiane-2026-02-05",
    }
    january = ids(view.events_in(2026, 1))
    assert "vietnam-laos/thongloun-state-visit-vietnam-2026-01" in january
    assert "vietnam-laos/mofa-announces-thongloun-visit" not in january  # "before 2026-01-26"
    december = ids(view.events_in(2025, 12))
    assert "vietnam-laos/pham-minh-chinh-meets-thongloun" not in december  # "--12-03"


def test_all_events_are_listed_in_date_order(view: FactsView, factset: FactSet) -> None:
    events = events_of(factset)
    expected = sorted(events, key=lambda i: (chronological(events[i].date), i))
    found = ids(view.events)
    assert sorted(found) == sorted(expected)
    assert found == expected, (
        "events is not in date order: an event known only as 'before X' must come before "
        "an event that starts on X (see FuzzyDate.sort_key)"
    )


def test_events_with_are_listed_in_date_order(view: FactsView, factset: FactSet) -> None:
    events = events_of(factset)
    wrong = {}
    for entity_id in sorted(factset.entities):
        found = ids(view.events_with(entity_id))
        expected = sorted(found, key=lambda i: (chronological(events[i].date), i))
        if found != expected:
            wrong[entity_id] = (found, expected)
    assert not wrong, f"events_with not in date order (found, expected): {wrong}"


def test_further_reading_agrees_with_the_factset(view: FactsView, factset: FactSet) -> None:
    abouts = {f.about for f in factset.further_reading}
    for about in sorted(abouts):
        expected = sorted(
            (f for f in factset.further_reading if f.about == about),
            key=lambda f: (f.published, f.id),
        )
        assert list(view.further_reading(about)) == expected, about
    assert view.further_reading("no-such-event") == ()


def test_parts_of_agrees_with_the_factset(view: FactsView, factset: FactSet) -> None:
    events = events_of(factset)
    wholes = {e.part_of for e in events.values() if e.part_of}
    assert wholes, "the facts changed: no event is part of another"
    for event_id in events:
        expected = sorted(
            (i for i, e in events.items() if e.part_of == event_id),
            key=lambda i: (chronological(events[i].date), i),
        )
        assert ids(view.parts_of(event_id)) == expected, event_id


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2026, 1, 26), date(2026, 1, 26)),
        (date(2026, 1, 1), date(2026, 2, 28)),
        (date(2025, 12, 3), date(2025, 12, 3)),
        (date(2000, 1, 1), date(2100, 1, 1)),
    ],
)
def test_events_between_two_days_agree_with_the_dates(
    view: FactsView, factset: FactSet, first: date, last: date
) -> None:
    expected = []
    for event_id, event in events_of(factset).items():
        low, high = span(event.date)
        if low is not None and high is not None and low <= last and high >= first:
            expected.append(event_id)
    assert sorted(ids(view.events_between(first, last))) == sorted(expected)


def _random_date(rng: random.Random) -> str:
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(2_000))
    form = rng.randrange(6)
    if form == 0:
        return f"{day.year}"
    if form == 1:
        return f"{day.year}-{day.month:02d}"
    if form == 2:
        return f"before {day.isoformat()}"
    if form == 3:
        return f"--{day.month:02d}-{day.day:02d}"
    if form == 4:
        return f"{day.isoformat()}/{(day + timedelta(days=rng.randrange(60))).isoformat()}"
    return day.isoformat()


def test_events_between_agrees_with_a_plain_scan_on_many_dates(factset: FactSet) -> None:
    """Every kind of date (year, month, day, range, "before", no year), 400 events: the
    narrowed lookup finds exactly what asking every event would."""
    rng = random.Random(14)
    template = next(iter(events_of(factset).values()))
    events = {
        f"e{n}": template.model_copy(update={"id": f"e{n}", "date": _random_date(rng)})
        for n in range(400)
    }
    view = FactsView.build(dataclasses.replace(factset, entities=events))
    assert len(view.events) == 400
    assert view._first_days, "the lookup is narrowed, not a plain scan"
    for _ in range(200):
        first = date(2019, 6, 1) + timedelta(days=rng.randrange(2_400))
        last = first + timedelta(days=rng.choice((0, 1, 30, 365)))
        expected = {i for i, e in events.items() if FuzzyDate.parse(e.date).overlaps(first, last)}
        found = ids(view.events_between(first, last))
        assert set(found) == expected, (first, last)
        assert found == [i for i in ids(view.events) if i in expected], "not in date order"
