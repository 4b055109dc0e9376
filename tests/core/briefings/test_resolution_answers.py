"""Names that match several people, nothing, or nearly something; /visit by month, place and
person; and bad input of every kind, which must get a friendly, private answer, never an
exception. Expected events and people are worked out from the fact files."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import datetime
from typing import Any

import pytest
from briefings_support import (
    ENTITY_FILE,
    EVENTS,
    PEOPLE,
    events_in,
    events_involving,
    known_days,
    name,
)
from support.embeds import embed_problems
from support.paths import loaded

from bot.core import commands
from bot.core.briefings.labels import Locale
from bot.core.briefings.model import Briefing
from bot.core.commands import answer
from bot.core.service import Attache
from bot.frontends.discord.render import render_pages

pytestmark = pytest.mark.asyncio(loop_scope="module")

LOCALES = ("en", "vi")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def people_named(word: str) -> set[str]:
    """Ids of people with `word` as one of the words of their English or Vietnamese name."""
    return {
        person["id"]
        for person in PEOPLE
        if _fold(word)
        in {_fold(part) for key in ("name_en", "name_vi") for part in person[key].split()}
    }


def _rendered_ok(briefing: Briefing, locale: Locale) -> list[str]:
    return [
        problem
        for page in render_pages(briefing, locale)
        for problem in embed_problems(page.to_dict())
    ]


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("given", ["Nguyễn", "nguyen", "Minh"])
async def test_a_shared_name_offers_a_choice(attache: Attache, given: str, locale: Locale) -> None:
    briefing = await answer(attache, "leader", {"name": given}, locale)
    offered = {choice.value for choice in briefing.choices}

    assert briefing.status == "ambiguous"
    assert briefing.private
    assert (briefing.choice_command, briefing.choice_option) == ("leader", "name")
    nguyens = people_named("Nguyen")
    assert len(nguyens) == 2, "the facts have two Nguyens"
    assert nguyens <= offered, "both Nguyen candidates must be offered"
    assert offered <= people_named(given), "only people with that name may be offered"
    for choice in briefing.choices:
        assert len(choice.label) <= 100
        # The choice menu says what each entry is, in the reader's language.
        assert choice.description == {"en": "person", "vi": "lãnh đạo"}[locale]
    assert _rendered_ok(briefing, locale) == []


@pytest.mark.parametrize("locale", LOCALES)
async def test_a_stranger_is_not_found_and_nothing_is_offered(
    attache: Attache, locale: Locale
) -> None:
    briefing = await answer(attache, "leader", {"name": "Donald Trump"}, locale)

    assert briefing.status == "not_found"
    assert briefing.private
    assert briefing.choices == ()
    assert "Donald Trump" in briefing.summary.text, "the answer repeats what was asked"


@pytest.mark.parametrize(
    ("given", "person_id"),
    [
        ("Thonglun", "thongloun-sisoulith"),
        ("Thongloum Sisoulith", "thongloun-sisoulith"),
        ("thongloun", "thongloun-sisoulith"),
        # the README's promise: these all find the same person
        ("Tô Lâm", "to-lam"),
        ("to lam", "to-lam"),
        ("Lâm", "to-lam"),
        ("General Secretary To Lam", "to-lam"),
        ("Tổng Bí thư Tô Lâm", "to-lam"),
        ("Pham Minh Chinh", "pham-minh-chinh"),
        ("phạm minh chính", "pham-minh-chinh"),
    ],
)
async def test_spellings_and_small_typos_find_the_person(
    attache: Attache, given: str, person_id: str
) -> None:
    briefing = await answer(attache, "leader", {"name": given}, "en")

    assert briefing.status == "ok", (briefing.title, briefing.summary.text)
    person = next(p for p in PEOPLE if p["id"] == person_id)
    assert person["name_en"] in briefing.title
    assert briefing.sources


# --- /visit ------------------------------------------------------------------------------


def _assert_events(briefing: Briefing, expected: list[dict[str, Any]], locale: Locale) -> None:
    """One event: its briefing. Several: a choice between exactly those events."""
    assert expected, "the test expects at least one event"
    if len(expected) == 1:
        assert briefing.status == "ok", (briefing.title, briefing.summary.text)
        assert briefing.title == name(expected[0]["id"], locale)
        return
    assert briefing.status == "ambiguous", briefing.title
    assert {choice.value for choice in briefing.choices} == {loaded(e["id"]) for e in expected}
    assert (briefing.choice_command, briefing.choice_option) == ("visit", "query")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("query", "year", "month"),
    [
        ("tháng 1 2026", 2026, 1),
        ("thang 1 nam 2026", 2026, 1),
        ("December 2025", 2025, 12),
        ("Dec 2025", 2025, 12),
        ("2025-12", 2025, 12),
        ("February 2026", 2026, 2),
        ("tháng 2/2026", 2026, 2),
        ("tháng Giêng 2026", 2026, 1),
        ("thang gieng 2026", 2026, 1),
        ("tháng Chạp 2025", 2025, 12),
        ("tháng Hai năm 2026", 2026, 2),
    ],
)
async def test_visit_by_month(
    attache: Attache, query: str, year: int, month: int, locale: Locale
) -> None:
    briefing = await answer(attache, "visit", {"query": query}, locale)

    _assert_events(briefing, events_in(year, month), locale)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("query", "entity_id"),
    [
        ("Vientiane", "vientiane"),
        ("Viêng Chăn", "vientiane"),
        ("Thongloun", "thongloun-sisoulith"),
        ("To Lam", "to-lam"),
        ("Nguyen Minh Vu", "nguyen-minh-vu"),
    ],
)
async def test_visit_by_place_or_person(
    attache: Attache, query: str, entity_id: str, locale: Locale
) -> None:
    briefing = await answer(attache, "visit", {"query": query}, locale)

    _assert_events(briefing, events_involving(entity_id), locale)
    assert _rendered_ok(briefing, locale) == []


async def test_visit_in_a_month_without_events_is_not_found(attache: Attache) -> None:
    empty_months = [
        (year, month)
        for year in (2024, 2025)
        for month in range(1, 13)
        if not events_in(year, month)
    ]
    assert empty_months
    for year, month in empty_months[:3]:
        briefing = await answer(attache, "visit", {"query": f"{year}-{month:02d}"}, "en")
        assert briefing.status == "not_found", (year, month, briefing.title)
        assert briefing.private


async def test_visit_by_event_name(attache: Attache) -> None:
    for event in EVENTS:
        briefing = await answer(attache, "visit", {"query": event["name_en"]}, "en")
        assert (briefing.status, briefing.title) == ("ok", event["name_en"])


# --- bad input ---------------------------------------------------------------------------

ODD_TEXT = [
    "@everyone",
    "@here hello",
    "**bold** <@123>",
    "<@123456789012345678> __x__ `y` ||z||",
    "[click](https://example.com)",
    "\u202e\u202d\u200f",
    "\x00\x01\x7f",
    "\ud800",
    "🇻🇳🇱🇦",
    "\u0301\u0301\u0301",
    "\ufeff\u3000",
    "ﷺﷺﷺ",
    "Z̤̈a̤̤l̈g̈o̤",
]

BAD_CALLS: list[Any] = [
    pytest.param("nope", {}, {"invalid"}, id="unknown-command"),
    pytest.param("/leaders", {"name": "To Lam"}, {"invalid"}, id="unknown-command-typo"),
    pytest.param("", {}, {"invalid"}, id="empty-command"),
    pytest.param("x" * 10_000, {}, {"invalid"}, id="huge-command"),
    pytest.param("leader", {"nickname": "To Lam"}, {"invalid"}, id="unknown-option"),
    pytest.param("help", {"topic": "x"}, {"invalid"}, id="option-on-help"),
    pytest.param("leader", {}, {"invalid"}, id="missing-name"),
    pytest.param("leader", {"name": "   "}, {"invalid"}, id="blank-name"),
    pytest.param("search", {}, {"invalid"}, id="missing-text"),
    pytest.param("timeline", {"year": 1899}, {"invalid"}, id="year-too-early"),
    pytest.param("timeline", {"year": 2101}, {"invalid"}, id="year-too-late"),
    pytest.param("timeline", {"year": -5}, {"invalid"}, id="year-negative"),
    pytest.param("timeline", {"year": "twenty"}, {"invalid"}, id="year-not-a-number"),
    pytest.param("timeline", {"year": 1950}, {"not_found"}, id="year-without-events"),
    *[
        pytest.param(command, {option: "x" * 10_000}, {"invalid"}, id=f"10k-{command}")
        for command, option in (
            ("leader", "name"),
            ("search", "text"),
            ("visit", "query"),
            ("pillars", "pillar"),
            ("sources", "source"),
        )
    ],
    *[
        pytest.param("leader", {"name": text}, {"invalid", "not_found"}, id=f"leader-odd-{n}")
        for n, text in enumerate(ODD_TEXT)
    ],
    *[
        pytest.param("search", {"text": text}, {"invalid", "not_found"}, id=f"search-odd-{n}")
        for n, text in enumerate(ODD_TEXT)
        if "example" not in text  # real words: full-text search may well find them
    ],
    *[
        pytest.param("pillars", {"pillar": text}, {"invalid", "not_found"}, id=f"pillar-odd-{n}")
        for n, text in enumerate(ODD_TEXT)
    ],
]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(("command", "options", "statuses"), BAD_CALLS)
async def test_bad_input_gets_a_private_friendly_answer(
    attache: Attache, command: str, options: dict[str, Any], statuses: set[str], locale: Locale
) -> None:
    briefing = await answer(attache, command, options, locale)

    assert briefing.status in statuses, (briefing.title, briefing.summary.text)
    assert briefing.private
    assert briefing.summary.text, "say what went wrong"
    assert "Traceback" not in briefing.summary.text
    assert len(briefing.summary.text) < 400, "repeat what was asked, not all 10,000 characters"
    assert _rendered_ok(briefing, locale) == []


async def test_bad_input_is_answered_in_the_readers_language(attache: Attache) -> None:
    english = await answer(attache, "leader", {}, "en")
    vietnamese = await answer(attache, "leader", {}, "vi")

    assert english.summary.text != vietnamese.summary.text
    assert english.title != vietnamese.title


async def test_an_unexpected_error_becomes_an_apology_with_an_id(
    attache: Attache, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(ctx: object) -> Briefing:
        raise RuntimeError("the disk caught fire")

    spec = commands.COMMANDS["about"]
    monkeypatch.setitem(commands.COMMANDS, "about", dataclasses.replace(spec, run=broken))

    briefing = await answer(attache, "about", {}, "en")

    assert briefing.status == "error"
    assert briefing.private
    assert "disk caught fire" not in briefing.summary.text, "no internals shown to users"
    assert re.search(r"\b[0-9a-f]{6,}\b", briefing.summary.text), "the short id to report"


def _in_no_event() -> list[str]:
    """People, places, countries and organisations that no event involves, read from the
    files: the things /visit finds by name but cannot show a visit for."""
    involved = {
        ref
        for event in EVENTS
        for ref in (
            event["id"],
            event.get("host"),
            event.get("guest"),
            event.get("place"),
            *event.get("participants", []),
            *event.get("pillars", []),
        )
    }
    lookable = [p["id"] for p in PEOPLE] + [
        entity["id"]
        for section in ("countries", "places", "organisations")
        for entity in ENTITY_FILE.get(section, [])
    ]
    return [entity_id for entity_id in lookable if entity_id not in involved]


@pytest.mark.parametrize("entity_id", _in_no_event())
async def test_visit_about_something_with_no_visit_says_so(
    attache: Attache, entity_id: str
) -> None:
    """Found, but in no event: say that plainly, naming it, rather than "no such name"."""
    briefing = await answer(attache, "visit", {"query": entity_id}, "en")
    assert briefing.status == "not_found"
    assert briefing.private
    assert name(entity_id, "en") in briefing.summary.text
    assert "no visit or meeting" in briefing.summary.text


async def test_visit_autocomplete_offers_only_what_has_a_visit(attache: Attache) -> None:
    assert _in_no_event(), "the shipped facts have something in no event"
    offered = {c.value for c in commands.complete(attache, "visit", "query", "")}
    for entity_id in _in_no_event():
        typed = name(entity_id, "en")
        offered |= {c.value for c in commands.complete(attache, "visit", "query", typed)}
    assert offered, "autocomplete offers something"
    assert not offered & set(_in_no_event())


def _person_month_cases() -> list[tuple[str, str, str]]:
    """(person id, "Month YYYY" of one of their events with a known month, event id)."""
    cases = []
    for person in PEOPLE:
        for event in events_involving(person["id"]):
            days = known_days(event["date"])
            if days and days[0].month == days[1].month:
                cases.append((person["id"], days[0].strftime("%B %Y"), event["id"]))
    return cases


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(("person_id", "month", "event_id"), _person_month_cases())
async def test_visit_by_person_and_month(
    attache: Attache, person_id: str, month: str, event_id: str, locale: Locale
) -> None:
    """ "Thongloun January 2026" / "Thongloun tháng 1/2026": that person's events in that
    month, and only those."""
    if locale == "vi":  # as Vietnamese news writes it
        day = datetime.strptime(month, "%B %Y")
        month = f"tháng {day.month}/{day.year}"
    query = f"{name(person_id, locale)} {month}"
    briefing = await answer(attache, "visit", {"query": query}, locale)
    if briefing.status == "ambiguous":
        offered = {choice.value for choice in briefing.choices}
    else:
        assert briefing.status == "ok", briefing.summary.text
        offered = {loaded(e["id"]) for e in EVENTS if name(e["id"], locale) == briefing.title}
    assert loaded(event_id) in offered
    theirs = {loaded(e["id"]) for e in events_involving(person_id)}
    assert offered <= theirs, "only events of that person"


async def test_visit_by_person_in_a_year_with_nothing(attache: Attache) -> None:
    briefing = await answer(attache, "visit", {"query": "Thongloun 1999"}, "en")
    assert briefing.status == "not_found"
    assert briefing.private
