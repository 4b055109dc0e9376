"""Read fact folders into a validated `FactSet`, or into a list of problems: never both.

Loading is all-or-nothing so that a reload can swap the new facts in only when every file is
good; the caller keeps serving the old `FactSet` otherwise.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.core.facts.factset import Entity, FactSet
from bot.core.facts.files import MAX_FILE_BYTES, fact_files, folder_stamp, read_fact_file
from bot.core.facts.locate import MAX_KEY_PARTS, Locator, deep_key_line
from bot.core.facts.models import ENTITY_SECTIONS, FactFile
from bot.core.facts.problems import Problem, format_path
from bot.core.facts.validate import ParsedFile, validate_files

__all__ = ["MAX_FILE_BYTES", "LoadResult", "load_facts", "relationship_folders"]

_TOO_DEEP = "arrays or tables nested too deeply to read; fact files need only a few levels"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


@dataclass(frozen=True, slots=True)
class LoadResult:
    factset: FactSet | None
    problems: list[Problem]
    files: int

    @property
    def ok(self) -> bool:
        return self.factset is not None


def relationship_folders(root: Path) -> list[Path]:
    """`root` itself when it holds fact files, else each sub-folder that does.

    TOML files directly in a folder that also has relationship sub-folders (such as
    `facts/honorifics.toml`) are matching data, not facts.
    """
    children = sorted(p for p in root.iterdir() if p.is_dir() and fact_files(p))
    if children:
        return children
    return [root] if fact_files(root) else []


def load_facts(root: Path, archive: Path | None = None) -> LoadResult:
    """Every problem in one pass; a `FactSet` only when there are none.

    A folder that changed while it was read (an editor saving) is read once more; if it
    changes again, nothing is loaded rather than a mix of before and after."""
    root = Path(root)
    for _ in range(2):
        before = folder_stamp(root)
        result = _load_once(root, archive)
        if folder_stamp(root) == before:
            return result
    reason = "the fact files changed while they were being read; nothing was loaded, try again"
    return LoadResult(None, [Problem(str(root), None, "", reason)], result.files)


def _load_once(root: Path, archive: Path | None) -> LoadResult:
    if not root.is_dir():
        return LoadResult(None, [Problem(str(root), None, "", "no such folder")], 0)
    try:
        os.listdir(root)
    except OSError as error:
        reason = f"cannot list the folder: {error.strerror or error}"
        return LoadResult(None, [Problem(str(root), None, "", reason)], 0)
    folders = relationship_folders(root)
    if not folders:
        reason = "no fact files (*.toml) here or in any sub-folder"
        return LoadResult(None, [Problem(str(root), None, "", reason)], 0)

    problems: list[Problem] = []
    parsed: list[ParsedFile] = []
    digest = hashlib.sha256()
    files = 0
    for folder in folders:
        for path in fact_files(folder):
            files += 1
            shown = path.relative_to(root).as_posix() if folder != root else path.name
            raw = read_fact_file(root, path)
            if isinstance(raw, Problem):
                problems.append(raw)
                continue
            digest.update(shown.encode() + b"\0" + raw + b"\0")
            result = _parse(shown, raw, folder.name)
            if isinstance(result, ParsedFile):
                parsed.append(result)
            else:
                problems += result

    problems += validate_files(parsed, [folder.name for folder in folders], archive)
    if problems:
        return LoadResult(None, problems, files)
    return LoadResult(_build(parsed, digest.hexdigest()[:12]), [], files)


def _parse(shown: str, raw: bytes, relationship: str) -> ParsedFile | list[Problem]:
    if len(raw) > MAX_FILE_BYTES:
        return [Problem(shown, None, "", f"file is larger than {MAX_FILE_BYTES:,} bytes")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        reason = (
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "save the file as UTF-8"
        )
        return [Problem(shown, line, "", reason)]
    if "\x00" in text:
        return [
            Problem(shown, text[: text.index("\x00")].count("\n") + 1, "", "contains a NUL byte")
        ]
    deep = deep_key_line(text)
    if deep is not None:
        reason = f"a key or table name of more than {MAX_KEY_PARTS} dotted parts; use a few"
        return [Problem(shown, deep, "", reason)]
    try:
        data = tomllib.loads(text)
    except RecursionError:
        return [Problem(shown, None, "", _TOO_DEEP)]
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"at line (\d+)", message)
        reason = _TOML_POSITION.sub("", message).strip() or "invalid TOML"
        return [Problem(shown, int(found[1]) if found else None, "", f"TOML syntax: {reason}")]
    if not data:
        return [Problem(shown, None, "", "the file is empty; add facts to it or delete it")]
    locator = Locator(text)
    try:
        facts = FactFile.model_validate(data)
    except ValidationError as error:
        return [_schema_problem(shown, locator, detail) for detail in error.errors()]
    except RecursionError:
        return [Problem(shown, None, "", _TOO_DEEP)]
    return ParsedFile(shown, relationship, facts, locator)


def _schema_problem(shown: str, locator: Locator, detail: ErrorDetails) -> Problem:
    loc = [part for part in detail["loc"] if not (isinstance(part, str) and "[" in part)]
    return Problem(shown, locator.line(loc), format_path(loc), _plain_reason(detail, loc))


def _plain_reason(detail: ErrorDetails, loc: list[str | int]) -> str:
    kind = detail["type"]
    field = loc[-1] if loc else ""
    given: Any = detail.get("input")
    if kind == "missing":
        return "required, but missing"
    if kind == "extra_forbidden":
        return "is not a field here (check the spelling, or see bot/core/facts/models.py)"
    if kind == "string_pattern_mismatch" and (
        field == "id" or isinstance(field, int) or field in _REFERENCE_FIELDS
    ):
        return f"{given!r} is not an id: use lower-case letters, digits and hyphens, like 'to-lam'"
    message = str(detail["msg"]).removeprefix("Value error, ")
    if kind.endswith("_type"):
        return f"{message} (found {type(given).__name__} {given!r:.60})"
    return message


_REFERENCE_FIELDS = frozenset(
    {
        "source",
        "country",
        "place",
        "host",
        "guest",
        "part_of",
        "about",
        "countries",
        "participants",
        "pillars",
        "conflicts_with",
    }
)


def _build(parsed: list[ParsedFile], version: str) -> FactSet:
    factset = FactSet(version=version)
    folder_relationship: dict[str, str] = {}
    for file in parsed:
        facts = file.facts
        if facts.relationship is not None:
            factset.relationships[facts.relationship.id] = facts.relationship
            folder_relationship[file.relationship] = facts.relationship.id
        factset.sources.update((source.id, source) for source in facts.sources)
        factset.further_reading += facts.further_reading
    for file in parsed:
        relationship = folder_relationship[file.relationship]
        for section, kind in ENTITY_SECTIONS.items():
            entity: Entity
            for entity in getattr(file.facts, section):
                factset.entities[entity.id] = entity
                factset.kinds[entity.id] = kind
                factset.entity_relationship[entity.id] = relationship
                factset.add_claims(relationship, entity.id, entity)
        if file.facts.relationship is not None:
            factset.add_key_points(file.facts.relationship)
        for statement in file.facts.statements:
            factset.add_statement(relationship, statement)
    return factset
