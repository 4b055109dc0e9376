"""Read the facts root into a validated `FactSet`, or into a list of problems: never both.

Loading is all-or-nothing so that a reload can swap the new facts in only when every file is
good; the caller keeps serving the old `FactSet` otherwise. Every file under the root is
either read or reported (see layout.py for where each kind of record goes), and every record
is validated on its own, so one mistake is reported once, where it is.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import itertools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from bot.core.facts import toml
from bot.core.facts.build import BuildMemo, build_factset
from bot.core.facts.factset import FactSet
from bot.core.facts.files import MAX_FILE_BYTES, read_fact_file, shown
from bot.core.facts.hints import pasted_record, schema_problem
from bot.core.facts.layout import (
    DRAFTS_FOLDER,
    HONORIFICS_FILE,
    KINDS,
    LIST_FILES,
    RELATIONSHIP_FILE,
    SCHEMA_FOLDER,
    SCOPED_FOLDERS,
    SHARED_FOLDERS,
    SOURCE_TEXT_SUFFIX,
    STATEMENTS_FOLDER,
    Kind,
)
from bot.core.facts.locate import MAX_KEY_PARTS, Locator, deep_key_line
from bot.core.facts.models import ID_PATTERN
from bot.core.facts.problems import Problem
from bot.core.facts.record import Record, SourceText
from bot.core.facts.scan import Entry, Scan, scan
from bot.core.facts.validate import Checks, fold_quote

__all__ = ["MAX_FILE_BYTES", "LoadResult", "ParseCache", "load_facts"]

_TOO_DEEP = "arrays or tables nested too deeply to read; fact files need only a few levels"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")
_ID = re.compile(ID_PATTERN)


@dataclass(slots=True)
class _File:
    """What reading one file gave, for as long as its content stays the same."""

    digest: bytes
    problems: list[Problem] | None = None
    """From parsing it; None until it is parsed."""
    parsed: Any = None
    """(table, locator, first line) or None; for a source's text, its `SourceText`."""
    outcomes: dict[tuple[object, ...], tuple[tuple[Record, ...], list[Problem]]] = field(
        default_factory=dict
    )
    """The file's records and every problem reading it gave, by how it was read: an
    unchanged file gives the very same `Record` objects, so the checks and the build after
    the loader can tell unchanged records by identity (validate.py, build.py)."""
    entry: Entry | None = None
    """Its folder entry when its content was last read, if that entry may vouch for the
    content from then on (scan.py: the file had settled)."""


@dataclass(slots=True)
class _Folder:
    """Everything reading one folder gave, replayed while none of its entries changed."""

    entries: tuple[Entry, ...]
    records: tuple[Record, ...]
    units: tuple[tuple[Record, ...], ...]
    problems: tuple[Problem, ...]
    notes: tuple[str, ...]
    texts: tuple[tuple[str, SourceText], ...]
    files: int
    fed: bytes
    cached: tuple[tuple[str, _File], ...]
    """The cache entries of its files, kept with it: the next load that does read the
    folder (one file changed) finds the others' content unchanged."""


class ParseCache:
    """What the previous load read, so that a reload reads, parses and validates only what
    changed: each file's parsed and schema-checked records by content hash (blake2b); each
    file's and each folder's outcome by its folder entries (scan.py), so that an unchanged
    file is not even read. The checks across records and the build keep their own state
    here too (validate.py, build.py), for the same reason.

    Entries for files a load did not see are dropped when it ends, so the cache never holds
    more than one copy of the facts. Records of an unchanged file are the very same objects
    as before, which also makes comparing old and new facts cheap."""

    def __init__(self) -> None:
        self._files: dict[str, _File] = {}
        self._seen: dict[str, _File] = {}
        self._folders: dict[tuple[object, ...], _Folder] = {}
        self._folders_seen: dict[tuple[object, ...], _Folder] = {}
        self.parsed = 0
        """Files the last load parsed (the others came from the cache)."""
        self.read_in: set[str] = set()
        """The folders the last load read a file from (the other files were vouched for by
        their entries)."""
        self.checks = Checks()
        self.build = BuildMemo()

    def start(self) -> None:
        self._seen, self._folders_seen = {}, {}
        self.parsed = 0
        self.read_in = set()

    def file(self, shown: str, raw: bytes) -> _File:
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        known = self._files.get(shown)
        if known is None or known.digest != digest:
            known = _File(digest)
            self.parsed += 1
        self._seen[shown] = known
        return known

    def unchanged(self, shown: str, entry: Entry | None) -> _File | None:
        """The file as last read, if its entry is the one that was trusted then."""
        known = self._files.get(shown)
        if known is None or entry is None or known.entry != entry:
            return None
        self._seen[shown] = known
        return known

    def seen(self, shown: str) -> _File | None:
        return self._seen.get(shown)

    def mark(self) -> int:
        return len(self._seen)

    def seen_since(self, mark: int) -> tuple[tuple[str, _File], ...]:
        return tuple(itertools.islice(self._seen.items(), mark, None))

    def folder(self, key: tuple[object, ...], entries: tuple[Entry, ...] | None) -> _Folder | None:
        known = self._folders.get(key)
        if known is None or entries is None or known.entries != entries:
            return None
        self._folders_seen[key] = known
        self._seen.update(known.cached)
        return known

    def keep_folder(self, key: tuple[object, ...], folder: _Folder) -> None:
        self._folders_seen[key] = folder

    def finish(self) -> None:
        self._files, self._seen = self._seen, {}
        self._folders, self._folders_seen = self._folders_seen, {}


@dataclass(frozen=True, slots=True)
class LoadResult:
    factset: FactSet | None
    problems: list[Problem]
    files: int
    notes: tuple[str, ...] = ()
    """What is not a problem but a curator should know: drafts not yet reviewed."""

    @property
    def ok(self) -> bool:
        return self.factset is not None


def load_facts(
    root: Path, cache: ParseCache | None = None, previous: FactSet | None = None
) -> LoadResult:
    """Every problem in one pass; a `FactSet` only when there are none. With a `cache`,
    files unchanged since the load before are not read, parsed or validated again, and the
    checks and the build redo only what the changed files touch; when every file is as it
    was for `previous` (the same version: a digest of every file read), that is the answer,
    without checking or building anything again.

    A folder that changed while it was read (an editor saving) is read once more; if it
    changes again, nothing is loaded rather than a mix of before and after. A load that read
    nothing took every file as the first look found it, so it needs no second look."""
    root = Path(root)
    cache = cache or ParseCache()
    for _ in range(2):
        before = scan(str(root))
        result = _load_once(root, cache, previous, before)
        if not cache.read_in or before.still(cache.read_in):
            return result
    reason = "the fact files changed while they were being read; nothing was loaded, try again"
    return LoadResult(None, [Problem(str(root), None, "", reason)], result.files)


def _load_once(root: Path, cache: ParseCache, previous: FactSet | None, look: Scan) -> LoadResult:
    cache.start()
    if not root.is_dir():
        return LoadResult(None, [Problem(str(root), None, "", "no such folder")], 0)
    try:
        os.listdir(root)
    except OSError as error:
        reason = f"cannot list the folder: {error.strerror or error}"
        return LoadResult(None, [Problem(str(root), None, "", reason)], 0)
    if (root / RELATIONSHIP_FILE).is_file():
        reason = (
            f"this is the folder of one relationship ({root.name}), not the facts root: "
            f"give its parent ({root.parent}), the folder that holds {HONORIFICS_FILE}, "
            "people/ and every relationship"
        )
        return LoadResult(None, [Problem(str(root), None, "", reason)], 0)
    reader = _Reader(root, cache, look)
    reader.read_root()
    cache.finish()
    notes = tuple(reader.notes)
    version = reader.digest.hexdigest()[:12]
    if previous is not None and previous.version == version and not reader.problems:
        return LoadResult(previous, [], reader.files, notes)  # the same files, checked before
    problems = reader.problems + cache.checks.run(reader.records, reader.units, reader.texts,
                                                   clean=not reader.problems)  # fmt: skip
    if problems:
        return LoadResult(None, problems, reader.files, notes)
    factset = build_factset(reader.units, version, cache.build)
    return LoadResult(factset, [], reader.files, notes)


@dataclass
class _Reader:
    root: Path
    cache: ParseCache = field(default_factory=ParseCache)
    look: Scan | None = None
    """The folder entries as this load first saw them (scan.py); taken now if not given."""
    problems: list[Problem] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    units: list[tuple[Record, ...]] = field(default_factory=list)
    """The records of each file, in the order read: a file's tuple is the very same object
    while the file is unchanged (validate.py and build.py redo only what changed)."""
    texts: dict[str, SourceText] = field(default_factory=dict)
    files: int = 0
    digest: Any = field(default_factory=hashlib.sha256)
    notes: list[str] = field(default_factory=list)
    folders: dict[str, str] = field(default_factory=dict)
    """Real paths of the folders read so far (files.read_fact_file)."""
    _fed: list[bytes] | None = None
    """What went into `digest` while one folder is read, to replay it (`folder_read`)."""

    def __post_init__(self) -> None:
        if self.look is None:
            self.look = scan(str(self.root))

    def feed(self, shown: str, digest: bytes) -> None:
        """The version is a digest of every file's path and content digest, in order."""
        data = shown.encode() + b"\0" + digest + b"\0"
        self.digest.update(data)
        if self._fed is not None:
            self._fed.append(data)

    def is_file(self, path: Path) -> bool:
        assert self.look is not None
        return self.look.is_file(path)

    def is_dir(self, path: Path) -> bool:
        assert self.look is not None
        return self.look.is_dir(path)

    def entry(self, path: Path) -> Entry | None:
        """The file's entry, if it may vouch for the content read now (scan.py)."""
        assert self.look is not None
        folder, name = os.path.split(path)
        found = self.look.entries(folder).get(name)
        return found if found is not None and self.look.settled(found) else None

    def content(self, path: Path, shown: str) -> tuple[_File, bytes | None] | None:
        """The file's cache entry, and its bytes if it had to be read: it is not when its
        entry vouches for it being as last read. None: it could not be read (reported)."""
        entry = self.entry(path)
        known = self.cache.unchanged(shown, entry)
        if known is not None:
            return known, None
        raw = self.read_bytes(path)
        self.cache.read_in.add(os.path.dirname(path))
        if raw is None:
            return None
        known = self.cache.file(shown, raw)
        known.entry = entry
        return known, raw

    def folder_read(self, folder: Path, read: Callable[[], None], *how: object) -> None:
        """`read()` the folder, or replay what it gave last time if no entry in it changed
        (and each had settled): at 50k statements most of a reload after one edit was
        walking thousands of unchanged files."""
        assert self.look is not None
        path = str(folder)
        listed = self.look.folders.get(path)
        parent = self.look.entries(str(folder.parent)).get(folder.name)
        entries = (parent, *listed) if listed is not None and parent is not None else None
        key = (path, *how)
        known = self.cache.folder(key, entries)
        if known is not None:
            self.records += known.records
            self.units += known.units
            self.problems += known.problems
            self.notes += known.notes
            self.texts.update(known.texts)
            self.files += known.files
            self.digest.update(known.fed)
            return
        marks = (len(self.records), len(self.units), len(self.problems), len(self.notes),
                 len(self.texts), self.files, self.cache.mark())  # fmt: skip
        self._fed = []
        try:
            read()
        finally:
            fed, self._fed = b"".join(self._fed), None
        if entries is None or not all(self.look.settled(entry) for entry in entries[1:]):
            return
        records, units, problems, notes, texts, files, cached = marks
        self.cache.keep_folder(key, _Folder(
            entries,
            tuple(self.records[records:]),
            tuple(self.units[units:]),
            tuple(self.problems[problems:]),
            tuple(self.notes[notes:]),
            tuple(list(self.texts.items())[texts:]),
            self.files - files,
            fed,
            self.cache.seen_since(cached),
        ))  # fmt: skip

    def shown(self, path: Path) -> str:
        return shown(self.root, path)

    def not_read(self, path: Path, reason: str) -> None:
        shown = self.shown(path) + ("/" if path.is_dir() else "")
        self.problems.append(Problem(shown, None, "", f"not read: {reason}"))

    def read_root(self) -> None:
        if not (self.root / HONORIFICS_FILE).is_file():
            reason = (
                "missing: the facts root keeps the title words that name matching ignores "
                "(so that 'General Secretary To Lam' finds To Lam); is this the facts root?"
            )
            self.problems.append(Problem(HONORIFICS_FILE, None, "", reason))
        entries = _entries(self.root)
        for name in SHARED_FOLDERS:  # first, so that they own their ids and names
            if (self.root / name).is_dir():
                self.read_kind_folder(self.root / name, SHARED_FOLDERS[name], None)
        for entry in entries:
            if entry.is_dir():
                if entry.name in SHARED_FOLDERS:
                    continue
                elif entry.name == SCHEMA_FOLDER:
                    self.read_schemas(entry)
                elif _is_relationship_folder(entry):
                    self.read_relationship(entry)
                else:
                    self.not_read(
                        entry,
                        f"a folder with no {RELATIONSHIP_FILE}, so not a relationship; people, "
                        "countries, places and organisations go in people/, countries/, "
                        "places/ and organisations/",
                    )
            elif entry.name == HONORIFICS_FILE:
                self.files += 1
                known = self.content(entry, HONORIFICS_FILE)
                if known is not None:
                    self.feed(HONORIFICS_FILE, known[0].digest)
            else:
                self.not_read(
                    entry,
                    "only honorifics.toml is read at the top of the facts root; a person goes "
                    "in people/<id>.toml (likewise countries/, places/, organisations/), and "
                    "everything else in a relationship folder such as vietnam-laos/",
                )

    def read_schemas(self, folder: Path) -> None:
        for entry in _entries(folder):
            if not entry.name.endswith(".schema.json") or entry.is_dir():
                self.not_read(entry, "schemas/ holds only the *.schema.json files for editors")

    def read_relationship(self, folder: Path) -> None:
        relationship = folder.name
        if not (folder / RELATIONSHIP_FILE).is_file():
            shown = f"{self.shown(folder)}/{RELATIONSHIP_FILE}"
            reason = (
                "missing: every relationship folder has one, with the relationship's name, "
                "its two countries and its key points"
            )
            self.problems.append(Problem(shown, None, "", reason))
            self.records.append(Record("relationship", relationship, shown, relationship, None))
        for entry in _entries(folder):
            if entry.is_dir() and entry.name in SCOPED_FOLDERS:
                self.read_kind_folder(entry, SCOPED_FOLDERS[entry.name], relationship)
            elif entry.is_file() and entry.name == RELATIONSHIP_FILE:
                self.read_record(entry, KINDS["relationship"], relationship, relationship)
            elif entry.is_file() and entry.name in LIST_FILES:
                self.read_list(entry, LIST_FILES[entry.name], relationship)
            elif entry.is_dir() and entry.name == STATEMENTS_FOLDER:
                self.read_statements_folder(entry, relationship)
            elif entry.is_dir() and entry.name == DRAFTS_FOLDER:
                self.read_drafts(entry, relationship)
            else:
                known = [*SCOPED_FOLDERS, RELATIONSHIP_FILE, *LIST_FILES]
                close = difflib.get_close_matches(entry.name, known, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]}? " if close else ""
                self.not_read(
                    entry,
                    f"{hint}a relationship folder holds {RELATIONSHIP_FILE}, statements.toml, "
                    "further-reading.toml and the folders sources/, events/, pillars/, topics/ "
                    "(and statements/, when one statements.toml grows too long)",
                )

    def read_statements_folder(self, folder: Path, relationship: str) -> None:
        """Many free statements may be split over statements/*.toml, each like statements.toml."""
        self.folder_read(folder, lambda: self._read_statements_folder(folder, relationship),
                         "statements", relationship)  # fmt: skip

    def _read_statements_folder(self, folder: Path, relationship: str) -> None:
        for entry in _entries(folder):
            if entry.suffix == ".toml" and self.is_file(entry):
                self.read_list(entry, KINDS["statement"], relationship)
            else:
                self.not_read(entry, "statements/ holds only *.toml files of [[statements]]")

    def read_drafts(self, folder: Path, relationship: str) -> None:
        """A draft's statements load only once a curator has set `reviewed = true`."""
        for entry in _entries(folder):
            if not (entry.is_file() and entry.suffix == ".toml"):
                self.not_read(entry, "drafts/ holds only the *.toml drafts of facts draft")
                continue
            if self.draft_reviewed(entry):
                self.read_list(entry, KINDS["statement"], relationship, ignore=("reviewed",))
            else:
                self.notes.append(
                    f"{self.shown(entry)}: a draft, not loaded; rewrite its texts, then set "
                    "reviewed = true"
                )

    def draft_reviewed(self, path: Path) -> bool:
        raw = read_fact_file(self.root, path, folders=self.folders)
        self.cache.read_in.add(str(path.parent))  # read: the load takes a second look
        if isinstance(raw, Problem):
            return True  # read it as a fact file, so that the problem is reported
        match = re.search(rb"^reviewed\s*=\s*(true|false)\s*(#.*)?$", raw, re.MULTILINE)
        return match is not None and match[1] == b"true"

    def read_kind_folder(self, folder: Path, kind: Kind, relationship: str | None) -> None:
        self.folder_read(
            folder, lambda: self._read_kind_folder(folder, kind, relationship), kind.name,
            relationship,
        )  # fmt: skip

    def _read_kind_folder(self, folder: Path, kind: Kind, relationship: str | None) -> None:
        for entry in _entries(folder):
            if entry.suffix != ".toml" and self.is_dir(entry):  # x.toml/ is reported when read
                self.not_read(entry, f"records go directly in {folder.name}/, not in sub-folders")
            elif entry.suffix == ".toml":
                self.read_record(entry, kind, relationship, entry.stem)
            elif kind.name == "source" and entry.suffix == SOURCE_TEXT_SUFFIX:
                if not self.is_file(entry.with_suffix(".toml")):
                    self.not_read(
                        entry,
                        f"a source text with no {entry.stem}.toml beside it: add the source "
                        f"(python -m bot facts new source {entry.stem}) or delete the text",
                    )
            else:
                texts = " and its text <id>.txt" if kind.name == "source" else ""
                self.not_read(entry, f"{folder.name}/ holds one <id>.toml per {kind.name}{texts}")

    def read_bytes(self, path: Path) -> bytes | None:
        """Through files.py: regular files inside the root only, size checked first."""
        raw = read_fact_file(self.root, path, folders=self.folders)
        if isinstance(raw, Problem):
            self.problems.append(raw)
            return None
        return raw

    def parse(self, path: Path) -> tuple[dict[str, Any], Locator, int | None] | None:
        """The file's table and a locator for its lines, or None (problems reported)."""
        shown = self.shown(path)
        self.files += 1
        found = self.content(path, shown)
        if found is None:
            return None
        cached, raw = found
        self.feed(shown, cached.digest)
        if cached.problems is None:
            assert raw is not None  # new content is never vouched for: it was just read
            before = len(self.problems)
            cached.parsed = self._parse_text(shown, raw)
            cached.problems = self.problems[before:]
        else:
            self.problems += cached.problems
        return cached.parsed  # type: ignore[no-any-return]

    def _parse_text(
        self, shown: str, raw: bytes
    ) -> tuple[dict[str, Any], Locator, int | None] | None:
        text = self.decode(shown, raw)
        if text is None:
            return None
        deep = deep_key_line(text)
        if deep is not None:
            reason = f"a key or table name of more than {MAX_KEY_PARTS} dotted parts; use a few"
            self.problems.append(Problem(shown, deep, "", reason))
            return None
        try:
            data = toml.loads(text)
        except RecursionError:
            self.problems.append(Problem(shown, None, "", _TOO_DEEP))
            return None
        except toml.TOMLDecodeError as error:
            message = str(error)
            found = re.search(r"at line (\d+)", message)
            reason = _toml_reason(_TOML_POSITION.sub("", message).strip())
            line = int(found[1]) if found else None
            self.problems.append(Problem(shown, line, "", f"TOML syntax: {reason}"))
            return None
        if not data:
            reason = "the file is empty; add facts to it or delete it"
            self.problems.append(Problem(shown, None, "", reason))
            return None
        return data, Locator(text), _first_line(text)

    def decode(self, shown: str, raw: bytes) -> str | None:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            reason = (
                f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); "
                "save the file as UTF-8"
            )
            self.problems.append(Problem(shown, line, "", reason))
            return None
        if "\x00" in text:
            line = text[: text.index("\x00")].count("\n") + 1
            self.problems.append(Problem(shown, line, "", "contains a NUL byte"))
            return None
        return text

    def read_record(self, path: Path, kind: Kind, relationship: str | None, ident: str) -> None:
        shown = self.shown(path)
        if not _ID.fullmatch(ident) or len(ident) > 64:
            reason = (
                f"the name {ident!r} is not an id, and a record's id is its file name: rename "
                "it with lower-case letters, digits and hyphens, like to-lam.toml"
            )
            self.problems.append(Problem(shown, None, "", reason))
            return
        parsed = self.parse(path)
        archive = None
        if kind.name == "source" and parsed is not None:
            text_path = path.with_suffix(SOURCE_TEXT_SUFFIX)
            if self.is_file(text_path):
                archive = self.shown(text_path)
                self.read_source_text(ident, text_path)
        key = ("record", kind.name, relationship, ident, archive)
        if self.replayed(shown, key):
            return
        before = (len(self.records), len(self.problems))
        self._read_record(parsed, shown, kind, relationship, ident, archive)
        self.kept(shown, key, before)

    def _read_record(
        self,
        parsed: tuple[dict[str, Any], Locator, int | None] | None,
        shown: str,
        kind: Kind,
        relationship: str | None,
        ident: str,
        archive: str | None,
    ) -> None:
        if parsed is None:
            self.records.append(Record(kind.name, ident, shown, relationship, None))
            return
        data, locator, first = parsed
        payload = dict(data)
        failed = False
        for key, reason in _forbidden_keys(kind, ident, relationship).items():
            if key in payload:
                payload.pop(key)
                line = locator.line((key,))
                self.problems.append(Problem(shown, line, key, reason))
                failed = True
        payload["id"] = ident
        if archive is not None:
            payload["archive"] = archive
        model = self.validate(kind, payload, shown, locator, (), first)
        model = None if failed else model
        self.records.append(Record(kind.name, ident, shown, relationship, model, locator))

    def replayed(self, shown: str, key: tuple[object, ...]) -> bool:
        """Whether the file's records and problems, read this way before from the same
        content, were added again as they were (the very same `Record` objects)."""
        cached = self.cache.seen(shown)
        found = cached.outcomes.get(key) if cached is not None else None
        if found is None:
            return False
        records, problems = found
        self.records += records
        self.units.append(records)
        self.problems += problems
        return True

    def kept(self, shown: str, key: tuple[object, ...], before: tuple[int, int]) -> None:
        """The records and problems reading the file added since `before`: one unit, kept
        with the file's content for the next load."""
        records = tuple(self.records[before[0] :])
        self.units.append(records)
        cached = self.cache.seen(shown)
        if cached is not None:
            cached.outcomes[key] = (records, self.problems[before[1] :])

    def read_source_text(self, ident: str, path: Path) -> None:
        shown = self.shown(path)
        self.files += 1
        found = self.content(path, shown)
        if found is None:
            return
        cached, raw = found
        self.feed(shown, cached.digest)
        if cached.problems is None:
            assert raw is not None  # new content is never vouched for: it was just read
            before = len(self.problems)
            text = self.decode(shown, raw)
            cached.parsed = SourceText(shown, fold_quote(text)) if text is not None else None
            cached.problems = self.problems[before:]
        else:
            self.problems += cached.problems
        if cached.parsed is not None:
            self.texts[ident] = cached.parsed

    def read_list(
        self, path: Path, kind: Kind, relationship: str, ignore: tuple[str, ...] = ()
    ) -> None:
        parsed = self.parse(path)
        if parsed is None:
            return
        shown = self.shown(path)
        key = ("list", kind.name, relationship, ignore)
        if self.replayed(shown, key):
            return
        before = (len(self.records), len(self.problems))
        self._read_list(parsed, path, kind, relationship, ignore)
        self.kept(shown, key, before)

    def _read_list(
        self,
        parsed: tuple[dict[str, Any], Locator, int | None],
        path: Path,
        kind: Kind,
        relationship: str,
        ignore: tuple[str, ...],
    ) -> None:
        data, locator, _ = parsed
        shown = self.shown(path)
        assert kind.list_key is not None
        for key in data:
            if key != kind.list_key and key not in ignore:
                reason = f"{path.name} holds only [[{kind.list_key}]] entries"
                close = difflib.get_close_matches(key, [kind.list_key], n=1, cutoff=0.6)
                reason += f"; did you mean [[{close[0]}]]?" if close else ""
                self.problems.append(Problem(shown, locator.line((key,)), key, reason))
        items = data.get(kind.list_key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            reason = f"write each entry as a [[{kind.list_key}]] table"
            line = locator.line((kind.list_key,))
            self.problems.append(Problem(shown, line, kind.list_key, reason))
            return
        models = _validate_all(kind, items)
        for i, item in enumerate(items):
            loc = (kind.list_key, i)
            model = models[i] if models else self.validate(kind, item, shown, locator, loc)
            ident = item.get("id")
            if isinstance(ident, str) and _ID.fullmatch(ident):
                self.records.append(
                    Record(kind.name, ident, shown, relationship, model, locator, loc)
                )

    def validate(
        self,
        kind: Kind,
        payload: dict[str, Any],
        shown: str,
        locator: Locator,
        prefix: tuple[str | int, ...],
        first: int | None = None,
    ) -> Any:
        """The record's model, or None with its problems reported. (An unchanged file's
        records are not validated again: `replayed` hands back its outcome whole.)"""
        try:
            return kind.model.model_validate(payload)
        except RecursionError:
            self.problems.append(Problem(shown, None, "", _TOO_DEEP))
            return None
        except ValidationError as error:
            details = pasted_record(kind.model, error.errors())
            for detail in details:
                problem = schema_problem(shown, locator, prefix, kind.model, detail)
                if problem.line is None and not prefix:
                    problem = dataclasses.replace(problem, line=first)
                self.problems.append(problem)
            return None


_LISTS: dict[type, TypeAdapter[list[Any]]] = {}


def _validate_all(kind: Kind, items: list[dict[str, Any]]) -> list[Any] | None:
    """Every entry of a list file validated in one call (a fifth less than one call each:
    most records are statements in such files), or None if any is wrong: each is then
    validated on its own, so that each problem is reported where it is."""
    adapter = _LISTS.get(kind.model)
    if adapter is None:
        adapter = _LISTS[kind.model] = TypeAdapter(list[kind.model])  # type: ignore[name-defined]
    try:
        return adapter.validate_python(items)
    except (ValidationError, RecursionError):
        return None


def _entries(folder: Path) -> list[Path]:
    """Everything in a folder but hidden files (editors' and git's own), by id; nothing when
    the folder cannot be listed (its files are then reported as missing where referred to)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    paths = (folder / name for name in names if not name.startswith("."))
    return sorted(paths, key=lambda p: (p.stem, p.name))


def _is_relationship_folder(folder: Path) -> bool:
    """It has relationship.toml, or (when that is missing) what only a relationship has."""
    names = {RELATIONSHIP_FILE, *SCOPED_FOLDERS, *LIST_FILES, STATEMENTS_FOLDER}
    return any((folder / name).exists() for name in names)


_HEAD = 4096


def _first_line(text: str) -> int | None:
    """The first line that is not blank or a comment: where a one-record file's record starts.

    Looked for in the first few kilobytes, where it nearly always is, before the whole text:
    a cut line that is not blank or a comment is the start of one that is not either."""
    for number, line in enumerate(text[:_HEAD].splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            return number
    if len(text) <= _HEAD:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            return number
    return None


def _forbidden_keys(kind: Kind, ident: str, relationship: str | None) -> dict[str, str]:
    """Keys the loader fills in, with why a curator does not write them."""
    if kind.name == "relationship":
        return {"id": f"remove it: a relationship's id is its folder's name ({relationship})"}
    keys = {"id": f"remove it: a record's id is its file name ({ident})"}
    if kind.name == "source":
        keys["archive"] = f"remove it: the source's text is the file beside it, {ident}.txt"
    return keys


def _toml_reason(reason: str) -> str:
    if reason.startswith("Illegal character '\\n'") or "Unterminated string" in reason:
        return f"{reason} (is a string missing its closing quote?)"
    if reason.startswith("Cannot overwrite a value") or "Cannot declare" in reason:
        return (
            f"{reason}: a key is written twice; a file holds one record, so a second record "
            "(or a pasted block) goes in its own file"
        )
    return reason or "invalid TOML"
