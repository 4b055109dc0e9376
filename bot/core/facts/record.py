"""One record as read from its file: known by id and kind even when it failed validation.

A record that fails (a bad date, a missing field) still takes part in the checks that need
more than one record, as an id that exists: references to it are fine, and the curator sees
each mistake once, in the file that has it, not again as "no such id" in files nobody touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from bot.core.facts.locate import Locator
from bot.core.facts.models import Model
from bot.core.facts.problems import Problem, format_path

__all__ = ["Loc", "Record", "SourceText"]

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class SourceText:
    """A source's text (sources/<id>.txt), folded for the quote check."""

    file: str
    folded: str


class Record(NamedTuple):
    """A named tuple, not a frozen dataclass: as immutable and made in C (a reload makes one
    per record, 7k at 10k statements, and a frozen dataclass's `__init__` sets each field
    through `object.__setattr__`). Compared by identity where it matters (validate.py)."""

    kind: str
    id: str
    file: str
    """Shown relative to the facts root, like `people/to-lam.toml`."""
    relationship: str | None
    """The relationship folder it sits in; None for people, countries, places, organisations."""
    model: Model | None
    """None when the record failed validation (its problems are already reported)."""
    locator: Locator | None = None
    loc: Loc = ()
    """Where the record starts in its file: () for a one-record file, else its array item."""

    def line(self, loc: Loc = ()) -> int | None:
        return self.locator.line((*self.loc, *loc)) if self.locator else None

    def problem(self, loc: Loc, reason: str) -> Problem:
        return Problem(self.file, self.line(loc), format_path((*self.loc, *loc)), reason)

    def where(self) -> str:
        line = self.line(("id",)) or self.line()
        return f"{self.file}:{line}" if line else self.file
