"""The Discord front end: the client, command sync, responses and the one error handler."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import math
import secrets
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

from bot.core.commands import Invocation, answer, complete
from bot.core.i18n import Locale, t
from bot.core.language import choose_locale
from bot.core.service import Attache
from bot.core.store.guild_settings import GuildSettings, settings_path_for
from bot.frontends.discord.payload import NO_MENTIONS, build_message
from bot.frontends.discord.slash import register_commands
from bot.frontends.discord.translator import AttacheTranslator
from bot.frontends.discord.views import DYNAMIC_ITEMS
from bot.frontends.health import gateway_connected, health_path_for, heartbeat
from bot.frontends.lifecycle import FrontEnd, run_front_end
from bot.settings import Settings

__all__ = [
    "AttacheBot",
    "DiscordFrontEnd",
    "ShardedAttacheBot",
    "command_hash",
    "make_bot",
    "run_discord",
]

log = logging.getLogger(__name__)

Completer = Callable[
    [discord.Interaction[Any], str], Coroutine[Any, Any, list[app_commands.Choice[str]]]
]


class AttacheBot(discord.Client):
    """Minimal intents: slash commands need no message content and no member list."""

    def __init__(
        self,
        settings: Settings,
        attache: Attache,
        *,
        force_sync: bool = False,
        guild_settings: GuildSettings | None = None,
        **options: Any,
    ) -> None:
        super().__init__(intents=discord.Intents.none(), allowed_mentions=NO_MENTIONS, **options)
        self.settings = settings
        self.attache = attache
        self.guild_settings = guild_settings or GuildSettings.unsaved()
        self.force_sync = force_sync
        self.tree: app_commands.CommandTree[AttacheBot] = app_commands.CommandTree(self)
        self.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]
        register_commands(self)

    def locale_for(self, interaction: discord.Interaction[Any]) -> Locale:
        """The server's chosen language, else the member's, else the server's Discord
        language, else DEFAULT_LOCALE (bot/core/language.py)."""
        guild_locale = interaction.guild_locale if interaction.guild_id is not None else None
        return choose_locale(
            server_choice=self.guild_settings.language(interaction.guild_id),
            user=str(interaction.locale),
            server=str(guild_locale) if guild_locale is not None else None,
            default=self.settings.default_locale,
        )

    def cooldown_for(self, interaction: discord.Interaction[Any]) -> app_commands.Cooldown | None:
        seconds = self.settings.command_cooldown_seconds
        return app_commands.Cooldown(1, seconds) if seconds > 0 else None

    def completer(self, command: str, option: str) -> Completer:
        """Autocomplete through the same matcher the command uses; cannot be deferred, so it
        only touches the in-memory index."""

        async def choices(
            interaction: discord.Interaction[Any], current: str
        ) -> list[app_commands.Choice[str]]:
            found = complete(self.attache, command, option, current)
            return [app_commands.Choice(name=c.name, value=c.value) for c in found]

        return choices

    async def respond(self, interaction: discord.Interaction[Any], invocation: Invocation) -> None:
        locale = self.locale_for(interaction)
        briefing = await answer(self.attache, invocation.command, invocation.options, locale)
        message = build_message(briefing, locale, invocation)
        await interaction.response.send_message(**message.send_kwargs())

    async def turn_page(
        self, interaction: discord.Interaction[Any], invocation: Invocation, page: int
    ) -> None:
        """Edit the message in place to show another page of the same answer."""
        locale = self.locale_for(interaction)
        briefing = await answer(self.attache, invocation.command, invocation.options, locale)
        message = build_message(briefing, locale, invocation, page=page)
        await interaction.response.edit_message(
            embed=message.first, view=message.view, allowed_mentions=NO_MENTIONS
        )

    async def setup_hook(self) -> None:
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        await self.tree.set_translator(AttacheTranslator())
        guild = (
            discord.Object(self.settings.discord_guild_id)
            if self.settings.discord_guild_id
            else None
        )
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        digest = await command_hash(self.tree, guild)
        marker = _hash_file(self.settings)
        if self.force_sync or not marker.exists() or marker.read_text() != digest:
            synced = await self.tree.sync(guild=guild)
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(digest)
            log.info(
                "synced %d commands %s",
                len(synced),
                f"to guild {guild.id}" if guild else "globally",
            )
        else:
            log.info("commands unchanged since the last sync; not syncing")

    async def on_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        """One friendly, private message per kind of error; never a traceback."""
        locale = self.locale_for(interaction)
        if isinstance(error, app_commands.CommandOnCooldown):
            # Whole seconds, rounded up: "0 s" would tell the user to retry at once.
            seconds = max(1, math.ceil(error.retry_after))
            text = t("discord.cooldown", locale, seconds=seconds)
        elif isinstance(error, app_commands.TransformerError | app_commands.CheckFailure):
            text = t("discord.invalid_value", locale)
        else:
            error_id = secrets.token_hex(4)
            log.error(
                "error %s in %s",
                error_id,
                interaction.command and interaction.command.name,
                exc_info=error,
            )
            text = t("discord.failed", locale, error_id=error_id)
        send = (
            interaction.followup.send
            if interaction.response.is_done()
            else interaction.response.send_message
        )
        await send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def command_hash(
    tree: app_commands.CommandTree[Any], guild: discord.abc.Snowflake | None
) -> str:
    """A hash of exactly what a sync would send, translations included."""
    translator = tree.translator or AttacheTranslator()
    payload = [
        await command.get_translated_payload(tree, translator)
        for command in tree.get_commands(guild=guild)
    ]
    text = json.dumps({"guild": guild.id if guild else None, "commands": payload}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _hash_file(settings: Settings) -> Path:
    database = settings.database_path
    folder = Path("data") if database == ":memory:" else Path(database).parent
    return folder / "commands.sha256"


class ShardedAttacheBot(AttacheBot, discord.AutoShardedClient):
    """The same bot over several gateway connections (DISCORD_SHARDS); see docs/scaling.md."""


def make_bot(
    settings: Settings,
    attache: Attache,
    *,
    force_sync: bool = False,
    guild_settings: GuildSettings | None = None,
) -> AttacheBot:
    if not settings.sharded:
        return AttacheBot(settings, attache, force_sync=force_sync, guild_settings=guild_settings)
    return ShardedAttacheBot(
        settings, attache, force_sync=force_sync, guild_settings=guild_settings,
        shard_count=settings.shard_count,
    )  # fmt: skip


class DiscordFrontEnd(FrontEnd):
    """The bot on Discord: stopped by closing the client, which logs out cleanly."""

    def __init__(self, settings: Settings, *, force_sync: bool = False) -> None:
        assert settings.discord_token is not None
        self.settings = settings
        self.force_sync = force_sync
        self.bot: AttacheBot | None = None
        self._closing: asyncio.Future[None] | None = None

    async def run(self, attache: Attache) -> int:
        token = self.settings.discord_token
        assert token is not None
        guild_settings = await GuildSettings.open(settings_path_for(self.settings.database_path))
        self.bot = bot = make_bot(
            self.settings, attache, force_sync=self.force_sync, guild_settings=guild_settings
        )
        beating = asyncio.create_task(  # for `python -m bot health` (the Docker healthcheck)
            heartbeat(
                health_path_for(self.settings.database_path),
                lambda: gateway_connected(bot),
                lambda: attache.state.version,
            )
        )
        try:
            async with bot:
                await bot.start(token.get_secret_value())
        except discord.LoginFailure:
            log.error("Discord rejected DISCORD_TOKEN; check it in the developer portal")
            return 2
        except discord.Forbidden as error:  # e.g. 50001: not in DISCORD_GUILD_ID's server
            guild = self.settings.discord_guild_id
            where = f"server {guild} (DISCORD_GUILD_ID)" if guild else "Discord"
            log.error(
                "cannot set up the commands in %s: %s; is the bot in that server, "
                "invited with the applications.commands scope?",
                where,
                error.text,
            )
            return 2
        finally:
            beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beating
            await guild_settings.close()
        return 0

    def stop(self, running: asyncio.Task[int]) -> None:
        if self.bot is None:
            running.cancel()
        elif self._closing is None:
            self._closing = asyncio.ensure_future(self.bot.close())


def run_discord(settings: Settings, *, force_sync: bool = False, watch: bool = False) -> int:
    return run_front_end(settings, DiscordFrontEnd(settings, force_sync=force_sync), watch=watch)
