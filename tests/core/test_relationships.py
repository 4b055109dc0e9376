"""Two relationships in one facts root (tests/fixtures/facts-two-relationships): every command
answers about one of them, never both; which one is the member's, the server's or the only
choice; ids of events, pillars and topics belong to their relationship (#16).

Expectations are read from the fixture's files: which source each relationship keeps, which
names only the other relationship's facts use.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from support.embeds import embed_problems
from support.running import running

from bot.core.briefings.model import Briefing
from bot.core.commands import COMMANDS, answer, complete
from bot.core.facts.export import export_lines
from bot.core.facts.loader import load_facts
from bot.core.service import Attache
from bot.frontends.discord.render import render_pages

MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")
"""The async tests share the module's Attaché, so they share its event loop."""

TWO = Path(__file__).resolve().parents[1] / "fixtures" / "facts-two-relationships"
LAOS, CAMBODIA = "vietnam-laos", "vietnam-cambodia"
RELATIONSHIPS = (LAOS, CAMBODIA)
LOCALES = ("en", "vi")


def _sources(relationship: str) -> set[str]:
    return {p.stem for p in (TWO / relationship / "sources").glob("*.toml")}


def _headlines(relationship: str) -> set[str]:
    folder = TWO / relationship / "sources"
    return {tomllib.loads(p.read_text("utf-8"))["headline"] for p in folder.glob("*.toml")}


def _label(relationship: str, locale: str) -> str:
    """`Vietnam – Laos` / `Việt Nam – Lào`: the countries' names from their files."""
    found = tomllib.loads((TWO / relationship / "relationship.toml").read_text("utf-8"))
    names = []
    for country in found["countries"]:
        entity = tomllib.loads((TWO / "countries" / f"{country}.toml").read_text("utf-8"))
        names.append(entity.get("name_vi") if locale == "vi" else entity["name_en"])
    return " – ".join(names)


# Names that only one relationship's facts use, from the fixture's files.
ONLY_IN = {
    LAOS: ("Vientiane", "Viêng Chăn"),
    CAMBODIA: ("Phnom Penh", "Phnôm Pênh", "Sok Dara"),
}
OTHER = {LAOS: CAMBODIA, CAMBODIA: LAOS}

# Every command about the facts, with options that have an answer in both relationships.
CASES: list[tuple[str, dict[str, Any]]] = [
    ("about", {}),
    ("visit", {}),
    ("visit", {"query": "To Lam"}),
    ("leader", {"name": "To Lam"}),
    ("leader", {"name": "Tổng Bí thư Tô Lâm"}),
    ("pillars", {}),
    ("pillars", {"pillar": "defence"}),
    ("timeline", {}),
    ("timeline", {"year": 2026}),
    ("search", {"text": "To Lam"}),
    ("sources", {}),
]


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def two() -> AsyncIterator[Attache]:
    async with running(TWO) as started:
        yield started


def _text(briefing: Briefing) -> str:
    parts = [briefing.title, briefing.summary.text, briefing.footer]
    for section in briefing.sections:
        parts += [section.name, *(line.text for line in section.lines)]
    parts += [ref.headline + ref.label for ref in (*briefing.sources, *briefing.further_reading)]
    parts += [related.label for related in briefing.related]
    return "\n".join(parts)


def test_the_covered_commands_are_every_command_but_help() -> None:
    """The table above is complete: a new command about the facts must be added to it."""
    with_option = {
        name for name, c in COMMANDS.items() if "relationship" in {o.name for o in c.options}
    }
    assert with_option == {name for name, _ in CASES} == set(COMMANDS) - {"help"}


def test_a_pillar_id_and_name_may_repeat_in_another_relationship(two: Attache) -> None:
    factset = two.factset
    pillars = {i for i, kind in factset.kinds.items() if kind == "pillar"}
    assert pillars == {f"{LAOS}/defence-security", f"{CAMBODIA}/defence-security"}
    people = {i for i, kind in factset.kinds.items() if kind == "person"}
    assert "to-lam" in people, "a person is shared, with one id"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("relationship", RELATIONSHIPS)
@pytest.mark.parametrize(("command", "options"), CASES, ids=lambda v: str(v))
@MODULE_LOOP
async def test_every_command_answers_about_one_relationship_only(
    two: Attache, command: str, options: dict[str, Any], relationship: str, locale: str
) -> None:
    briefing = await answer(two, command, {**options, "relationship": relationship}, locale)  # type: ignore[arg-type]

    assert briefing.status == "ok", (briefing.title, briefing.summary.text)
    assert briefing.sources, "an answer about the facts cites its sources"
    assert {ref.id for ref in briefing.sources} <= _sources(relationship)
    text = _text(briefing)
    for name in ONLY_IN[OTHER[relationship]]:
        assert name not in text, f"{name!r} belongs to {OTHER[relationship]}"
    for headline in _headlines(OTHER[relationship]):
        assert headline not in text
    for page in render_pages(briefing, locale):  # type: ignore[arg-type]
        assert embed_problems(page.to_dict()) == []


@pytest.mark.parametrize(
    ("typed", "relationship"),
    [
        ("vietnam-laos", LAOS),
        ("Laos", LAOS),
        ("Lào", LAOS),
        ("lao", LAOS),  # the country's name without its s, as Vietnamese writes it
        ("Vietnam–Laos", LAOS),
        ("viet nam lao", LAOS),
        ("Việt Nam - Lào", LAOS),
        ("vietnam-laoss", LAOS),  # one letter off
        ("Campuchia", CAMBODIA),
        ("cambodia", CAMBODIA),
        ("Vietnam Cambodia", CAMBODIA),
    ],
)
@MODULE_LOOP
async def test_a_relationship_is_typed_as_a_reader_would(
    two: Attache, typed: str, relationship: str
) -> None:
    briefing = await answer(two, "sources", {"relationship": typed})
    assert briefing.status == "ok", briefing.summary.text
    assert {ref.id for ref in briefing.sources} == _sources(relationship)


@pytest.mark.parametrize("typed", ["Vietnam", "xyz", "@everyone"])
@MODULE_LOOP
async def test_a_relationship_nobody_has_offers_the_choice(two: Attache, typed: str) -> None:
    """ "Vietnam" is in both: never a silent guess."""
    briefing = await answer(two, "pillars", {"relationship": typed})
    assert briefing.status == "ambiguous"
    assert {c.value for c in briefing.choices} == set(RELATIONSHIPS)
    assert (briefing.choice_command, briefing.choice_option) == ("pillars", "relationship")


@pytest.mark.parametrize("locale", LOCALES)
@MODULE_LOOP
async def test_with_no_choice_about_lists_them_and_the_others_ask(
    two: Attache, locale: str
) -> None:
    listed = await answer(two, "about", {}, locale)  # type: ignore[arg-type]
    assert listed.status == "ok"
    assert {dict(r.options)["relationship"] for r in listed.related} == set(RELATIONSHIPS)
    names = [
        tomllib.loads((TWO / r / "relationship.toml").read_text("utf-8")) for r in RELATIONSHIPS
    ]
    key = "name_vi" if locale == "vi" else "name_en"
    for relationship in names:
        assert relationship[key] in _text(listed)
    for command, options in CASES:
        if command == "about":
            continue
        asked = await answer(two, command, options, locale)  # type: ignore[arg-type]
        assert asked.status == "ambiguous", command
        assert {c.value for c in asked.choices} == set(RELATIONSHIPS)
        assert asked.choice_option == "relationship"


@MODULE_LOOP
async def test_the_servers_default_answers_and_the_members_choice_wins(two: Attache) -> None:
    by_default = await answer(two, "sources", {}, "en", relationship=CAMBODIA)
    assert {ref.id for ref in by_default.sources} == _sources(CAMBODIA)
    chosen = await answer(two, "sources", {"relationship": "laos"}, "en", relationship=CAMBODIA)
    assert {ref.id for ref in chosen.sources} == _sources(LAOS)
    stale = await answer(two, "sources", {}, "en", relationship="gone-since")
    assert stale.status == "ambiguous", "a default that no longer exists is no default"


@MODULE_LOOP
async def test_buttons_stay_in_the_relationship_of_their_answer(two: Attache) -> None:
    """A button pressed later, in a server whose default is the other relationship, still
    answers about the relationship its answer was about."""
    briefing = await answer(two, "leader", {"name": "To Lam", "relationship": "cambodia"})
    assert briefing.related
    for related in briefing.related:
        assert related.option_dict()["relationship"] == CAMBODIA
        pressed = await answer(two, related.command, related.option_dict(), "en", relationship=LAOS)
        assert pressed.status == "ok"
        assert {ref.id for ref in pressed.sources} <= _sources(CAMBODIA)


@MODULE_LOOP
async def test_an_id_from_an_answer_names_its_relationship(two: Attache) -> None:
    """What a menu of an answer sends back (`vietnam-cambodia/phnom-penh-meeting`) is
    answered in that relationship, whatever the default."""
    briefing = await answer(two, "visit", {"query": f"{CAMBODIA}/phnom-penh-meeting"}, "en")
    assert briefing.status == "ok"
    assert "Phnom Penh" in briefing.title


@MODULE_LOOP
async def test_a_person_with_no_part_in_a_relationship_is_not_found_there(two: Attache) -> None:
    there = await answer(two, "leader", {"name": "Sok Dara", "relationship": CAMBODIA})
    assert there.status == "ok"
    elsewhere = await answer(two, "leader", {"name": "Sok Dara", "relationship": LAOS})
    assert elsewhere.status == "not_found"


@MODULE_LOOP
async def test_to_lam_has_a_part_in_each_with_that_relationships_titles(two: Attache) -> None:
    for relationship in RELATIONSHIPS:
        briefing = await answer(two, "leader", {"name": "to-lam", "relationship": relationship})
        assert {ref.id for ref in briefing.sources} == _sources(relationship)


@pytest.mark.parametrize("locale", LOCALES)
@MODULE_LOOP
async def test_autocomplete_offers_relationships_and_only_the_chosen_ones_names(
    two: Attache, locale: str
) -> None:
    offered = complete(two, "pillars", "relationship", "", locale)  # type: ignore[arg-type]
    assert {c.value for c in offered} == set(RELATIONSHIPS)
    files = {
        r: tomllib.loads((TWO / r / "relationship.toml").read_text("utf-8")) for r in RELATIONSHIPS
    }
    key = "name_vi" if locale == "vi" else "name_en"
    labels = {r: _label(r, locale) for r in RELATIONSHIPS}
    # "Vietnam – Laos · <its formal name>": what a reader calls it, then what it is called.
    assert {c.name for c in offered} == {f"{labels[r]} · {files[r][key]}" for r in RELATIONSHIPS}
    assert [c.value for c in complete(two, "about", "relationship", "camb", locale)] == [CAMBODIA]  # type: ignore[arg-type]

    for relationship in RELATIONSHIPS:
        pillars = complete(two, "pillars", "pillar", "", locale, relationship)  # type: ignore[arg-type]
        assert [c.value for c in pillars] == [f"{relationship}/defence-security"]
    # None chosen: both pillars, each saying whose it is (their names alone are the same).
    both = complete(two, "pillars", "pillar", "def", locale)  # type: ignore[arg-type]
    assert {c.value for c in both} == {f"{r}/defence-security" for r in RELATIONSHIPS}
    assert {c.name.rsplit(" · ", 1)[1] for c in both} == set(labels.values())
    people = complete(two, "leader", "name", "so", "en", LAOS)
    assert "sok-dara" not in {c.value for c in people}
    assert "sok-dara" in {c.value for c in complete(two, "leader", "name", "so", "en", CAMBODIA)}


# --- the files: scoped ids are checked where they are written ------------------------------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "facts"
    shutil.copytree(TWO, copy)
    return copy


def _problems(root: Path) -> list[tuple[str, str]]:
    result = load_facts(root)
    return [(p.file, p.reason) for p in result.problems]


def test_an_id_twice_in_one_relationship_is_still_a_problem(root: Path) -> None:
    statements = root / CAMBODIA / "statements.toml"
    text = statements.read_text("utf-8")
    statements.write_text(f"{text}\n{text}", "utf-8")  # the same entry pasted again
    problems = _problems(root)
    assert len(problems) == 1, problems
    file, reason = problems[0]
    assert file == f"{CAMBODIA}/statements.toml"
    assert "'stmt-useful-test' is already used" in reason


def test_an_id_of_a_relationship_may_not_hide_a_shared_one(root: Path) -> None:
    shutil.copy(
        root / CAMBODIA / "pillars" / "defence-security.toml",
        root / CAMBODIA / "pillars" / "sok-dara.toml",
    )
    problems = _problems(root)
    files = {file for file, _ in problems}
    assert f"{CAMBODIA}/pillars/sok-dara.toml" in files
    assert any("'sok-dara' is already used by a person" in reason for _, reason in problems)


def test_a_reference_to_another_relationships_event_is_a_problem(root: Path) -> None:
    statements = root / CAMBODIA / "statements.toml"
    text = statements.read_text("utf-8").replace(
        'about = ["sok-dara"]', 'about = ["community-meeting"]'
    )
    statements.write_text(text, "utf-8")
    problems = _problems(root)
    assert len(problems) == 1, problems
    file, reason = problems[0]
    assert file == f"{CAMBODIA}/statements.toml"
    assert "'community-meeting'" in reason and "no entity or relationship has that id" in reason


def test_the_export_names_each_statement_by_relationship_and_file_id() -> None:
    result = load_facts(TWO)
    assert result.factset is not None
    records = [json.loads(line) for line in export_lines(result.factset)]
    keys = [(r["relationship"], r["id"]) for r in records]
    assert len(keys) == len(set(keys)) == len(result.factset.statements)
    assert all("/" not in r["id"] and "/" not in r["subject"] for r in records)
    pillar_summaries = {
        (r["relationship"], r["id"])
        for r in records
        if r["role"] == "summary" and r["subject"] == "defence-security"
    }
    assert pillar_summaries == {
        (LAOS, "defence-security.summary"),
        (CAMBODIA, "defence-security.summary"),
    }
