"""A source that gives no date of its own is given none (facts-audit M10).

A curator writes `published = "not stated"` (and a title it dates, `as_of = "not stated"`);
every answer then says so in the reader's language instead of showing a borrowed date, sorts
it after every dated source, never takes it for the newest, and, where an event is ordered
only by the page that carries that source, says which page. The wording is the catalogue's
(`date.not_stated`, `sources.carried_on`), read here, not copied.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from facts_fixture import REL, TO_LAM, event, source, write_root
from support.cli import run_bot
from support.running import running

from bot.core.briefings.labels import Locale
from bot.core.commands import answer
from bot.core.facts.dates import DateError, FuzzyDate, stated_date, stated_sort_key
from bot.core.facts.export import export_lines
from bot.core.facts.loader import load_facts
from bot.core.i18n import t
from bot.core.service import Attache

LOCALES: list[Locale] = ["en", "vi"]
TEASER = f"{REL}/sources/src-teaser.toml"
UNDATED_TEASER = (
    'outlet = "Daily Example"\nheadline = "A dinner followed"\npublished = "not stated"\n'
    'part_of = "src-main"\n'
)
MAIN_HEADLINE = "Alpha and Beta hold talks"
MAIN_PUBLISHED = "2026-02-05"
# To Lam's title, as the teaser gives it: no date. Its quote is in src-main.txt (a teaser's is).
TITLE_NOT_STATED = (
    TO_LAM
    + '\n[[titles]]\ntitle = "Party chief"\nas_of = "not stated"\nsource = "src-teaser"\n'
    + 'quote = "General Secretary To Lam"\n'
)
# The dinner's day has no year; only the page carrying its (undated) source bounds it.
DINNER = (
    'name_en = "Summit dinner"\nkind = "meeting"\ndate = "--02-05 before 2026-02-06"\n'
    'part_of = "summit"\n\n[summary]\ntext = "A dinner followed the summit."\n'
    'source = "src-teaser"\nquote = "a dinner followed"\n'
)
FILES = {
    TEASER: UNDATED_TEASER,
    "people/to-lam.toml": TITLE_NOT_STATED,
    f"{REL}/events/summit-dinner.toml": DINNER,
}


def test_not_stated_is_no_date_and_sorts_after_every_date() -> None:
    assert stated_date("not stated") is None
    assert stated_date("  Not   stated ") is None
    assert stated_date("2026-02-05") == FuzzyDate.parse("2026-02-05")
    with pytest.raises(DateError):  # an event always has a date: only these fields may not
        FuzzyDate.parse("not stated")
    for dated in ("2026-02-05", "before 2026-01-26", "--12-03", "--12-03 before 2026-01-26"):
        assert stated_sort_key("not stated") > stated_sort_key(dated)


def test_a_source_and_a_title_may_say_not_stated(tmp_path: Path) -> None:
    loaded = load_facts(write_root(tmp_path, FILES))
    assert loaded.problems == [] and loaded.factset is not None
    teaser = loaded.factset.sources["src-teaser"]
    assert teaser.published_date is None


def test_an_event_date_may_not_be_not_stated(tmp_path: Path) -> None:
    loaded = load_facts(write_root(tmp_path, event(date="not stated")))
    (problem,) = loaded.problems
    assert (problem.file, problem.line) == (f"{REL}/events/visit.toml", 3)


@pytest.mark.parametrize("typed", ["unknown", "", "n/a"])
def test_a_missing_date_suggests_not_stated(tmp_path: Path, typed: str) -> None:
    loaded = load_facts(write_root(tmp_path, source(f'published = "{typed}"')))
    (problem,) = loaded.problems
    assert (problem.file, problem.line) == (f"{REL}/sources/src-new.toml", 3)
    assert "did you mean `not stated`?" in problem.reason


def test_the_export_gives_no_date_where_none_is_stated(tmp_path: Path) -> None:
    loaded = load_facts(write_root(tmp_path, FILES))
    assert loaded.factset is not None
    lines = [json.loads(line) for line in export_lines(loaded.factset)]
    from_teaser = [line for line in lines if line["source"] == "src-teaser"]
    assert from_teaser and all(line["source_published"] is None for line in from_teaser)
    title = next(line for line in from_teaser if line["role"] == "title")
    assert title["as_of"] is None
    from_main = [line for line in lines if line["source"] == "src-main"]
    assert {line["source_published"] for line in from_main} == {MAIN_PUBLISHED}


def test_the_draft_tool_takes_not_stated(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    article = tmp_path / "teaser.txt"
    article.write_text("To Lam met Bo Ba.\n", encoding="utf-8")
    done = run_bot(
        "facts", "draft", str(article), "--source-id", "src-undated", "--outlet", "Example",
        "--headline", "To Lam meets Bo Ba", "--published", "not stated", "--dir", str(root),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    stored = (root / REL / "sources" / "src-undated.toml").read_text(encoding="utf-8")
    assert 'published = "not stated"' in stored


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def attache(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Attache]:
    root = write_root(tmp_path_factory.mktemp("not-stated"), FILES)
    async with running(root) as started:
        yield started


def _shown(value: str, locale: Locale) -> str:
    return FuzzyDate.parse(value).display(locale, short=True)


@pytest.mark.parametrize("locale", LOCALES)
async def test_sources_say_not_stated_and_list_it_last(attache: Attache, locale: Locale) -> None:
    briefing = await answer(attache, "sources", {}, locale)
    labels = [ref.label for ref in briefing.sources]
    assert labels[-1].endswith(t("date.not_stated", locale)), labels
    assert labels[0].endswith(_shown(MAIN_PUBLISHED, locale)), labels


@pytest.mark.parametrize("locale", LOCALES)
async def test_the_footer_never_dates_the_facts_by_an_undated_source(
    attache: Attache, locale: Locale
) -> None:
    briefing = await answer(attache, "sources", {}, locale)
    assert _shown(MAIN_PUBLISHED, locale) in briefing.footer
    assert t("date.not_stated", locale) not in briefing.footer


@pytest.mark.parametrize("locale", LOCALES)
async def test_one_undated_source_names_the_page_that_carries_it(
    attache: Attache, locale: Locale
) -> None:
    briefing = await answer(attache, "sources", {"source": "src-teaser"}, locale)
    carried = t(
        "sources.carried_on", locale, headline=MAIN_HEADLINE, date=_shown(MAIN_PUBLISHED, locale)
    )
    assert t("date.not_stated", locale) in briefing.summary.text
    assert carried in briefing.summary.text


@pytest.mark.parametrize("locale", LOCALES)
async def test_an_event_bounded_only_by_that_page_says_so(attache: Attache, locale: Locale) -> None:
    briefing = await answer(attache, "visit", {"query": "summit-dinner"}, locale)
    (date_section,) = [s for s in briefing.sections if s.name == t("label.date", locale)]
    texts = [line.text for line in date_section.lines]
    assert any(MAIN_HEADLINE in text for text in texts[1:]), texts
    # The summit itself is dated by its own source: no such note.
    summit = await answer(attache, "visit", {"query": "summit"}, locale)
    (summit_date,) = [s for s in summit.sections if s.name == t("label.date", locale)]
    assert len(summit_date.lines) == 1


@pytest.mark.parametrize("locale", LOCALES)
async def test_a_title_from_an_undated_source_is_not_dated(
    attache: Attache, locale: Locale
) -> None:
    briefing = await answer(attache, "leader", {"name": "to-lam"}, locale)
    lines = [line.text for s in briefing.sections for line in s.lines]
    undated = [text for text in lines if text.startswith("Party chief")]
    assert undated == [f"Party chief — {t('date.not_stated', locale)}"]
