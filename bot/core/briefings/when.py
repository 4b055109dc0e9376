"""Read a month or year out of what a user typed: `December 2025`, `tháng 1 2026`, `2026-01`."""

from __future__ import annotations

import calendar
import re

from bot.core.matching.normalize import fold

__all__ = ["parse_month_year"]

_MONTHS = {fold(name): n for n, name in enumerate(calendar.month_name) if name} | {
    fold(name): n for n, name in enumerate(calendar.month_abbr) if name
}
_PATTERNS = (
    # 2026-01, 2026/1
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})$"),
    # 1/2026, 01-2026
    re.compile(r"^(?P<m>\d{1,2})[-/.](?P<y>\d{4})$"),
    # tháng 1 2026, thang 1 nam 2026, tháng 1/2026
    re.compile(r"^thang\s*(?P<m>\d{1,2})(?:\s*(?:nam|/|-|,)?\s*(?P<y>\d{4}))?$"),
    # December 2025, Dec 2025, december
    re.compile(r"^(?P<name>[a-z]+)\.?,?(?:\s+(?P<y>\d{4}))?$"),
    # 2025 December
    re.compile(r"^(?P<y>\d{4})\s+(?P<name>[a-z]+)$"),
    # 2026, nam 2026
    re.compile(r"^(?:nam\s+)?(?P<y>\d{4})$"),
)


def parse_month_year(text: str) -> tuple[int | None, int | None] | None:
    """(year, month) with either part None when not given; None when it is not a date."""
    cleaned = fold(text[:40]).strip()
    for pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if not match:
            continue
        groups = match.groupdict()
        month: int | None = None
        if groups.get("name"):
            month = _MONTHS.get(groups["name"])
            if month is None:
                continue
        elif groups.get("m"):
            month = int(groups["m"])
        year = int(groups["y"]) if groups.get("y") else None
        if month is not None and not 1 <= month <= 12:
            return None
        if year is None and month is None:
            continue
        return year, month
    return None
