"""A tiny, valid relationship folder written by hand, for the loader and validator tests.

Line numbers in the tests are counted by hand in the texts below; each text starts on its
own line 1 (the first line after the opening quotes). Ids and names worth pointing at:

    entities.toml   alpha: id line 2, name_en line 3      beta: id line 6
                    capital (a place): id 10, name_en 11  alpha-party (organisation): id 15
    people.toml     to-lam: id line 2, name_en "To Lam" line 3, name_vi "Tô Lâm" line 4
                    bo-ba:  id line 14, name_en "Bo Ba" line 15
    sources.toml    src-main: id line 2 (archive main.txt)
                    src-teaser: id line 10 (archive main.txt, part_of src-main)
                    fr-other (further reading): id line 18
    events.toml     trade (a pillar): id line 2; summit (an event): id line 11
    statements.toml stmt-friends: id line 2; stmt-rivals: id line 10
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

FOLDER = "alpha-beta"
EXTRA = "zz-extra.toml"
"""Defects go in this file: it sorts after every base file, so base definitions come first."""

FileText = str | bytes | None
"""A file's text (str is written as UTF-8), raw bytes, or None to leave the file out."""


def relationship(countries: str = '"alpha", "beta"') -> str:
    return f"""\
[relationship]
id = "alpha-beta"
countries = [{countries}]
name_en = "Alpha–Beta friendship"

[[relationship.key_points]]
text = "Alpha and Beta are old friends."
source = "src-main"
quote = "Alpha and Beta are old friends"
"""


SOURCES = """\
[[sources]]
id = "src-main"
outlet = "Daily Example"
headline = "Alpha and Beta hold talks"
published = "2026-02-05"
url = "https://news.example.com/alpha-beta-talks"
archive = "main.txt"

[[sources]]
id = "src-teaser"
outlet = "Daily Example"
headline = "A dinner followed"
published = "before 2026-01-26"
archive = "main.txt"
part_of = "src-main"

[[further_reading]]
id = "fr-other"
about = "summit"
outlet = "Other Paper"
published = "2026-02"
url = "https://other.example.org/summit"
"""

ENTITIES = """\
[[countries]]
id = "alpha"
name_en = "Alpha"

[[countries]]
id = "beta"
name_en = "Beta"

[[places]]
id = "capital"
name_en = "Capital City"
country = "beta"

[[organisations]]
id = "alpha-party"
name_en = "Alpha Party"
kind = "party"
country = "alpha"

[[organisations]]
id = "alpha-party-office"
name_en = "Alpha Party Office"
kind = "other"
part_of = "alpha-party"
"""

PEOPLE = """\
[[people]]
id = "to-lam"
name_en = "To Lam"
name_vi = "Tô Lâm"
country = "alpha"

[[people.titles]]
title = "General Secretary"
as_of = "2026-02-05"
source = "src-main"
quote = "General Secretary To Lam"

[[people]]
id = "bo-ba"
name_en = "Bo Ba"
country = "beta"
"""

EVENTS = """\
[[pillars]]
id = "trade"
name_en = "Trade"

[pillars.summary]
text = "Trade will grow."
source = "src-main"
quote = "trade will grow"

[[events]]
id = "summit"
name_en = "Alpha–Beta summit"
kind = "talks"
date = "2026-02-05"
host = "beta"
guest = "to-lam"
place = "capital"
participants = ["to-lam", "bo-ba"]
pillars = ["trade"]

[events.summary]
text = "To Lam and Bo Ba held talks in Capital City."
source = "src-main"
quote = "To Lam held talks with Bo Ba"

[[events]]
id = "summit-dinner"
name_en = "Summit dinner"
kind = "meeting"
date = "--02-05"
part_of = "summit"

[events.summary]
text = "A dinner followed the summit."
source = "src-teaser"
quote = "a dinner followed"
"""

STATEMENTS = """\
[[statements]]
id = "stmt-friends"
about = ["alpha", "beta"]
text = "Alpha and Beta are old friends."
source = "src-main"
quote = "Alpha and Beta are old friends"
conflicts_with = ["stmt-rivals"]

[[statements]]
id = "stmt-rivals"
about = ["alpha-beta", "summit"]
text = "Alpha and Beta were once rivals."
source = "src-teaser"
quote = "once rivals"
"""

ARCHIVE_TEXT = """\
CAPITAL CITY — General Secretary To Lam held talks with Bo Ba on Thursday.
Alpha and Beta are old friends, once rivals; trade will grow.

Related: a dinner followed the talks.
"""

BASE_FILES: dict[str, FileText] = {
    "relationship.toml": relationship(),
    "sources.toml": SOURCES,
    "entities.toml": ENTITIES,
    "people.toml": PEOPLE,
    "events.toml": EVENTS,
    "statements.toml": STATEMENTS,
}
BASE_ARCHIVE: dict[str, str | bytes] = {"main.txt": ARCHIVE_TEXT}


def write_files(folder: Path, files: Mapping[str, str | bytes | None]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        if text is None:
            path.unlink(missing_ok=True)
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder


def write_relationship(
    parent: Path, changes: Mapping[str, FileText] | None = None, name: str = FOLDER
) -> Path:
    """The base folder `parent/name`, with `changes` applied (None removes a file)."""
    return write_files(parent / name, {**BASE_FILES, **(changes or {})})


def write_archive(parent: Path, changes: Mapping[str, str | bytes] | None = None) -> Path:
    return write_files(parent / "archive", {**BASE_ARCHIVE, **(changes or {})})


# --- small records for defect files (zz-extra.toml); line numbers noted on each -----------


def person(*lines: str) -> str:
    """Lines 1-3: `[[people]]`, id "new-person", name_en "New Person"; `lines` from line 4."""
    return _join("[[people]]", 'id = "new-person"', 'name_en = "New Person"', *lines)


def titled_person(*title_lines: str) -> str:
    """A person in alpha with one title. Lines 1-4 person, 5 blank, 6 `[[people.titles]]`,
    7 title; `title_lines` from line 8."""
    return person('country = "alpha"', "", "[[people.titles]]", 'title = "Envoy"', *title_lines)


def event(*lines: str, date: str = "2026-02-06") -> str:
    """Lines 1-5: `[[events]]`, id "visit", name_en, kind, date; `lines` from line 6,
    then a valid summary quoting src-main."""
    return _join(
        "[[events]]",
        'id = "visit"',
        'name_en = "Return visit"',
        'kind = "visit"',
        f'date = "{date}"',
        *lines,
        "",
        "[events.summary]",
        'text = "To Lam visited."',
        'source = "src-main"',
        'quote = "To Lam held talks with Bo Ba"',
    )


def statement(
    *lines: str, source: str = "src-main", quote: str = "trade will grow", about: str = '"alpha"'
) -> str:
    """Lines 1-6: `[[statements]]`, id "stmt-new", about, text, source, quote; `lines` from 7."""
    return _join(
        "[[statements]]",
        'id = "stmt-new"',
        f"about = [{about}]",
        'text = "Something was said."',
        f'source = "{source}"',
        f'quote = "{quote}"',
        *lines,
    )


def source(*lines: str) -> str:
    """Lines 1-4: `[[sources]]`, id "src-new", outlet, headline; `lines` from line 5."""
    return _join(
        "[[sources]]", 'id = "src-new"', 'outlet = "Weekly Example"', 'headline = "News"', *lines
    )


def further_reading(*lines: str) -> str:
    """Lines 1-3: `[[further_reading]]`, id "fr-new", outlet; `lines` from line 4."""
    return _join("[[further_reading]]", 'id = "fr-new"', 'outlet = "Other Paper"', *lines)


def organisation(*lines: str, kind: str = "other") -> str:
    """Lines 1-4: `[[organisations]]`, id "new-org", name_en, kind; `lines` from line 5."""
    return _join(
        "[[organisations]]", 'id = "new-org"', 'name_en = "New Org"', f'kind = "{kind}"', *lines
    )


def _join(*lines: str) -> str:
    return "\n".join(lines) + "\n"
