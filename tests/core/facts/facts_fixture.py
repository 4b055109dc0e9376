"""A tiny, valid facts root written by hand, for the loader and validator tests.

One record per file, as in facts/ (bot/core/facts/layout.py). Line numbers in the tests are
counted by hand in the texts below; each text starts on its own line 1 (the first line after
the opening quotes). Files and the lines worth pointing at:

    countries/alpha.toml     name_en line 1           countries/beta.toml
    places/capital.toml      name_en line 1
    organisations/alpha-party.toml, organisations/alpha-party-office.toml
    people/to-lam.toml       name_en "To Lam" 1, name_vi "Tô Lâm" 2, [[titles]] 5, quote 9
    people/bo-ba.toml        name_en "Bo Ba" 1
    alpha-beta/relationship.toml, sources/src-main.toml (+ src-main.txt),
    sources/src-teaser.toml (part_of src-main: its quotes are checked in src-main.txt),
    further-reading.toml (fr-other), pillars/trade.toml, events/summit.toml (date line 3),
    events/summit-dinner.toml, statements.toml (stmt-friends line 2, stmt-rivals line 10)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

REL = "alpha-beta"

FileText = str | bytes | None
"""A file's text (str is written as UTF-8), raw bytes, or None to leave the file out."""
Files = dict[str, FileText]


def relationship(countries: str = '"alpha", "beta"') -> str:
    return f"""\
countries = [{countries}]
name_en = "Alpha–Beta friendship"

[[key_points]]
text = "Alpha and Beta are old friends."
source = "src-main"
quote = "Alpha and Beta are old friends"
"""


MAIN_TEXT = """\
CAPITAL CITY — General Secretary To Lam held talks with Bo Ba on Thursday.
Alpha and Beta are old friends, once rivals; trade will grow.

Related: a dinner followed the talks.
"""

FURTHER_READING = """\
[[further_reading]]
id = "fr-other"
about = "summit"
outlet = "Other Paper"
published = "2026-02"
url = "https://other.example.org/summit"
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

TO_LAM = """\
name_en = "To Lam"
name_vi = "Tô Lâm"
country = "alpha"

[[titles]]
title = "General Secretary"
as_of = "2026-02-05"
source = "src-main"
quote = "General Secretary To Lam"
"""

SUMMIT = """\
name_en = "Alpha–Beta summit"
kind = "talks"
date = "2026-02-05"
host = "beta"
guest = "to-lam"
place = "capital"
participants = ["to-lam", "bo-ba"]
pillars = ["trade"]

[summary]
text = "To Lam and Bo Ba held talks in Capital City."
source = "src-main"
quote = "To Lam held talks with Bo Ba"
"""

BASE: Files = {
    "honorifics.toml": '[titles]\nen = ["General Secretary"]\n',
    "countries/alpha.toml": 'name_en = "Alpha"\n',
    "countries/beta.toml": 'name_en = "Beta"\n',
    "places/capital.toml": 'name_en = "Capital City"\ncountry = "beta"\n',
    "organisations/alpha-party.toml": 'name_en = "Alpha Party"\nkind = "party"\n'
    'country = "alpha"\n',
    "organisations/alpha-party-office.toml": 'name_en = "Alpha Party Office"\nkind = "other"\n'
    'part_of = "alpha-party"\n',
    "people/to-lam.toml": TO_LAM,
    "people/bo-ba.toml": 'name_en = "Bo Ba"\ncountry = "beta"\n',
    f"{REL}/relationship.toml": relationship(),
    f"{REL}/sources/src-main.toml": 'outlet = "Daily Example"\n'
    'headline = "Alpha and Beta hold talks"\npublished = "2026-02-05"\n'
    'url = "https://news.example.com/alpha-beta-talks"\n',
    f"{REL}/sources/src-main.txt": MAIN_TEXT,
    f"{REL}/sources/src-teaser.toml": 'outlet = "Daily Example"\nheadline = "A dinner followed"\n'
    'published = "before 2026-01-26"\npart_of = "src-main"\n',
    f"{REL}/further-reading.toml": FURTHER_READING,
    f"{REL}/pillars/trade.toml": 'name_en = "Trade"\n\n[summary]\ntext = "Trade will grow."\n'
    'source = "src-main"\nquote = "trade will grow"\n',
    f"{REL}/events/summit.toml": SUMMIT,
    f"{REL}/events/summit-dinner.toml": 'name_en = "Summit dinner"\nkind = "meeting"\n'
    'date = "--02-05"\npart_of = "summit"\n\n[summary]\ntext = "A dinner followed the summit."\n'
    'source = "src-teaser"\nquote = "a dinner followed"\n',
    f"{REL}/statements.toml": STATEMENTS,
}
BASE_FILE_COUNT = len(BASE)


def write_files(root: Path, files: Mapping[str, FileText]) -> Path:
    for name, text in files.items():
        path = root / name
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def write_root(parent: Path, changes: Mapping[str, FileText] | None = None) -> Path:
    """The base facts root `parent/facts`, with `changes` applied (None removes a file)."""
    return write_files(parent / "facts", {**BASE, **(changes or {})})


# --- small records for defect files; line numbers noted on each --------------------------


def _join(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def person(*lines: str, name: str = "new-person") -> Files:
    """people/new-person.toml: line 1 name_en "New Person"; `lines` from line 2."""
    return {f"people/{name}.toml": _join('name_en = "New Person"', *lines)}


def titled_person(*title_lines: str) -> Files:
    """A person in alpha with one title: 1 name_en, 2 country, 3 blank, 4 `[[titles]]`,
    5 title; `title_lines` from line 6."""
    return person('country = "alpha"', "", "[[titles]]", 'title = "Envoy"', *title_lines)


def event(*lines: str, date: str = "2026-02-06") -> Files:
    """alpha-beta/events/visit.toml: 1 name_en, 2 kind, 3 date; `lines` from line 4, then a
    valid summary quoting src-main."""
    return {
        f"{REL}/events/visit.toml": _join(
            'name_en = "Return visit"',
            'kind = "visit"',
            f'date = "{date}"',
            *lines,
            "",
            "[summary]",
            'text = "To Lam visited."',
            'source = "src-main"',
            'quote = "To Lam held talks with Bo Ba"',
        )
    }


def statement(
    *lines: str, source: str = "src-main", quote: str = "trade will grow", about: str = '"alpha"'
) -> Files:
    """alpha-beta/statements/extra.toml: 1 `[[statements]]`, 2 id "stmt-new", 3 about, 4 text,
    5 source, 6 quote; `lines` from 7."""
    return {
        f"{REL}/statements/extra.toml": _join(
            "[[statements]]",
            'id = "stmt-new"',
            f"about = [{about}]",
            'text = "Something was said."',
            f'source = "{source}"',
            f'quote = "{quote}"',
            *lines,
        )
    }


def source(*lines: str, text: str | None = "News.\n") -> Files:
    """alpha-beta/sources/src-new.toml: 1 outlet, 2 headline; `lines` from 3; with a text."""
    files: Files = {
        f"{REL}/sources/src-new.toml": _join(
            'outlet = "Weekly Example"', 'headline = "News"', *lines
        )
    }
    if text is not None:
        files[f"{REL}/sources/src-new.txt"] = text
    return files


FR_START = len(FURTHER_READING.splitlines()) + 2
"""The line of the added `[[further_reading]]` header in further_reading()'s file."""


def further_reading(*lines: str) -> Files:
    """The base further-reading.toml plus a blank line and: FR_START `[[further_reading]]`,
    +1 id "fr-new", +2 outlet; `lines` from FR_START + 3. The entry is further_reading[1]."""
    block = _join("[[further_reading]]", 'id = "fr-new"', 'outlet = "Other Paper"', *lines)
    return {f"{REL}/further-reading.toml": FURTHER_READING + "\n" + block}


def organisation(*lines: str, kind: str = "other") -> Files:
    """organisations/new-org.toml: 1 name_en, 2 kind; `lines` from line 3."""
    return {"organisations/new-org.toml": _join('name_en = "New Org"', f'kind = "{kind}"', *lines)}
