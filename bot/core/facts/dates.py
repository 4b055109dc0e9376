"""Dates as precise as the source states them, and no more precise.

Sources say "December 2025", "on December 3" (no year), "January 26-27, 2026" or, for an
undated article, only that it came out before some day. A curator writes exactly that:

    "2026-02-05"             a day
    "2025-12"                a month
    "2025"                   a year
    "--12-03"                a day whose year the source does not state (ISO 8601 --MM-DD)
    "before 2026-01-26"      an upper bound (any of the forms above after "before")
    "--12-03 before 2026-01-26"  a day with no year, reported before a known day: it is shown
                             as "3 December (year not stated)" and ordered at the latest
                             day it can be (3 December 2025), never after the report
    "2026-01-26/2026-01-27"  a range (ISO 8601 interval; both ends any exact or partial form)

A source's `published` and a title's `as_of` may also be "not stated" (`NOT_STATED`): a
teaser that gives no date of its own is not given one (facts-audit M10). It is written out,
not left blank, so that a forgotten date is still an error; it reads "date not stated" and
sorts after every stated date (`stated_date` returns None).

Nothing here ever fills in a missing part: a month stays a month when shown.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year", "month-day"]

_POINT = re.compile(
    r"^(?:(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?|--(?P<om>\d{2})-(?P<od>\d{2}))$",
    re.ASCII,
)

MONTHS_EN = [calendar.month_name[i] for i in range(1, 13)]
MONTHS_EN_SHORT = [calendar.month_abbr[i] for i in range(1, 13)]


NOT_STATED = "not stated"
"""What a curator writes where the source gives no date; never replaced by a guess."""


class DateError(ValueError):
    """A date string that is not in one of the documented forms."""


def is_not_stated(text: str) -> bool:
    """Whether `text` is the explicit "not stated" (any case and spacing)."""
    return " ".join(text.split()).lower() == NOT_STATED


def stated_date(text: str) -> FuzzyDate | None:
    """The date a source states, or None where it states none ("not stated"): for fields
    that may honestly have no date (a source's `published`, a title's `as_of`)."""
    return None if is_not_stated(text) else FuzzyDate.parse(text)


def stated_sort_key(text: str) -> tuple[int, str]:
    """`FuzzyDate.sort_key`, with "not stated" after everything, even dates with no year."""
    found = stated_date(text)
    return found.sort_key() if found is not None else (2, "")


@dataclass(frozen=True, slots=True)
class DatePoint:
    year: int | None
    month: int | None
    day: int | None

    @property
    def precision(self) -> Precision:
        if self.year is None:
            return "month-day"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def first_day(self) -> date | None:
        """Earliest calendar day this point can mean (None when the year is unknown)."""
        if self.year is None:
            return None
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date | None:
        if self.year is None:
            return None
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def display(self, locale: str = "en", *, short: bool = False) -> str:
        if locale == "vi":
            return self._display_vi()
        months = MONTHS_EN_SHORT if short else MONTHS_EN
        if self.year is None:
            assert self.month is not None and self.day is not None
            return f"{self.day} {months[self.month - 1]} (year not stated)"
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{months[self.month - 1]} {self.year}"
        return f"{self.day} {months[self.month - 1]} {self.year}"

    def _display_vi(self) -> str:
        """Vietnamese news style: `26/1/2026`, `tháng 12/2025`, `năm 2026`."""
        if self.year is None:
            return f"{self.day}/{self.month} (không rõ năm)"
        if self.month is None:
            return f"năm {self.year}"
        if self.day is None:
            return f"tháng {self.month}/{self.year}"
        return f"{self.day}/{self.month}/{self.year}"


def _parse_point(text: str) -> DatePoint:
    match = _POINT.match(text.strip())
    if not match:
        raise DateError(
            f"{text!r} is not a date; use YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD, "
            "'before YYYY-MM-DD' or 'START/END'"
        )
    if match["om"]:
        month, day = int(match["om"]), int(match["od"])
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2024, month)[1]:
            raise DateError(f"{text!r} is not a real day of the year")
        return DatePoint(None, month, day)
    year = int(match["y"])
    if year < 1:
        raise DateError(f"{text!r} has year 0, which does not exist")
    maybe_month: int | None = int(match["m"]) if match["m"] else None
    maybe_day: int | None = int(match["d"]) if match["d"] else None
    if maybe_month is not None and not 1 <= maybe_month <= 12:
        raise DateError(f"{text!r} has month {maybe_month}, which does not exist")
    if maybe_month is not None and maybe_day is not None:
        days = calendar.monthrange(year, maybe_month)[1]
        if not 1 <= maybe_day <= days:
            raise DateError(
                f"{text!r} is not a real day "
                f"({calendar.month_name[maybe_month]} {year} has {days} days)"
            )
    return DatePoint(year, maybe_month, maybe_day)


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A point, a range or an upper bound, exactly as precise as its source."""

    start: DatePoint
    end: DatePoint | None = None
    before: bool = False
    bound: DatePoint | None = None
    """For a day with no year: the day the report came out before, which orders it."""
    raw: str = ""

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Parsed once per distinct text: briefings read the same dates on every request."""
        if not isinstance(text, str):
            raise DateError(f"a date must be text, not {type(text).__name__}")
        return _parse_cached(text)

    def __str__(self) -> str:
        return self.raw or self.iso()

    def iso(self) -> str:
        if self.bound is not None:
            return f"{self.start.iso()} before {self.bound.iso()}"
        if self.before:
            return f"before {self.start.iso()}"
        if self.end is not None:
            return f"{self.start.iso()}/{self.end.iso()}"
        return self.start.iso()

    @property
    def year(self) -> int | None:
        """The year the date certainly falls in, if the source says so."""
        if self.before:
            return None
        if self.end is not None and self.end.year != self.start.year:
            return None
        return self.start.year

    def sort_key(self) -> tuple[int, str]:
        """Orders dated things; dates with no year sort last, bounds just before their bound."""
        first = self.start.first_day()
        if first is None and self.bound is not None:
            latest = _latest_before(self.start, self.bound)
            return (0, latest.isoformat()) if latest else (1, self.start.iso())
        if first is None:
            return (1, self.start.iso())
        if self.before:
            # After everything on the day before the bound, before anything on the bound.
            previous = first.toordinal() - 1
            day_before = date.fromordinal(previous).isoformat() if previous else "0000-12-31"
            return (0, day_before + "~")
        return (0, first.isoformat())

    def earliest(self) -> date | None:
        return None if self.before else self.start.first_day()

    def latest(self) -> date | None:
        if self.before:
            first = self.start.first_day()
            if first is None or first.toordinal() == 1:
                return None
            return date.fromordinal(first.toordinal() - 1)
        return (self.end or self.start).last_day()

    def overlaps(self, first: date, last: date) -> bool:
        """Whether the date may fall on a day from `first` to `last`: the one rule for "is it
        in that window". A date with no certain first day ("before X") or no year never is."""
        low, high = self.earliest(), self.latest()
        return low is not None and high is not None and low <= last and high >= first

    def overlaps_month(self, year: int, month: int | None = None) -> bool:
        """Whether the date may fall in that year (and month); used to find events by date."""
        first = date(year, month or 1, 1)
        last = date(year, month or 12, calendar.monthrange(year, month or 12)[1])
        return self.overlaps(first, last)

    def display(self, locale: str = "en", *, short: bool = False) -> str:
        if self.before:
            head = "trước " if locale == "vi" else "before "
            return head + self.start.display(locale, short=short)
        if self.end is None:
            return self.start.display(locale, short=short)
        return _display_range(self.start, self.end, locale, short=short)


def _display_range(start: DatePoint, end: DatePoint, locale: str, *, short: bool) -> str:
    if locale == "vi":
        return _display_range_vi(start, end)
    if (
        start.precision == end.precision == "day"
        and start.year == end.year
        and start.month == end.month
    ):
        months = MONTHS_EN_SHORT if short else MONTHS_EN
        assert start.month is not None
        return f"{start.day}–{end.day} {months[start.month - 1]} {start.year}"
    return f"{start.display(locale, short=short)} – {end.display(locale, short=short)}"


def _display_range_vi(start: DatePoint, end: DatePoint) -> str:
    """Collapsed as Vietnamese news writes ranges: `26–27/1/2026`, `30/1–2/2/2026`,
    `30/12/2025–2/1/2026`, `tháng 11–12/2025`, `năm 2025–2026`; mixed precisions in full."""
    precision = start.precision if start.precision == end.precision else None
    if precision == "day" and start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{end.day}/{end.month}/{end.year}"
        return f"{start.day}/{start.month}–{end.day}/{end.month}/{end.year}"
    if precision == "day":
        return f"{start.day}/{start.month}/{start.year}–{end.day}/{end.month}/{end.year}"
    if precision == "month" and start.year == end.year:
        return f"tháng {start.month}–{end.month}/{end.year}"
    if precision == "year":
        return f"năm {start.year}–{end.year}"
    return f"{start.display('vi')} – {end.display('vi')}"


def _latest_before(point: DatePoint, bound: DatePoint) -> date | None:
    """The latest day with `point`'s month and day before `bound` (a year-less day's place
    in a chronology: no later than its report)."""
    limit = bound.first_day()
    if limit is None or point.month is None or point.day is None:
        return None
    for year in range(limit.year, limit.year - 9, -1):
        try:
            day = date(year, point.month, point.day)
        except ValueError:  # 29 February in a common year
            continue
        if day < limit:
            return day
    return None


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str) -> FuzzyDate:
    cleaned = " ".join(text.split())
    if cleaned.startswith("--") and " before " in cleaned:
        left, _, right = cleaned.partition(" before ")
        point, bound = _parse_point(left), _parse_point(right)
        if point.year is not None or bound.year is None:
            raise DateError(
                f"{text!r}: 'before' after a day means a day with no year (--MM-DD) reported "
                "before a dated day, like '--12-03 before 2026-01-26'"
            )
        return FuzzyDate(point, bound=bound, raw=cleaned)
    if cleaned.lower().startswith("before "):
        point = _parse_point(cleaned[7:])
        return FuzzyDate(point, before=True, raw=cleaned)
    if "/" in cleaned:
        left, _, right = cleaned.partition("/")
        start, end = _parse_point(left), _parse_point(right)
        first, last = start.first_day(), end.last_day()
        if first is None or last is None:
            raise DateError(f"{text!r}: a range needs a year at both ends")
        if last < first:
            raise DateError(f"{text!r}: the range ends before it starts")
        return FuzzyDate(start, end, raw=cleaned)
    return FuzzyDate(_parse_point(cleaned), raw=cleaned)
