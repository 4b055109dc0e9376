"""`/facts reload` and `/facts status`, for the bot's own admins only.

The facts are one resource shared by every server the bot is in, so a server permission
cannot govern them: Manage Server in some server (perhaps one a stranger made and invited the
bot to) is not enough. The bot's admins are the application's owner (or its team's admins and
developers), the users in ADMIN_USER_IDS, and members of ADMIN_ROLE_IDS in the one server
ADMIN_GUILD_ID (DISCORD_GUILD_ID when that is unset: the single server the bot then serves).

Two halves kept together, as in RoboDanny's `hybrid_permissions_check`: `ADMIN_HINT`
(`default_permissions`) only hides the group from ordinary members, and server admins can
change it; `refusal` is the real check, made inside every subcommand.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.core.briefings.admin import reload_report, status_briefing
from bot.core.briefings.labels import locale_of
from bot.core.i18n import t
from bot.core.service import Who
from bot.frontends.discord.payload import NO_MENTIONS, build_message
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.frontends.discord.client import AttacheBot

__all__ = ["ADMIN_HINT", "FactsGroup", "Owners", "admin_guild", "refusal"]

log = logging.getLogger(__name__)

ADMIN_HINT = discord.Permissions(manage_guild=True)
"""Client-side only: who sees /facts in the command list. Never the check itself."""


class Owners:
    """The application's owner, or its team's admins and developers, fetched once."""

    def __init__(self) -> None:
        self.ids: frozenset[int] | None = None

    async def get(self, client: discord.Client) -> frozenset[int]:
        if self.ids is None:
            try:
                app = await client.application_info()
            except discord.HTTPException as error:
                log.warning("cannot read the application's owner: %s", error)
                return frozenset()
            if app.team is not None:
                roles = (discord.TeamMemberRole.admin, discord.TeamMemberRole.developer)
                self.ids = frozenset(m.id for m in app.team.members if m.role in roles)
            else:
                self.ids = frozenset({app.owner.id})
        return self.ids


def admin_guild(settings: Settings) -> int | None:
    """The one server whose ADMIN_ROLE_IDS count."""
    return settings.admin_guild_id or settings.discord_guild_id


def refusal(
    interaction: discord.Interaction[Any], settings: Settings, owners: frozenset[int] = frozenset()
) -> str | None:
    """Why this user may not manage the facts (in their language), or None if they are one
    of the bot's admins."""
    locale = locale_of(str(interaction.locale))
    if interaction.guild_id is None:
        return t("admin.refusal.not_in_server", locale)
    user = interaction.user
    if user.id in owners or user.id in settings.admin_user_ids:
        return None
    home = admin_guild(settings)
    if home is not None and interaction.guild_id == home:
        # Role ids come with the interaction even when the guild is not cached (no intents).
        role_ids = set(getattr(user, "_roles", ()))
        if role_ids & set(settings.admin_role_ids):
            return None
    return t("admin.refusal.not_allowed", locale)


class FactsGroup(app_commands.Group):
    def __init__(self, bot: AttacheBot) -> None:
        super().__init__(
            name="facts",
            description="Admin: reload the curated facts or see their status",
            default_permissions=ADMIN_HINT,
            guild_only=True,
        )
        self.bot = bot

    async def _refused(self, interaction: discord.Interaction[Any]) -> bool:
        owners = await self.bot.owners.get(self.bot)
        reason = refusal(interaction, self.bot.settings, owners)
        if reason is not None:
            log.info(
                "refused /facts %s to user %s in guild %s",
                interaction.command and interaction.command.name,
                interaction.user.id,
                interaction.guild_id,
            )
            await interaction.response.send_message(
                reason, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return True
        return False

    @app_commands.command(name="reload", description="Check the fact files and load them")
    async def reload(self, interaction: discord.Interaction[Any]) -> None:
        if await self._refused(interaction):
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        who = Who("command", interaction.user.id, str(interaction.user), interaction.guild_id)
        outcome = await self.bot.attache.reload(who)
        locale = self.bot.locale_for(interaction)
        message = build_message(reload_report(outcome, locale), locale)
        await interaction.followup.send(**message.send_kwargs())

    @app_commands.command(name="status", description="Version, counts and the last reloads")
    async def status(self, interaction: discord.Interaction[Any]) -> None:
        # Only the bot's admins get here, so the audit's users from other servers are shown
        # to no one else.
        if await self._refused(interaction):
            return
        attache = self.bot.attache
        attempts = await attache.audit.latest(5)
        locale = self.bot.locale_for(interaction)
        briefing = status_briefing(attache.factset, attache.state.loaded_at, attempts, locale)
        message = build_message(briefing, locale)
        await interaction.response.send_message(**message.send_kwargs())
