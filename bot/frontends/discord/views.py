"""The components under a briefing: a select menu of choices, and page buttons.

Both are `DynamicItem`s whose custom id carries everything needed to act on a click (the
command, and for pages the invocation and the page), so they keep working after the view
times out, after a reload and after a restart of the bot.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Self, cast

import discord

from bot.core.briefings.model import Briefing
from bot.core.commands import Invocation
from bot.frontends.discord.render import shorten

if TYPE_CHECKING:
    from bot.frontends.discord.client import AttacheBot

__all__ = ["DYNAMIC_ITEMS", "BriefingView", "ChoiceSelect", "PageButton", "page_custom_id"]

MAX_OPTIONS = 25
CUSTOM_ID_MAX = 100


def _bot(interaction: discord.Interaction[Any]) -> AttacheBot:
    return cast("AttacheBot", interaction.client)


class ChoiceSelect(
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=r"attache:pick:(?P<command>[a-z]+):(?P<option>[a-z]*)",
):
    """Picking a candidate runs the command again with the candidate's id."""

    def __init__(
        self,
        command: str,
        option: str,
        options: list[discord.SelectOption] | None = None,
        placeholder: str | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=f"attache:pick:{command}:{option}",
                options=options or [discord.SelectOption(label="…")],
                placeholder=placeholder,
            )
        )
        self.command = command
        self.option = option

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        return cls(match["command"], match["option"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        invocation = Invocation(self.command, {self.option: self.item.values[0]})
        await _bot(interaction).respond(interaction, invocation)


def page_custom_id(invocation: Invocation, page: int, direction: str) -> str | None:
    """`attache:page:2:n:leader:name:to-lam`, or None when it would not fit in 100 chars."""
    option, value = next(iter(invocation.options.items()), ("", ""))
    custom_id = f"attache:page:{page}:{direction}:{invocation.command}:{option}:{value or ''}"
    return custom_id if len(custom_id) <= CUSTOM_ID_MAX else None


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"attache:page:(?P<page>\d+):(?P<dir>[pn]):(?P<command>[a-z]+):(?P<option>[a-z]*):(?P<value>.*)",
):
    """Shows another page of the same answer, computed again from the current facts."""

    def __init__(self, invocation: Invocation, page: int, direction: str, custom_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                label="◀" if direction == "p" else "▶",
                custom_id=custom_id,
            )
        )
        self.invocation = invocation
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        options = {match["option"]: match["value"]} if match["option"] else {}
        invocation = Invocation(match["command"], options)
        return cls(invocation, int(match["page"]), match["dir"], match.string)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _bot(interaction).turn_page(interaction, self.invocation, self.page)


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (ChoiceSelect, PageButton)


class BriefingView(discord.ui.View):
    """Only the components a briefing needs; `is_empty` means send no view at all."""

    def __init__(
        self, briefing: Briefing, pages: int, page: int, invocation: Invocation | None
    ) -> None:
        super().__init__(timeout=None)  # every item is dynamic: nothing to keep in memory
        if pages > 1 and invocation is not None:
            for target, direction in (((page - 1) % pages, "p"), ((page + 1) % pages, "n")):
                custom_id = page_custom_id(invocation, target, direction)
                if custom_id is not None:
                    self.add_item(PageButton(invocation, target, direction, custom_id))
        if briefing.choices and briefing.choice_command:
            options = [
                discord.SelectOption(
                    label=shorten(choice.label, 100),
                    value=choice.value[:100],
                    description=shorten(choice.description, 100) or None,
                )
                for choice in briefing.choices[:MAX_OPTIONS]
            ]
            command, option = briefing.choice_command, briefing.choice_option or ""
            self.add_item(ChoiceSelect(command, option, options, shorten(briefing.title, 150)))

    @property
    def is_empty(self) -> bool:
        return not self.children
