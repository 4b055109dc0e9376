"""The components under a briefing: a select menu of choices, and page buttons."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.core.briefings.model import Briefing
from bot.frontends.discord.render import shorten

__all__ = ["BriefingView", "OnChoose"]

OnChoose = Callable[[discord.Interaction[Any], str], Awaitable[None]]
MAX_OPTIONS = 25
VIEW_TIMEOUT = 300.0


class ChoiceSelect(discord.ui.Select["BriefingView"]):
    def __init__(self, briefing: Briefing, on_choose: OnChoose) -> None:
        options = [
            discord.SelectOption(
                label=shorten(choice.label, 100),
                value=choice.value[:100],
                description=shorten(choice.description, 100) or None,
            )
            for choice in briefing.choices[:MAX_OPTIONS]
        ]
        super().__init__(placeholder=shorten(briefing.title, 150), options=options)
        self._on_choose = on_choose

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await self._on_choose(interaction, self.values[0])


class PageButton(discord.ui.Button["BriefingView"]):
    def __init__(self, step: int, emoji: str) -> None:
        super().__init__(style=discord.ButtonStyle.secondary, label=emoji)
        self.step = step

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        view = self.view
        assert view is not None
        view.page = (view.page + self.step) % len(view.pages)
        await interaction.response.edit_message(embed=view.pages[view.page], view=view)


class BriefingView(discord.ui.View):
    """Only the components a briefing needs; `is_empty` means send no view at all."""

    def __init__(
        self, briefing: Briefing, pages: list[discord.Embed], on_choose: OnChoose | None
    ) -> None:
        super().__init__(timeout=VIEW_TIMEOUT)
        self.pages = pages
        self.page = 0
        if len(pages) > 1:
            self.add_item(PageButton(-1, "◀"))
            self.add_item(PageButton(1, "▶"))
        if briefing.choices and on_choose is not None:
            self.add_item(ChoiceSelect(briefing, on_choose))

    @property
    def is_empty(self) -> bool:
        return not self.children
