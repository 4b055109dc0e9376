"""A briefing as plain data: what to say, never how a front end draws it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Briefing", "Choice", "Line", "Section", "SourceRef", "Status"]

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
    name: str
    lines: tuple[Line, ...]
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Choice:
    """Something the user can pick instead of retyping: runs `command` with `value`."""

    label: str
    value: str
    description: str = ""


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
