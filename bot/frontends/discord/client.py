"""The Discord front end: the client, command sync, responses and the one error handler."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import math
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import discord
from discord import app_commands

from bot.core.commands import COMMANDS, Invocation, answer, complete
from bot.core.i18n import Locale, t
from bot.core.language import choose_locale
from bot.core.service import Attache
from bot.core.store.guild_settings import RELATIONSHIP, GuildSettings, settings_path_for
from bot.frontends.discord.admin import Owners
from bot.frontends.discord.customid import decode_body
from bot.frontends.discord.overload import DEADLINE, HTTP_CONNECTIONS, Cooldowns, Gate
from bot.frontends.discord.payload import NO_MENTIONS, build_message
from bot.frontends.discord.slash import Completer, register_commands
from bot.frontends.discord.tokens import InvocationStore, tokens_path_for
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
        # With no GUILDS intent no GUILD_CREATE ever comes, so discord.py's wait for them after
        # READY (2 s by default) only held off being ready, and `health` saying so.
        options.setdefault("guild_ready_timeout", 0.0)
        super().__init__(intents=discord.Intents.none(), allowed_mentions=NO_MENTIONS, **options)
        self.settings = settings
        self.attache = attache
        self.guild_settings = guild_settings or GuildSettings.unsaved()
        self.force_sync = force_sync
        self.owners = Owners()
        self.cooldowns = Cooldowns(settings.command_cooldown_seconds)
        self.gate = Gate()
        self.tokens = InvocationStore(tokens_path_for(settings.database_path))
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

    def relationship_for(self, interaction: discord.Interaction[Any]) -> str | None:
        """The relationship a command that names none is about: the one this server's admins
        chose (/settings relationship), else DEFAULT_RELATIONSHIP."""
        chosen = self.guild_settings.get(interaction.guild_id, RELATIONSHIP)
        return chosen or self.settings.default_relationship

    async def login(self, token: str) -> None:
        """Bound discord.py's HTTP connections (its default connector has no limit)."""
        if self.http.connector is discord.utils.MISSING:
            self.http.connector = aiohttp.TCPConnector(limit=HTTP_CONNECTIONS)
        await super().login(token)

    async def close(self) -> None:
        # Answers already started finish first, within Discord's deadline: closing the HTTP
        # session under one cut its last request off ("Connector is closed", logged as an error).
        if not await self.gate.drain(DEADLINE):
            log.warning("stopping with answers still in flight")
        await super().close()
        self.tokens.close()

    # -- checks --

    async def cooldown_check(self, interaction: discord.Interaction[Any]) -> bool:
        """The slash commands' check; raises so that the error handler says "slow down"."""
        retry = self.cooldowns.retry_after(interaction.user.id)
        if retry is not None:
            cooldown = app_commands.Cooldown(1, self.cooldowns.seconds)
            raise app_commands.CommandOnCooldown(cooldown, retry)
        return True

    def completer(self, command: str, option: str) -> Completer:
        """Autocomplete through the same matcher the command uses; cannot be deferred, so it
        only touches the in-memory index."""

        async def choices(
            interaction: discord.Interaction[Any], current: str
        ) -> list[app_commands.Choice[str]]:
            if self.gate.too_late(interaction):
                # Answering would fail (and discord.py would log a traceback): mark the
                # response as done so that nothing is sent, and log the drop once.
                log.warning("dropped interaction %s: autocomplete too late", interaction.id)
                done = discord.InteractionResponseType.autocomplete_result
                interaction.response._response_type = done
                return []
            chosen = getattr(interaction.namespace, "relationship", None)
            found = complete(
                self.attache,
                command,
                option,
                current,
                self.locale_for(interaction),
                chosen or self.relationship_for(interaction),
            )
            return [app_commands.Choice(name=c.name, value=c.value) for c in found]

        return choices

    # -- answering, through the overload gate --

    async def _send(self, interaction: discord.Interaction[Any], **kwargs: Any) -> None:
        """The first response, unless it is already too late; a refused response is logged
        in one line, never answered again."""
        if self.gate.too_late(interaction):
            log.warning("dropped interaction %s: answer ready after the deadline", interaction.id)
            return
        view = kwargs.get("view")
        if view is not None:
            view.stop()  # dynamic items answer clicks: keep no view in memory per message
        edit = kwargs.pop("edit", False)
        try:
            if edit:
                await interaction.response.edit_message(**kwargs)
            else:
                await interaction.response.send_message(**kwargs)
        except discord.HTTPException as error:
            log.warning(
                "Discord refused the response to interaction %s: %s %s",
                interaction.id,
                error.status,
                error.text[:200],
            )

    async def _busy(self, interaction: discord.Interaction[Any]) -> None:
        text = t("discord.busy", self.locale_for(interaction))
        await self._send(interaction, content=text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    async def _guarded(
        self, interaction: discord.Interaction[Any], work: Callable[[], Awaitable[None]]
    ) -> None:
        """Run `work` through the gate; an unexpected error gets one private message."""

        async def safely() -> None:
            try:
                await work()
            except Exception:
                error_id = secrets.token_hex(4)
                log.exception("error %s answering interaction %s", error_id, interaction.id)
                if not interaction.response.is_done():
                    text = t("discord.failed", self.locale_for(interaction), error_id=error_id)
                    await self._send(
                        interaction, content=text, ephemeral=True, allowed_mentions=NO_MENTIONS
                    )

        await self.gate.run(interaction, safely, lambda: self._busy(interaction))

    async def _briefing(self, interaction: discord.Interaction[Any], invocation: Invocation) -> Any:
        locale = self.locale_for(interaction)
        relationship = self.relationship_for(interaction)
        briefing = await answer(
            self.attache, invocation.command, invocation.options, locale, relationship
        )
        return locale, briefing

    async def respond(
        self, interaction: discord.Interaction[Any], invocation: Invocation, *, public: bool = False
    ) -> None:
        """A slash command: private unless the asker chose `public`."""

        async def work() -> None:
            locale, briefing = await self._briefing(interaction, invocation)
            message = build_message(briefing, locale, invocation, public=public, tokens=self.tokens)
            await self._send(interaction, **message.send_kwargs())

        await self._guarded(interaction, work)

    # -- components --

    async def _component_allowed(self, interaction: discord.Interaction[Any]) -> bool:
        """Components count against the same per-user cooldown as commands."""
        retry = self.cooldowns.retry_after(interaction.user.id)
        if retry is None:
            return True
        seconds = max(1, math.ceil(retry))  # "0 s" would tell the user to retry at once
        text = t("discord.cooldown", self.locale_for(interaction), seconds=seconds)
        await self._send(interaction, content=text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        return False

    def _invocation(self, body: str) -> Invocation | None:
        return decode_body(body, self.tokens).invocation

    async def _expired(self, interaction: discord.Interaction[Any]) -> None:
        text = t("discord.expired", self.locale_for(interaction))
        await self._send(interaction, content=text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @staticmethod
    def _owner(interaction: discord.Interaction[Any]) -> int | None:
        """Who the message with the component belongs to: the user whose interaction made it."""
        message = interaction.message
        metadata = message.interaction_metadata if message is not None else None
        return metadata.user.id if metadata is not None else None

    def _is_own(self, interaction: discord.Interaction[Any]) -> bool:
        return self._owner(interaction) == interaction.user.id

    @staticmethod
    def _is_public(interaction: discord.Interaction[Any]) -> bool:
        message = interaction.message
        return message is not None and not message.flags.ephemeral

    async def _component(
        self,
        interaction: discord.Interaction[Any],
        body: str,
        act: Callable[[Invocation], Awaitable[None]],
    ) -> None:
        async def work() -> None:
            if not await self._component_allowed(interaction):
                return
            invocation = self._invocation(body)
            if invocation is None:
                await self._expired(interaction)
                return
            await act(invocation)

        await self._guarded(interaction, work)

    async def on_page(self, interaction: discord.Interaction[Any], body: str, page: int) -> None:
        """The asker's own message turns in place; anyone else gets a private copy."""

        async def act(invocation: Invocation) -> None:
            locale, briefing = await self._briefing(interaction, invocation)
            if self._is_own(interaction):
                public = self._is_public(interaction)
                message = build_message(
                    briefing, locale, invocation, page=page, public=public, tokens=self.tokens
                )
                await self._send(
                    interaction,
                    edit=True,
                    embed=message.first,
                    view=message.view,
                    allowed_mentions=NO_MENTIONS,
                )
                return
            message = build_message(
                briefing, locale, invocation, page=page, public=False, tokens=self.tokens
            )
            await self._send(interaction, **message.send_kwargs())

        await self._component(interaction, body, act)

    async def on_share(self, interaction: discord.Interaction[Any], body: str, page: int) -> None:
        """Post the answer for the channel, as the presser (the asker: Share is only on private
        answers, which only the asker sees)."""

        async def act(invocation: Invocation) -> None:
            locale, briefing = await self._briefing(interaction, invocation)
            message = build_message(
                briefing, locale, invocation, page=page, public=True, tokens=self.tokens
            )
            await self._send(interaction, **message.send_kwargs())

        await self._component(interaction, body, act)

    async def on_related(self, interaction: discord.Interaction[Any], body: str) -> None:
        """A related answer: always a new, private message for the presser."""

        async def act(invocation: Invocation) -> None:
            locale, briefing = await self._briefing(interaction, invocation)
            message = build_message(briefing, locale, invocation, public=False, tokens=self.tokens)
            await self._send(interaction, **message.send_kwargs())

        await self._component(interaction, body, act)

    async def on_pick(
        self, interaction: discord.Interaction[Any], body: str, index: int, value: str
    ) -> None:
        """The whole invocation again, with the picked id in its option. The asker's private
        picker becomes the answer; anyone else gets their own private answer."""

        async def act(base: Invocation) -> None:
            command = COMMANDS.get(base.command)
            if command is None or not 0 <= index < max(1, len(command.options)):
                await self._expired(interaction)
                return
            options = dict(base.options)
            if command.options:
                options[command.options[index].name] = value
            invocation = Invocation(base.command, options)
            locale, briefing = await self._briefing(interaction, invocation)
            message = build_message(briefing, locale, invocation, public=False, tokens=self.tokens)
            if self._is_own(interaction) and not self._is_public(interaction):
                await self._send(
                    interaction,
                    edit=True,
                    embed=message.first,
                    view=message.view,
                    allowed_mentions=NO_MENTIONS,
                )
            else:
                await self._send(interaction, **message.send_kwargs())

        await self._component(interaction, body, act)

    async def on_delete(self, interaction: discord.Interaction[Any]) -> None:
        """Only the asker may delete a public answer; deleting is never on cooldown."""

        async def work() -> None:
            if not self._is_own(interaction):
                text = t("discord.only_asker_deletes", self.locale_for(interaction))
                await self._send(
                    interaction, content=text, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
                return
            if self.gate.too_late(interaction):
                return
            await interaction.response.defer()
            try:
                await interaction.delete_original_response()
            except discord.HTTPException as error:
                log.warning("cannot delete message for interaction %s: %s", interaction.id, error)

        await self._guarded(interaction, work)

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
            try:
                marker.parent.mkdir(parents=True, exist_ok=True)
                marker.write_text(digest)
            except OSError as error:  # e.g. :memory: in a read-only working folder
                log.warning("cannot remember this sync in %s (%s): the next start syncs "
                            "again", marker, error.strerror or error)  # fmt: skip
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
        """One friendly, private message per kind of error; never a traceback, and never an
        answer to an interaction that is already too late (that only fails again)."""
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
        if interaction.response.is_done():
            try:
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            except discord.HTTPException as failure:
                log.warning("cannot follow up interaction %s: %s", interaction.id, failure)
            return
        await self._send(interaction, content=text, ephemeral=True, allowed_mentions=NO_MENTIONS)


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
        except (aiohttp.ClientConnectionError, OSError) as error:
            log.error("cannot reach Discord: %s", error)  # DNS, firewall, proxy, outage
            return 1
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
