"""The offline console: the same commands as on Discord, typed in the terminal."""

from __future__ import annotations

import contextlib
import sys
from typing import TextIO

from bot.core.briefings.labels import Locale
from bot.core.commands import answer
from bot.core.service import Attache
from bot.frontends.terminal.parse import parse_invocation
from bot.frontends.terminal.render import render_text

__all__ = ["answer_line", "run_console"]

PROMPT = "attaché> "


async def answer_line(attache: Attache, line: str, locale: Locale = "en") -> str | None:
    invocation = parse_invocation(line)
    if invocation is None:
        return None
    briefing = await answer(attache, invocation.command, invocation.options, locale)
    return render_text(briefing, locale)


def _read(stdin: TextIO, interactive: bool) -> str | None:
    try:
        return input(PROMPT) if interactive else (stdin.readline() or None)
    except EOFError:
        return None


async def run_console(
    attache: Attache, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, locale: Locale = "en"
) -> int:
    """Interactive with history when stdin is a terminal; else one command per line."""
    interactive = stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
        print("Type /help for the commands, /quit or Ctrl-D to leave.", file=stdout)
    while (line := _read(stdin, interactive)) is not None:
        if line.strip().lower() in ("/quit", "/exit", "quit", "exit"):
            break
        try:
            text = await answer_line(attache, line, locale)
        except KeyboardInterrupt:
            break
        if text:
            print(text, file=stdout, flush=True)
    return 0
