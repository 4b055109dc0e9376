"""The message the bot sends for a briefing, as discord.py objects and as the raw payload."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord

from bot.core.briefings.labels import Locale
from bot.core.briefings.model import Briefing
from bot.core.commands import Invocation
from bot.frontends.discord.customid import TokenStore
from bot.frontends.discord.render import render_page
from bot.frontends.discord.views import BriefingView

__all__ = ["NO_MENTIONS", "Message", "build_message"]

NO_MENTIONS = discord.AllowedMentions.none()


@dataclass(slots=True)
class Message:
    first: discord.Embed
    """The embed shown: the current page (the only one drawn)."""
    page: int
    pages: int
    """How many pages the answer has (the footer's "page 2/7")."""
    view: BriefingView | None
    ephemeral: bool

    def send_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "embed": self.first,
            "ephemeral": self.ephemeral,
            "allowed_mentions": NO_MENTIONS,
        }
        if self.view is not None:
            kwargs["view"] = self.view
        return kwargs

    def to_payload(self) -> dict[str, Any]:
        """What goes to Discord's API: `python -m bot ask --json` prints this."""
        return {
            "content": None,
            "embeds": [self.first.to_dict()],
            "allowed_mentions": NO_MENTIONS.to_dict(),
            "flags": discord.MessageFlags(ephemeral=self.ephemeral).value,
            "components": self.view.to_components() if self.view is not None else [],
        }


def build_message(
    briefing: Briefing,
    locale: Locale,
    invocation: Invocation | None = None,
    *,
    page: int = 0,
    public: bool = False,
    tokens: TokenStore | None = None,
) -> Message:
    """The message for one page of `briefing`; `invocation` lets components re-run it.

    `public`: the asker chose to post it for the channel (it stays private when the briefing
    is, such as "pick one"); by default an answer is private, with a Share button (README:
    a busy channel is not filled with answers nobody else asked for). `tokens` keeps
    invocations too long for a custom_id (customid.py)."""
    embed, page, pages = render_page(briefing, locale, page)
    ephemeral = briefing.private or not public
    view = BriefingView(
        briefing, pages, page, invocation, shared=not ephemeral, locale=locale, tokens=tokens
    )
    return Message(embed, page, pages, None if view.is_empty else view, ephemeral)
