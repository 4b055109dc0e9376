"""What the briefings should say, read straight from the fact files with tomllib.

Nothing here imports the code under test: expected names, dates and event lists are worked
out from the TOML files and from the formats the README documents ("5 Feb 2026",
"before 26 Jan 2026"), and the embed limits are Discord's documented numbers.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

# Re-exported ("as"): the briefing tests read the shipped facts through this module.
from support.paths import FACTS as FACTS
from support.paths import RELATIONSHIP as RELATIONSHIP
from support.shipped import ENTITY_FILE as ENTITY_FILE
from support.shipped import EVENTS as EVENTS
from support.shipped import PEOPLE as PEOPLE
from support.shipped import PILLARS as PILLARS
from support.shipped import RELATIONSHIP_FACTS as RELATIONSHIP_FACTS
from support.shipped import SOURCE_BY_ID as SOURCE_BY_ID
from support.shipped import SOURCES as SOURCES

from bot.core.briefings.model import Briefing, Line, whole

COMMAND_NAMES = ("visit", "leader", "pillars", "timeline", "search", "about", "sources", "help")
"""The commands the README and issue 4 list (the admin group aside)."""


def _named() -> dict[str, dict[str, Any]]:
    named: dict[str, dict[str, Any]] = {}
    for section in ("countries", "places", "organisations", "topics"):
        for entity in ENTITY_FILE.get(section, []):
            named[entity["id"]] = entity
    for entity in (*PEOPLE, *EVENTS, *PILLARS):
        named[entity["id"]] = entity
    return named


NAMED = _named()


def name(entity_id: str, locale: str) -> str:
    """The name a reader expects: the Vietnamese form for `vi` where the facts give one."""
    entity = NAMED[entity_id]
    if locale == "vi":
        return str(entity.get("name_vi") or entity["name_en"])
    return str(entity["name_en"])


def claims() -> Iterator[dict[str, Any]]:
    """Every claim in every file: a table with a source and a verbatim quote."""

    def walk(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            if "source" in node and "quote" in node:
                yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    for path in sorted(FACTS.rglob("*.toml")):
        with path.open("rb") as file:
            yield from walk(tomllib.load(file))


# --- dates, as the README shows them -----------------------------------------------------

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Point:
    year: int | None
    month: int | None
    day: int | None


def _point(text: str) -> Point:
    if text.startswith("--"):
        month_text, day_text = text[2:].split("-")
        return Point(None, int(month_text), int(day_text))
    numbers = [int(part) for part in text.split("-")]
    month = numbers[1] if len(numbers) > 1 else None
    day = numbers[2] if len(numbers) > 2 else None
    return Point(numbers[0], month, day)


def _show(point: Point, locale: str, short: bool) -> str:
    if locale == "vi":
        # Vietnamese news style (README): 5/2/2026, tháng 12/2025, năm 2026.
        if point.year is None:
            return f"{point.day}/{point.month} (không rõ năm)"
        if point.month is None:
            return f"năm {point.year}"
        if point.day is None:
            return f"tháng {point.month}/{point.year}"
        return f"{point.day}/{point.month}/{point.year}"
    month = ""
    if point.month is not None:
        month = MONTHS[point.month - 1][:3] if short else MONTHS[point.month - 1]
    if point.year is None:
        return f"{point.day} {month} (year not stated)"
    if point.month is None:
        return str(point.year)
    if point.day is None:
        return f"{month} {point.year}"
    return f"{point.day} {month} {point.year}"


def date_text(value: str, locale: str, *, short: bool) -> str:
    """`5 Feb 2026`, `Dec 2025`, `25–27 December 2025`, `before 26 Jan 2026`, …; in
    Vietnamese `5/2/2026`, `tháng 12/2025`, `26–27/1/2026`, `trước 26/1/2026`. A day with no
    year reported before a day (`--12-03 before 2026-01-26`) shows as the day alone; "not
    stated" (a source with no date of its own) says so: `date not stated`, `không ghi ngày`."""
    if value == "not stated":
        return "không ghi ngày" if locale == "vi" else "date not stated"
    if value.startswith("--") and " before " in value:
        value = value.split(" before ")[0]
    if value.startswith("before "):
        head = "trước " if locale == "vi" else "before "
        return head + _show(_point(value[len("before ") :]), locale, short)
    if "/" in value:
        left, right = (_point(part) for part in value.split("/"))
        same_month = left.year == right.year and left.month == right.month
        if locale == "en" and left.day and right.day and same_month and left.month:
            month = MONTHS[left.month - 1][:3] if short else MONTHS[left.month - 1]
            return f"{left.day}–{right.day} {month} {left.year}"
        if locale == "vi" and left.day and right.day and left.year == right.year:
            start = f"{left.day}" if same_month else f"{left.day}/{left.month}"
            return f"{start}–{right.day}/{right.month}/{right.year}"
        return f"{_show(left, locale, short)} – {_show(right, locale, short)}"
    return _show(_point(value), locale, short)


def known_days(value: str) -> tuple[date, date] | None:
    """First and last day an event certainly spans; None when the facts do not say
    (a date known only as "before X", or one without a year)."""
    if value.startswith("before ") or value.startswith("--"):
        return None
    left, _, right = value.partition("/")
    start, end = _point(left), _point(right or left)
    assert start.year is not None and end.year is not None
    first = date(start.year, start.month or 1, start.day or 1)
    last_month = end.month or 12
    last = (
        date(end.year, last_month, end.day)
        if end.day is not None
        else _last_day(end.year, last_month)
    )
    return first, last


def _last_day(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def events_in(year: int, month: int | None = None) -> list[dict[str, Any]]:
    """Events whose known dates overlap that month (or year), earliest first."""
    start = date(year, month or 1, 1)
    end = _last_day(year, month or 12)
    found = []
    for event in EVENTS:
        days = known_days(event["date"])
        if days is not None and days[0] <= end and days[1] >= start:
            found.append((days[0], event))
    return [event for _, event in sorted(found, key=lambda pair: pair[0])]


def events_involving(entity_id: str) -> list[dict[str, Any]]:
    """Events the entity hosted, visited, took part in, or that happened there."""
    return [
        event
        for event in EVENTS
        if entity_id in event.get("participants", [])
        or entity_id in (event.get("host"), event.get("guest"), event.get("place"))
    ]


# --- the briefing as data ----------------------------------------------------------------


def all_lines(briefing: Briefing) -> list[Line]:
    lines = [briefing.summary] if briefing.summary.text else []
    for section in briefing.sections:
        lines += section.lines
    return lines


def section_texts(briefing: Briefing) -> list[str]:
    """Every line of every page (a paged answer holds its lines in its pages)."""
    return [line.text for section in whole(briefing).sections for line in section.lines]


def cited_sources(briefing: Briefing, line: Line) -> list[str]:
    return [briefing.sources[number - 1].id for number in line.cites]
