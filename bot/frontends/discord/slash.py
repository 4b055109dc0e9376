"""The slash commands, generated from the core's command table (`COMMANDS`).

Adding a command or an option is one change, in `bot/core/commands.py`: each row becomes an
`app_commands.Command` whose parameters are built from its `Option`s, with discord.py's own
`describe`/`rename`/`autocomplete` machinery, so what Discord receives (and `python -m bot
sync --dry-run` prints) is exactly what the table says. Every answer command also gets a
Discord-only `public` option: answers are private unless the asker posts them on purpose.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Protocol

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.core.commands import COMMANDS, MAX_TEXT, YEARS, Command, Invocation, Option

if TYPE_CHECKING:
    from bot.frontends.discord.client import AttacheBot

__all__ = [
    "PUBLIC",
    "PUBLIC_DESCRIPTION",
    "PUBLIC_DESCRIPTION_VI",
    "PUBLIC_VI",
    "Completer",
    "Responder",
    "make_command",
    "register_commands",
]

Text = app_commands.Range[str, 1, MAX_TEXT]
Year = app_commands.Range[int, YEARS[0], YEARS[1]]

PUBLIC = "public"
PUBLIC_VI = "công-khai"
PUBLIC_DESCRIPTION = "Post the answer for the whole channel (default: only you see it)"
PUBLIC_DESCRIPTION_VI = "Đăng câu trả lời cho cả kênh (mặc định: chỉ bạn thấy)"
NOT_PUBLIC = frozenset({"help"})
"""/help is about the bot, not the facts: nothing to share with a channel."""

Completer = Callable[
    [discord.Interaction[Any], str], Coroutine[Any, Any, list[app_commands.Choice[str]]]
]


class Responder(Protocol):
    """What the generated commands need from the bot (a protocol so `sync --dry-run` and
    tests can build the tree without a running bot)."""

    def completer(self, command: str, option: str) -> Completer: ...

    async def respond(
        self, interaction: discord.Interaction[Any], invocation: Invocation, *, public: bool
    ) -> None: ...

    async def cooldown_check(self, interaction: discord.Interaction[Any]) -> bool: ...


def _parameter(option: Option) -> inspect.Parameter:
    annotation: Any = Year if option.type == "year" else Text
    if option.required:
        return inspect.Parameter(option.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation)
    return inspect.Parameter(
        option.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation | None, default=None
    )


def _callback(bot: Responder, spec: Command) -> Callable[..., Coroutine[Any, Any, None]]:
    """`async def <name>(interaction, *, <options>, public=False)`, built from the row."""
    names = [option.name for option in spec.options]
    shareable = spec.name not in NOT_PUBLIC

    async def callback(interaction: discord.Interaction[Any], **given: Any) -> None:
        public = bool(given.pop(PUBLIC, False))
        options = {name: given.get(name) for name in names}
        await bot.respond(interaction, Invocation(spec.name, options), public=public)

    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        ),
        *(_parameter(option) for option in spec.options),
    ]
    if shareable:
        parameters.append(
            inspect.Parameter(
                PUBLIC, inspect.Parameter.KEYWORD_ONLY, annotation=bool | None, default=None
            )
        )
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__name__ = callback.__qualname__ = spec.name
    describe = {o.name: locale_str(o.description) for o in spec.options}
    rename = {o.name: locale_str(o.name) for o in spec.options}
    if shareable:
        describe[PUBLIC] = locale_str(PUBLIC_DESCRIPTION)
        rename[PUBLIC] = locale_str(PUBLIC)
    decorated: Any = app_commands.describe(**describe)(callback)
    decorated = app_commands.rename(**rename)(decorated)
    completers = {
        o.name: bot.completer(spec.name, o.name) for o in spec.options if o.completes is not None
    }
    if completers:
        decorated = app_commands.autocomplete(**completers)(decorated)
    return decorated  # type: ignore[no-any-return]


def make_command(bot: Responder, spec: Command) -> app_commands.Command[Any, ..., None]:
    """One slash command from one row of the table; every one counts against the cooldown."""
    command: app_commands.Command[Any, ..., None] = app_commands.Command(
        name=locale_str(spec.name),
        description=locale_str(spec.description),
        callback=_callback(bot, spec),
    )
    command.add_check(bot.cooldown_check)
    return command


def register_commands(bot: AttacheBot) -> None:
    """Every row of `COMMANDS`, then the admin and server-settings groups."""
    from bot.frontends.discord.admin import FactsGroup
    from bot.frontends.discord.server_settings import SettingsGroup

    for spec in COMMANDS.values():
        bot.tree.add_command(make_command(bot, spec))
    bot.tree.add_command(FactsGroup(bot))
    bot.tree.add_command(SettingsGroup(bot))
