"""The offline console: the same commands as on Discord, typed in the terminal."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import sys
import threading
from typing import TextIO

from bot.core.briefings.labels import Locale
from bot.core.commands import answer
from bot.core.language import spoken
from bot.core.service import Attache
from bot.frontends.commandline import parse_invocation
from bot.frontends.lifecycle import FrontEnd, run_front_end
from bot.frontends.terminal.render import render_text
from bot.settings import Settings

__all__ = ["Console", "answer_line", "run_console", "run_console_front_end"]

PROMPT = "attaché> "
QUIT = frozenset({"/quit", "/exit", "quit", "exit"})


async def answer_line(
    attache: Attache, line: str, locale: Locale = "en", relationship: str | None = None
) -> str | None:
    """`relationship`: DEFAULT_RELATIONSHIP, for a line that names none."""
    invocation = parse_invocation(line)
    if invocation is None:
        return None
    briefing = await answer(attache, invocation.command, invocation.options, locale, relationship)
    return render_text(briefing, locale)


def _start_reader(
    stdin: TextIO, interactive: bool, answered: threading.Event
) -> asyncio.Queue[str | None]:
    """Read lines on a daemon thread, so the event loop stays free for reloads and signals
    while the console waits for input (and a blocked read never holds up exit).

    The thread hands over one line at a time and waits until it is taken: every hand-over
    writes a byte to the loop's wake-up pipe, which signals share, and a backlog of piped
    commands written at once filled it and lost a SIGTERM. At a terminal it also waits for
    the answer (`answered`), so the next prompt comes after it, not in the middle of it."""
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue(maxsize=1)

    def hand_over(line: str | None) -> bool:
        try:
            asyncio.run_coroutine_threadsafe(lines.put(line), loop).result()
        except (RuntimeError, concurrent.futures.CancelledError):  # the loop has stopped
            return False
        return True

    def read() -> None:
        while True:
            try:
                # input() gives "" for an empty line and raises EOFError at Ctrl-D;
                # readline() gives "" only at the end of the input.
                line = input(PROMPT) + "\n" if interactive else stdin.readline()
            except (EOFError, KeyboardInterrupt, ValueError):
                line = ""
            if line == "":
                hand_over(None)
                return
            if not hand_over(line):
                return
            if interactive:
                answered.wait()
                answered.clear()

    threading.Thread(target=read, name="console-input", daemon=True).start()
    return lines


async def run_console(
    attache: Attache,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    locale: Locale = "en",
    relationship: str | None = None,
) -> int:
    """Interactive with line editing when stdin is a terminal; else one command per line."""
    interactive = stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
        print("Type /help for the commands, /quit or Ctrl-D to leave.", file=stdout)
    answered = threading.Event()
    lines = _start_reader(stdin, interactive, answered)
    while (line := await lines.get()) is not None:
        if line.strip().lower() in QUIT:
            break
        text = await answer_line(attache, line, locale, relationship)
        if text:
            print(text, file=stdout, flush=True)
        answered.set()
    return 0


class Console(FrontEnd):
    """The console as a front end: stopped by cancelling it (the reader thread is a daemon)."""

    def __init__(self, locale: Locale = "en", relationship: str | None = None) -> None:
        self.locale: Locale = locale
        self.relationship = relationship

    async def run(self, attache: Attache) -> int:
        return await run_console(attache, locale=self.locale, relationship=self.relationship)


def run_console_front_end(
    settings: Settings, *, watch: bool = False, locale: str | None = None
) -> int:
    reader = spoken(locale) or settings.default_locale
    console = Console(reader, settings.default_relationship)
    return run_front_end(settings, console, watch=watch)
