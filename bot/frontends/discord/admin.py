"""`/facts reload` and `/facts status`, for admins only.

`default_permissions` only hides the group from members without Manage Server, and server
admins can override it (and it is ignored on subcommands); `refusal` is the real check,
made on every call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.core.briefings.admin import reload_report, status_briefing
from bot.core.briefings.labels import locale_of
from bot.core.i18n import t
from bot.core.service import Who
from bot.frontends.discord.payload import build_message
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.frontends.discord.client import AttacheBot

__all__ = ["FactsGroup", "refusal"]


def refusal(interaction: discord.Interaction[Any], settings: Settings) -> str | None:
    """Why this user may not manage the facts here (in their language), or None if they may."""
    locale = locale_of(str(interaction.locale))
    if interaction.guild_id is None:
        return t("admin.refusal.not_in_server", locale)
    user = interaction.user
    if user.id in settings.admin_user_ids:
        return None
    permissions = interaction.permissions  # resolved by Discord for this member and channel
    if permissions.manage_guild or permissions.administrator:
        return None
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
            default_permissions=discord.Permissions(manage_guild=True),
            guild_only=True,
        )
        self.bot = bot

    async def _refused(self, interaction: discord.Interaction[Any]) -> bool:
        reason = refusal(interaction, self.bot.settings)
        if reason is not None:
            await interaction.response.send_message(
                reason, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
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
        if await self._refused(interaction):
            return
        attache = self.bot.attache
        attempts = await attache.audit.latest(5)
        locale = self.bot.locale_for(interaction)
        briefing = status_briefing(attache.factset, attache.state.loaded_at, attempts, locale)
        message = build_message(briefing, locale)
        await interaction.response.send_message(**message.send_kwargs())
