"""`python -m bot ask --json`: the exact message payload the bot would send to Discord, for
debugging embeds without a server. It lives with the Discord front end so that the terminal
never imports Discord code."""

from __future__ import annotations

import json
import sys

from bot.core.briefings.labels import locale_of
from bot.core.commands import answer
from bot.core.service import Attache
from bot.frontends.commandline import parse_invocation
from bot.frontends.discord.payload import build_message
from bot.frontends.lifecycle import once, run_front_end
from bot.settings import Settings

__all__ = ["ask_json"]


def ask_json(settings: Settings, line: str, *, locale: str) -> int:
    invocation = parse_invocation(line)
    if invocation is None:
        print('give a command, such as "/leader name:To Lam"', file=sys.stderr)
        return 2
    reader = locale_of(locale)

    async def work(attache: Attache) -> int:
        briefing = await answer(attache, invocation.command, invocation.options, reader)
        message = build_message(briefing, reader, invocation)
        print(json.dumps(message.to_payload(), ensure_ascii=False, indent=2))
        return 0

    return run_front_end(settings, once(work), database_path=":memory:")
