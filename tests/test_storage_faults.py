"""Storage faults at start-up and during a reload (red-team F-01, F-17b): one line naming the
path and the cause, a non-zero exit, never a hang, and the old facts kept on a failed reload.

Each start-up case runs the real `python -m bot` (the console, stdin closed) with a timeout:
three of these used to hang forever, because an SQLite connection left open keeps a thread
that the interpreter waits for at exit. Faults that need a file system of their own (read-only,
full) mount a small tmpfs, which only root may do; they are skipped otherwise.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.cli import clean_env, run_bot
from support.paths import FACTS

from bot.core.service import Attache, Who
from bot.core.store.audit import audit_path_for

SECONDS = 10
"""The bound for a start that fails: these fail before the facts are even read."""


def mount_tmpfs(where: Path, size: str, *, files: dict[str, bytes] | None = None,
                read_only: bool = False) -> Path:  # fmt: skip
    """A small file system of its own at `where` (unmount it with `unmount`)."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("needs a tmpfs mount (root)")
    for name, content in (files or {}).items():
        with contextlib.suppress(OSError):  # a filler may not fit whole
            (where / name).write_bytes(content)
    if read_only:
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
    return where


def unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


@dataclass(frozen=True)
class Case:
    id: str
    prepare: Callable[[Path], str]
    """tmp folder -> DATABASE_PATH; may mount a tmpfs under the folder."""
    message: str
    """The exact last line of stderr; `{tmp}` stands for the tmp folder."""
    code: int = 1


def garbage_database(tmp: Path) -> str:
    """DATABASE_PATH holds the audit log (docs/read-model.md): here it is not SQLite."""
    (tmp / "data").mkdir()
    (tmp / "data" / "attache.sqlite3").write_text("garbage\n")
    return str(tmp / "data" / "attache.sqlite3")


def database_is_a_folder(tmp: Path) -> str:
    (tmp / "data").mkdir()
    return str(tmp / "data")


def parent_is_a_file(tmp: Path) -> str:
    (tmp / "data").write_text("")
    return str(tmp / "data" / "attache.sqlite3")


def read_only_folder(tmp: Path) -> str:
    mount_tmpfs(tmp / "ro", "1m", read_only=True)
    return str(tmp / "ro" / "attache.sqlite3")


def read_only_with_database(tmp: Path) -> str:
    mount_tmpfs(tmp / "ro", "1m", files={"attache.sqlite3": b""}, read_only=True)
    return str(tmp / "ro" / "attache.sqlite3")


def disk_full(tmp: Path) -> str:
    mount_tmpfs(tmp / "full", "8k", files={"filler": b"x" * 8192})
    return str(tmp / "full" / "attache.sqlite3")


CASES = [
    Case(
        "garbage-database",
        garbage_database,
        "cannot start: {tmp}/data/attache.sqlite3: file is not a database: "
        "not an SQLite file of this bot; move it away or delete it",
    ),
    Case(
        "database-path-is-a-folder",
        database_is_a_folder,
        "cannot start: {tmp}/data: is a folder; name a file in it, such as attache.sqlite3",
    ),
    Case(
        "parent-is-a-file",
        parent_is_a_file,
        "cannot start: {tmp}/data/attache.sqlite3: {tmp}/data is a file, not a folder",
    ),
    Case(
        "trailing-slash",
        lambda tmp: f"{tmp}/data/",
        "invalid setting DATABASE_PATH: names a folder; "
        "name a file in it, such as data/attache.sqlite3",
        2,
    ),
    Case(
        "dot",
        lambda tmp: ".",
        "invalid setting DATABASE_PATH: names a folder; "
        "name a file in it, such as data/attache.sqlite3",
        2,
    ),
    Case(
        "uri",
        lambda tmp: f"file:{tmp}/attache.sqlite3?mode=ro",
        "invalid setting DATABASE_PATH: is a URI; name a plain file, such as data/attache.sqlite3",
        2,
    ),
    Case(
        "blank",
        lambda tmp: " ",
        "invalid setting DATABASE_PATH: is blank; name a file, such as data/attache.sqlite3",
        2,
    ),
    Case(
        "read-only-folder",
        read_only_folder,
        "cannot start: {tmp}/ro/attache.sqlite3: cannot write in {tmp}/ro "
        "(the audit log of reloads is kept there)",
    ),
    Case(
        "database-in-a-read-only-folder",
        read_only_with_database,
        "cannot start: {tmp}/ro/attache.sqlite3: cannot write in {tmp}/ro "
        "(the audit log of reloads is kept there)",
    ),
    Case(
        "disk-full",
        disk_full,
        "cannot start: {tmp}/full/attache.sqlite3: database or disk is full: "
        "free some space on its disk",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_storage_fault_stops_the_start_with_one_line(tmp_path: Path, case: Case) -> None:
    try:
        database = case.prepare(tmp_path)
        started = time.monotonic()
        done = run_bot(
            cwd=tmp_path,
            env=clean_env(DATABASE_PATH=database, FACTS_DIR=str(FACTS)),
            timeout=SECONDS,
        )
        elapsed = time.monotonic() - started
    finally:
        for mount in ("ro", "full"):
            unmount(tmp_path / mount)

    lines = done.stderr.strip().splitlines()
    assert "Traceback" not in done.stderr, done.stderr
    assert lines[-1] == case.message.format(tmp=tmp_path), done.stderr
    assert done.returncode == case.code
    assert elapsed < SECONDS


def test_facts_status_with_a_garbage_audit_is_one_line(tmp_path: Path) -> None:
    database = garbage_database(tmp_path)
    done = run_bot(
        "facts", "status", cwd=tmp_path, env=clean_env(DATABASE_PATH=database), timeout=SECONDS
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"cannot read the status: {tmp_path}/data/attache.sqlite3: file is not a "
        "database: not an SQLite file of this bot; move it away or delete it"
    )


async def test_a_reload_on_a_full_disk_still_brings_in_the_new_facts(tmp_path: Path) -> None:
    """A reload writes nothing to disk but its audit row (the facts live in memory): on a
    full disk the new facts are still swapped in."""
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    folder = tmp_path / "full"
    try:
        mount_tmpfs(folder, "1m")
        database = str(folder / "attache.sqlite3")
        attache = await Attache.start(facts, database)
        logged: list[str] = []
        handler = logging.Handler(logging.ERROR)
        handler.emit = lambda record: logged.append(record.getMessage())  # type: ignore[method-assign]
        logging.getLogger("bot.core.service").addHandler(handler)
        try:
            old = attache.state
            free = folder / "filler"
            with open(free, "wb", buffering=0) as handle:  # fill the disk to the last byte
                for chunk in (65536, 4096, 1):
                    with contextlib.suppress(OSError):
                        while True:
                            handle.write(b"x" * chunk)
            people = next(facts.rglob("people.toml"), None) or next(facts.rglob("*.toml"))
            people.write_text(people.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")

            outcome = await attache.reload(Who("cli"))

            assert outcome.ok, [str(p) for p in outcome.problems]
            assert attache.state is not old and attache.state.version == outcome.new_version
            # SQLite may still fit the row in pages it already has; if not, it is logged.
            free.unlink()
            recorded = await attache.audit.latest(1)
            assert recorded or any("could not record the reload" in m for m in logged), logged
        finally:
            logging.getLogger("bot.core.service").removeHandler(handler)
            await attache.close()
    finally:
        unmount(folder)


def test_the_audit_log_is_in_the_database_itself() -> None:
    assert audit_path_for("data/attache.sqlite3") == "data/attache.sqlite3"


async def test_an_audit_row_that_cannot_be_written_is_logged_not_fatal(tmp_path: Path) -> None:
    """Deterministically, what a full disk may or may not cause above: the reload's outcome
    stands and the cause is logged."""
    attache = await Attache.start(FACTS, str(tmp_path / "attache.sqlite3"))
    logged: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: logged.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("bot.core.service").addHandler(handler)

    async def full(entry: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    try:
        attache.audit.record = full  # type: ignore[method-assign]
        outcome = await attache.reload(Who("cli"))
        assert outcome.ok
        assert logged == [
            f"could not record the reload: {tmp_path}/attache.sqlite3: database or disk is "
            "full: free some space on its disk"
        ]
    finally:
        logging.getLogger("bot.core.service").removeHandler(handler)
        await attache.close()


def test_a_garbage_leftover_audit_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    """The separate audit file older versions kept is imported once if it is one; a garbage
    file of that name is a leftover, and must not stop the bot (nor be blamed on
    DATABASE_PATH, as it was)."""
    (tmp_path / "data").mkdir()
    leftover = tmp_path / "data" / "attache.audit.sqlite3"
    leftover.write_text("garbage\n")
    done = run_bot(
        cwd=tmp_path,
        env=clean_env(DATABASE_PATH=str(tmp_path / "data" / "attache.sqlite3")),
        stdin="/about\n",
        timeout=SECONDS,
    )
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if " WARNING " in line]
    assert len(warnings) == 1
    assert warnings[0].endswith(
        f"not importing the old audit log {leftover}: file is not a database"
    )
