"""`python -m bot sync --dry-run`: the exact JSON a command sync would send, with no token.

The body is built the way discord.py's `CommandTree.sync` builds it (each command's
`get_translated_payload` with the bot's translator, for the guild or globally as
DISCORD_GUILD_ID says), from the same generated tree the bot registers, so a reviewer can
diff it before anything reaches Discord.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from typing import Any, cast

import discord

from bot.core.service import Attache
from bot.settings import Settings

__all__ = ["dry_run", "sync_body"]


async def sync_body(settings: Settings) -> list[dict[str, Any]]:
    from bot.frontends.discord.client import AttacheBot
    from bot.frontends.discord.translator import AttacheTranslator

    # No facts are needed to describe the commands: the tree only holds callbacks.
    bot = AttacheBot(settings, cast(Attache, None))
    try:
        tree = bot.tree
        translator = AttacheTranslator()
        await tree.set_translator(translator)
        guild = discord.Object(settings.discord_guild_id) if settings.discord_guild_id else None
        if guild is not None:
            tree.copy_global_to(guild=guild)
        return [
            await command.get_translated_payload(tree, translator)
            for command in tree.get_commands(guild=guild)
        ]
    finally:
        await bot.close()


def dry_run(settings: Settings) -> int:
    logging.getLogger("discord").setLevel(logging.ERROR)  # no voice/intents chatter here
    body = asyncio.run(sync_body(settings))
    target = (
        f"guild {settings.discord_guild_id} (PUT /applications/<id>/guilds/<guild>/commands)"
        if settings.discord_guild_id
        else "global (PUT /applications/<id>/commands)"
    )
    print(f"sync --dry-run: {len(body)} commands, {target}; nothing sent", file=sys.stderr)
    try:
        print(json.dumps(body, ensure_ascii=False, indent=2))
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
