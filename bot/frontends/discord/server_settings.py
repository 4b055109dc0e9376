"""`/settings language` and `/settings relationship`: a server's admins choose the language
the bot answers in there, and which relationship commands are about when a member names none.

Unlike the facts, which every server shares (so only bot admins reload them), a server's
language is that server's own business: Manage Server in that server is the right check,
made on every call (`default_permissions` only hides the command, and admins can change it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.core.briefings.relationships import (
    complete_relationship,
    find_relationship,
    relationship_label,
)
from bot.core.i18n import t
from bot.core.language import spoken
from bot.core.store.guild_settings import LANGUAGE, RELATIONSHIP

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
    "relationship": "quan-hệ",
    "The relationship commands are about when a member names none": (
        "Mối quan hệ mặc định khi thành viên không chọn"
    ),
    "A relationship, or auto (members pick when there are several)": (
        "Một mối quan hệ, hoặc auto (thành viên tự chọn khi có nhiều mối quan hệ)"
    ),
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

    @app_commands.command(
        name=locale_str("relationship"),
        description=locale_str("The relationship commands are about when a member names none"),
    )
    @app_commands.describe(
        relationship=locale_str("A relationship, or auto (members pick when there are several)")
    )
    @app_commands.rename(relationship=locale_str("relationship"))
    async def relationship(
        self,
        interaction: discord.Interaction[Any],
        relationship: app_commands.Range[str, 1, 100],
    ) -> None:
        reason = self.refusal(interaction)
        locale = self.bot.locale_for(interaction)
        factset = self.bot.attache.state.factset
        if reason is None:
            assert interaction.guild_id is not None
            found = (
                None
                if relationship.strip().lower() == AUTO
                else (find_relationship(factset, relationship))
            )
            if found is None and relationship.strip().lower() != AUTO:
                known = ", ".join(
                    relationship_label(factset, r, locale) for r in factset.relationships
                )
                reason = t("settings.relationship_unknown", locale, known=known)
            else:
                await self.bot.guild_settings.set(
                    interaction.guild_id, RELATIONSHIP, found, by=interaction.user.id
                )
                reason = (
                    t("settings.relationship_auto", locale)
                    if found is None
                    else t(
                        "settings.relationship_set",
                        locale,
                        relationship=relationship_label(factset, found, locale),
                    )
                )
        await interaction.response.send_message(
            reason, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @relationship.autocomplete("relationship")
    async def _relationships(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        locale = self.bot.locale_for(interaction)
        found = complete_relationship(self.bot.attache.state.factset, current, locale)
        choices = [app_commands.Choice(name=c.name, value=c.value) for c in found][:24]
        auto = t("settings.relationship_auto_choice", locale)
        return [*choices, app_commands.Choice(name=auto, value=AUTO)]
