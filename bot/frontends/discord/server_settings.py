"""`/settings language`: a server's admins choose the language the bot answers in there.

Unlike the facts, which every server shares (so only bot admins reload them), a server's
language is that server's own business: Manage Server in that server is the right check,
made on every call (`default_permissions` only hides the command, and admins can change it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.core.i18n import t
from bot.core.language import spoken
from bot.core.store.guild_settings import LANGUAGE

if TYPE_CHECKING:
    from bot.frontends.discord.client import AttacheBot

__all__ = ["AUTO", "VIETNAMESE", "SettingsGroup"]

AUTO = "auto"

VIETNAMESE = {
    "settings": "cài-đặt",
    "Server admins: how the bot behaves on this server": (
        "Quản trị máy chủ: cách bot hoạt động trên máy chủ này"
    ),
    "language": "ngôn-ngữ",
    "The language the bot answers in on this server": (
        "Ngôn ngữ bot dùng để trả lời trên máy chủ này"
    ),
    "vi, en, or auto (each member's own Discord language)": (
        "vi, en, hoặc auto (theo ngôn ngữ Discord của từng thành viên)"
    ),
    "Vietnamese": "Tiếng Việt",
    "English": "Tiếng Anh",
    "auto: each member's Discord language": ("tự động: theo ngôn ngữ Discord của từng thành viên"),
}
"""The Vietnamese names Discord shows for this group (the translator reads them)."""


class SettingsGroup(app_commands.Group):
    def __init__(self, bot: AttacheBot) -> None:
        super().__init__(
            name=locale_str("settings"),
            description=locale_str("Server admins: how the bot behaves on this server"),
            default_permissions=discord.Permissions(manage_guild=True),
            guild_only=True,
        )
        self.bot = bot

    @app_commands.command(
        name=locale_str("language"),
        description=locale_str("The language the bot answers in on this server"),
    )
    @app_commands.describe(
        language=locale_str("vi, en, or auto (each member's own Discord language)")
    )
    @app_commands.rename(language=locale_str("language"))
    @app_commands.choices(
        language=[
            app_commands.Choice(name=locale_str("Vietnamese"), value="vi"),
            app_commands.Choice(name=locale_str("English"), value="en"),
            app_commands.Choice(name=locale_str("auto: each member's Discord language"),
                                value=AUTO),
        ]
    )  # fmt: skip
    async def language(
        self, interaction: discord.Interaction[Any], language: app_commands.Choice[str]
    ) -> None:
        reason = self.refusal(interaction)
        if reason is None:
            assert interaction.guild_id is not None
            chosen = spoken(language.value)
            await self.bot.guild_settings.set(
                interaction.guild_id, LANGUAGE, chosen, by=interaction.user.id
            )
            locale = self.bot.locale_for(interaction)  # already the new choice
            text = (
                t("settings.language_auto", locale)
                if chosen is None
                else t(
                    "settings.language_set",
                    locale,
                    language=t(f"settings.language_name.{chosen}", locale),
                )
            )
        else:
            text = reason
        await interaction.response.send_message(
            text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    def refusal(self, interaction: discord.Interaction[Any]) -> str | None:
        """Why this member may not change this server's settings, or None if they may."""
        locale = self.bot.locale_for(interaction)
        if interaction.guild_id is None:
            return t("settings.not_in_server", locale)
        permissions = interaction.permissions  # resolved by Discord for this member here
        if permissions.manage_guild or permissions.administrator:
            return None
        return t("settings.not_allowed", locale)
