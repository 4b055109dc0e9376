"""/leader by title, office or role, in English and Vietnamese, with or without marks; and
/visit of a place where nothing happened. Who holds which title is read from people.toml
(briefings_support), not from the code under test."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from briefings_support import PEOPLE, date_text, events_involving
from support.paths import FACTS, loaded

from bot.core.briefings.labels import Locale
from bot.core.commands import answer
from bot.core.service import Attache

pytestmark = pytest.mark.asyncio(loop_scope="module")


def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def holders(*phrase: str, unless: tuple[str, ...] = ()) -> set[str]:
    """People with a title (English or Vietnamese) holding one of the phrases, folded, and
    none of the words in `unless`."""
    found = set()
    for person in PEOPLE:
        for title in person.get("titles", []):
            for text in (title["title"], title.get("title_vi") or ""):
                folded = f" {plain(text).replace(',', ' ')} "
                if any(f" {p} " in folded for p in phrase) and not any(
                    f" {u} " in folded for u in unless
                ):
                    found.add(person["id"])
    return found


AMBASSADORS = holders("ambassador")
GENERAL_SECRETARIES = holders("general secretary")
PRIME_MINISTERS = holders("prime minister", unless=("deputy", "former"))
LAO_AMBASSADOR = holders("lao ambassador", "dai su lao")

# query -> the people it must find (one: their briefing; several: a choice of exactly them)
TABLE = [
    ("Lao ambassador", LAO_AMBASSADOR),
    ("the Lao ambassador", LAO_AMBASSADOR),
    ("đại sứ Lào", LAO_AMBASSADOR),
    ("dai su lao", LAO_AMBASSADOR),
    ("ambassador", AMBASSADORS),
    ("dai su", AMBASSADORS),
    ("Đại sứ", AMBASSADORS),
    ("Prime Minister", PRIME_MINISTERS),
    ("prime minister", PRIME_MINISTERS),
    ("Thủ tướng", PRIME_MINISTERS),
    ("thu tuong", PRIME_MINISTERS),
    ("General Secretary", GENERAL_SECRETARIES),
    ("Tổng Bí thư", GENERAL_SECRETARIES),
    ("tong bi thu", GENERAL_SECRETARIES),
    # Maythong is only the deputy minister's "Lao counterpart" (người đồng cấp): no source
    # calls him a deputy minister, so the title does not find him.
    ("Thứ trưởng", holders("thu truong", unless=("dong cap",))),
    ("Chủ tịch nước Lào", holders("chu tich nuoc lao")),
]


async def test_the_table_means_something() -> None:
    assert len(LAO_AMBASSADOR) == 1 and len(AMBASSADORS) == 2
    assert len(GENERAL_SECRETARIES) == 2 and len(PRIME_MINISTERS) == 1


@pytest.mark.parametrize("locale", ["en", "vi"])
@pytest.mark.parametrize(("query", "people"), TABLE, ids=[q for q, _ in TABLE])
async def test_a_title_finds_who_holds_it(
    attache: Attache, query: str, people: set[str], locale: Locale
) -> None:
    briefing = await answer(attache, "leader", {"name": query}, locale)
    if len(people) == 1:
        (person,) = people
        record = next(p for p in PEOPLE if p["id"] == person)
        assert briefing.status == "ok", (briefing.title, briefing.summary.text)
        assert record["name_en"] in briefing.title
        # the lede is the title asked about, with the date its source gives
        titles = record["titles"]
        shown = {
            t["title_vi"] if locale == "vi" and t.get("title_vi") else t["title"] for t in titles
        }
        assert any(briefing.summary.text.startswith(s) for s in shown), briefing.summary.text
        dates = {date_text(t["as_of"], locale, short=True) for t in titles}
        assert any(d in briefing.summary.text for d in dates), briefing.summary.text
        assert briefing.summary.cites
        return
    assert briefing.status == "ambiguous", briefing.summary.text
    assert briefing.private
    assert (briefing.choice_command, briefing.choice_option) == ("leader", "name")
    assert {c.value for c in briefing.choices} == people
    for choice in briefing.choices:
        assert choice.description and len(choice.description) <= 100
        assert "2026" in choice.description or "/1/" in choice.description
    assert briefing.sources, "each holder's title is cited"


@pytest.mark.parametrize(
    "query", ["foreign minister", "Bộ trưởng", "Phó Thủ tướng", "Vice President"]
)
async def test_an_office_nobody_holds_finds_nobody(attache: Attache, query: str) -> None:
    """A deputy is not the minister; nobody in the facts is Vice President."""
    briefing = await answer(attache, "leader", {"name": query}, "en")
    assert briefing.status == "not_found", [c.value for c in briefing.choices]


async def test_names_still_come_first(attache: Attache) -> None:
    briefing = await answer(attache, "leader", {"name": "Ambassador Khamphao"}, "en")
    assert briefing.status == "ok" and "Khamphao" in briefing.title


# --- /visit of a place with no event ------------------------------------------------------

EXTRA = {  # one file per entity, named by its id
    "countries/cambodia.toml": 'name_en = "Cambodia"\nname_vi = "Campuchia"\n',
    "places/hanoi.toml": 'name_en = "Hanoi"\nname_vi = "Hà Nội"\ncountry = "vietnam"\n',
    "places/phnom-penh.toml": (
        'name_en = "Phnom Penh"\nname_vi = "Phnôm Pênh"\ncountry = "cambodia"\n'
    ),
}


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def with_places(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Attache]:
    """The shipped facts plus Hanoi (in Vietnam, where events are recorded, none in Hanoi)
    and Phnom Penh (in a country with no event at all)."""
    folder = tmp_path_factory.mktemp("facts") / "facts"
    shutil.copytree(FACTS, folder)
    for name, text in EXTRA.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    started = await Attache.start(Path(folder), ":memory:")
    try:
        yield started
    finally:
        await started.close()


@pytest.mark.parametrize("locale", ["en", "vi"])
@pytest.mark.parametrize("query", ["Hanoi", "Hà Nội", "ha noi"])
async def test_a_place_without_events_offers_its_countrys(
    with_places: Attache, query: str, locale: Locale
) -> None:
    assert events_involving("hanoi") == []
    expected = {loaded(e["id"]) for e in events_involving("vietnam")}
    assert expected, "the facts record events involving Vietnam"
    briefing = await answer(with_places, "visit", {"query": query}, locale)
    assert briefing.status == "ambiguous"
    assert {c.value for c in briefing.choices} == expected
    place, country = ("Hà Nội", "Việt Nam") if locale == "vi" else ("Hanoi", "Vietnam")
    assert place in briefing.summary.text and country in briefing.summary.text


@pytest.mark.parametrize("locale", ["en", "vi"])
async def test_a_place_in_a_country_without_events_says_so(
    with_places: Attache, locale: Locale
) -> None:
    briefing = await answer(with_places, "visit", {"query": "Phnom Penh"}, locale)
    assert briefing.status == "not_found"
    assert briefing.choices == ()
    assert ("Phnôm Pênh" if locale == "vi" else "Phnom Penh") in briefing.summary.text


@pytest.mark.parametrize("query", ["Hanoi", "Hà Nội"])
async def test_an_unknown_place_gets_no_unrelated_suggestions(attache: Attache, query: str) -> None:
    """Without Hanoi in the facts: a plain "nothing", no congress offered as "did you mean"."""
    briefing = await answer(attache, "visit", {"query": query}, "en")
    assert briefing.status == "not_found"
    assert briefing.choices == ()
    assert "congress" not in briefing.summary.text.lower()
