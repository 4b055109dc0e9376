"""Checks that need more than one record: ids, references, name collisions, quotes.

The schema (models.py) has already checked each file on its own; here the files of every
relationship folder are checked together, and every problem is reported, not just the first.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from bot.core.facts.locate import Locator
from bot.core.facts.models import ENTITY_SECTIONS, Claim, FactFile, Title
from bot.core.facts.problems import Problem, format_path
from bot.core.text import fold

__all__ = ["ParsedFile", "fold_quote", "validate_files"]

Loc = tuple[str | int, ...]

ANY_SUBJECT = frozenset({*ENTITY_SECTIONS.values(), "relationship"})
ACTORS = frozenset({"person", "country", "organisation"})

# (section, field, kinds the id must be). A list field checks every element.
REFERENCES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("sources", "part_of", frozenset({"source"})),
    ("further_reading", "about", ANY_SUBJECT),
    ("people", "country", frozenset({"country"})),
    ("places", "country", frozenset({"country"})),
    ("organisations", "country", frozenset({"country"})),
    ("organisations", "part_of", frozenset({"organisation"})),
    ("events", "host", ACTORS),
    ("events", "guest", ACTORS),
    ("events", "place", frozenset({"place", "country"})),
    ("events", "participants", ACTORS),
    ("events", "part_of", frozenset({"event"})),
    ("events", "pillars", frozenset({"pillar"})),
    ("statements", "about", ANY_SUBJECT),
    ("statements", "conflicts_with", frozenset({"statement"})),
)


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A file that passed the schema, with what is needed to point at its lines."""

    name: str
    relationship: str
    facts: FactFile
    locator: Locator

    def problem(self, loc: Loc, reason: str) -> Problem:
        return Problem(self.name, self.locator.line(loc), format_path(loc), reason)


@dataclass(frozen=True, slots=True)
class _Definition:
    kind: str
    file: ParsedFile
    loc: Loc

    def where(self) -> str:
        line = self.file.locator.line(self.loc)
        return f"{self.file.name}:{line}" if line else self.file.name


def validate_files(
    files: Sequence[ParsedFile], folders: Sequence[str], archive: Path | None = None
) -> list[Problem]:
    problems: list[Problem] = []
    ids = _collect_ids(files, problems)
    problems += _check_relationship_tables(files, folders)
    problems += _check_references(files, ids)
    problems += _check_claim_sources(files, ids)
    problems += _check_name_collisions(files)
    if archive is not None:
        problems += _check_quotes(files, archive)
    return problems


def _definitions(file: ParsedFile) -> Iterator[tuple[str, str, Loc]]:
    facts = file.facts
    if facts.relationship is not None:
        yield facts.relationship.id, "relationship", ("relationship", "id")
    for i, source in enumerate(facts.sources):
        yield source.id, "source", ("sources", i, "id")
    for i, reading in enumerate(facts.further_reading):
        yield reading.id, "further reading", ("further_reading", i, "id")
    for section, kind in ENTITY_SECTIONS.items():
        for i, entity in enumerate(getattr(facts, section)):
            yield entity.id, kind, (section, i, "id")
    for i, statement in enumerate(facts.statements):
        yield statement.id, "statement", ("statements", i, "id")


def _collect_ids(files: Sequence[ParsedFile], problems: list[Problem]) -> dict[str, _Definition]:
    ids: dict[str, _Definition] = {}
    for file in files:
        for identifier, kind, loc in _definitions(file):
            if identifier in ids:
                first = ids[identifier]
                reason = f"id {identifier!r} is already used by a {first.kind} ({first.where()})"
                problems.append(file.problem(loc, reason))
            else:
                ids[identifier] = _Definition(kind, file, loc)
    return ids


def _check_relationship_tables(
    files: Sequence[ParsedFile], folders: Sequence[str]
) -> list[Problem]:
    problems: list[Problem] = []
    for folder in folders:
        declaring = [f for f in files if f.relationship == folder and f.facts.relationship]
        in_folder = [f for f in files if f.relationship == folder]
        if not declaring and in_folder:
            reason = "no file in this folder has a [relationship] table"
            problems.append(Problem(f"{folder}/", None, "relationship", reason))
        for extra in declaring[1:]:
            reason = f"a second [relationship] table (the first is in {declaring[0].name})"
            problems.append(extra.problem(("relationship",), reason))
    for file in files:
        relationship = file.facts.relationship
        if relationship is not None and relationship.countries[0] == relationship.countries[1]:
            reason = "a relationship needs two different countries"
            problems.append(file.problem(("relationship", "countries"), reason))
    return problems


def _reference(
    file: ParsedFile, loc: Loc, value: str, kinds: frozenset[str], ids: dict[str, _Definition]
) -> Problem | None:
    found = ids.get(value)
    wanted = " or ".join(sorted(kinds)) if kinds != ANY_SUBJECT else "entity or relationship"
    if found is None:
        known = [i for i, d in ids.items() if d.kind in kinds]
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return file.problem(loc, f"refers to {value!r}, but no {wanted} has that id{hint}")
    if found.kind not in kinds:
        found_as = f"{_article(found.kind)} {found.kind} ({found.where()})"
        return file.problem(loc, f"{value!r} is {found_as}, not {_article(wanted)} {wanted}")
    return None


def _check_references(files: Sequence[ParsedFile], ids: dict[str, _Definition]) -> list[Problem]:
    problems: list[Problem | None] = []
    for file in files:
        facts = file.facts
        if facts.relationship is not None:
            for j, country in enumerate(facts.relationship.countries):
                loc: Loc = ("relationship", "countries", j)
                problems.append(_reference(file, loc, country, frozenset({"country"}), ids))
        for section, field, kinds in REFERENCES:
            for i, item in enumerate(getattr(facts, section)):
                value = getattr(item, field)
                values: list[tuple[int | None, str | None]] = (
                    list(enumerate(value)) if isinstance(value, list) else [(None, value)]
                )
                for position, one in values:
                    if one is None:
                        continue
                    loc = (section, i, field)
                    if position is not None:
                        loc = (*loc, position)
                    if field == "conflicts_with" and one == item.id:
                        problems.append(
                            file.problem(loc, "a statement cannot conflict with itself")
                        )
                        continue
                    if field == "part_of" and one == item.id:
                        problems.append(file.problem(loc, "cannot be part of itself"))
                        continue
                    problems.append(_reference(file, loc, one, kinds, ids))
    return [problem for problem in problems if problem is not None]


def _claims(node: object, loc: Loc) -> Iterator[tuple[Loc, Claim | Title]]:
    """Every claim and title in a parsed file, with its key path."""
    if isinstance(node, Claim | Title):
        yield loc, node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _claims(getattr(node, name), (*loc, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _claims(item, (*loc, i))


def _check_claim_sources(files: Sequence[ParsedFile], ids: dict[str, _Definition]) -> list[Problem]:
    problems: list[Problem] = []
    for file in files:
        for loc, claim in _claims(file.facts, ()):
            found = ids.get(claim.source)
            source_loc = (*loc, "source")
            if found is not None and found.kind == "further reading":
                reason = (
                    f"{claim.source!r} is further reading, which is linked for readers but may "
                    "not be the source of a fact (we do not have its text)"
                )
                problems.append(file.problem(source_loc, reason))
                continue
            problem = _reference(file, source_loc, claim.source, frozenset({"source"}), ids)
            if problem is not None:
                problems.append(problem)
    return problems


def _check_name_collisions(files: Sequence[ParsedFile]) -> list[Problem]:
    """Two entities with the same name (after folding case, accents and spacing) could never
    be told apart by a user typing it; an entity repeating its own name is harmless."""
    problems: list[Problem] = []
    owners: dict[str, tuple[str, ParsedFile, Loc]] = {}
    for file in files:
        for section in ENTITY_SECTIONS:
            for i, entity in enumerate(getattr(file.facts, section)):
                fields: list[tuple[str | tuple[str, int], str | None]] = [
                    ("name_en", entity.name_en),
                    ("name_vi", entity.name_vi),
                    ("name_native", entity.name_native),
                ]
                fields += [(("aliases", j), alias) for j, alias in enumerate(entity.aliases)]
                for field, name in fields:
                    key = fold(name) if name else ""
                    if not key:
                        continue
                    loc: Loc = (section, i, *((field,) if isinstance(field, str) else field))
                    owner = owners.setdefault(key, (entity.id, file, loc))
                    if owner[0] != entity.id:
                        line = owner[1].locator.line(owner[2])
                        where = f"{owner[1].name}:{line}" if line else owner[1].name
                        reason = (
                            f"name {name!r} is also a name of {owner[0]!r} ({where}); "
                            "users could not tell them apart"
                        )
                        problems.append(file.problem(loc, reason))
    return problems


_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)


def fold_quote(text: str) -> str:
    """What "verbatim" means for quotes: same words, any whitespace and quote/dash style."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_MARKS)
    return re.sub(r"\s+", " ", text).strip()


def _check_quotes(files: Sequence[ParsedFile], archive: Path) -> list[Problem]:
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    archives: dict[str, str] = {}
    for file in files:
        for i, source in enumerate(file.facts.sources):
            if source.archive is None:
                continue
            archives[source.id] = source.archive
            if source.archive not in texts:
                texts[source.archive] = _read_archive(archive / source.archive)
            if texts[source.archive] is None:
                reason = f"archive file {source.archive!r} is not in {archive} (or is not UTF-8)"
                problems.append(file.problem(("sources", i, "archive"), reason))
    part_of = {s.id: s.part_of for f in files for s in f.facts.sources}

    def archive_of(source_id: str | None) -> str | None:
        """Its own archive, else its whole's (a related story is printed inside an article)."""
        seen: set[str] = set()
        while source_id is not None and source_id not in seen:
            if source_id in archives:
                return archives[source_id]
            seen.add(source_id)
            source_id = part_of.get(source_id)
        return None

    for file in files:
        for loc, claim in _claims(file.facts, ()):
            name = archive_of(claim.source)
            text = texts.get(name) if name else None
            if text is not None and fold_quote(claim.quote) not in text:
                reason = f"quote not found verbatim in {name}: {claim.quote[:80]!r}"
                problems.append(file.problem((*loc, "quote"), reason))
    return problems


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def _read_archive(path: Path) -> str | None:
    try:
        return fold_quote(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
