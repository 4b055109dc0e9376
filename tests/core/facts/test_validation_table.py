"""Every kind of problem the loader and validator report, one broken fixture per row.

Each row starts from the small valid facts root in `facts_fixture.py` and adds (or replaces)
files with ONE defect. It states EXACTLY the problems expected, as (file, line, key path), and
a distinctive part of the first one's reason: one mistake is one problem, where it is, with no
follow-on "no such id" in files nobody touched. The base root must load with no problems, or
the table would prove nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from facts_fixture import (
    BASE,
    BASE_FILE_COUNT,
    FR_START,
    REL,
    SUMMIT,
    TO_LAM,
    FileText,
    event,
    further_reading,
    organisation,
    person,
    relationship,
    source,
    statement,
    titled_person,
    write_root,
)

from bot.core.facts.loader import MAX_FILE_BYTES, load_facts
from bot.core.facts.models import Person

Where = tuple[str, int | None, str]


@dataclass(frozen=True)
class Row:
    id: str
    files: Mapping[str, FileText]
    expected: list[Where]
    reason: str


def row(id: str, files: Mapping[str, FileText], *expected: Where, reason: str) -> Row:
    return Row(id, files, list(expected), reason)


P = "people/new-person.toml"
E = f"{REL}/events/visit.toml"
S = f"{REL}/statements/extra.toml"
SRC = f"{REL}/sources/src-new.toml"
FR = f"{REL}/further-reading.toml"
ORG = "organisations/new-org.toml"
R = f"{REL}/relationship.toml"
TOO_LARGE = b"# padding\n" * (MAX_FILE_BYTES // 10 + 1)
FR_URL = 'url = "https://other.example.org/x"'
PASTED_PERSON = '\nname_en = "Bo Ba"\ncountry = "beta"\n\n[[titles]]\ntitle = "Envoy"\n'
MOVED_TITLE = TO_LAM.replace(
    'country = "alpha"\n',
    'country = "alpha"\n\n[[statements]]\ntext = "He talked."\n'
    'source = "src-main"\nquote = "To Lam held talks with Bo Ba"\n',
)

ROWS = [
    # --- the traps of the old format (issue 13), each now exactly one located problem --
    row(
        "trap-record-pasted-at-the-top",
        {"people/to-lam.toml": 'name_en = "Bo Ba"\ncountry = "beta"\n' + TO_LAM},
        ("people/to-lam.toml", 3, ""),
        reason="a key is written twice; a file holds one record",
    ),
    row(
        "trap-record-pasted-at-the-end",
        {"people/to-lam.toml": TO_LAM + PASTED_PERSON},
        ("people/to-lam.toml", 11, "titles[0].name_en"),
        reason="was a second record pasted into this file? Each record goes in its own file",
    ),
    row(
        "trap-title-moved-to-another-person",
        {"people/bo-ba.toml": BASE["people/bo-ba.toml"] + "\n" + TO_LAM.split("\n\n", 1)[1]},
        ("people/bo-ba.toml", 8, "titles[0].quote"),
        reason="the quote does not name Bo Ba",
    ),
    row(
        "trap-stray-file-at-the-top",
        {"more-people.toml": 'name_en = "X"\n'},
        ("more-people.toml", None, ""),
        reason="not read: only honorifics.toml is read at the top",
    ),
    row(
        "trap-stray-file-one-folder-too-deep",
        {f"{REL}/old/x.toml": 'name_en = "X"\n'},
        (f"{REL}/old/", None, ""),
        reason="not read: ",
    ),
    row(
        "trap-stray-file-in-a-kind-folder",
        {f"{REL}/events/old/x.toml": 'name_en = "X"\n', "people/notes.md": "notes\n"},
        ("people/notes.md", None, ""),
        (f"{REL}/events/old/", None, ""),
        reason="people/ holds one <id>.toml per person",
    ),
    row(
        "trap-old-layout-file-in-a-relationship",
        {f"{REL}/people.toml": "[[people]]\n"},
        (f"{REL}/people.toml", None, ""),
        reason="a relationship folder holds relationship.toml",
    ),
    row(
        "trap-bad-date-has-no-follow-on-errors",
        {f"{REL}/events/summit.toml": SUMMIT.replace("2026-02-05", "2026-13")},
        (f"{REL}/events/summit.toml", 3, "date"),
        reason="has month 13, which does not exist",
    ),
    row(
        "trap-missing-honorifics",
        {"honorifics.toml": None},
        ("honorifics.toml", None, ""),
        reason="missing: the facts root keeps the title words",
    ),
    row(
        "trap-tampered-quote",
        {"people/to-lam.toml": TO_LAM.replace("General Secretary To Lam", "Secretary To Lam Bo")},
        ("people/to-lam.toml", 9, "titles[0].quote"),
        reason="quote not found in alpha-beta/sources/src-main.txt; the closest passage there is",
    ),
    # --- files that cannot be read as TOML ----------------------------------------------
    row(
        "toml-syntax",
        person('country = "alpha"', "aliases = "),
        (P, 3, ""),
        reason="TOML syntax: Invalid value",
    ),
    row(
        "toml-unclosed-string",
        person('country = "alpha'),
        (P, 2, ""),
        reason="missing its closing quote?",
    ),
    row(
        "latin-1",
        {P: 'name_en = "Café"\ncountry = "alpha"\n'.encode("latin-1")},
        (P, 1, ""),
        reason="not UTF-8 text (byte 0xe9 at offset 14)",
    ),
    row("nul-byte", {P: b'name_en = "x"\n\x00\n'}, (P, 2, ""), reason="contains a NUL byte"),
    row("empty-file", {P: ""}, (P, None, ""), reason="the file is empty"),
    row("too-large", {P: TOO_LARGE}, (P, None, ""), reason="larger than 2,000,000 bytes"),
    row(
        "file-name-not-an-id",
        {"people/New Person.toml": 'name_en = "New"\ncountry = "alpha"\n'},
        ("people/New Person.toml", None, ""),
        reason="is not an id, and a record's id is its file name",
    ),
    # --- schema: fields and types -------------------------------------------------------
    row("missing-field", person(), (P, 1, "country"), reason="required, but missing"),
    row(
        "missing-quote-in-title",
        titled_person('as_of = "2026"', 'source = "src-main"'),
        (P, 4, "titles[0].quote"),
        reason="required, but missing",
    ),
    row(
        "typo-field",
        person('country = "alpha"', 'alises = ["Newbie"]'),
        (P, 3, "alises"),
        reason="is not a field here; did you mean `aliases`?",
    ),
    row(
        "date-instead-of-as-of",
        titled_person('date = "2026"', 'source = "src-main"', 'quote = "To Lam"'),
        (P, 4, "titles[0].as_of"),
        (P, 6, "titles[0].date"),
        reason="required, but missing",
    ),
    row(
        "id-written-in-the-file",
        person('id = "new-person"', 'country = "alpha"'),
        (P, 2, "id"),
        reason="remove it: a record's id is its file name (new-person)",
    ),
    row(
        "int-where-text",
        {P: 'name_en = 42\ncountry = "alpha"\n'},
        (P, 1, "name_en"),
        reason="valid string (found int 42)",
    ),
    row(
        "unquoted-date",
        titled_person("as_of = 2026-03-10", 'source = "src-main"', 'quote = "To Lam"'),
        (P, 6, "titles[0].as_of"),
        reason='write the date in quotes, as text: "2026-03-10"',
    ),
    row(
        "unknown-organisation-kind",
        organisation(kind="club"),
        (ORG, 2, "kind"),
        reason="'club' is not one of the allowed values: 'party', 'congress'",
    ),
    row("empty-about", statement(about=""), (S, 3, "statements[0].about"), reason="at least 1"),
    row(
        "relationship-one-country",
        {R: relationship('"alpha"')},
        (R, 1, "countries"),
        reason="at least 2 items",
    ),
    row(
        "bad-id-in-reference",
        person('country = "Alpha"'),
        (P, 2, "country"),
        reason="'Alpha' is not an id: use lower-case letters, digits and hyphens, like 'to-lam'; "
        "did you mean 'alpha'?",
    ),
    row(
        "bad-id-in-reference-list",
        statement(about='"alpha", "Alpha Beta"'),
        (S, 3, "statements[0].about[1]"),
        reason="'Alpha Beta' is not an id",
    ),
    # --- schema: dates, each with the nearest valid form ----------------------------------
    row(
        "date-month-13",
        source('published = "2026-13-01"'),
        (SRC, 3, "published"),
        reason="has month 13, which does not exist",
    ),
    row(
        "date-feb-30",
        further_reading('about = "summit"', 'published = "2026-02-30"', FR_URL),
        (FR, FR_START + 4, "further_reading[1].published"),
        reason="February 2026 has 28 days); did you mean `2026-02`?",
    ),
    row(
        "date-day-first",
        event(date="10/03/2026"),
        (E, 3, "date"),
        reason="did you mean `2026-03-10`?",
    ),
    row(
        "date-in-words",
        event(date="December 2025"),
        (E, 3, "date"),
        reason="did you mean `2025-12`?",
    ),
    row(
        "date-range-backwards",
        event(date="2026-01-27/2026-01-26"),
        (E, 3, "date"),
        reason="the range ends before it starts",
    ),
    # --- schema: URLs -------------------------------------------------------------------
    row(
        "url-relative",
        source('published = "2026"', 'url = "/news/1.html"'),
        (SRC, 4, "url"),
        reason="'/news/1.html' is not an absolute http(s) URL",
    ),
    row(
        "archive-written-in-a-source",
        source('published = "2026"', 'archive = "main.txt"'),
        (SRC, 4, "archive"),
        reason="remove it: the source's text is the file beside it, src-new.txt",
    ),
    # --- ids used twice -----------------------------------------------------------------
    row(
        "duplicate-id-in-file",
        statement(
            "",
            "[[statements]]",
            'id = "stmt-new"',
            'about = ["beta"]',
            'text = "T."',
            'source = "src-main"',
            'quote = "trade will grow"',
        ),
        (S, 9, "statements[1].id"),
        reason=f"id 'stmt-new' is already used by a statement ({S}:2)",
    ),
    row(
        "duplicate-id-across-kinds",
        {
            f"{REL}/topics/alpha.toml": 'name_en = "Alpha topic"\n\n[summary]\ntext = "T."\n'
            'source = "src-main"\nquote = "trade will grow"\n'
        },
        (f"{REL}/topics/alpha.toml", None, ""),
        reason="id 'alpha' is already used by a country (countries/alpha.toml)",
    ),
    # --- references that do not resolve -------------------------------------------------
    row(
        "unresolved-claim-source",
        titled_person('as_of = "2026"', 'source = "nowhere-news"', 'quote = "New Person"'),
        (P, 7, "titles[0].source"),
        reason="refers to 'nowhere-news', but no source has that id",
    ),
    row(
        "unresolved-source-with-hint",
        titled_person('as_of = "2026"', 'source = "src-mian"', 'quote = "New Person"'),
        (P, 7, "titles[0].source"),
        reason="did you mean 'src-main'?",
    ),
    row(
        "unresolved-person-country",
        person('country = "gamma"'),
        (P, 2, "country"),
        reason="refers to 'gamma', but no country has that id",
    ),
    row(
        "unresolved-organisation-part-of",
        organisation('part_of = "ghost-party"'),
        (ORG, 3, "part_of"),
        reason="no organisation has that id",
    ),
    row(
        "unresolved-event-place",
        event('place = "nowhere"'),
        (E, 4, "place"),
        reason="refers to 'nowhere', but no country or place has that id",
    ),
    row(
        "unresolved-event-host",
        event('host = "ghost"'),
        (E, 4, "host"),
        reason="no country or organisation or person has that id",
    ),
    row(
        "unresolved-event-participant",
        event('participants = ["to-lam", "ghost"]'),
        (E, 4, "participants[1]"),
        reason="refers to 'ghost'",
    ),
    row(
        "unresolved-event-pillar",
        event('pillars = ["trade", "culture"]'),
        (E, 4, "pillars[1]"),
        reason="refers to 'culture', but no pillar has that id",
    ),
    row(
        "unresolved-statement-about",
        statement(about='"alpha", "ghost"'),
        (S, 3, "statements[0].about[1]"),
        reason="no entity or relationship has that id",
    ),
    row(
        "unresolved-conflicts-with",
        statement('conflicts_with = ["stmt-ghost"]'),
        (S, 7, "statements[0].conflicts_with[0]"),
        reason="no statement has that id",
    ),
    row(
        "unresolved-further-reading-about",
        further_reading('about = "ghost"', 'published = "2026"', FR_URL),
        (FR, FR_START + 3, "further_reading[1].about"),
        reason="no entity or relationship has that id",
    ),
    row(
        "unresolved-relationship-country",
        {R: relationship('"alpha", "gamma"')},
        (R, 1, "countries[1]"),
        reason="refers to 'gamma', but no country has that id",
    ),
    # --- references to the wrong kind of thing ------------------------------------------
    row(
        "person-country-is-a-person",
        person('country = "bo-ba"'),
        (P, 2, "country"),
        reason="'bo-ba' is a person (people/bo-ba.toml), not a country",
    ),
    row(
        "event-place-is-an-organisation",
        event('place = "alpha-party"'),
        (E, 4, "place"),
        reason="'alpha-party' is an organisation (organisations/alpha-party.toml)",
    ),
    row(
        "conflicts-with-a-source",
        statement('conflicts_with = ["src-main"]'),
        (S, 7, "statements[0].conflicts_with[0]"),
        reason="'src-main' is a source (alpha-beta/sources/src-main.toml), not a statement",
    ),
    row(
        "claim-source-is-a-person",
        titled_person('as_of = "2026"', 'source = "to-lam"', 'quote = "New Person"'),
        (P, 7, "titles[0].source"),
        reason="'to-lam' is a person (people/to-lam.toml), not a source",
    ),
    # --- things that point at themselves ------------------------------------------------
    row(
        "self-conflict",
        statement('conflicts_with = ["stmt-new"]'),
        (S, 7, "statements[0].conflicts_with[0]"),
        reason="a statement cannot conflict with itself",
    ),
    row(
        "self-part-of-event",
        event('part_of = "visit"'),
        (E, 4, "part_of"),
        reason="cannot be part of itself",
    ),
    # --- further reading is never a source ----------------------------------------------
    row(
        "claim-source-is-further-reading",
        statement(source="fr-other"),
        (S, 5, "statements[0].source"),
        reason="'fr-other' is further reading, which is linked for readers but may not be",
    ),
    # --- two entities users could not tell apart ----------------------------------------
    row(
        "same-name-in-case-and-diacritics",
        person('country = "beta"', 'name_vi = "Bố Bà"'),
        (P, 3, "name_vi"),
        reason="name 'Bố Bà' is also a name of 'bo-ba' (people/bo-ba.toml:1)",
    ),
    # --- relationships ------------------------------------------------------------------
    row(
        "relationship-same-country-twice",
        {R: relationship('"alpha", "alpha"')},
        (R, 1, "countries"),
        reason="a relationship needs two different countries",
    ),
    row(
        "folder-not-a-relationship",
        {"notes/x.toml": "x = 1\n"},
        ("notes/", None, ""),
        reason="a folder with no relationship.toml, so not a relationship",
    ),
    row(
        "folder-without-relationship-toml",
        {R: None},
        (R, None, ""),
        reason="missing: every relationship folder has one",
    ),
    # --- sources and their texts --------------------------------------------------------
    row(
        "source-without-text",
        source('published = "2026"', text=None),
        (SRC, None, ""),
        reason="no text for this source: save the article's text as alpha-beta/sources/src-new",
    ),
    row(
        "text-without-source",
        {f"{REL}/sources/orphan.txt": "Some article.\n"},
        (f"{REL}/sources/orphan.txt", None, ""),
        reason="a source text with no orphan.toml beside it",
    ),
    row(
        "quote-of-a-part-checked-in-its-whole",
        statement(source="src-teaser", quote="once enemies"),
        (S, 6, "statements[0].quote"),
        reason="quote not found in alpha-beta/sources/src-main.txt",
    ),
    row(
        "quote-checked-in-its-own-text",
        {
            **source('published = "2026"', text="Only this.\n"),
            **statement(source="src-new", quote="trade will grow"),
        },
        (S, 6, "statements[0].quote"),
        reason="quote not found in alpha-beta/sources/src-new.txt",
    ),
    row(
        "source-text-not-utf8",
        source('published = "2026"', text=None)
        | {f"{REL}/sources/src-new.txt": "Café".encode("latin-1")},
        (f"{REL}/sources/src-new.txt", 1, ""),
        (SRC, None, ""),
        reason="not UTF-8 text",
    ),
]


def test_ids_are_unique() -> None:
    assert len({r.id for r in ROWS}) == len(ROWS)


def test_base_root_is_valid(tmp_path: Path) -> None:
    result = load_facts(write_root(tmp_path))
    assert result.problems == []
    assert result.factset is not None
    assert result.files == BASE_FILE_COUNT
    assert result.factset.counts()["people"] == 2


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_defect_is_reported_exactly(tmp_path: Path, row: Row) -> None:
    result = load_facts(write_root(tmp_path, row.files))

    located = [(p.file, p.line, p.path) for p in result.problems]
    shown = "\n".join(map(str, result.problems))
    assert located == row.expected, shown
    assert row.reason in result.problems[0].reason, shown
    assert result.factset is None


def test_moving_blocks_inside_a_record_changes_nothing(tmp_path: Path) -> None:
    """The old trap: a block moved to the end of a file changed whose it was. Now a file is
    one record, so the title and the statement stay To Lam's wherever they are written."""
    moved = MOVED_TITLE
    result = load_facts(write_root(tmp_path, {"people/to-lam.toml": moved}))
    assert result.problems == [], [str(p) for p in result.problems]
    assert result.factset is not None
    to_lam = result.factset.entities["to-lam"]
    assert isinstance(to_lam, Person)
    assert [t.title for t in to_lam.titles] == ["General Secretary"]
    assert [s.text for s in to_lam.statements] == ["He talked."]
    bo_ba = result.factset.entities["bo-ba"]
    assert isinstance(bo_ba, Person) and bo_ba.titles == [] and bo_ba.statements == []


def test_facts_dir_at_a_relationship_folder_is_one_clear_problem(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    result = load_facts(root / REL)
    assert [(p.file, p.line) for p in result.problems] == [(str(root / REL), None)]
    assert "not the facts root" in result.problems[0].reason
    assert str(root) in result.problems[0].reason


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    changes = {
        **person('country = "alpha"', "aliases = "),
        **source('published = "2026-13"'),
        **event('host = "ghost"'),
        "people/bo-ba-two.toml": 'name_en = "BO BA"\ncountry = "beta"\n',
        "organisations/empty.toml": "",
        "stray.toml": "x = 1\n",
    }
    result = load_facts(write_root(tmp_path, changes))

    assert {(p.file, p.line, p.path) for p in result.problems} == {
        (P, 3, ""),
        (SRC, 3, "published"),
        (E, 4, "host"),
        ("people/bo-ba-two.toml", 1, "name_en"),
        ("organisations/empty.toml", None, ""),
        ("stray.toml", None, ""),
    }
    assert result.factset is None


def test_problem_text_is_file_line_path_reason(tmp_path: Path) -> None:
    result = load_facts(write_root(tmp_path, person('country = "gamma"')))
    assert [str(p) for p in result.problems] == [
        f"{P}:2: country: refers to 'gamma', but no country has that id"
    ]


def test_a_second_relationship_shares_people_and_countries(tmp_path: Path) -> None:
    """People and countries are shared: a second relationship refers to them, and a person's
    claim belongs to the relationship whose source it cites."""
    changes = {
        "countries/gamma.toml": 'name_en = "Gamma"\n',
        "alpha-gamma/relationship.toml": 'countries = ["alpha", "gamma"]\n'
        'name_en = "Alpha–Gamma ties"\n',
        "alpha-gamma/sources/gamma-news.toml": 'outlet = "Gamma Post"\nheadline = "Visit"\n'
        'published = "2026-03"\n',
        "alpha-gamma/sources/gamma-news.txt": "To Lam visited Gamma.\n",
        "people/to-lam.toml": TO_LAM + '\n[[statements]]\ntext = "To Lam visited Gamma."\n'
        'source = "gamma-news"\nquote = "To Lam visited Gamma"\n',
    }
    result = load_facts(write_root(tmp_path, changes))
    assert result.problems == [], [str(p) for p in result.problems]
    factset = result.factset
    assert factset is not None
    assert set(factset.relationships) == {"alpha-beta", "alpha-gamma"}
    assert factset.statements["to-lam.title.1"].relationship == "alpha-beta"
    assert factset.statements["to-lam.statement.1"].relationship == "alpha-gamma"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(lambda p: p / "absent", "no such folder", id="no-such-folder"),
        pytest.param(lambda p: p, "missing: the facts root", id="empty-folder"),
    ],
)
def test_nothing_to_load(tmp_path: Path, make: object, reason: str) -> None:
    assert callable(make)
    result = load_facts(make(tmp_path))
    assert result.factset is None
    assert len(result.problems) == 1
    assert reason in result.problems[0].reason
