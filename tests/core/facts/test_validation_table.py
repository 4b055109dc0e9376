"""Every kind of problem the loader and validator report, one broken fixture per row.

Each row starts from the small valid folder in `facts_fixture.py` and adds (or replaces) one
file with ONE defect. It states the file, the line (counted by hand in the row's text, or in
the base texts whose lines `facts_fixture.py` lists), the key path and a distinctive part of
the reason. The base folder must load with no problems, or the table would prove nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from facts_fixture import (
    EXTRA,
    FOLDER,
    FileText,
    event,
    further_reading,
    organisation,
    person,
    relationship,
    source,
    statement,
    titled_person,
    write_archive,
    write_files,
    write_relationship,
)

from bot.core.facts.loader import MAX_FILE_BYTES, LoadResult, load_facts


@dataclass(frozen=True)
class Row:
    id: str
    files: Mapping[str, FileText]
    file: str
    line: int | None
    path: str
    reason: str
    archive: Mapping[str, str | bytes] | None = None
    """None: no archive check; otherwise extra archive files (the base archive is written)."""
    others: int = 0
    """Further problems the defect causes on purpose (e.g. references to a file that failed)."""


def extra(text: FileText, file: str = EXTRA) -> dict[str, FileText]:
    return {file: text}


def row(
    id: str,
    text: FileText,
    line: int | None,
    path: str,
    reason: str,
    *,
    archive: Mapping[str, str | bytes] | None = None,
) -> Row:
    """A defect in zz-extra.toml, added to the valid base folder."""
    return Row(id, extra(text), EXTRA, line, path, reason, archive)


TOO_LARGE = b"# padding\n" * (MAX_FILE_BYTES // 10 + 1)
AT_LIMIT = b"#" * (MAX_FILE_BYTES - 1) + b"\n"
FR_URL = 'url = "https://other.example.org/x"'

ROWS = [
    # --- files that cannot be read as TOML ----------------------------------------------
    row("toml-syntax", '[[people]]\nid = "x"\nname_en = \n', 3, "", "TOML syntax: Invalid value"),
    row(
        "toml-key-twice",
        person('country = "alpha"', 'country = "beta"'),
        5,
        "",
        "TOML syntax: Cannot overwrite a value",
    ),
    row(
        "latin-1",
        '[[people]]\nid = "cafe"\nname_en = "Café"\n'.encode("latin-1"),
        3,
        "",
        "not UTF-8 text (byte 0xe9 at offset 37)",
    ),
    row("utf-16", "[[people]]\n".encode("utf-16"), 1, "", "not UTF-8 text (byte 0xff at offset 0)"),
    row("nul-byte", b'[[people]]\nid = "x"\n\x00\n', 3, "", "contains a NUL byte"),
    row("empty-file", "", None, "", "the file is empty"),
    row("comments-only", "# to do\n\n   # later\n", None, "", "the file is empty"),
    row("too-large", TOO_LARGE, None, "", "larger than 2,000,000 bytes"),
    row("exactly-at-size-limit-is-read", AT_LIMIT, None, "", "the file is empty"),
    # --- schema: fields and types -------------------------------------------------------
    row("missing-field", person(), 1, "people[0].country", "required, but missing"),
    row(
        "missing-quote-in-title",
        titled_person('as_of = "2026"', 'source = "src-main"'),
        6,
        "people[0].titles[0].quote",
        "required, but missing",
    ),
    row(
        "typo-field",
        person('country = "alpha"', 'alises = ["Newbie"]'),
        5,
        "people[0].alises",
        "is not a field here (check the spelling",
    ),
    row("typo-top-level-table", '[[peoples]]\nid = "x"\n', 1, "peoples", "is not a field here"),
    row(
        "typo-sub-table",
        person('country = "alpha"', "", "[[people.title]]", 'title = "Envoy"'),
        6,
        "people[0].title",
        "is not a field here",
    ),
    row(
        "int-where-text",
        '[[people]]\nid = "new-person"\nname_en = 42\ncountry = "alpha"\n',
        3,
        "people[0].name_en",
        "valid string (found int 42)",
    ),
    row(
        "string-where-list",
        person('country = "alpha"', 'aliases = "Newbie"'),
        5,
        "people[0].aliases",
        "valid list (found str 'Newbie')",
    ),
    row(
        "unknown-organisation-kind",
        organisation(kind="club"),
        4,
        "organisations[0].kind",
        "'party', 'congress'",
    ),
    row(
        "empty-about",
        statement(about=""),
        3,
        "statements[0].about",
        "at least 1 item",
    ),
    Row(
        "relationship-one-country",
        {"relationship.toml": relationship('"alpha"')},
        "relationship.toml",
        3,
        "relationship.countries",
        "at least 2 items",
        # The file is then not read at all: the folder has no relationship table, and
        # stmt-rivals is about a relationship id that is no longer defined.
        others=2,
    ),
    # --- schema: ids --------------------------------------------------------------------
    row(
        "bad-id",
        '[[people]]\nid = "New_Person"\nname_en = "New"\ncountry = "alpha"\n',
        2,
        "people[0].id",
        "'New_Person' is not an id: use lower-case letters",
    ),
    row(
        "bad-id-in-reference",
        person('country = "Alpha"'),
        4,
        "people[0].country",
        "'Alpha' is not an id",
    ),
    row(
        "bad-id-in-reference-list",
        statement(about='"alpha", "Alpha Beta"'),
        3,
        "statements[0].about[1]",
        "'Alpha Beta' is not an id",
    ),
    # --- schema: dates ------------------------------------------------------------------
    row(
        "date-month-13",
        source('published = "2026-13-01"'),
        5,
        "sources[0].published",
        "has month 13, which does not exist",
    ),
    row(
        "date-feb-30",
        further_reading('about = "summit"', 'published = "2026-02-30"', FR_URL),
        5,
        "further_reading[0].published",
        "February 2026 has 28 days",
    ),
    row(
        "date-feb-29-common-year",
        titled_person('as_of = "2025-02-29"', 'source = "src-main"', 'quote = "To Lam"'),
        8,
        "people[0].titles[0].as_of",
        "February 2025 has 28 days",
    ),
    row(
        "date-range-backwards",
        event(date="2026-01-27/2026-01-26"),
        5,
        "events[0].date",
        "the range ends before it starts",
    ),
    row(
        "date-garbage",
        titled_person('as_of = "next Tuesday"', 'source = "src-main"', 'quote = "To Lam"'),
        8,
        "people[0].titles[0].as_of",
        "is not a date; use YYYY-MM-DD",
    ),
    # --- schema: URLs and archive names -------------------------------------------------
    row(
        "url-relative",
        source('published = "2026"', 'url = "/news/1.html"'),
        6,
        "sources[0].url",
        "'/news/1.html' is not an absolute http(s) URL",
    ),
    row(
        "url-ftp",
        further_reading('about = "summit"', 'published = "2026"', 'url = "ftp://example.org/x"'),
        6,
        "further_reading[0].url",
        "is not an absolute http(s) URL",
    ),
    row(
        "url-with-space",
        source('published = "2026"', 'url = "https://news.example.com/a b"'),
        6,
        "sources[0].url",
        "is not an absolute http(s) URL",
    ),
    row(
        "archive-with-slash",
        source('published = "2026"', 'archive = "seeds/main.txt"'),
        6,
        "sources[0].archive",
        "must be a plain file name inside the archive folder",
    ),
    # --- ids used twice -----------------------------------------------------------------
    row(
        "duplicate-id-in-file",
        '[[people]]\nid = "twin"\nname_en = "Twin"\ncountry = "alpha"\n\n'
        '[[people]]\nid = "twin"\nname_en = "Twin"\ncountry = "alpha"\n',
        7,
        "people[1].id",
        f"id 'twin' is already used by a person ({EXTRA}:2)",
    ),
    row(
        "duplicate-id-across-files",
        '[[people]]\nid = "bo-ba"\nname_en = "Bo Ba"\ncountry = "beta"\n',
        2,
        "people[0].id",
        "id 'bo-ba' is already used by a person (people.toml:14)",
    ),
    row(
        "duplicate-id-across-kinds",
        '[[sources]]\nid = "alpha"\noutlet = "X"\nheadline = "Y"\npublished = "2026"\n',
        2,
        "sources[0].id",
        "id 'alpha' is already used by a country (entities.toml:2)",
    ),
    # --- references that do not resolve -------------------------------------------------
    row(
        "unresolved-claim-source",
        titled_person('as_of = "2026"', 'source = "nowhere-news"', 'quote = "To Lam"'),
        9,
        "people[0].titles[0].source",
        "refers to 'nowhere-news', but no source has that id",
    ),
    row(
        "unresolved-source-with-hint",
        titled_person('as_of = "2026"', 'source = "src-mian"', 'quote = "To Lam"'),
        9,
        "people[0].titles[0].source",
        "did you mean 'src-main'?",
    ),
    row(
        "unresolved-person-country",
        person('country = "gamma"'),
        4,
        "people[0].country",
        "refers to 'gamma', but no country has that id",
    ),
    row(
        "unresolved-place-country",
        '[[places]]\nid = "port"\nname_en = "Port"\ncountry = "gamma"\n',
        4,
        "places[0].country",
        "no country has that id",
    ),
    row(
        "unresolved-organisation-country",
        organisation('country = "gamma"'),
        5,
        "organisations[0].country",
        "no country has that id",
    ),
    row(
        "unresolved-organisation-part-of",
        organisation('part_of = "ghost-party"'),
        5,
        "organisations[0].part_of",
        "no organisation has that id",
    ),
    row(
        "unresolved-event-place",
        event('place = "nowhere"'),
        6,
        "events[0].place",
        "refers to 'nowhere', but no country or place has that id",
    ),
    row(
        "unresolved-event-host",
        event('host = "ghost"'),
        6,
        "events[0].host",
        "no country or organisation or person has that id",
    ),
    row(
        "unresolved-event-guest",
        event('guest = "ghost"'),
        6,
        "events[0].guest",
        "refers to 'ghost'",
    ),
    row(
        "unresolved-event-participant",
        event('participants = ["to-lam", "ghost"]'),
        6,
        "events[0].participants[1]",
        "refers to 'ghost'",
    ),
    row(
        "unresolved-event-part-of",
        event('part_of = "no-such-event"'),
        6,
        "events[0].part_of",
        "no event has that id",
    ),
    row(
        "unresolved-event-pillar",
        event('pillars = ["trade", "culture"]'),
        6,
        "events[0].pillars[1]",
        "refers to 'culture', but no pillar has that id",
    ),
    row(
        "unresolved-statement-about",
        statement(about='"alpha", "ghost"'),
        3,
        "statements[0].about[1]",
        "no entity or relationship has that id",
    ),
    row(
        "unresolved-conflicts-with",
        statement('conflicts_with = ["stmt-ghost"]'),
        7,
        "statements[0].conflicts_with[0]",
        "no statement has that id",
    ),
    row(
        "unresolved-further-reading-about",
        further_reading('about = "ghost"', 'published = "2026"', FR_URL),
        4,
        "further_reading[0].about",
        "no entity or relationship has that id",
    ),
    row(
        "unresolved-source-part-of",
        source('published = "2026"', 'part_of = "src-gone"'),
        6,
        "sources[0].part_of",
        "no source has that id",
    ),
    Row(
        "unresolved-relationship-country",
        {"relationship.toml": relationship('"alpha", "gamma"')},
        "relationship.toml",
        3,
        "relationship.countries[1]",
        "refers to 'gamma', but no country has that id",
    ),
    # --- references to the wrong kind of thing ------------------------------------------
    row(
        "person-country-is-a-person",
        person('country = "bo-ba"'),
        4,
        "people[0].country",
        "'bo-ba' is a person (people.toml:14), not a country",
    ),
    row(
        "event-place-is-an-organisation",
        event('place = "alpha-party"'),
        6,
        "events[0].place",
        "'alpha-party' is an organisation (entities.toml:15), not a country or place",
    ),
    row(
        "event-host-is-a-place",
        event('host = "capital"'),
        6,
        "events[0].host",
        "'capital' is a place (entities.toml:10), not a country or organisation or person",
    ),
    row(
        "event-pillar-is-a-country",
        event('pillars = ["alpha"]'),
        6,
        "events[0].pillars[0]",
        "'alpha' is a country (entities.toml:2), not a pillar",
    ),
    row(
        "conflicts-with-a-source",
        statement('conflicts_with = ["src-main"]'),
        7,
        "statements[0].conflicts_with[0]",
        "'src-main' is a source (sources.toml:2), not a statement",
    ),
    row(
        "statement-about-a-source",
        statement(about='"src-main"'),
        3,
        "statements[0].about[0]",
        "'src-main' is a source (sources.toml:2)",
    ),
    row(
        "claim-source-is-a-person",
        titled_person('as_of = "2026"', 'source = "to-lam"', 'quote = "To Lam"'),
        9,
        "people[0].titles[0].source",
        "'to-lam' is a person (people.toml:2), not a source",
    ),
    Row(
        "relationship-country-is-a-person",
        {"relationship.toml": relationship('"alpha", "to-lam"')},
        "relationship.toml",
        3,
        "relationship.countries[1]",
        "'to-lam' is a person (people.toml:2), not a country",
    ),
    # --- things that point at themselves ------------------------------------------------
    row(
        "self-conflict",
        statement('conflicts_with = ["stmt-new"]'),
        7,
        "statements[0].conflicts_with[0]",
        "a statement cannot conflict with itself",
    ),
    row(
        "self-part-of-event",
        event('part_of = "visit"'),
        6,
        "events[0].part_of",
        "cannot be part of itself",
    ),
    row(
        "self-part-of-source",
        source('published = "2026"', 'part_of = "src-new"'),
        6,
        "sources[0].part_of",
        "cannot be part of itself",
    ),
    row(
        "self-part-of-organisation",
        organisation('part_of = "new-org"'),
        5,
        "organisations[0].part_of",
        "cannot be part of itself",
    ),
    # --- further reading is never a source ----------------------------------------------
    row(
        "claim-source-is-further-reading",
        titled_person('as_of = "2026"', 'source = "fr-other"', 'quote = "To Lam"'),
        9,
        "people[0].titles[0].source",
        "'fr-other' is further reading, which is linked for readers but may not be the source",
    ),
    row(
        "statement-source-is-further-reading",
        statement(source="fr-other"),
        5,
        "statements[0].source",
        "is further reading",
    ),
    # --- two entities users could not tell apart ----------------------------------------
    row(
        "same-name",
        '[[people]]\nid = "bo-ba-junior"\nname_en = "Bo Ba"\ncountry = "beta"\n',
        3,
        "people[0].name_en",
        "name 'Bo Ba' is also a name of 'bo-ba' (people.toml:15); users could not tell",
    ),
    row(
        "name-differs-only-in-case",
        person('country = "alpha"', 'aliases = ["Chief", "to lam"]'),
        5,
        "people[0].aliases[1]",
        "name 'to lam' is also a name of 'to-lam' (people.toml:3)",
    ),
    row(
        "name-differs-only-in-diacritics",
        person('country = "beta"', 'name_vi = "Bố Bà"'),
        5,
        "people[0].name_vi",
        "name 'Bố Bà' is also a name of 'bo-ba' (people.toml:15)",
    ),
    row(
        "name-differs-in-case-diacritics-and-spacing",
        organisation('name_native = "TÔ   LÂM"'),
        5,
        "organisations[0].name_native",
        "is also a name of 'to-lam' (people.toml:3)",
    ),
    row(
        "name-collision-across-kinds",
        '[[places]]\nid = "alpha-town"\nname_en = "alpha"\ncountry = "alpha"\n',
        3,
        "places[0].name_en",
        "name 'alpha' is also a name of 'alpha' (entities.toml:3)",
    ),
    # --- the relationship table ---------------------------------------------------------
    Row(
        "relationship-table-missing",
        {"relationship.toml": None},
        f"{FOLDER}/",
        None,
        "relationship",
        "no file in this folder has a [relationship] table",
        others=1,  # stmt-rivals is about the relationship, which is now undefined
    ),
    row(
        "relationship-table-twice",
        '[relationship]\nid = "alpha-beta-again"\ncountries = ["alpha", "beta"]\n'
        'name_en = "Again"\n',
        1,
        "relationship",
        "a second [relationship] table (the first is in relationship.toml)",
    ),
    Row(
        "relationship-same-country-twice",
        {"relationship.toml": relationship('"alpha", "alpha"')},
        "relationship.toml",
        3,
        "relationship.countries",
        "a relationship needs two different countries",
    ),
    # --- quotes checked against the archive ---------------------------------------------
    row(
        "archive-quote-changed",
        titled_person('as_of = "2026"', 'source = "src-main"', 'quote = "General Secretary Bo Ba"'),
        10,
        "people[0].titles[0].quote",
        "quote not found verbatim in main.txt: 'General Secretary Bo Ba'",
        archive={},
    ),
    row(
        "archive-quote-of-teaser-changed",
        statement(source="src-teaser", quote="once enemies"),
        6,
        "statements[0].quote",
        "quote not found verbatim in main.txt",
        archive={},
    ),
    row(
        "archive-file-missing",
        source('published = "2026"', 'archive = "gone.txt"'),
        6,
        "sources[0].archive",
        "archive file 'gone.txt' is not in",
        archive={},
    ),
    row(
        "archive-file-not-utf8",
        source('published = "2026"', 'archive = "latin.txt"'),
        6,
        "sources[0].archive",
        "(or is not UTF-8)",
        archive={"latin.txt": "Café".encode("latin-1")},
    ),
]


def load(tmp_path: Path, changes: Mapping[str, FileText], archive: bool = False) -> LoadResult:
    folder = write_relationship(tmp_path, changes)
    return load_facts(folder, write_archive(tmp_path) if archive else None)


def test_ids_are_unique() -> None:
    assert len({r.id for r in ROWS}) == len(ROWS)


def test_base_folder_is_valid(tmp_path: Path) -> None:
    result = load(tmp_path, {}, archive=True)
    assert result.problems == []
    assert result.factset is not None
    assert result.files == 6
    assert result.factset.counts()["people"] == 2


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_defect_is_reported(tmp_path: Path, row: Row) -> None:
    folder = write_relationship(tmp_path, row.files)
    archive = None if row.archive is None else write_archive(tmp_path, row.archive)
    result = load_facts(folder, archive)

    located = [(p.file, p.line, p.path) for p in result.problems]
    expected = (row.file, row.line, row.path)
    assert expected in located, "\n".join(map(str, result.problems))
    problem = result.problems[located.index(expected)]
    assert row.reason in problem.reason
    assert len(result.problems) == 1 + row.others, "\n".join(map(str, result.problems))
    assert result.factset is None
    assert not result.ok


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    folder = write_relationship(
        tmp_path,
        {
            "x1-broken.toml": '[[people]]\nid = "x"\nname_en = \n',
            "x2-bad-date.toml": source('published = "2026-13"'),
            "x3-ghost.toml": event('host = "ghost"'),
            "x4-twin.toml": '[[people]]\nid = "bo-ba-two"\nname_en = "BO BA"\ncountry = "beta"\n',
            "x5-empty.toml": "",
            "x6-archive.toml": '[[sources]]\nid = "src-x"\noutlet = "X"\nheadline = "Y"\n'
            'published = "2026"\narchive = "gone.txt"\n',
        },
    )
    result = load_facts(folder, write_archive(tmp_path))

    located = {(p.file, p.line, p.path) for p in result.problems}
    assert located == {
        ("x1-broken.toml", 3, ""),
        ("x2-bad-date.toml", 5, "sources[0].published"),
        ("x3-ghost.toml", 6, "events[0].host"),
        ("x4-twin.toml", 3, "people[0].name_en"),
        ("x5-empty.toml", None, ""),
        ("x6-archive.toml", 6, "sources[0].archive"),
    }
    assert result.factset is None
    assert result.files == 12


def test_problem_text_is_file_line_path_reason(tmp_path: Path) -> None:
    result = load(tmp_path, extra(person('country = "gamma"')))
    assert [str(p) for p in result.problems] == [
        f"{EXTRA}:4: people[0].country: refers to 'gamma', but no country has that id"
    ]


def test_folders_under_a_root_name_their_files_by_folder(tmp_path: Path) -> None:
    """The shipped layout: facts/<relationship>/*.toml, plus honorifics.toml beside them."""
    root = tmp_path / "facts"
    write_files(root, {"honorifics.toml": 'titles = ["General Secretary"]\n'})
    write_relationship(root, extra(person('country = "gamma"')))
    # A second relationship may use the first one's countries, but needs its own table.
    write_files(
        root / "beta-alpha",
        {"people.toml": '[[people]]\nid = "ca-ce"\nname_en = "Ca Ce"\ncountry = "beta"\n'},
    )

    result = load_facts(root)

    assert {(p.file, p.line, p.path) for p in result.problems} == {
        (f"{FOLDER}/{EXTRA}", 4, "people[0].country"),
        ("beta-alpha/", None, "relationship"),
    }


def test_a_second_relationship_may_refer_to_the_first(tmp_path: Path) -> None:
    root = tmp_path / "facts"
    write_relationship(root)
    write_files(
        root / "alpha-gamma",
        {
            "relationship.toml": '[relationship]\nid = "alpha-gamma"\n'
            'countries = ["alpha", "gamma"]\nname_en = "Alpha–Gamma ties"\n',
            "entities.toml": '[[countries]]\nid = "gamma"\nname_en = "Gamma"\n',
            "people.toml": person('country = "gamma"', 'aliases = ["Newcomer"]'),
        },
    )
    result = load_facts(root)
    assert result.problems == []
    assert result.factset is not None
    assert result.factset.entity_relationship["new-person"] == "alpha-gamma"
    assert result.factset.entity_relationship["to-lam"] == "alpha-beta"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(lambda p: p / "absent", "no such folder", id="no-such-folder"),
        pytest.param(lambda p: p, "no fact files (*.toml)", id="no-toml-files"),
    ],
)
def test_nothing_to_load(tmp_path: Path, make: Callable[[Path], Path], reason: str) -> None:
    result = load_facts(make(tmp_path))
    assert result.factset is None
    assert len(result.problems) == 1
    assert reason in result.problems[0].reason
