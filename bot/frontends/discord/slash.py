"""The slash commands. Each is a thin call into the core's command table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.core.commands import COMMANDS, MAX_TEXT, Invocation
from bot.frontends.discord.admin import FactsGroup
from bot.frontends.discord.server_settings import SettingsGroup

if TYPE_CHECKING:
    from bot.frontends.discord.client import AttacheBot

__all__ = ["register_commands"]

Text = app_commands.Range[str, 1, MAX_TEXT]
Year = app_commands.Range[int, 1900, 2100]


def _describe(command: str) -> dict[str, Any]:
    """Name and description of a command, from the table, translatable."""
    spec = COMMANDS[command]
    return {"name": locale_str(spec.name), "description": locale_str(spec.description)}


def _options(command: str) -> dict[str, locale_str]:
    return {o.name: locale_str(o.description) for o in COMMANDS[command].options}


def _renames(command: str) -> dict[str, locale_str]:
    return {o.name: locale_str(o.name) for o in COMMANDS[command].options}


def register_commands(bot: AttacheBot) -> None:
    tree = bot.tree
    cooldown = app_commands.checks.dynamic_cooldown(bot.cooldown_for, key=lambda i: i.user.id)

    @tree.command(**_describe("visit"))
    @app_commands.describe(**_options("visit"))
    @app_commands.rename(**_renames("visit"))
    @app_commands.autocomplete(query=bot.completer("visit", "query"))
    @cooldown
    async def visit(interaction: discord.Interaction[Any], query: Text | None = None) -> None:
        await bot.respond(interaction, Invocation("visit", {"query": query}))

    @tree.command(**_describe("leader"))
    @app_commands.describe(**_options("leader"))
    @app_commands.rename(**_renames("leader"))
    @app_commands.autocomplete(name=bot.completer("leader", "name"))
    @cooldown
    async def leader(interaction: discord.Interaction[Any], name: Text) -> None:
        await bot.respond(interaction, Invocation("leader", {"name": name}))

    @tree.command(**_describe("pillars"))
    @app_commands.describe(**_options("pillars"))
    @app_commands.rename(**_renames("pillars"))
    @app_commands.autocomplete(pillar=bot.completer("pillars", "pillar"))
    @cooldown
    async def pillars(interaction: discord.Interaction[Any], pillar: Text | None = None) -> None:
        await bot.respond(interaction, Invocation("pillars", {"pillar": pillar}))

    @tree.command(**_describe("timeline"))
    @app_commands.describe(**_options("timeline"))
    @app_commands.rename(**_renames("timeline"))
    @cooldown
    async def timeline(interaction: discord.Interaction[Any], year: Year | None = None) -> None:
        await bot.respond(interaction, Invocation("timeline", {"year": year}))

    @tree.command(**_describe("search"))
    @app_commands.describe(**_options("search"))
    @app_commands.rename(**_renames("search"))
    @cooldown
    async def search(interaction: discord.Interaction[Any], text: Text) -> None:
        await bot.respond(interaction, Invocation("search", {"text": text}))

    @tree.command(**_describe("about"))
    @cooldown
    async def about(interaction: discord.Interaction[Any]) -> None:
        await bot.respond(interaction, Invocation("about", {}))

    @tree.command(**_describe("sources"))
    @app_commands.describe(**_options("sources"))
    @app_commands.rename(**_renames("sources"))
    @app_commands.autocomplete(source=bot.completer("sources", "source"))
    @cooldown
    async def sources(interaction: discord.Interaction[Any], source: Text | None = None) -> None:
        await bot.respond(interaction, Invocation("sources", {"source": source}))

    tree.add_command(FactsGroup(bot))
    tree.add_command(SettingsGroup(bot))

    @tree.command(**_describe("help"))
    async def help(interaction: discord.Interaction[Any]) -> None:
        await bot.respond(interaction, Invocation("help", {}))
