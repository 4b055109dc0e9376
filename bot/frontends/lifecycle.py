"""The one lifecycle every way in shares: start the facts, install the signals (SIGHUP reloads,
SIGTERM and Ctrl-C stop), watch the files if asked, run the front end, and close everything
however it ends.

It used to be written out three times (the console, the Discord client, `ask`), and the
copies drifted: `ask` did not report a start-up error the way the others did, and the Discord
client imported its error report from the module that imported it back. A front end now only
says how it runs and how it stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.core.briefings.labels import Locale, locale_of
from bot.core.briefings.model import Briefing
from bot.core.commands import Invocation, answer
from bot.core.service import Attache, StartupError, Who
from bot.core.store.errors import StorageError
from bot.frontends.commandline import parse_invocation
from bot.settings import Settings

__all__ = [
    "FrontEnd",
    "answer_once",
    "facts_signature",
    "install_signals",
    "once",
    "report_startup_error",
    "run_front_end",
    "serve",
    "watch_facts",
]

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5

Poll = Callable[[], Awaitable[object]]
Clock = Callable[[], float]


class FrontEnd:
    """A way in to the bot. `serve` starts the facts and calls `run`; on SIGTERM or Ctrl-C it
    calls `stop`, which by default cancels `run` (and that counts as a clean exit)."""

    async def run(self, attache: Attache) -> int:
        """Serve until done or stopped; the process's exit code."""
        raise NotImplementedError

    def stop(self, running: asyncio.Task[int]) -> None:
        running.cancel()


class _Once(FrontEnd):
    def __init__(self, work: Callable[[Attache], Awaitable[int]]) -> None:
        self._work = work

    async def run(self, attache: Attache) -> int:
        return await self._work(attache)


def once(work: Callable[[Attache], Awaitable[int]]) -> FrontEnd:
    """A front end that does one piece of work (`ask`, `complete`) and exits."""
    return _Once(work)


def answer_once(
    settings: Settings,
    line: str,
    locale: str,
    show: Callable[[Briefing, Locale, Invocation], str],
) -> int:
    """`ask` in either front end: one command line answered on facts held in memory (a file
    would only be rebuilt and thrown away), printed as `show` draws it."""
    invocation = parse_invocation(line)
    if invocation is None:
        print('give a command, such as "/leader name:To Lam"', file=sys.stderr)
        return 2
    reader = locale_of(locale)

    async def work(attache: Attache) -> int:
        briefing = await answer(
            attache, invocation.command, invocation.options, reader, settings.default_relationship
        )
        print(show(briefing, reader, invocation), end="")
        return 0

    return run_front_end(settings, once(work), database_path=":memory:")


def report_startup_error(error: StartupError) -> int:
    """Every problem, then one line saying what to run; the exit code."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(f"cannot start: {error}; run `python -m bot facts check`", file=sys.stderr)
    return 1


async def serve(
    settings: Settings,
    front_end: FrontEnd,
    *,
    watch: bool = False,
    database_path: str | None = None,
) -> int:
    """Start, run `front_end` until it ends or a signal stops it, then close: the exit code.
    `database_path` overrides the setting (one-shot answers use an in-memory store)."""
    try:
        attache = await Attache.start(settings.facts_dir, database_path or settings.database_path)
    except StartupError as error:
        return report_startup_error(error)
    except StorageError as error:
        print(f"cannot start: {error}", file=sys.stderr)
        return 1
    running = asyncio.ensure_future(front_end.run(attache))
    removers = install_signals(attache, stop=lambda: front_end.stop(running))
    watcher: asyncio.Task[None] | None = None
    if watch:
        log.info("watching %s for changes", settings.facts_dir)
        watcher = asyncio.create_task(watch_facts(attache, settings.watch_debounce_seconds))
    try:
        return await running
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if running.cancelled() and not (current and current.cancelling()):
            return 0  # stopped by a signal: a clean exit
        raise
    finally:
        for remove in removers:
            remove()
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
        await attache.close()


def run_front_end(
    settings: Settings,
    front_end: FrontEnd,
    *,
    watch: bool = False,
    database_path: str | None = None,
) -> int:
    """`serve` in a new event loop: what `python -m bot` and its subcommands call."""
    return asyncio.run(serve(settings, front_end, watch=watch, database_path=database_path))


def install_signals(attache: Attache, stop: Callable[[], object]) -> list[Callable[[], object]]:
    """SIGHUP reloads; SIGTERM and SIGINT stop. No-op where signals are not supported.
    Returns what removes the handlers again."""
    loop = asyncio.get_running_loop()
    tasks: set[asyncio.Task[object]] = set()

    def reload() -> None:
        task = loop.create_task(attache.reload(Who("signal")))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    removers: list[Callable[[], object]] = []
    for sig, handler in ((getattr(signal, "SIGHUP", None), reload),
                         (signal.SIGTERM, stop), (signal.SIGINT, stop)):  # fmt: skip
        if sig is None:
            continue
        try:
            loop.add_signal_handler(sig, handler)
        except (NotImplementedError, RuntimeError, ValueError):
            log.debug("cannot handle %s here", sig)
            continue
        removers.append(functools.partial(loop.remove_signal_handler, sig))
    return removers


def facts_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every fact file's path, size and modification time: changes when any file does
    (the TOML records and the source texts their quotes are checked against)."""
    entries = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".toml", ".txt")):
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


async def _sleep_a_poll() -> None:
    await asyncio.sleep(POLL_SECONDS)


async def watch_facts(
    attache: Attache, debounce: float, *, poll: Poll | None = None, clock: Clock | None = None
) -> None:
    """Reload after the facts folder has changed and then stayed quiet for `debounce` s,
    so an editor saving several files triggers one reload, not several.

    `poll` waits until the next look (by default `POLL_SECONDS`) and `clock` tells the time
    (the loop's): tests pass their own, to step the watcher one look at a time and prove that
    nothing more happens without sleeping."""
    wait = poll or _sleep_a_poll
    time = clock or asyncio.get_running_loop().time
    seen = await asyncio.to_thread(facts_signature, attache.facts_dir)
    changed_at: float | None = None
    while True:
        await wait()
        current = await asyncio.to_thread(facts_signature, attache.facts_dir)
        if current != seen:
            seen, changed_at = current, time()
        elif changed_at is not None and time() - changed_at >= debounce:
            changed_at = None
            await attache.reload(Who("watch"))
