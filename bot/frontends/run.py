"""Start the bot: on Discord with a token, otherwise in the terminal."""

from __future__ import annotations

import sys

from bot.settings import Settings

__all__ = ["run"]


def run(settings: Settings, *, watch: bool = False, locale: str | None = None) -> int:
    """The front end the settings call for, imported only when chosen: the console never
    loads discord.py. `locale` is the console's language (on Discord each interaction says)."""
    if settings.discord_token is None:
        print("No DISCORD_TOKEN set: running offline in the terminal.", file=sys.stderr)
        from bot.frontends.terminal.console import run_console_front_end

        return run_console_front_end(settings, watch=watch, locale=locale)
    from bot.frontends.discord.client import run_discord

    return run_discord(settings, watch=watch)
