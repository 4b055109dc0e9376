"""The facts we ship: they load cleanly, are complete enough, and cite real sources.

`../shared/sources.md` (the hand-checked source notes) and `../shared/seeds` (the source
texts) sit beside the checkout when available; the tests that need them skip otherwise.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.facts.factset import FactSet
from bot.core.facts.loader import load_facts

ROOT = Path(__file__).resolve().parents[3]
FACTS = ROOT / "facts"
SHARED = ROOT.parent / "shared"
SOURCE_NOTES = SHARED / "sources.md"
SEEDS = SHARED / "seeds"


def test_shipped_facts_load_without_problems(factset: FactSet) -> None:
    assert list(factset.relationships) == ["vietnam-laos"]
    assert sorted(factset.relationships["vietnam-laos"].countries) == ["laos", "vietnam"]


def test_counts_are_sane(factset: FactSet) -> None:
    counts = factset.counts()
    assert counts["people"] == 8
    assert counts["pillars"] == 4
    assert counts["countries"] == 2
    assert counts["statements"] >= 100
    assert counts["sources"] >= 2
    assert counts["events"] >= 1


def test_well_known_people_are_there(factset: FactSet) -> None:
    people = {entity.name_en for entity in factset.of_kind("person")}
    assert {"To Lam", "Thongloun Sisoulith", "Pham Minh Chinh"} <= people


def test_every_statement_cites_a_source_that_exists(factset: FactSet) -> None:
    missing = {
        s.id: s.source for s in factset.statements.values() if s.source not in factset.sources
    }
    assert missing == {}


def test_every_statement_has_a_quote_and_is_about_something_known(factset: FactSet) -> None:
    known = set(factset.entities) | set(factset.relationships)
    for statement in factset.statements.values():
        assert statement.quote.strip(), statement.id
        assert set(statement.about) <= known, statement.id


def test_further_reading_is_never_a_source(factset: FactSet) -> None:
    reading = {item.id for item in factset.further_reading}
    assert not reading & {s.source for s in factset.statements.values()}


def test_vov_sources_have_no_url(factset: FactSet) -> None:
    vov = [s for s in factset.sources.values() if s.outlet.startswith("VOV")]
    assert vov, "the VOV article and its teasers are sources"
    assert [s.id for s in vov if s.url is not None] == []


def listed_urls() -> set[str]:
    text = SOURCE_NOTES.read_text(encoding="utf-8")
    return set(re.findall(r"https?://[^\s|)<>`]+", text))


@pytest.mark.skipif(not SOURCE_NOTES.exists(), reason=f"{SOURCE_NOTES} is not available")
def test_every_url_is_one_of_the_checked_urls(factset: FactSet) -> None:
    """URLs are copied from the hand-checked notes, never built or guessed."""
    listed = listed_urls()
    assert len(listed) >= 2
    urls = [s.url for s in factset.sources.values() if s.url is not None]
    urls += [item.url for item in factset.further_reading]
    assert urls, "at least one source has a known URL"
    assert sorted(url for url in urls if url not in listed) == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is not available")
def test_every_quote_is_in_its_archived_source() -> None:
    result = load_facts(FACTS, SEEDS)
    assert result.problems == [], "\n".join(map(str, result.problems))


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is not available")
def test_every_archived_source_names_a_seed(factset: FactSet) -> None:
    archived = {s.archive for s in factset.sources.values() if s.archive is not None}
    assert archived
    assert {name for name in archived if not (SEEDS / name).is_file()} == set()
