"""Every command for every entity in the shipped facts: answered, sourced, within Discord's
limits once rendered, and saying what the fact files say.

Expectations come from the TOML files (read with tomllib in briefings_support) and from the
README's documented formats, never from running the code under test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from briefings_support import (
    COMMAND_NAMES,
    EVENTS,
    PEOPLE,
    PILLARS,
    RELATIONSHIP_FACTS,
    SOURCE_BY_ID,
    SOURCES,
    all_lines,
    cited_sources,
    claims,
    date_text,
    events_in,
    known_days,
    name,
    section_texts,
)
from support.embeds import embed_problems, embed_text

from bot.core.briefings.labels import Locale
from bot.core.briefings.model import Briefing, page_count, page_of
from bot.core.commands import COMMANDS, answer
from bot.core.service import Attache
from bot.frontends.discord.render import render_pages

pytestmark = pytest.mark.asyncio(loop_scope="module")

LOCALES = ("en", "vi")
SEARCH_WORDS = ("strategic cohesion", "Vientiane", "border", "Doi Moi", "education", "Thongloun")


def said(claim: dict[str, Any], locale: Locale) -> str:
    """A claim as the reader's language shows it: the curators' Vietnamese for vi."""
    return str(claim.get("text_vi") or claim["text"]) if locale == "vi" else str(claim["text"])


def _cases() -> Iterator[Any]:
    for person in PEOPLE:
        forms = {"id": person["id"], "name_en": person["name_en"]}
        forms["name_vi"] = person.get("name_vi") or person["name_en"]
        for form, value in forms.items():
            yield pytest.param("leader", {"name": value}, id=f"leader-{person['id']}-{form}")
    for event in EVENTS:
        yield pytest.param("visit", {"query": event["id"]}, id=f"visit-{event['id']}")
    for pillar in PILLARS:
        yield pytest.param("pillars", {"pillar": pillar["id"]}, id=f"pillars-{pillar['id']}")
        yield pytest.param(
            "pillars", {"pillar": pillar["name_en"]}, id=f"pillars-{pillar['id']}-en"
        )
    for source in SOURCES:
        yield pytest.param("sources", {"source": source["id"]}, id=f"sources-{source['id']}")
    for command in ("about", "timeline", "pillars", "sources", "help", "visit"):
        yield pytest.param(command, {}, id=command)
    for year in (2025, 2026):
        yield pytest.param("timeline", {"year": year}, id=f"timeline-{year}")
    for word in SEARCH_WORDS:
        yield pytest.param("search", {"text": word}, id=f"search-{word}")


CASES = list(_cases())


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(("command", "options"), CASES)
async def test_answer_is_sourced_and_fits_discord(
    attache: Attache, command: str, options: dict[str, Any], locale: Locale
) -> None:
    answered = await answer(attache, command, options, locale)
    # A paged answer (a long timeline) is checked page by page, each page as it is shown.
    for number in range(page_count(answered)):
        briefing = page_of(answered, number)
        _sourced_and_drawn(briefing, command, locale)


def _sourced_and_drawn(briefing: Briefing, command: str, locale: Locale) -> None:
    assert briefing.status == "ok", (briefing.title, briefing.summary.text)
    assert not briefing.private
    if command != "help":
        assert briefing.sources, "an answer about the facts must cite at least one source"
    for line in all_lines(briefing):
        for number in line.cites:
            assert 1 <= number <= len(briefing.sources), (line.text, number)
    for ref in briefing.sources:
        source = SOURCE_BY_ID[ref.id]
        assert ref.url == source.get("url"), f"{ref.id}: a link must be the one in the facts"
        assert source["outlet"] in ref.label

    pages = [page.to_dict() for page in render_pages(briefing, locale)]
    for number, page in enumerate(pages, start=1):
        assert embed_problems(page) == [], f"page {number}"
    shown = "\n".join(embed_text(page) for page in pages)
    for line in all_lines(briefing):
        start = line.text[:40].replace("\\", "")
        assert start in shown, f"line lost in rendering: {line.text!r}"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("event", EVENTS, ids=[e["id"] for e in EVENTS])
async def test_event_briefing_shows_date_participants_and_summary(
    attache: Attache, event: dict[str, Any], locale: Locale
) -> None:
    briefing = await answer(attache, "visit", {"query": event["id"]}, locale)
    texts = section_texts(briefing)

    assert briefing.title == name(event["id"], locale)
    assert briefing.summary.text == said(event["summary"], locale)
    assert cited_sources(briefing, briefing.summary) == [event["summary"]["source"]]
    assert date_text(event["date"], locale, short=False) in texts
    if event.get("participants"):  # each named once: as host, guest or participant
        for person in event["participants"]:
            assert any(name(person, locale) in text for text in texts), person
        roles = (event.get("host"), event.get("guest"))
        others = [p for p in event["participants"] if p not in roles]
        if others:
            assert ", ".join(name(p, locale) for p in others) in texts
    for role in ("host", "guest", "place"):
        if event.get(role):
            assert any(name(event[role], locale) in text for text in texts), role
    for outcome in event.get("outcomes", []):
        assert any(text.endswith(said(outcome, locale)) for text in texts), said(outcome, locale)
    for pillar in event.get("pillars", []):
        assert any(name(pillar, locale) in text for text in texts), pillar


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("person", PEOPLE, ids=[p["id"] for p in PEOPLE])
async def test_leader_shows_every_title_with_its_date(
    attache: Attache, person: dict[str, Any], locale: Locale
) -> None:
    briefing = await answer(attache, "leader", {"name": person["id"]}, locale)
    lines = [line for section in briefing.sections for line in section.lines]

    for title in person["titles"]:
        shown = (title.get("title_vi") or title["title"]) if locale == "vi" else title["title"]
        when = date_text(title["as_of"], locale, short=True)
        matching = [line for line in lines if shown in line.text and when in line.text]
        assert matching, f"title {shown!r} ({when}) missing"
        assert any(cited_sources(briefing, line) == [title["source"]] for line in matching)
    texts = [line.text for line in lines]
    for key in ("name_en", "name_vi", "name_native"):
        if person.get(key):
            assert any(person[key] in text for text in texts), key
    for statement in person.get("statements", []):
        expected = said(statement, locale)
        assert any(text.endswith(expected) for text in texts), expected


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("person", PEOPLE, ids=[p["id"] for p in PEOPLE])
async def test_leader_is_found_by_every_name(
    attache: Attache, person: dict[str, Any], locale: Locale
) -> None:
    by_id = await answer(attache, "leader", {"name": person["id"]}, locale)
    names = [person["name_en"], person.get("name_vi"), person.get("name_native")]
    for given in [n for n in names if n] + person.get("aliases", []):
        found = await answer(attache, "leader", {"name": given}, locale)
        assert (found.status, found.title) == ("ok", by_id.title), given


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("pillar", PILLARS, ids=[p["id"] for p in PILLARS])
async def test_pillar_lists_every_commitment(
    attache: Attache, pillar: dict[str, Any], locale: Locale
) -> None:
    briefing = await answer(attache, "pillars", {"pillar": pillar["id"]}, locale)
    lines = [line for section in briefing.sections for line in section.lines]

    assert briefing.title == name(pillar["id"], locale)
    assert briefing.summary.text == said(pillar["summary"], locale)
    assert len(lines) == len(pillar["commitments"])
    for line, commitment in zip(lines, pillar["commitments"], strict=True):
        assert line.text.endswith(said(commitment, locale))
        assert cited_sources(briefing, line) == [commitment["source"]]


@pytest.mark.parametrize("locale", LOCALES)
async def test_pillars_overview_has_one_line_per_pillar(attache: Attache, locale: Locale) -> None:
    briefing = await answer(attache, "pillars", {}, locale)
    texts = section_texts(briefing)

    assert len(texts) == len(PILLARS)
    for text, pillar in zip(texts, PILLARS, strict=True):
        assert name(pillar["id"], locale) in text
        assert said(pillar["summary"], locale) in text


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("source", SOURCES, ids=[s["id"] for s in SOURCES])
async def test_one_source_shows_what_rests_on_it(
    attache: Attache, source: dict[str, Any], locale: Locale
) -> None:
    briefing = await answer(attache, "sources", {"source": source["id"]}, locale)
    texts = section_texts(briefing)

    assert briefing.title == source["headline"]
    assert briefing.url is None, "its link is in the source list, once"
    assert [ref.id for ref in briefing.sources] == [source["id"]]
    resting = [said(c, locale) for c in claims() if c["source"] == source["id"] and "text" in c]
    assert resting, "every shipped source backs at least one claim"
    for text in resting:
        assert any(line.endswith(text) for line in texts), text


@pytest.mark.parametrize("locale", LOCALES)
async def test_sources_overview_lists_every_source_with_its_link(
    attache: Attache, locale: Locale
) -> None:
    briefing = await answer(attache, "sources", {}, locale)

    assert {ref.id: ref.url for ref in briefing.sources} == {
        source["id"]: source.get("url") for source in SOURCES
    }
    assert str(len(SOURCES)) in briefing.summary.text


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("year", [2025, 2026, None])
async def test_timeline_lists_the_dated_events_in_order(
    attache: Attache, year: int | None, locale: Locale
) -> None:
    options = {"year": year} if year else {}
    briefing = await answer(attache, "timeline", options, locale)
    texts = section_texts(briefing)

    if year is None:  # every event, the ones with a known date in date order
        assert len(texts) == len(EVENTS)
        position = {
            event["id"]: next(i for i, t in enumerate(texts) if said(event["summary"], locale) in t)
            for event in EVENTS
        }
        dated = sorted(
            (days[0], event["id"]) for event in EVENTS if (days := known_days(event["date"]))
        )
        shown_order = [position[event_id] for _, event_id in dated]
        assert shown_order == sorted(shown_order), "dated events must be in date order"
        return
    expected_events = events_in(year)
    assert len(texts) == len(expected_events)
    for text, event in zip(texts, expected_events, strict=True):
        assert date_text(event["date"], locale, short=True) in text
        assert name(event["id"], locale) in text
        assert said(event["summary"], locale) in text
    assert str(year) in briefing.title


@pytest.mark.parametrize("locale", LOCALES)
async def test_about_names_the_relationship_and_what_backs_it(
    attache: Attache, locale: Locale
) -> None:
    briefing = await answer(attache, "about", {}, locale)
    texts = section_texts(briefing)

    assert RELATIONSHIP_FACTS["name_vi"] in texts  # the official form, for every reader
    assert (RELATIONSHIP_FACTS["name_en"] in texts) == (locale == "en")  # one language in vi
    formal = RELATIONSHIP_FACTS["name_vi" if locale == "vi" else "name_en"]
    assert briefing.summary.text == formal, "the lede is the formal name, in the reader's language"
    for point in RELATIONSHIP_FACTS["key_points"]:
        assert any(text.endswith(said(point, locale)) for text in texts), said(point, locale)
    numbers = briefing.footer  # as on every answer
    assert str(len(list(claims()))) in numbers, "how many statements back the bot"
    assert str(len(SOURCES)) in numbers, "how many sources back the bot"
    for country in RELATIONSHIP_FACTS["countries"]:
        assert name(country, locale) in briefing.title


@pytest.mark.parametrize("locale", LOCALES)
async def test_help_shows_every_command_with_an_example(attache: Attache, locale: Locale) -> None:
    briefing = await answer(attache, "help", {}, locale)
    texts = section_texts(briefing)

    assert len(texts) == len(COMMAND_NAMES)
    for command in COMMAND_NAMES:
        # The name the reader's Discord shows: /lãnh-đạo for a Vietnamese reader.
        shown = COMMANDS[command].name_vi if locale == "vi" else command
        (line,) = [text for text in texts if text.startswith(f"/{shown} ")]
        example = line.rsplit(": ", 1)[-1]
        assert example.startswith(f"/{shown}"), line
        if command == "help":
            continue
        # The example works, in the reader's own words (`/trụ-cột quốc phòng`).
        typed = example.removeprefix(f"/{shown}").strip()
        options = {COMMANDS[command].options[0].name: typed} if typed else {}
        tried = await answer(attache, command, options, locale)
        assert tried.status == "ok", (example, tried.title, tried.summary.text)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("word", SEARCH_WORDS)
async def test_search_results_are_fact_statements_using_the_words(
    attache: Attache, word: str, locale: Locale
) -> None:
    briefing = await answer(attache, "search", {"text": word}, locale)
    cited = [line for section in briefing.sections for line in section.lines if line.cites]
    # (as the reader sees it, both languages' words, source) for every claim and title.
    facts = [
        (said(claim, locale), f"{claim['text']} {claim.get('text_vi', '')}", claim["source"])
        for claim in claims()
        if "text" in claim
    ]
    facts += [  # a title is stored as a statement "Name: title"
        (
            title["title_vi"] if locale == "vi" else title["title"],
            f"{title['title']} {title['title_vi']}",
            title["source"],
        )
        for person in PEOPLE
        for title in person["titles"]
    ]

    assert cited, "search should find statements for a word in the facts"
    found_by_word = False
    for line in cited:
        matches = [(both, source) for shown, both, source in facts if line.text.endswith(shown)]
        assert matches, f"not a statement from the facts: {line.text!r}"
        assert cited_sources(briefing, line)[0] in {source for _, source in matches}
        found_by_word |= any(word.lower() in both.lower() for both, _ in matches)
    assert found_by_word, "at least one result uses the words searched for"


@pytest.mark.parametrize(
    ("command", "options"),
    [
        *[pytest.param("search", {"text": word}, id=f"search-{word}") for word in SEARCH_WORDS],
        *[pytest.param("sources", {"source": s["id"]}, id=f"sources-{s['id']}") for s in SOURCES],
    ],
)
async def test_no_line_names_its_subject_twice(
    attache: Attache, command: str, options: dict[str, Any]
) -> None:
    """/search and /sources put "Subject: " before each statement; a title statement already
    starts with the person's name, which must not then read "To Lam: To Lam: …"."""
    briefing = await answer(attache, command, options, "en")
    people = [person["name_en"] for person in PEOPLE]
    doubled = [
        text
        for text in section_texts(briefing)
        for who in people
        if text.startswith(f"{who}: {who}: ")
    ]
    assert doubled == []


@pytest.mark.parametrize("locale", LOCALES)
async def test_visit_without_query_is_the_latest_event(attache: Attache, locale: Locale) -> None:
    briefing = await answer(attache, "visit", {}, locale)

    # "The latest" is read either by start or by end day (a month-precise date ends later).
    dated = {e["id"]: days for e in EVENTS if (days := known_days(e["date"]))}
    latest_start = max(first for first, _ in dated.values())
    latest_end = max(last for _, last in dated.values())
    latest = {
        event_id
        for event_id, (first, last) in dated.items()
        if first == latest_start or last == latest_end
    }
    assert briefing.title in {name(event_id, locale) for event_id in latest}


async def test_vietnamese_readers_get_vietnamese_labels(attache: Attache) -> None:
    english: Briefing = await answer(attache, "leader", {"name": "to-lam"}, "en")
    vietnamese: Briefing = await answer(attache, "leader", {"name": "to-lam"}, "vi")

    assert len(english.sections) == len(vietnamese.sections)
    for en, vi in zip(english.sections, vietnamese.sections, strict=True):
        assert en.name != vi.name
    assert english.footer != vietnamese.footer
