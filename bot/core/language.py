"""Which language to answer in, from what Discord tells us and what the server chose.

The order: the language the server's admins set for it (`/settings language`), else the
member's own Discord language, else the server's (`guild_locale`, set in its community
settings), else `DEFAULT_LOCALE`. A language the bot does not speak counts as not given, so a
French member in a Vietnamese server gets Vietnamese, not the default.
"""

from __future__ import annotations

from bot.core.i18n import LOCALES, Locale

__all__ = ["choose_locale", "spoken"]


def spoken(value: str | None) -> Locale | None:
    """Discord's "vi", "en-US", "en-GB", …, as a language we answer in; None if we do not."""
    code = (value or "").strip().lower().replace("_", "-").split("-")[0]
    return next((locale for locale in LOCALES if locale == code), None)


def choose_locale(
    *, server_choice: Locale | None, user: str | None, server: str | None, default: Locale
) -> Locale:
    return server_choice or spoken(user) or spoken(server) or default
