"""Read `/command option:value …` as typed in the console, `ask` and `complete`; bare text fills
the first option. Shared by both front ends, so that neither imports the other."""

from __future__ import annotations

import re
from typing import Any

from bot.core.commands import COMMANDS, Invocation

__all__ = ["Invocation", "parse_invocation"]


def parse_invocation(line: str) -> Invocation | None:
    """None for an empty line. Unknown commands are passed on, for the core to answer."""
    text = line.strip()
    if not text:
        return None
    head, _, rest = text.partition(" ")
    name = head.lstrip("/").lower()
    command = COMMANDS.get(name)
    if command is None or not command.options:
        return Invocation(name, {})
    names = "|".join(re.escape(option.name) for option in command.options)
    parts = re.split(rf"(?:^|\s)({names}):", rest)
    options: dict[str, Any] = {}
    bare = parts[0].strip()
    if bare:
        options[command.options[0].name] = bare
    for key, value in zip(parts[1::2], parts[2::2], strict=True):
        options[key] = value.strip()
    return Invocation(name, options)
