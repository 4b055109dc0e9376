"""The components under a briefing: page buttons, Share or Delete, related answers, a menu.

Every one is a `DynamicItem` whose custom_id carries the whole invocation (`customid.py`), so
it acts on a click with no memory of the message: after a reload, after a restart, on an old
message. What a click does depends on who clicks (`client.py`): the asker's own message
changes in place; anyone else gets a private copy and the original never changes.

Rows: ◀ ▶ and Share/Delete; then the related answers; then the "pick one" menu.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Self, cast

import discord

from bot.core.briefings.labels import Locale
from bot.core.briefings.model import Briefing
from bot.core.commands import COMMANDS, Invocation
from bot.core.i18n import t
from bot.frontends.discord.customid import PREFIX, TokenStore, make_custom_id, template
from bot.frontends.discord.render import shorten

if TYPE_CHECKING:
    from bot.frontends.discord.client import AttacheBot

__all__ = [
    "DELETE_ID",
    "DYNAMIC_ITEMS",
    "BriefingView",
    "ChoiceSelect",
    "DeleteButton",
    "MemoryTokens",
    "PageButton",
    "RelatedButton",
    "ShareButton",
]

MAX_OPTIONS = 25
MAX_RELATED = 5
DELETE_ID = f"{PREFIX}:dl"
NAV_ROW, RELATED_ROW, MENU_ROW = 0, 1, 2


def _word(key: str, locale: Locale) -> str:
    return t(f"discord.{key}", locale)


def _bot(interaction: discord.Interaction[Any]) -> AttacheBot:
    return cast("AttacheBot", interaction.client)


class MemoryTokens:
    """A token store for rendering without a bot (`ask --json`): an invocation is never
    dropped, but a token from here is good only in this process."""

    def __init__(self) -> None:
        self._by_token: dict[str, Invocation] = {}

    def put(self, invocation: Invocation) -> str:
        token = f"m{len(self._by_token)}"
        self._by_token[token] = invocation
        return token

    def get(self, token: str) -> Invocation | None:
        return self._by_token.get(token)


class _InvocationItem:
    """Shared parsing: a verb, a number and the invocation (inline or `#token`)."""

    @staticmethod
    def _body(match: re.Match[str]) -> tuple[int, str]:
        argument = match["argument"]
        return (int(argument) if argument else 0), match["body"]


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=template("pg"),
):
    """Another page of the same answer, computed again from the current facts."""

    def __init__(self, custom_id: str, label: str, page: int, body: str) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary, label=label, custom_id=custom_id, row=NAV_ROW
            )
        )
        self.page, self.body = page, body

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        page, body = _InvocationItem._body(match)
        label = item.label if isinstance(item, discord.ui.Button) and item.label else "▶"
        return cls(match.string, label, page, body)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _bot(interaction).on_page(interaction, self.body, self.page)


class ShareButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=template("sh"),
):
    """Post this (private) answer for the channel, on purpose, as the one who pressed."""

    def __init__(self, custom_id: str, label: str, page: int, body: str) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.primary, label=label, custom_id=custom_id, row=NAV_ROW
            )
        )
        self.page, self.body = page, body

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        page, body = _InvocationItem._body(match)
        return cls(match.string, "Share", page, body)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _bot(interaction).on_share(interaction, self.body, self.page)


class RelatedButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=template("go"),
):
    """A related answer (an event's people, a person's events): a new, private answer."""

    def __init__(self, custom_id: str, label: str, body: str) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                label=label,
                custom_id=custom_id,
                row=RELATED_ROW,
            )
        )
        self.body = body

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        return cls(match.string, "…", match["body"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _bot(interaction).on_related(interaction, self.body)


class DeleteButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.escape(DELETE_ID),
):
    """Delete a public answer: only the one who asked (or shared) it may."""

    def __init__(self, label: str = "Delete") -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.danger, label=label, custom_id=DELETE_ID, row=NAV_ROW
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        return cls()

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _bot(interaction).on_delete(interaction)


class ChoiceSelect(
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=template("pk"),
):
    """Picking a candidate runs the whole invocation again with the candidate's id in the
    option it fills; the other options are kept."""

    def __init__(
        self,
        custom_id: str,
        option_index: int,
        body: str,
        options: list[discord.SelectOption] | None = None,
        placeholder: str | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=custom_id,
                options=options or [discord.SelectOption(label="…")],
                placeholder=placeholder,
                row=MENU_ROW,
            )
        )
        self.option_index, self.body = option_index, body

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        index, body = _InvocationItem._body(match)
        return cls(match.string, index, body)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _bot(interaction).on_pick(
            interaction, self.body, self.option_index, self.item.values[0]
        )


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    PageButton,
    ShareButton,
    RelatedButton,
    DeleteButton,
    ChoiceSelect,
)


def _body_of(custom_id: str) -> str:
    return custom_id.split(":", 3)[3]


def _choice_invocation(briefing: Briefing, asked: Invocation | None) -> tuple[Invocation, int]:
    """The invocation a pick re-runs (all options of what was asked when the choice fills
    one of its options), and the index of the option the pick fills."""
    command_name = briefing.choice_command or ""
    command = COMMANDS[command_name]
    names = [option.name for option in command.options]
    option = briefing.choice_option or (names[0] if names else "")
    index = names.index(option) if option in names else 0
    base = dict(asked.options) if asked is not None and asked.command == command_name else {}
    base.pop(option, None)
    return Invocation(command_name, base), index


class BriefingView(discord.ui.View):
    """Only the components a briefing needs; `is_empty` means send no view at all.

    `shared`: the message is public (a Delete button for its asker) rather than private (a
    Share button). Page buttons never wrap: ◀ is disabled on the first page and ▶ on the
    last, so on a two-page answer they always differ."""

    def __init__(
        self,
        briefing: Briefing,
        pages: int,
        page: int,
        invocation: Invocation | None,
        *,
        shared: bool = False,
        locale: Locale = "en",
        tokens: TokenStore | None = None,
    ) -> None:
        super().__init__(timeout=None)  # every item is dynamic: nothing to keep in memory
        store = tokens or MemoryTokens()
        if pages > 1 and invocation is not None:
            for label, target in (("◀", page - 1), ("▶", page + 1)):
                if 0 <= target < pages:
                    custom_id = make_custom_id("pg", str(target), invocation, store)
                    self.add_item(PageButton(custom_id, label, target, _body_of(custom_id)))
                else:
                    off = f"{PREFIX}:off:{'p' if label == '◀' else 'n'}"
                    self.add_item(
                        discord.ui.Button(
                            style=discord.ButtonStyle.secondary,
                            label=label,
                            custom_id=off,
                            disabled=True,
                            row=NAV_ROW,
                        )
                    )
        if invocation is not None and briefing.status == "ok":
            if shared:
                self.add_item(DeleteButton(_word("delete", locale)))
            elif briefing.private is False:
                custom_id = make_custom_id("sh", str(page), invocation, store)
                share = ShareButton(custom_id, _word("share", locale), page, _body_of(custom_id))
                self.add_item(share)
        for related in getattr(briefing, "related", ())[:MAX_RELATED]:
            go = Invocation(related.command, related.option_dict())
            custom_id = make_custom_id("go", "", go, store)
            self.add_item(RelatedButton(custom_id, shorten(related.label, 80), _body_of(custom_id)))
        if briefing.choices and briefing.choice_command in COMMANDS:
            base, index = _choice_invocation(briefing, invocation)
            custom_id = make_custom_id("pk", str(index), base, store)
            options = [
                discord.SelectOption(
                    label=shorten(choice.label, 100),
                    value=choice.value[:100],
                    description=shorten(choice.description, 100) or None,
                )
                for choice in briefing.choices[:MAX_OPTIONS]
            ]
            placeholder = shorten(briefing.title, 150)
            self.add_item(ChoiceSelect(custom_id, index, _body_of(custom_id), options, placeholder))

    @property
    def is_empty(self) -> bool:
        return not self.children
