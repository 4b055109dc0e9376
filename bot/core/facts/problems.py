"""A problem found in the fact files, located precisely enough for a curator to fix it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Problem", "format_path"]


def format_path(loc: Sequence[str | int]) -> str:
    """`("people", 0, "titles", 1, "quote")` -> `people[0].titles[1].quote`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason the facts cannot be loaded; `file` is shown relative to the facts folder."""

    file: str
    line: int | None
    path: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.reason}" if self.path else f"{where}: {self.reason}"
