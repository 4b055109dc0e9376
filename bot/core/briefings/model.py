"""A briefing as plain data: what to say, never how a front end draws it.

A briefing is read in two steps: the first screen (the lede, the first `first_screen` lines of
each section, the sources they cite) and everything else one tap away. The core decides what
a reader needs first by the order of sections and lines and by `Section.first_screen`; front
ends decide how "one tap away" looks (a page, a "More" button, a heading in the terminal).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Briefing", "Choice", "Line", "Pages", "Related", "Section", "SourceRef", "Status",
    "page_count", "page_of", "whole",
]  # fmt: skip

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
    pages: Pages | None = None
    """Set when the core pages the answer itself: its lines are then in its pages only."""


@dataclass(frozen=True, slots=True, eq=False)
class Pages:
    """An answer too long to format whole for a reader who sees one page at a time.

    /timeline on 50k events formatted every event and a front end drew every page to show
    the first one (issue 14). Here the core cuts the answer into `count` pages of a fixed
    number of lines, so a page's place is known without formatting what comes before it,
    and `page(n)` formats page n (0-based) only when it is shown: a briefing of its own,
    whose lines cite sources numbered from 1 on that page. `whole()` formats everything at
    once, for a front end with nothing to tap (the terminal prints the whole answer)."""

    count: int
    page: Callable[[int], Briefing]
    whole: Callable[[], Briefing]

    def __eq__(self, other: object) -> bool:
        """Two paged answers are equal when they say the same (tests compare answers before
        and after a reload): formats both whole, so it is not for a reply's path."""
        if not isinstance(other, Pages):
            return NotImplemented
        return self.count == other.count and self.whole() == other.whole()

    def __hash__(self) -> int:
        return hash(self.count)


def page_count(briefing: Briefing) -> int:
    """How many pages the core cut `briefing` into (1 when it did not page it)."""
    return briefing.pages.count if briefing.pages is not None else 1


def page_of(briefing: Briefing, number: int) -> Briefing:
    """Page `number` (0-based, clamped to the pages there are), formatted now: the only
    page a reply needs. A briefing the core did not page is its own only page."""
    if briefing.pages is None:
        return briefing
    return briefing.pages.page(min(max(number, 0), briefing.pages.count - 1))


def whole(briefing: Briefing) -> Briefing:
    """Every page at once: for a front end that shows the whole answer."""
    return briefing.pages.whole() if briefing.pages is not None else briefing


MAX_RELATED = 5
"""One row of buttons on Discord."""
