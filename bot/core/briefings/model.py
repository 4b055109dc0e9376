"""A briefing as plain data: what to say, never how a front end draws it.

A briefing is read in two steps: the first screen (the lede, the first `first_screen` lines of
each section, the sources they cite) and everything else one tap away. The core decides what
a reader needs first by the order of sections and lines and by `Section.first_screen`; front
ends decide how "one tap away" looks (a page, a "More" button, a heading in the terminal).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Briefing", "Choice", "Line", "Related", "Section", "SourceRef", "Status"]

Status = Literal["ok", "ambiguous", "not_found", "invalid", "error"]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A cited source: `label` is "Viet Nam News, 5 Feb 2026"; `url` is None when unknown."""

    id: str
    label: str
    headline: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Line:
    """One statement, with the numbers (1-based, into `Briefing.sources`) it rests on."""

    text: str
    cites: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and its lines, most important line first.

    `first_screen`: how many lines belong on the first screen (None: all of them; 0: the
    whole section is one tap away). The remaining lines are never dropped, only moved."""

    name: str
    lines: tuple[Line, ...]
    inline: bool = False
    first_screen: int | None = None

    @property
    def glance(self) -> tuple[Line, ...]:
        """The lines for the first screen."""
        return self.lines if self.first_screen is None else self.lines[: self.first_screen]

    @property
    def rest(self) -> tuple[Line, ...]:
        """The lines one tap away."""
        return () if self.first_screen is None else self.lines[self.first_screen :]


@dataclass(frozen=True, slots=True)
class Choice:
    """Something the user can pick instead of retyping: runs `command` with `value`."""

    label: str
    value: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Related:
    """Another answer one tap away: `/command option:value`, shown as `label`.

    From an event its people, from a person their events, from the pillars each pillar's
    commitments. `options` holds ids (short, exact, stable across renames of a name), so a
    front end can put the whole invocation in a button; `label` is at most 80 characters
    (Discord's button label limit), already cut at a word."""

    label: str
    command: str
    options: tuple[tuple[str, str], ...] = ()

    def option_dict(self) -> dict[str, str]:
        """The options as an invocation takes them."""
        return dict(self.options)


@dataclass(frozen=True, slots=True)
class Briefing:
    title: str
    summary: Line = Line("")
    sections: tuple[Section, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    further_reading: tuple[SourceRef, ...] = ()
    footer: str = ""
    status: Status = "ok"
    choices: tuple[Choice, ...] = ()
    choice_command: str | None = None
    choice_option: str | None = None
    url: str | None = None
    private: bool = False
    related: tuple[Related, ...] = ()
    """At most `MAX_RELATED`, best first."""
    version: str = ""
    """The facts version that answered: for the terminal and logs, not for members (their
    footer says how fresh the facts are instead)."""


MAX_RELATED = 5
"""One row of buttons on Discord."""
