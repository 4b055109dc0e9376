"""The offline console: the same commands as on Discord, typed in the terminal."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from typing import TextIO

from bot.core.briefings.labels import Locale
from bot.core.commands import answer
from bot.core.service import Attache
from bot.frontends.terminal.parse import parse_invocation
from bot.frontends.terminal.render import render_text

__all__ = ["answer_line", "run_console"]

PROMPT = "attaché> "
QUIT = frozenset({"/quit", "/exit", "quit", "exit"})


async def answer_line(attache: Attache, line: str, locale: Locale = "en") -> str | None:
    invocation = parse_invocation(line)
    if invocation is None:
        return None
    briefing = await answer(attache, invocation.command, invocation.options, locale)
    return render_text(briefing, locale)


def _start_reader(stdin: TextIO, interactive: bool) -> asyncio.Queue[str | None]:
    """Read lines on a daemon thread, so the event loop stays free for reloads and signals
    while the console waits for input (and a blocked read never holds up exit)."""
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()

    def read() -> None:
        while True:
            try:
                line = input(PROMPT) if interactive else stdin.readline()
            except (EOFError, KeyboardInterrupt, ValueError):
                line = ""
            if not interactive and line == "":
                loop.call_soon_threadsafe(lines.put_nowait, None)
                return
            if interactive and line == "":
                line = "\n"
            loop.call_soon_threadsafe(lines.put_nowait, line)

    threading.Thread(target=read, name="console-input", daemon=True).start()
    return lines


async def run_console(
    attache: Attache, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, locale: Locale = "en"
) -> int:
    """Interactive with line editing when stdin is a terminal; else one command per line."""
    interactive = stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
        print("Type /help for the commands, /quit or Ctrl-D to leave.", file=stdout)
    lines = _start_reader(stdin, interactive)
    while (line := await lines.get()) is not None:
        if line.strip().lower() in QUIT:
            break
        text = await answer_line(attache, line, locale)
        if text:
            print(text, file=stdout, flush=True)
    return 0
