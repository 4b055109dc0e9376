"""`python -m bot ask --json`: the exact message payload the bot would send to Discord, for
debugging embeds without a server. It lives with the Discord front end so that the terminal
never imports Discord code."""

from __future__ import annotations

import json

from bot.core.briefings.labels import Locale
from bot.core.briefings.model import Briefing
from bot.core.commands import Invocation
from bot.frontends.discord.payload import build_message
from bot.frontends.lifecycle import answer_once
from bot.settings import Settings

__all__ = ["ask_json"]


def ask_json(settings: Settings, line: str, *, locale: str) -> int:
    def payload(briefing: Briefing, reader: Locale, invocation: Invocation) -> str:
        message = build_message(briefing, reader, invocation)
        return json.dumps(message.to_payload(), ensure_ascii=False, indent=2) + "\n"

    return answer_once(settings, line, locale, payload)
