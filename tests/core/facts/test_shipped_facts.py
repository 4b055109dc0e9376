"""The facts we ship: they load cleanly, are complete enough, and cite real sources.

Every quote is checked against the source texts kept in facts/*/sources/, on any clone.
`../shared/sources.md` (the hand-checked source notes) and `../shared/seeds` (where the texts
came from) sit beside the checkout when available; the tests that need them skip otherwise.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.facts.dates import FuzzyDate
from bot.core.facts.factset import FactSet
from bot.core.facts.loader import load_facts
from bot.core.facts.models import Event

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


def test_an_event_known_only_from_reports_before_it_is_named_as_planned(
    factset: FactSet,
) -> None:
    """facts-audit L12: where every source about an event came out before the event began,
    nothing says it took place, and its name, which lists and choices show alone, must say
    so ("planned" / "dự kiến"), as its summary does."""
    unmarked = []
    for event in [e for e in factset.entities.values() if isinstance(e, Event)]:
        begins = FuzzyDate.parse(event.date).earliest()
        cited = {s.source for s in factset.statements.values() if event.id in s.about}
        dates = [factset.sources[source].published_date for source in cited]
        ends = [d.latest() if d is not None else None for d in dates]
        if begins is None or not ends or any(end is None or end >= begins for end in ends):
            continue
        if "planned" not in event.name_en or "dự kiến" not in (event.name_vi or ""):
            unmarked.append(event.id)
    assert unmarked == []


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


def test_every_quote_is_in_its_sources_text_kept_in_the_repo() -> None:
    """No flag and no folder outside the checkout: the texts are in facts/*/sources/."""
    result = load_facts(FACTS)
    assert result.problems == [], "\n".join(map(str, result.problems))


def test_every_source_has_its_text_or_is_part_of_one_that_has(factset: FactSet) -> None:
    for source in factset.sources.values():
        whole = factset.sources.get(source.part_of or "")
        assert source.archive or (whole and whole.archive), source.id
        assert source.archive is None or (FACTS / source.archive).is_file()


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is not available")
def test_the_two_articles_are_the_seeds_byte_for_byte() -> None:
    texts = {path.read_bytes() for path in (FACTS / "vietnam-laos" / "sources").glob("*.txt")}
    assert {path.read_bytes() for path in SEEDS.glob("*.txt")} <= texts


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is not available")
def test_every_teaser_text_is_cut_verbatim_from_its_seed(factset: FactSet) -> None:
    for source in factset.sources.values():
        if source.part_of and source.archive:
            whole = factset.sources[source.part_of]
            assert whole.archive is not None
            teaser = (FACTS / source.archive).read_text(encoding="utf-8")
            article = (FACTS / whole.archive).read_text(encoding="utf-8")
            for paragraph in teaser.split("\n\n"):
                assert paragraph.strip() in article, source.id
