"""For the Discord front-end tests: Discord's rules (one copy, in support/discord_rules.py,
shared with the e2e double) and the shipped facts read with tomllib."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from support import discord_rules
from support.discord_rules import describe
from support.shipped import EVENTS as EVENTS  # re-exported for the Discord tests
from support.shipped import PEOPLE as PEOPLE
from support.shipped import SOURCES as SOURCES

EPHEMERAL = discord_rules.EPHEMERAL


def component_problems(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """A message's action rows against Discord's rules (the ones the e2e double enforces)."""
    return describe(discord_rules.component_problems(list(rows)))


def payload_problems(payload: Mapping[str, Any]) -> list[str]:
    """A whole message payload (`ask --json`) against Discord's rules."""
    return describe(discord_rules.message_problems(dict(payload)))


def field_lines(embeds: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every line of every field value and description, in order."""
    lines: list[str] = []
    for embed in embeds:
        lines += (embed.get("description") or "").splitlines()
        for field in embed.get("fields") or []:
            lines += field["value"].splitlines()
    return lines


def visible_text(embed: Mapping[str, Any]) -> str:
    parts = [embed.get("title") or "", embed.get("description") or ""]
    for field in embed.get("fields") or []:
        parts += [field["name"], field["value"]]
    parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts)
