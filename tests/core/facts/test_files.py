"""Special and hostile entries in a facts folder (red-team F-02, F-03, F-07, F-08, F-09, F-10):
each is a problem with its file, found through the real loader within a time bound.

The loads run in a worker thread with a timeout, so a regression that hangs (a FIFO opened
for reading blocks forever) fails the test instead of hanging the suite.
"""

from __future__ import annotations

import concurrent.futures
import errno
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from facts_fixture import BASE_FILE_COUNT, REL, write_files, write_root

from bot.core.facts import files, loader
from bot.core.facts.files import MAX_FILE_BYTES, fact_files, read_fact_file
from bot.core.facts.loader import LoadResult, load_facts
from bot.core.facts.problems import Problem

EVENTS = f"{REL}/events"
SECONDS = 5.0
"""Every load here must finish well within this; most take milliseconds."""


def load_within(root: Path, seconds: float = SECONDS) -> tuple[LoadResult, float]:
    pool = concurrent.futures.ThreadPoolExecutor(1)
    started = time.perf_counter()
    try:
        result = pool.submit(load_facts, root).result(timeout=seconds)
    finally:
        pool.shutdown(wait=False)
    return result, time.perf_counter() - started


@dataclass(frozen=True)
class Row:
    id: str
    make: Callable[[Path, Path], None]
    """(root, a kind folder: alpha-beta/events) -> put the hostile entry in place."""
    file: str
    reason: str
    line: int | None = None


def fifo(root: Path, folder: Path) -> None:
    os.mkfifo(folder / "fifo.toml")


def directory(root: Path, folder: Path) -> None:
    (folder / "dir.toml").mkdir()
    (folder / "dir.toml" / "inside.toml").write_text('[[people]]\nid = "x"\n')


def dev_zero(root: Path, folder: Path) -> None:
    (folder / "zero.toml").symlink_to("/dev/zero")


def dangling(root: Path, folder: Path) -> None:
    (folder / "gone.toml").symlink_to(folder / "never-there.toml")


def link_loop(root: Path, folder: Path) -> None:
    (folder / "loop.toml").symlink_to(folder / "loop.toml")


def outside_file(root: Path, folder: Path) -> None:
    outside = root.parent / "elsewhere.toml"
    outside.write_text('[[people]]\nid = "from-outside"\nname_en = "From Outside"\n')
    (folder / "extra.toml").symlink_to(outside)


def outside_folder(root: Path, folder: Path) -> None:
    elsewhere = root.parent / "elsewhere"
    write_files(elsewhere, {"relationship.toml": 'countries = ["alpha", "beta"]\nname_en = "X"\n'})
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)


def sparse_huge(root: Path, folder: Path) -> None:
    with open(folder / "huge.toml", "wb") as handle:
        handle.truncate(50 * MAX_FILE_BYTES)  # 100 MB of zeros, read at most 2 MB + 1


def nested_arrays(root: Path, folder: Path) -> None:
    (folder / "deep.toml").write_text("x = " + "[" * 20_000 + "]" * 20_000 + "\n")


def nested_inline_tables(root: Path, folder: Path) -> None:
    (folder / "deep.toml").write_text("x = " + "{a=" * 20_000 + "1" + "}" * 20_000 + "\n")


def deep_header(root: Path, folder: Path) -> None:
    """The red-team's 40 KB file that froze the bot for 10 s (F-02)."""
    (folder / "deep.toml").write_text("[" + ".".join(["a"] * 20_000) + "]\nx = 1\n")


def deep_header_at_limit(root: Path, folder: Path) -> None:
    parts = (MAX_FILE_BYTES - 20) // 2
    (folder / "deep.toml").write_text("[" + ".".join(["a"] * parts) + "]\nx = 1\n")


def deep_key(root: Path, folder: Path) -> None:
    (folder / "deep.toml").write_text("# deep\n" + ".".join(['"a"'] * 20_000) + " = 1\n")


def deep_inline_key(root: Path, folder: Path) -> None:
    (folder / "deep.toml").write_text("\n\nx = {" + ".".join(["a"] * 20_000) + " = 1}\n")


def unreadable(root: Path, folder: Path) -> None:
    (folder / "locked.toml").write_text('[[people]]\nid = "x"\n')
    (folder / "locked.toml").chmod(0)


ROWS = [
    Row("fifo", fifo, f"{EVENTS}/fifo.toml", "a named pipe, not a regular file"),
    Row("directory-named-toml", directory, f"{EVENTS}/dir.toml", "a folder, not a regular file"),
    Row("symlink-to-dev-zero", dev_zero, f"{EVENTS}/zero.toml", "outside the facts folder"),
    Row("dangling-symlink", dangling, f"{EVENTS}/gone.toml", "a link to nothing vanished"),
    Row("symlink-loop", link_loop, f"{EVENTS}/loop.toml", "link loop"),
    Row("symlink-outside", outside_file, f"{EVENTS}/extra.toml", "outside the facts folder"),
    Row("folder-symlink-outside", outside_folder, "linked/relationship.toml", "outside the facts"),
    Row("sparse-100-mb", sparse_huge, f"{EVENTS}/huge.toml", "larger than 2,000,000 bytes"),
    Row("nested-arrays", nested_arrays, f"{EVENTS}/deep.toml", "nested too deeply"),
    Row("nested-inline-tables", nested_inline_tables, f"{EVENTS}/deep.toml", "nested too deeply"),
    Row("deep-header-40kb", deep_header, f"{EVENTS}/deep.toml", "more than 32 dotted parts", 1),
    Row("deep-header-2mb", deep_header_at_limit, f"{EVENTS}/deep.toml", "more than 32 dotted", 1),
    Row("deep-key", deep_key, f"{EVENTS}/deep.toml", "more than 32 dotted parts", 2),
    Row("deep-inline-key", deep_inline_key, f"{EVENTS}/deep.toml", "more than 32 dotted", 3),
    Row("unreadable", unreadable, f"{EVENTS}/locked.toml", "permission denied"),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_hostile_entry_is_a_problem_with_its_file(
    tmp_path: Path, row: Row, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_root(tmp_path)
    folder = root / EVENTS
    row.make(root, folder)
    if row.id == "unreadable" and os.geteuid() == 0:
        deny_open(monkeypatch, folder / "locked.toml")  # root ignores chmod 000

    result, seconds = load_within(root)

    assert result.factset is None
    assert [(p.file, p.line) for p in result.problems if p.file == row.file] == [
        (row.file, row.line)
    ], "\n".join(map(str, result.problems))
    problem = next(p for p in result.problems if p.file == row.file)
    assert row.reason in problem.reason
    assert seconds < 3.0


def deny_open(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    real_open = os.open

    def fake_open(path: str, flags: int, *args: int) -> int:
        if Path(path) == denied.resolve():
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(files.os, "open", fake_open)


def test_an_editors_lock_link_is_not_a_fact_file(tmp_path: Path) -> None:
    """Emacs keeps `.#to-lam.toml` (a link to nowhere) while a curator has unsaved edits:
    the saved files are what counts, so a reload then is not refused."""
    root = write_root(tmp_path)
    (root / "people" / ".#to-lam.toml").symlink_to("curator@host.1234:1700000000")

    result, _ = load_within(root)

    assert result.problems == []
    assert result.files == BASE_FILE_COUNT


def test_a_link_inside_the_facts_folder_is_followed(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    (root / ".vault").mkdir()  # hidden: not itself read
    (root / "people" / "to-lam.toml").rename(root / ".vault" / "to-lam.toml")
    (root / "people" / "to-lam.toml").symlink_to(root / ".vault" / "to-lam.toml")

    result, _ = load_within(root)

    assert result.problems == []


def test_an_unlistable_facts_folder_is_one_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_root(tmp_path)
    real_listdir = os.listdir

    def fake_listdir(path: str | Path) -> list[str]:
        if Path(path) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", fake_listdir)
    result = load_facts(folder)
    assert [str(p) for p in result.problems] == [
        f"{folder}: cannot list the folder: Permission denied"
    ]


def test_read_fact_file_reads_at_most_limit_plus_one_byte(tmp_path: Path) -> None:
    """A file that grows between fstat and read (or a lying size) cannot make it read more."""
    path = tmp_path / "a.toml"
    path.write_bytes(b"x" * 100)
    assert read_fact_file(tmp_path, path, limit=100) == b"x" * 100
    assert read_fact_file(tmp_path, path, limit=99) == Problem(
        "a.toml", None, "", "file is larger than 99 bytes"
    )


def test_fact_files_lists_special_entries_but_not_hidden_ones(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.toml")
    (tmp_path / "d.toml").mkdir()
    (tmp_path / ".#a.toml").symlink_to("nowhere")
    (tmp_path / "a.toml").write_text("")
    (tmp_path / "notes.txt").write_text("")
    assert [p.name for p in fact_files(tmp_path)] == ["a.toml", "d.toml", "p.toml"]


# --- a folder that changes while it is read (F-10) ---------------------------------------


def test_a_file_saved_during_the_load_makes_it_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first pass sees to-lam.toml half written; the second pass sees the saved file."""
    folder = write_root(tmp_path)
    people = folder / "people" / "to-lam.toml"
    whole = people.read_bytes()
    people.write_bytes(whole[: len(whole) // 2])  # an editor midway through a save
    reads: list[str] = []
    real_read = loader.read_fact_file

    def read(root: Path, path: Path, **options: Any) -> bytes | Problem:
        reads.append(path.name)
        data = real_read(root, path, **options)
        if path == people and reads.count("to-lam.toml") == 1:
            people.write_bytes(whole)  # the save finishes after this read
        return data

    monkeypatch.setattr(loader, "read_fact_file", read)
    result = load_facts(folder)

    assert result.problems == []
    assert reads.count("to-lam.toml") == 2


def test_a_folder_that_keeps_changing_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_root(tmp_path)
    real_read = loader.read_fact_file
    saves = 0

    def read(root: Path, path: Path, **options: Any) -> bytes | Problem:
        nonlocal saves
        data = real_read(root, path, **options)
        if path.name == "to-lam.toml":
            saves += 1
            path.write_bytes(data + b"\n" * saves)
        return data

    monkeypatch.setattr(loader, "read_fact_file", read)
    result = load_facts(folder)

    assert result.factset is None
    assert [str(p) for p in result.problems] == [
        f"{folder}: the fact files changed while they were being read; "
        "nothing was loaded, try again"
    ]
    assert saves == 2
