"""Start the bot: on Discord with a token, otherwise in the terminal."""

from __future__ import annotations

import asyncio
import sys

from bot.core.service import Attache, StartupError
from bot.settings import Settings

__all__ = ["run", "start"]


async def start(settings: Settings) -> Attache:
    return await Attache.start(settings.facts_dir, settings.database_path)


def _report(error: StartupError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(f"cannot start: {error}; run `python -m bot facts check`", file=sys.stderr)
    return 1


def run(settings: Settings) -> int:
    if settings.discord_token is None:
        print("No DISCORD_TOKEN set: running offline in the terminal.", file=sys.stderr)
        return asyncio.run(_console(settings))
    from bot.frontends.discord.client import run_discord

    return run_discord(settings)


async def _console(settings: Settings) -> int:
    from bot.frontends.terminal.console import run_console

    try:
        attache = await start(settings)
    except StartupError as error:
        return _report(error)
    try:
        return await run_console(attache)
    finally:
        await attache.close()
