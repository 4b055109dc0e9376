"""Discord's documented limits, written out from the API docs (not imported from the bot),
and the shipped facts read with tomllib, for the Discord front-end tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from support.embeds import embed_problems
from support.shipped import EVENTS as EVENTS  # re-exported for the Discord tests
from support.shipped import PEOPLE as PEOPLE
from support.shipped import SOURCES as SOURCES

MESSAGE_EMBEDS = 10
# https://discord.com/developers/docs/interactions/message-components
ACTION_ROWS = 5
ROW_BUTTONS = 5
CUSTOM_ID = 100
SELECT_OPTIONS = 25
OPTION_TEXT = 100
SELECT_PLACEHOLDER = 150
BUTTON_LABEL = 80
EPHEMERAL = 1 << 6


def component_problems(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    problems: list[str] = []
    if len(rows) > ACTION_ROWS:
        problems.append(f"{len(rows)} action rows (limit {ACTION_ROWS})")
    for row in rows:
        if row.get("type") != 1:
            problems.append(f"top-level component of type {row.get('type')}, not an action row")
        items = row.get("components", [])
        selects = [item for item in items if item["type"] == 3]
        if selects and len(items) > 1:
            problems.append("a select menu must be alone in its row")
        if len(items) > ROW_BUTTONS:
            problems.append(f"{len(items)} components in a row")
        for item in items:
            if len(item.get("custom_id", "")) > CUSTOM_ID:
                problems.append(f"custom_id {item['custom_id']!r} is too long")
            if item["type"] == 2 and len(item.get("label") or "") > BUTTON_LABEL:
                problems.append("button label too long")
            if item["type"] == 3:
                if len(item.get("placeholder") or "") > SELECT_PLACEHOLDER:
                    problems.append("placeholder too long")
                options = item.get("options", [])
                if not 1 <= len(options) <= SELECT_OPTIONS:
                    problems.append(f"{len(options)} select options")
                for option in options:
                    for key in ("label", "value", "description"):
                        if len(option.get(key) or "") > OPTION_TEXT:
                            problems.append(f"option {key} {option.get(key)!r} too long")
    return problems


def payload_problems(payload: Mapping[str, Any]) -> list[str]:
    problems = [
        f"embed {n}: {problem}"
        for n, embed in enumerate(payload["embeds"], start=1)
        for problem in embed_problems(embed)
    ]
    if len(payload["embeds"]) > MESSAGE_EMBEDS:
        problems.append(f"{len(payload['embeds'])} embeds (limit {MESSAGE_EMBEDS})")
    return problems + component_problems(payload["components"])


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
