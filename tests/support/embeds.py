"""Checking an `Embed.to_dict()` against Discord's limits, and the text a reader sees in it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from support import discord_rules
from support.discord_rules import describe


def embed_problems(embed: Mapping[str, Any]) -> list[str]:
    """Every way this `Embed.to_dict()` breaks Discord's limits (empty list: none), by the
    same rules the e2e Discord double enforces (support/discord_rules.py)."""
    return describe(discord_rules.embed_problems(dict(embed)))


def embed_text(embed: Mapping[str, Any]) -> str:
    """All the text a reader sees in an embed, markdown escapes removed."""
    parts = [embed.get("title") or "", embed.get("description") or ""]
    for field in embed.get("fields") or []:
        parts += [field["name"], field["value"]]
    parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts).replace("\\", "")
