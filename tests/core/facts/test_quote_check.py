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


def root_files(
    quote: str,
    archive_text: str,
    *,
    source: str = "src",
    teaser_quote: str | None = None,
    teaser_text: str | None = None,
) -> dict[str, str]:
    """A facts root: a relationship with one key point quoting `source` (its quote on line 7
    of relationship.toml); a source with its text; a teaser of it (`part_of`) with no text of
    its own unless `teaser_text`, and a statement quoting the teaser (quote on line 6)."""
    teaser = teaser_quote if teaser_quote is not None else "Beta thanks Alpha"
    files = {
        "honorifics.toml": "[titles]\nen = []\n",
        "countries/alpha.toml": 'name_en = "Alpha"\n',
        "countries/beta.toml": 'name_en = "Beta"\n',
        "alpha-beta/relationship.toml": f"""\
countries = ["alpha", "beta"]
name_en = "Alpha–Beta ties"

[[key_points]]
text = "Alpha and Beta are friends."
source = "{source}"
quote = {json.dumps(quote, ensure_ascii=False)}
""",
        "alpha-beta/sources/src.toml": 'outlet = "Example News"\nheadline = "Friends"\n'
        'published = "2026-02-05"\n',
        "alpha-beta/sources/src.txt": archive_text,
        "alpha-beta/sources/src-teaser.toml": 'outlet = "Example News"\n'
        'headline = "Beta thanks Alpha"\npublished = "before 2026-01-26"\npart_of = "src"\n',
        "alpha-beta/statements.toml": f"""\
[[statements]]
id = "stmt-thanks"
about = ["alpha"]
text = "Beta thanked Alpha."
source = "src-teaser"
quote = {json.dumps(teaser, ensure_ascii=False)}
""",
    }
    if teaser_text is not None:
        files["alpha-beta/sources/src-teaser.txt"] = teaser_text
    return files


def write(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "facts"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def check(tmp_path: Path, archive_text: str, quote: str, **options: str) -> LoadResult:
    return load_facts(write(tmp_path, root_files(quote, archive_text, **options)))


KEY_POINT = ("alpha-beta/relationship.toml", 7, "key_points[0].quote")
TEASER = ("alpha-beta/statements.toml", 6, "statements[0].quote")


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
    assert [(p.file, p.line, p.path) for p in result.problems] == [KEY_POINT]
    assert "quote not found in alpha-beta/sources/src.txt" in result.problems[0].reason


def test_a_rejected_quote_shows_the_closest_passage(tmp_path: Path) -> None:
    result = check(tmp_path, ARTICLE, "called the Alpha–Beta ties “rare in the region.”")
    assert "the closest passage there is 'and called the Alpha-Beta ties \"rare in the world" in (
        result.problems[0].reason
    )


def test_teaser_quote_checked_against_its_wholes_text(tmp_path: Path) -> None:
    result = check(tmp_path, ARTICLE, "we are old friends", teaser_quote="Beta thanks Alpha warmly")
    assert [(p.file, p.line, p.path) for p in result.problems] == [TEASER]


def test_teaser_quote_in_the_wholes_text_is_accepted(tmp_path: Path) -> None:
    result = check(tmp_path, ARTICLE, "we are old friends", teaser_quote="Related: Beta thanks")
    assert result.problems == []


def test_a_teaser_with_its_own_text_is_checked_against_that_only(tmp_path: Path) -> None:
    """The quote is in the whole article but not in the teaser's own text: rejected."""
    result = check(
        tmp_path, ARTICLE, "we are old friends", teaser_quote="we are old friends",
        teaser_text="Beta thanks Alpha\n\nBeta thanked Alpha for its help.\n",
    )  # fmt: skip
    assert [(p.file, p.line, p.path) for p in result.problems] == [TEASER]
    assert "alpha-beta/sources/src-teaser.txt" in result.problems[0].reason


def test_key_point_citing_a_teaser_is_checked(tmp_path: Path) -> None:
    result = check(tmp_path, ARTICLE, "we are close friends", source="src-teaser")
    assert [p.path for p in result.problems] == ["key_points[0].quote"]


def test_a_source_without_a_text_is_a_problem(tmp_path: Path) -> None:
    files = root_files("we are old friends", ARTICLE)
    del files["alpha-beta/sources/src.txt"]
    result = load_facts(write(tmp_path, files))
    assert [(p.file, p.line) for p in result.problems] == [
        ("alpha-beta/sources/src.toml", None),
        ("alpha-beta/sources/src-teaser.toml", None),
    ]
    assert "no text for this source" in result.problems[0].reason


def test_every_bad_quote_is_reported(tmp_path: Path) -> None:
    result = check(tmp_path, ARTICLE, "nobody said this", teaser_quote="nor this")
    assert [(p.file, p.line, p.path) for p in result.problems] == [KEY_POINT, TEASER]


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
