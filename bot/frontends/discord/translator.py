"""Vietnamese names and descriptions for the slash commands, from the command table."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.core.commands import COMMANDS
from bot.frontends.discord.server_settings import VIETNAMESE as SETTINGS_VIETNAMESE
from bot.frontends.discord.slash import (
    PUBLIC,
    PUBLIC_DESCRIPTION,
    PUBLIC_DESCRIPTION_VI,
    PUBLIC_VI,
)

__all__ = ["VIETNAMESE", "AttacheTranslator"]


ADMIN_VIETNAMESE = {
    "facts": "dữ-liệu",
    "Admin: reload the curated facts or see their status": (
        "Quản trị: tải lại dữ liệu hoặc xem trạng thái"
    ),
    "reload": "tải-lại",
    "Check the fact files and load them": "Kiểm tra các tệp dữ liệu rồi tải lại",
    "status": "trạng-thái",
    "Version, counts and the last reloads": "Phiên bản, số lượng mục và các lần tải lại gần đây",
}


def _vietnamese() -> dict[str, str]:
    table: dict[str, str] = dict(ADMIN_VIETNAMESE) | SETTINGS_VIETNAMESE
    table[PUBLIC] = PUBLIC_VI
    table[PUBLIC_DESCRIPTION] = PUBLIC_DESCRIPTION_VI
    for command in COMMANDS.values():
        table[command.name] = command.name_vi
        table[command.description] = command.description_vi
        for option in command.options:
            table[option.name] = option.name_vi
            table[option.description] = option.description_vi
    return table


VIETNAMESE = _vietnamese()


class AttacheTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale is discord.Locale.vietnamese:
            # The table as it is now, so a row added to COMMANDS needs no second change.
            return VIETNAMESE.get(string.message) or _vietnamese().get(string.message)
        return None
