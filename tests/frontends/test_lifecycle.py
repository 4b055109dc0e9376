"""Reload on SIGHUP and on file changes, and a clean exit on SIGTERM: the real `python -m bot`
console in a subprocess (no DISCORD_TOKEN), and `watch_facts` in-process.

Each process gets its own copy of the facts and its own DATABASE_PATH under tmp_path. The
tests wait by polling (the console's answers on stdout, or the audit SQLite file) and give
up after `TIMEOUT` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.core.facts.loader import load_facts
from bot.core.service import Attache
from bot.core.store.audit import audit_path_for
from bot.frontends.lifecycle import facts_signature, watch_facts

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 20.0
FOOTER = re.compile(r"^facts ([0-9a-f]{12})$")
PEOPLE = Path("people") / "thongloun-sisoulith.toml"
ALIAS = '"Thonglun Sisoulith"'

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")


# --- helpers ----------------------------------------------------------------------------


def version_of(folder: Path) -> str:
    result = load_facts(folder)
    assert result.factset is not None, [str(p) for p in result.problems]
    return result.factset.version


def rename_alias(facts: Path, new_alias: str) -> None:
    """Change one alias of Thongloun Sisoulith: a small, valid edit /leader shows."""
    path = facts / PEOPLE
    text = path.read_text(encoding="utf-8")
    assert text.count(ALIAS) == 1
    path.write_text(text.replace(ALIAS, f'"{new_alias}"'), encoding="utf-8")


def audit_rows(database: Path) -> list[dict[str, Any]]:
    """The reload audit read straight from its SQLite file; [] until the file exists."""
    path = Path(audit_path_for(str(database)))
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(path, timeout=5)) as connection:
        connection.row_factory = sqlite3.Row
        try:
            rows = connection.execute("SELECT * FROM reloads ORDER BY id").fetchall()
        except sqlite3.OperationalError:  # the table is being created
            return []
    return [dict(row) for row in rows]


async def poll(check: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    """`check()` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


class Console:
    """`python -m bot` in the terminal, fed through a pipe (one command per line)."""

    def __init__(self, process: asyncio.subprocess.Process, stderr: Path) -> None:
        self.process = process
        self.stderr_path = stderr

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    async def ask(self, line: str) -> tuple[str, str]:
        """Send one command; the answer's text and the version in its footer."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()
        lines: list[str] = []
        while True:
            raw = await asyncio.wait_for(self.process.stdout.readline(), TIMEOUT)
            if not raw:
                raise AssertionError(f"the console ended; stderr:\n{self.stderr[-3000:]}")
            text = raw.decode().rstrip("\n")
            lines.append(text)
            found = FOOTER.match(text)
            if found:
                return "\n".join(lines), found[1]

    def signal(self, number: int) -> None:
        self.process.send_signal(number)

    async def exit_code(self) -> int:
        """Waits for the exit while reading what is left on stdout: a console blocked
        writing into a full pipe could not act on a signal (a terminal always reads)."""
        assert self.process.stdout is not None
        await asyncio.wait_for(self.process.stdout.read(), TIMEOUT)
        return await asyncio.wait_for(self.process.wait(), TIMEOUT)


Launch = Callable[..., Awaitable[Console]]


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    copy = tmp_path / "facts"
    shutil.copytree(REPO / "facts", copy)
    return copy


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "data" / "attache.sqlite3"


def environment(facts: Path, database: Path, **settings: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DISCORD_", "ADMIN_", "WATCH_")) and key != "PYTHONPATH"
    }
    env.update(
        DISCORD_TOKEN="",
        FACTS_DIR=str(facts),
        DATABASE_PATH=str(database),
        LOG_LEVEL="INFO",
        PYTHONPATH=str(REPO),
        PYTHONUNBUFFERED="1",
    )
    env.update(settings)
    return env


@pytest.fixture
async def launch(tmp_path: Path, facts: Path, database: Path) -> AsyncIterator[Launch]:
    """`await launch(*args, SETTING=value)`: start `python -m bot *args` and wait until its
    console has answered a first command (so its signal handlers are installed)."""
    started: list[Console] = []

    async def launch(*args: str, **settings: str) -> Console:
        stderr = tmp_path / f"bot-{len(started) + 1}.stderr"
        with stderr.open("wb") as err:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", *args,
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=err,
                cwd=tmp_path, env=environment(facts, database, **settings),
            )  # fmt: skip
        console = Console(process, stderr)
        started.append(console)
        await console.ask("/about")
        return console

    try:
        yield launch
    finally:
        for console in started:
            if console.process.returncode is None:
                console.process.kill()
                await console.process.wait()


async def run_cli(facts: Path, database: Path, *args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        cwd=database.parent.parent, env=environment(facts, database),
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), TIMEOUT)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def assert_clean_exit(code: int, console: Console) -> None:
    stderr = console.stderr
    assert code == 0, stderr[-3000:]
    assert "Traceback" not in stderr, stderr[-3000:]
    assert "Task exception was never retrieved" not in stderr, stderr[-3000:]


def assert_store_unlocked(database: Path, version: str) -> None:
    """The database (the audit log) can be opened, written and read: nothing holds a lock or
    left a journal; a reload it records as good brought in `version`."""
    assert not Path(f"{database}-journal").exists(), "a hot journal was left behind"
    with contextlib.closing(sqlite3.connect(database, timeout=0)) as connection:
        connection.execute("BEGIN IMMEDIATE")  # fails at once if a lock were still held
        connection.execute("ROLLBACK")
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        good = connection.execute("SELECT new_version FROM reloads WHERE ok ORDER BY id").fetchall()
        assert not good or good[-1] == (version,)


# --- SIGHUP -----------------------------------------------------------------------------


async def test_sighup_reloads_the_running_console(
    launch: Launch, facts: Path, database: Path
) -> None:
    console = await launch()
    old_version = version_of(facts)
    text, version = await console.ask("/leader name:Thongloun")
    assert version == old_version and "Thonglun Sisoulith" in text
    assert audit_rows(database) == []

    rename_alias(facts, "Thonglun Hupsignal Sisoulith")
    new_version = version_of(facts)
    assert new_version != old_version
    console.signal(signal.SIGHUP)

    rows = await poll(
        lambda: [r for r in audit_rows(database) if r["how"] == "signal"], "a signal reload"
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["ok"] == 1 and row["errors"] == 0
    assert (row["old_version"], row["new_version"]) == (old_version, new_version)

    # The running process answers from the new facts.
    text, version = await console.ask("/leader name:Thongloun")
    assert version == new_version
    assert "Thonglun Hupsignal Sisoulith" in text

    # And `python -m bot facts status`, a separate process, reports the reload.
    code, out, err = await run_cli(facts, database, "facts", "status")
    assert code == 0, err
    assert new_version in out
    reloads = [line for line in out.splitlines() if " signal " in f" {line} "]
    assert reloads and old_version in reloads[0] and new_version in reloads[0], out
    assert "not loaded" not in out

    console.signal(signal.SIGTERM)
    assert_clean_exit(await console.exit_code(), console)
    assert_store_unlocked(database, new_version)


async def test_sighup_with_a_broken_file_keeps_serving_the_old_facts(
    launch: Launch, facts: Path, database: Path
) -> None:
    console = await launch()
    old_version = version_of(facts)
    (facts / "vietnam-laos" / "broken.toml").write_text("a = = 1\n", encoding="utf-8")
    console.signal(signal.SIGHUP)

    rows = await poll(lambda: audit_rows(database), "the rejected reload")
    assert [(r["how"], r["ok"], r["old_version"], r["new_version"]) for r in rows] == [
        ("signal", 0, old_version, None)
    ]
    assert rows[0]["errors"] > 0 and "broken.toml" in rows[0]["summary"]
    _, version = await console.ask("/leader name:To Lam")
    assert version == old_version

    console.signal(signal.SIGTERM)
    assert_clean_exit(await console.exit_code(), console)


# --- --watch ----------------------------------------------------------------------------


async def test_watch_reloads_once_after_several_rapid_writes(
    launch: Launch, facts: Path, database: Path
) -> None:
    console = await launch("--watch", WATCH_DEBOUNCE_SECONDS="0.3")
    old_version = version_of(facts)
    people = facts / PEOPLE
    original = people.read_text(encoding="utf-8")

    # An editor saving in steps: a broken state, an intermediate state, the final one.
    people.write_text(original + "\n[[people]\n", encoding="utf-8")
    await asyncio.sleep(0.05)
    people.write_text(original.replace(ALIAS, '"Thonglun W Sisoulith"'), encoding="utf-8")
    await asyncio.sleep(0.05)
    people.write_text(original.replace(ALIAS, '"Thonglun Watched Sisoulith"'), encoding="utf-8")
    final_version = version_of(facts)

    rows = await poll(
        lambda: [r for r in audit_rows(database) if r["how"] == "watch"], "a watch reload"
    )
    # That it reloads only once is proved in-process, stepping the watcher one look at a
    # time (test_watch_facts_reloads_once_after_two_quick_edits); here: it is wired up, and
    # its first reload has the final version, not a broken or intermediate one.
    assert [(r["how"], r["ok"]) for r in rows][:1] == [("watch", 1)], rows
    assert (rows[0]["old_version"], rows[0]["new_version"]) == (old_version, final_version)
    assert "watching" in console.stderr

    text, version = await console.ask("/leader name:Thongloun")
    assert version == final_version and "Thonglun Watched Sisoulith" in text

    console.signal(signal.SIGTERM)
    assert_clean_exit(await console.exit_code(), console)


async def test_without_watch_nothing_watches_the_files(launch: Launch, facts: Path) -> None:
    """Without --watch no watcher is started (it would say so before the first answer), so
    a changed file cannot be reloaded: no need to wait and see that it is not."""
    console = await launch(WATCH_DEBOUNCE_SECONDS="0.3")
    assert "watching" not in console.stderr
    console.signal(signal.SIGTERM)
    assert_clean_exit(await console.exit_code(), console)
    assert "watching" not in console.stderr


# --- SIGTERM ----------------------------------------------------------------------------


async def test_sigterm_while_serving_exits_cleanly_and_leaves_the_store_usable(
    launch: Launch, facts: Path, database: Path
) -> None:
    console = await launch()
    version = version_of(facts)
    assert console.process.stdin is not None
    # A queue of commands still to answer when SIGTERM arrives.
    console.process.stdin.write(b"/search text:strategic cohesion\n/timeline\n" * 200)
    await console.process.stdin.drain()
    assert console.process.stdout is not None
    await asyncio.wait_for(console.process.stdout.readline(), TIMEOUT)

    console.signal(signal.SIGTERM)

    assert_clean_exit(await console.exit_code(), console)
    assert_store_unlocked(database, version)


async def test_sigterm_during_a_reload_exits_cleanly(
    launch: Launch, facts: Path, database: Path
) -> None:
    """SIGTERM right behind a SIGHUP (the reload is still building its snapshot): the process
    waits for the reload, records it, and exits cleanly, leaving a usable database."""
    rename_alias(facts, "Thonglun Interrupted Sisoulith")
    new_version = version_of(facts)
    console = await launch()
    console.signal(signal.SIGHUP)
    console.signal(signal.SIGTERM)
    assert_clean_exit(await console.exit_code(), console)
    assert_store_unlocked(database, new_version)
    assert [(r["how"], r["ok"]) for r in audit_rows(database)] in ([], [("signal", 1)])


async def test_end_of_input_ends_the_console(launch: Launch, database: Path) -> None:
    console = await launch()
    assert console.process.stdin is not None
    console.process.stdin.close()
    assert_clean_exit(await console.exit_code(), console)


# --- in-process ---------------------------------------------------------------------------


def test_facts_signature_follows_every_fact_file(facts: Path) -> None:
    before = facts_signature(facts)
    names = {Path(entry[0]).name for entry in before}
    assert names >= {"thongloun-sisoulith.toml", "honorifics.toml", "vov-thongloun-state-visit.txt"}
    (facts / "notes.md").write_text("not a fact file", encoding="utf-8")
    assert facts_signature(facts) == before
    rename_alias(facts, "Thonglun Sig Sisoulith")
    assert facts_signature(facts) != before


class Polls:
    """Steps `watch_facts` one look at a time: `await polls.step()` lets it take one look and
    returns when it is waiting for the next, so everything that look caused has happened."""

    def __init__(self) -> None:
        self._go = asyncio.Event()
        self._waiting = asyncio.Event()

    async def __call__(self) -> None:
        self._waiting.set()
        await self._go.wait()
        self._go.clear()

    async def first_look(self) -> None:
        """Returns once the watcher has read the files as they were before the test edits."""
        await asyncio.wait_for(self._waiting.wait(), TIMEOUT)

    async def step(self, times: int = 1) -> None:
        for _ in range(times):
            await asyncio.wait_for(self._waiting.wait(), TIMEOUT)
            self._waiting.clear()
            self._go.set()
            await asyncio.wait_for(self._waiting.wait(), TIMEOUT)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_watch_facts_reloads_once_after_two_quick_edits(facts: Path, database: Path) -> None:
    attache = await Attache.start(facts, str(database))
    polls, clock = Polls(), Clock()
    watcher = asyncio.create_task(watch_facts(attache, debounce=1.0, poll=polls, clock=clock))
    try:
        old_version = attache.state.version
        await polls.first_look()
        rename_alias(facts, "Thonglun First Sisoulith")
        await polls.step()  # sees the first edit
        clock.now += 0.5  # quicker than the debounce
        path = facts / PEOPLE
        path.write_text(
            path.read_text(encoding="utf-8").replace("First", "Second edit"), encoding="utf-8"
        )
        final_version = version_of(facts)
        await polls.step()  # sees the second edit: the quiet time starts again
        clock.now += 0.9
        await polls.step()  # 0.9 s quiet: not yet
        assert attache.state.version == old_version
        assert await attache.audit.latest(10) == []

        clock.now += 0.1
        await polls.step()  # 1 s quiet: reloads
        assert attache.state.version == final_version
        clock.now += 60
        await polls.step(3)  # nothing changed since: no second reload, however long
        entries = await attache.audit.latest(10)
        assert [(e.how, e.ok) for e in entries] == [("watch", True)]
        assert (entries[0].old_version, entries[0].new_version) == (old_version, final_version)
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        await attache.close()
    assert watcher.cancelled()


async def test_watch_facts_reloads_a_broken_edit_once_and_keeps_the_old_facts(
    facts: Path, database: Path
) -> None:
    attache = await Attache.start(facts, str(database))
    polls, clock = Polls(), Clock()
    watcher = asyncio.create_task(watch_facts(attache, debounce=1.0, poll=polls, clock=clock))
    try:
        old_version = attache.state.version
        await polls.first_look()
        (facts / "vietnam-laos" / "broken.toml").write_text("a = = 1\n", encoding="utf-8")
        await polls.step()
        clock.now += 1
        await polls.step(4)
        entries = await attache.audit.latest(10)
        assert [(e.how, e.ok) for e in entries] == [("watch", False)]
        assert attache.state.version == old_version
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        await attache.close()
