"""Hostile entries in the facts folder, through the real `python -m bot` process (red-team
F-02, F-03, F-07, F-08): `facts check` reports each with its file within a time bound, and a
SIGHUP reload rejects it with the file named, keeps serving the old facts, answers commands
meanwhile, and still stops on SIGTERM (a FIFO used to block the reload, and so the shutdown,
forever).

The process helpers are the lifecycle tests' own (`test_lifecycle`).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_lifecycle import (  # the fixtures are used by name
    FOOTER,
    TIMEOUT,
    Launch,
    assert_clean_exit,
    audit_rows,
    database,
    environment,
    facts,
    launch,
    poll,
    run_cli,
    version_of,
)

__all__ = ["database", "facts", "launch"]

RELATIONSHIP = Path("vietnam-laos") / "events"
BOUND = 5.0
"""Seconds any of these may take; each used to take from 10 s to forever."""


def fifo(folder: Path) -> None:
    os.mkfifo(folder / "fifo.toml")


def dev_zero(folder: Path) -> None:
    (folder / "zero.toml").symlink_to("/dev/zero")


def deep_header(folder: Path) -> None:
    (folder / "deep.toml").write_text("[" + ".".join(["a"] * 20_000) + "]\nx = 1\n")


def nested_arrays(folder: Path) -> None:
    (folder / "deep.toml").write_text("x = " + "[" * 20_000 + "]" * 20_000 + "\n")


def vanished(folder: Path) -> None:
    (folder / "gone.toml").symlink_to(folder / "nowhere.toml")


def directory(folder: Path) -> None:
    (folder / "dir.toml").mkdir()


CASES: list[tuple[str, Callable[[Path], None], str]] = [
    (
        "fifo",
        fifo,
        "vietnam-laos/events/fifo.toml: a named pipe, not a regular file; remove or rename it",
    ),
    (
        "dev-zero",
        dev_zero,
        "vietnam-laos/events/zero.toml: a link to /dev/zero, outside the facts folder",
    ),
    (
        "deep-header",
        deep_header,
        "vietnam-laos/events/deep.toml:1: a key or table name of more than 32",
    ),
    ("nested", nested_arrays, "vietnam-laos/events/deep.toml: arrays or tables nested too deeply"),
    (
        "vanished",
        vanished,
        "vietnam-laos/events/gone.toml: cannot read: a link to nothing vanished",
    ),
    (
        "dir",
        directory,
        "vietnam-laos/events/dir.toml: a folder, not a regular file; remove or rename it",
    ),
]
IDS = [case[0] for case in CASES]


@pytest.mark.parametrize(("name", "make", "line"), CASES, ids=IDS)
async def test_facts_check_reports_it_in_time(
    facts: Path, database: Path, name: str, make: Callable[[Path], None], line: str
) -> None:
    make(facts / RELATIONSHIP)
    started = time.monotonic()
    code, out, err = await run_cli(facts, database, "facts", "check")
    assert time.monotonic() - started < BOUND
    assert code == 1, err
    assert "Traceback" not in err
    assert [text for text in out.splitlines() if text.startswith(line)], out
    assert err.strip().endswith("nothing was loaded")


@pytest.mark.parametrize(("name", "make", "line"), CASES, ids=IDS)
async def test_a_reload_rejects_it_and_keeps_serving(
    launch: Launch, facts: Path, database: Path, name: str, make: Callable[[Path], None],
    line: str,
) -> None:  # fmt: skip
    console = await launch()
    old_version = version_of(facts)
    make(facts / RELATIONSHIP)
    started = time.monotonic()
    console.signal(signal.SIGHUP)

    rows = await poll(lambda: audit_rows(database), "the rejected reload", timeout=BOUND)
    assert time.monotonic() - started < BOUND
    assert [(r["how"], r["ok"], r["new_version"]) for r in rows] == [("signal", 0, None)]
    assert rows[0]["summary"].startswith(line), rows[0]["summary"]
    _, version = await console.ask("/leader name:To Lam")
    assert version == old_version

    console.signal(signal.SIGTERM)
    assert_clean_exit(await console.exit_code(), console)


async def test_a_sighup_while_starting_does_not_kill_the_bot(
    facts: Path, database: Path, tmp_path: Path
) -> None:
    """Red-team F-13b: SIGHUP before the handlers were installed (while the facts and the
    store load) killed the process. It is sent here once the bot has said it is starting."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, cwd=tmp_path, env=environment(facts, database),
    )  # fmt: skip
    assert process.stdin and process.stdout and process.stderr
    first = await asyncio.wait_for(process.stderr.readline(), BOUND)
    assert first.startswith(b"No DISCORD_TOKEN set"), first
    process.send_signal(signal.SIGHUP)
    process.stdin.write(b"/about\n")
    process.stdin.close()
    out, _ = await asyncio.wait_for(process.communicate(), TIMEOUT)
    assert process.returncode == 0
    assert any(FOOTER.match(line) for line in out.decode().splitlines()), out.decode()
