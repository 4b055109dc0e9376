"""Read a day, month or year out of what a user typed.

`December 2025`, `2026-01`, `26 January 2026`, `January 26, 2026`, `2026`; as Vietnamese
users type them, with or without diacritics: `26/1/2026`, `ngày 26/1/2026`, `26/1`, `1/2026`,
`tháng 1/2026`, `tháng 1 năm 2026`, `ngày 26 tháng 1 năm 2026`, `tháng Giêng 2026` … `tháng
Chạp 2025`, `năm 2026`; and a name with a date before or after it (`Thongloun January 2026`),
which /visit reads as "that person's visits in that month".

Month words (`tháng Giêng`, `tháng Chạp`) are read as calendar months: they name lunar
months in the traditional calendar, but a user asking about visits means the calendar's,
and the facts have no lunar dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from bot.core.text import fold

__all__ = ["When", "first_and_last_day", "parse_when", "split_when"]

_MONTHS = {fold(name): n for n, name in enumerate(calendar.month_name) if name} | {
    fold(name): n for n, name in enumerate(calendar.month_abbr) if name
}
_D, _M, _Y = r"(?P<d>\d{1,2})", r"(?P<m>\d{1,2})", r"(?P<y>\d{4})"
_NAME = r"(?P<name>[a-z]+)\.?"
_MONTH_WORDS_VI = {
    "gieng": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7,
    "tam": 8, "chin": 9, "muoi": 10, "muoi mot": 11, "muoi hai": 12, "chap": 12,
}  # fmt: skip
"""`tháng Giêng` … `tháng Chạp` (folded: no diacritics, lower case)."""
_WORD_VI = "(?P<vm>" + "|".join(sorted(_MONTH_WORDS_VI, key=len, reverse=True)) + ")"
_NGAY = r"(?:ngay\s*)?"
_PATTERNS = tuple(
    re.compile(pattern, re.ASCII)
    for pattern in (
        rf"^{_Y}[-/.]{_M}(?:[-/.]{_D})?$",  # 2026-01, 2026-01-26
        # 1/2026, 26/1/2026, ngày 26/1/2026 (day first, as in Viet Nam)
        rf"^(?:{_NGAY}{_D}[-/.])?{_M}[-/.]{_Y}$",
        rf"^{_NGAY}{_D}/{_M}$",  # 26/1, ngày 26/1: a day and month, year not given
        # tháng 1 2026, thang 1 nam 2026, tháng 1/2026, ngày 26 tháng 1 năm 2026, 26 tháng 1
        rf"^(?:{_NGAY}{_D}\s+)?thang\s*{_M}(?:\s*(?:nam|/|-|,)?\s*{_Y})?$",
        # tháng Giêng 2026, thang chap nam 2025, ngày 3 tháng Mười Hai
        rf"^(?:{_NGAY}{_D}\s+)?thang\s+{_WORD_VI}(?:\s*(?:nam|/|-|,)?\s*{_Y})?$",
        rf"^(?:{_D}\s+)?{_NAME},?(?:\s+{_Y})?$",  # December 2025, 26 Jan 2026, december
        rf"^{_NAME}\s+{_D}(?:st|nd|rd|th)?,?(?:\s+{_Y})?$",  # January 26, 2026
        rf"^{_Y}\s+{_NAME}$",  # 2025 December
        rf"^(?:nam\s+)?{_Y}$",  # 2026, năm 2026
    )
)
_MAX_DATE_WORDS = 7
"""No date form above is longer ("ngay 26 thang muoi hai nam 2026"): bounds the splitting."""


@dataclass(frozen=True, slots=True)
class When:
    """A day, month or year asked about; parts not given are None."""

    year: int | None
    month: int | None = None
    day: int | None = None


def parse_when(text: str) -> When | None:
    """The date `text` is, or None when it is not one (or names a day that does not exist)."""
    cleaned = " ".join(fold(text[:60]).split())
    for pattern in _PATTERNS:
        match = pattern.match(cleaned)
        when = _checked(match.groupdict()) if match else None
        if when is not None:
            return when
    return None


def split_when(text: str) -> tuple[str, When] | None:
    """A name with a date after or before it: (`Thongloun`, January 2026). None unless both
    parts are there; the longest date wins (`26 January 2026`, not `2026`)."""
    words = text.split()
    for size in range(min(len(words) - 1, _MAX_DATE_WORDS), 0, -1):
        for rest, date_words in ((words[:-size], words[-size:]), (words[size:], words[:size])):
            when = parse_when(" ".join(date_words))
            name = " ".join(rest)
            if when is not None and parse_when(name) is None:  # "December 2025" is one date
                return name, when
    return None


def _checked(groups: dict[str, str | None]) -> When | None:
    month: int | None = None
    if groups.get("name"):
        month = _MONTHS.get(groups["name"] or "")
        if month is None:
            return None
    elif groups.get("vm"):
        month = _MONTH_WORDS_VI[" ".join((groups["vm"] or "").split())]
    elif groups.get("m"):
        month = int(groups["m"] or 0)
    year = int(groups["y"] or 0) if groups.get("y") else None
    day = int(groups["d"] or 0) if groups.get("d") else None
    if year is None and month is None:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if year is not None and year < 1:
        return None
    if day is not None:
        last = calendar.monthrange(year or 2024, month or 1)[1]  # 2024: 29 Feb is a day
        if not 1 <= day <= last:
            return None
    return When(year, month, day)


def first_and_last_day(when: When) -> tuple[date, date] | None:
    """The days a When covers, when its year is known."""
    if when.year is None:
        return None
    if when.month is None:
        return date(when.year, 1, 1), date(when.year, 12, 31)
    if when.day is None:
        last = calendar.monthrange(when.year, when.month)[1]
        return date(when.year, when.month, 1), date(when.year, when.month, last)
    day = date(when.year, when.month, when.day)
    return day, day
