"""The archive check: every quote must appear verbatim in its source's archived text.

"Verbatim" means the same words; typographic quotes and dashes, the ellipsis character,
Unicode normalisation form and whitespace (line breaks, runs of spaces, no-break spaces)
may differ. The texts here are written for these tests.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from bot.core.facts.loader import LoadResult, load_facts
from bot.core.facts.validate import fold_quote


def folder_text(quote: str, *, source: str = "src", teaser_quote: str | None = None) -> str:
    """One file: a relationship with one key point quoting `source`; a source archived as
    a.txt, and a teaser of it (`part_of`) carried in the same archive, as in the shipped
    facts. The key point's quote is on line 9, the teaser statement's on line 35."""
    teaser = teaser_quote if teaser_quote is not None else "Beta thanks Alpha"
    return f"""\
[relationship]
id = "alpha-beta"
countries = ["alpha", "beta"]
name_en = "Alpha–Beta ties"

[[relationship.key_points]]
text = "Alpha and Beta are friends."
source = "{source}"
quote = {json.dumps(quote, ensure_ascii=False)}

[[sources]]
id = "src"
outlet = "Example News"
headline = "Friends"
published = "2026-02-05"
archive = "a.txt"

[[sources]]
id = "src-teaser"
outlet = "Example News"
headline = "Beta thanks Alpha"
published = "before 2026-01-26"
archive = "a.txt"
part_of = "src"

[[countries]]
id = "alpha"
name_en = "Alpha"

[[statements]]
id = "stmt-thanks"
about = ["alpha"]
text = "Beta thanked Alpha."
source = "src-teaser"
quote = {json.dumps(teaser, ensure_ascii=False)}

[[countries]]
id = "beta"
name_en = "Beta"
"""


def check(tmp_path: Path, archive_text: str, quote: str, **options: str) -> LoadResult:
    facts = tmp_path / "alpha-beta"
    facts.mkdir()
    (facts / "facts.toml").write_text(folder_text(quote, **options), encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text(archive_text, encoding="utf-8")
    return load_facts(facts, archive)


ARTICLE = (
    "ALPHA CITY — The minister said “we are old friends” and called the Alpha–Beta ties "
    "“rare in the world.” Related: Beta thanks Alpha\n"
)

ACCEPTED = [
    pytest.param(ARTICLE, 'said "we are old friends"', id="straight-quotes-for-curly"),
    pytest.param(
        'The minister said "we are old friends" today. Beta thanks Alpha',
        "said “we are old friends”",
        id="curly-quotes-for-straight",
    ),
    pytest.param(
        "the neighbours’ long-standing ties. Beta thanks Alpha",
        "the neighbours' long-standing ties",
        id="straight-apostrophe-for-curly",
    ),
    pytest.param(ARTICLE, "the Alpha-Beta ties", id="hyphen-for-en-dash"),
    pytest.param(ARTICLE, "ALPHA CITY - The minister", id="hyphen-for-em-dash"),
    pytest.param("Alpha—Beta ties. Beta thanks Alpha", "Alpha–Beta ties", id="en-dash-for-em-dash"),
    pytest.param(
        "trade, investment… and more. Beta thanks Alpha",
        "trade, investment... and more",
        id="three-dots-for-ellipsis",
    ),
    pytest.param(
        "The minister said\n“we are\n   old friends”. Beta thanks Alpha",
        "said “we are old friends”",
        id="line-breaks-in-archive",
    ),
    pytest.param(ARTICLE, "said   “we   are\told friends”", id="extra-spaces-and-tab-in-quote"),
    pytest.param(
        "we\u00a0are old\u00a0friends. Beta thanks Alpha",
        "we are old friends",
        id="no-break-spaces-in-archive",
    ),
    pytest.param(
        unicodedata.normalize("NFD", "Tổng Bí thư Tô Lâm. Beta thanks Alpha"),
        "Tổng Bí thư Tô Lâm",
        id="decomposed-archive-composed-quote",
    ),
    pytest.param(ARTICLE, "  we are old friends  ", id="surrounding-spaces-in-quote"),
]


@pytest.mark.parametrize(("archive_text", "quote"), ACCEPTED)
def test_quote_accepted(tmp_path: Path, archive_text: str, quote: str) -> None:
    result = check(tmp_path, archive_text, quote)
    assert result.problems == []
    assert result.factset is not None


REJECTED = [
    pytest.param("said “we were old friends”", id="changed-word"),
    pytest.param("said “we are friends”", id="dropped-word"),
    pytest.param("said “we are very old friends”", id="added-word"),
    pytest.param("said “We Are Old Friends”", id="changed-case"),
    pytest.param("called the Alpha–Beta ties “rare in the region.”", id="changed-last-word"),
    pytest.param("we are friends old", id="reordered-words"),
    pytest.param("ALPHA CITY — The Minister", id="one-capital-letter"),
    pytest.param("called the Alpha–Beta links", id="synonym"),
]


@pytest.mark.parametrize("quote", REJECTED)
def test_quote_rejected(tmp_path: Path, quote: str) -> None:
    result = check(tmp_path, ARTICLE, quote)
    assert result.factset is None
    assert [(p.file, p.line, p.path) for p in result.problems] == [
        ("facts.toml", 9, "relationship.key_points[0].quote")
    ]
    assert "quote not found verbatim in a.txt" in result.problems[0].reason


def test_teaser_quote_checked_against_the_archive_it_names(tmp_path: Path) -> None:
    result = check(tmp_path, ARTICLE, "we are old friends", teaser_quote="Beta thanks Alpha warmly")
    assert [(p.file, p.line, p.path) for p in result.problems] == [
        ("facts.toml", 35, "statements[0].quote")
    ]
    assert "quote not found verbatim in a.txt" in result.problems[0].reason


def test_teaser_quote_in_the_archive_is_accepted(tmp_path: Path) -> None:
    result = check(tmp_path, ARTICLE, "we are old friends", teaser_quote="Related: Beta thanks")
    assert result.problems == []


def test_key_point_citing_a_teaser_is_checked(tmp_path: Path) -> None:
    result = check(tmp_path, ARTICLE, "we are close friends", source="src-teaser")
    assert [p.path for p in result.problems] == ["relationship.key_points[0].quote"]


def test_no_archive_folder_means_no_quote_check(tmp_path: Path) -> None:
    facts = tmp_path / "alpha-beta"
    facts.mkdir()
    (facts / "facts.toml").write_text(folder_text("words nobody wrote"), encoding="utf-8")
    assert load_facts(facts).problems == []


def test_every_bad_quote_is_reported(tmp_path: Path) -> None:
    result = check(tmp_path, ARTICLE, "nobody said this", teaser_quote="nor this")
    assert [p.line for p in result.problems] == [9, 35]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("“Hi” — ‘you’…", "\"Hi\" - 'you'...", id="marks"),
        pytest.param(" a \n\t b\u00a0 c ", "a b c", id="whitespace"),
        pytest.param("\u2212 \u2011 \u2010", "- - -", id="minus-and-hyphens"),
        pytest.param(unicodedata.normalize("NFD", "Lâm"), "Lâm", id="nfc"),
        pytest.param("Tô Lâm", "Tô Lâm", id="diacritics-kept"),
    ],
)
def test_fold_quote(text: str, folded: str) -> None:
    assert fold_quote(text) == folded


@pytest.mark.parametrize(
    "quote, found", [("Beta thanks Alpha", True), ("Beta blames Alpha", False)]
)
def test_a_part_without_its_own_archive_is_checked_against_its_wholes(
    tmp_path: Path, quote: str, found: bool
) -> None:
    """A related story with no archive of its own is printed inside its parent article, so
    its quotes are checked against the parent's archive rather than not at all."""
    facts = tmp_path / "facts"
    facts.mkdir()
    text = folder_text("Alpha and Beta are friends", teaser_quote=quote)
    text = text.replace('archive = "a.txt"\npart_of = "src"', 'part_of = "src"')
    assert 'archive = "a.txt"\npart_of' not in text
    (facts / "facts.toml").write_text(text, encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("Alpha and Beta are friends. Beta thanks Alpha.", "utf-8")
    problems = load_facts(facts, archive).problems
    assert [p for p in problems if "quote not found" in p.reason] == ([] if found else problems)
    if not found:
        assert problems and problems[0].line == 34  # one line up: the archive line is gone
