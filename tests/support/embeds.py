"""Discord's documented embed limits, written out from the API docs (not imported from the
bot), and a checker for `Embed.to_dict()` output."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# https://discord.com/developers/docs/resources/message#embed-object-embed-limits
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_AUTHOR = 256
EMBED_TOTAL = 6000


def embed_problems(embed: Mapping[str, Any]) -> list[str]:
    """Every way this `Embed.to_dict()` breaks Discord's limits (empty list: none)."""
    problems: list[str] = []
    title = embed.get("title") or ""
    description = embed.get("description") or ""
    footer = (embed.get("footer") or {}).get("text") or ""
    author = (embed.get("author") or {}).get("name") or ""
    fields = embed.get("fields") or []
    for what, text, limit in (
        ("title", title, EMBED_TITLE),
        ("description", description, EMBED_DESCRIPTION),
        ("footer", footer, EMBED_FOOTER),
        ("author", author, EMBED_AUTHOR),
    ):
        if len(text) > limit:
            problems.append(f"{what} has {len(text)} characters (limit {limit})")
    if len(fields) > EMBED_FIELDS:
        problems.append(f"{len(fields)} fields (limit {EMBED_FIELDS})")
    total = len(title) + len(description) + len(footer) + len(author)
    for number, field in enumerate(fields, start=1):
        field_name, value = field.get("name") or "", field.get("value") or ""
        if not field_name.strip() or not value.strip():
            problems.append(f"field {number} has an empty name or value")
        if len(field_name) > FIELD_NAME:
            problems.append(f"field {number} name has {len(field_name)} characters")
        if len(value) > FIELD_VALUE:
            problems.append(f"field {number} value has {len(value)} characters")
        total += len(field_name) + len(value)
    if total > EMBED_TOTAL:
        problems.append(f"{total} characters in all (limit {EMBED_TOTAL})")
    return problems


def embed_text(embed: Mapping[str, Any]) -> str:
    """All the text a reader sees in an embed, markdown escapes removed."""
    parts = [embed.get("title") or "", embed.get("description") or ""]
    for field in embed.get("fields") or []:
        parts += [field["name"], field["value"]]
    parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts).replace("\\", "")
