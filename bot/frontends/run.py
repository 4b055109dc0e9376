"""Start the bot: on Discord with a token, otherwise in the terminal."""

from __future__ import annotations

import asyncio
import contextlib
import sys

from bot.core.service import Attache, StartupError
from bot.frontends.lifecycle import install_signals, watch_facts
from bot.settings import Settings

__all__ = ["report_startup_error", "run"]


def report_startup_error(error: StartupError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(f"cannot start: {error}; run `python -m bot facts check`", file=sys.stderr)
    return 1


def run(settings: Settings, *, watch: bool = False) -> int:
    if settings.discord_token is None:
        print("No DISCORD_TOKEN set: running offline in the terminal.", file=sys.stderr)
        return asyncio.run(_console(settings, watch))
    from bot.frontends.discord.client import run_discord

    return run_discord(settings, watch=watch)


async def _console(settings: Settings, watch: bool) -> int:
    from bot.frontends.terminal.console import run_console

    try:
        attache = await Attache.start(settings.facts_dir, settings.database_path)
    except StartupError as error:
        return report_startup_error(error)
    main = asyncio.current_task()
    assert main is not None
    install_signals(attache, stop=main.cancel)
    watcher = (
        asyncio.create_task(watch_facts(attache, settings.watch_debounce_seconds))
        if watch
        else None
    )
    try:
        return await run_console(attache)
    except asyncio.CancelledError:
        return 0
    finally:
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
        await attache.close()
