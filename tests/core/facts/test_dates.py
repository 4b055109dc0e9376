"""FuzzyDate: dates exactly as precise as their source, never filled in.

Expected values are worked out by hand from the documented forms (see dates.py):
a day, a month, a year, --MM-DD (no year), "before X" (an upper bound), "START/END".
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.facts.dates import DateError, FuzzyDate


def d(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


# --- parsing ----------------------------------------------------------------------------

# text, iso (normalised), precision of the start, year it certainly falls in
PARSED = [
    ("2026-02-05", "2026-02-05", "day", 2026),
    ("2025-12", "2025-12", "month", 2025),
    ("2025", "2025", "year", 2025),
    ("--12-03", "--12-03", "month-day", None),
    ("--02-29", "--02-29", "month-day", None),
    ("2024-02-29", "2024-02-29", "day", 2024),
    ("2000-02-29", "2000-02-29", "day", 2000),
    ("before 2026-01-26", "before 2026-01-26", "day", None),
    ("Before 2026-01", "before 2026-01", "month", None),
    ("  before   2026  ", "before 2026", "year", None),
    ("2026-01-26/2026-01-27", "2026-01-26/2026-01-27", "day", 2026),
    ("2025-12-25/2026-01-02", "2025-12-25/2026-01-02", "day", None),
    ("2026-01/2026-01", "2026-01/2026-01", "month", 2026),
    ("2026-01/2026-01-15", "2026-01/2026-01-15", "month", 2026),
    ("2026-01-15/2026-01", "2026-01-15/2026-01", "day", 2026),
    ("2025/2026", "2025/2026", "year", None),
    (" 2026-02-05 ", "2026-02-05", "day", 2026),
]


@pytest.mark.parametrize(
    ("text", "iso", "precision", "year"), PARSED, ids=[row[0].strip() for row in PARSED]
)
def test_parse(text: str, iso: str, precision: str, year: int | None) -> None:
    parsed = d(text)
    assert parsed.iso() == iso
    assert parsed.start.precision == precision
    assert parsed.year == year


def test_str_is_the_text_as_written_with_whitespace_tidied() -> None:
    assert str(d("  before   2026-01-26 ")) == "before 2026-01-26"
    assert str(d("Before 2026-01-26")) == "Before 2026-01-26"
    assert str(d("2025-12")) == "2025-12"


REJECTED = [
    ("2026-13-01", "has month 13, which does not exist"),
    ("2026-00", "has month 0"),
    ("2026-02-30", "February 2026 has 28 days"),
    ("2025-02-29", "February 2025 has 28 days"),
    ("1900-02-29", "February 1900 has 28 days"),
    ("2026-04-31", "April 2026 has 30 days"),
    ("2026-01-00", "January 2026 has 31 days"),
    ("--02-30", "is not a real day of the year"),
    ("--13-01", "is not a real day of the year"),
    ("2026-01-27/2026-01-26", "the range ends before it starts"),
    ("2026/2025", "the range ends before it starts"),
    ("2026-02/2026-01-31", "the range ends before it starts"),
    ("2026-01-26/--01-27", "a range needs a year at both ends"),
    ("--01-26/2026-01-27", "a range needs a year at both ends"),
    ("", "is not a date"),
    ("next Tuesday", "is not a date"),
    ("26-01-2026", "is not a date"),
    ("2026-1-5", "is not a date"),
    ("2026/01/05", "is not a date"),
    ("20260105", "is not a date"),
    ("26", "is not a date"),
    ("before", "is not a date"),
    ("before 2026-01-26/2026-01-27", "is not a date"),
    ("after 2026-01-26", "is not a date"),
    ("2026-01-26/2026-01-27/2026-01-28", "is not a date"),
    ("2026-02-05T10:00", "is not a date"),
]


@pytest.mark.parametrize(("text", "reason"), REJECTED, ids=[row[0] or "empty" for row in REJECTED])
def test_parse_rejects(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason.replace("(", r"\(")):
        d(text)


def test_parse_rejects_non_text() -> None:
    with pytest.raises(DateError, match="must be text, not int"):
        FuzzyDate.parse(2026)  # type: ignore[arg-type]


def test_year_zero_is_rejected() -> None:
    """There is no year 0 in the calendar `date` uses: accepting it lets a fact file pass
    `facts check` and then makes sorting and date searches raise ValueError."""
    with pytest.raises(DateError):
        d("0000-02-05")


# --- display ----------------------------------------------------------------------------

# text, English, English short, Vietnamese (news style: 26/1/2026, tháng 12/2025, collapsed ranges)
DISPLAYED = [
    ("2026-02-05", "5 February 2026", "5 Feb 2026", "5/2/2026"),
    ("2025-12", "December 2025", "Dec 2025", "tháng 12/2025"),
    ("2025", "2025", "2025", "năm 2025"),
    ("--12-03", "3 December (year not stated)", "3 Dec (year not stated)", "3/12 (không rõ năm)"),
    ("before 2026-01-26", "before 26 January 2026", "before 26 Jan 2026", "trước 26/1/2026"),
    ("before 2026-01", "before January 2026", "before Jan 2026", "trước tháng 1/2026"),
    ("before 2026", "before 2026", "before 2026", "trước năm 2026"),
    ("2026-01-26/2026-01-27", "26–27 January 2026", "26–27 Jan 2026", "26–27/1/2026"),
    (
        "2025-12-25/2026-01-02",
        "25 December 2025 – 2 January 2026",
        "25 Dec 2025 – 2 Jan 2026",
        "25/12/2025–2/1/2026",
    ),
    ("2026-01-30/2026-02-02", "30 January 2026 – 2 February 2026", None, "30/1–2/2/2026"),
    ("2026-01/2026-02", "January 2026 – February 2026", "Jan 2026 – Feb 2026", "tháng 1–2/2026"),
    ("2025-12/2026-01", "December 2025 – January 2026", None, "tháng 12/2025 – tháng 1/2026"),
    ("2025/2026", "2025 – 2026", "2025 – 2026", "năm 2025–2026"),
    ("2026-01-26/2026-01", "26 January 2026 – January 2026", None, "26/1/2026 – tháng 1/2026"),
]


@pytest.mark.parametrize(
    ("text", "english", "short", "vietnamese"), DISPLAYED, ids=[row[0] for row in DISPLAYED]
)
def test_display(text: str, english: str, short: str | None, vietnamese: str) -> None:
    parsed = d(text)
    assert parsed.display() == english
    if short is not None:
        assert parsed.display(short=True) == short
    assert parsed.display("vi") == vietnamese
    assert parsed.display("vi", short=True) == vietnamese, "one Vietnamese form, short already"


def test_display_never_fills_in_a_missing_part() -> None:
    for text in ("2025-12", "2025", "--12-03"):
        shown = d(text).display()
        assert "1 December" not in shown and "January" not in shown, shown


# --- earliest / latest ------------------------------------------------------------------

BOUNDS = [
    ("2026-02-05", date(2026, 2, 5), date(2026, 2, 5)),
    ("2025-12", date(2025, 12, 1), date(2025, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2025-02", date(2025, 2, 1), date(2025, 2, 28)),
    ("2025", date(2025, 1, 1), date(2025, 12, 31)),
    ("--12-03", None, None),
    ("before 2026-01-26", None, date(2026, 1, 25)),
    ("before 2026-01", None, date(2025, 12, 31)),
    ("before 2026", None, date(2025, 12, 31)),
    ("2025-12-25/2026-01-02", date(2025, 12, 25), date(2026, 1, 2)),
    ("2026-01/2026-02", date(2026, 1, 1), date(2026, 2, 28)),
]


@pytest.mark.parametrize(("text", "earliest", "latest"), BOUNDS, ids=[row[0] for row in BOUNDS])
def test_earliest_and_latest(text: str, earliest: date | None, latest: date | None) -> None:
    parsed = d(text)
    assert parsed.earliest() == earliest
    assert parsed.latest() == latest


# --- sorting ----------------------------------------------------------------------------


def test_sort_orders_by_first_possible_day_and_puts_unknown_years_last() -> None:
    shuffled = ["--12-03", "2026-02-05", "2025", "2025-12-25/2025-12-27", "2025-12", "2026-01"]
    expected = ["2025", "2025-12", "2025-12-25/2025-12-27", "2026-01", "2026-02-05", "--12-03"]
    assert sorted(shuffled, key=lambda text: d(text).sort_key()) == expected


def test_dates_without_year_sort_by_month_and_day() -> None:
    shuffled = ["--12-03", "--01-15", "--06-30"]
    assert sorted(shuffled, key=lambda t: d(t).sort_key()) == ["--01-15", "--06-30", "--12-03"]


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        pytest.param("2026-01-25", "before 2026-01-26", id="day-before-the-bound"),
        pytest.param("before 2026-01-26", "2026-01-27", id="bound-before-the-day-after"),
        pytest.param("before 2026-01-26", "2026-01-26", id="bound-before-its-own-day"),
        pytest.param(
            "before 2026-01-26", "2026-01-26/2026-01-27", id="bound-before-range-starting-there"
        ),
    ],
)
def test_a_bound_sorts_just_before_its_bound(earlier: str, later: str) -> None:
    """sort_key's contract: "bounds just before their bound". Something known to have
    happened before 26 January cannot come after an event on 26 January."""
    assert d(earlier).sort_key() < d(later).sort_key()


# --- overlaps_month ---------------------------------------------------------------------

# text, year, month (None: the whole year), whether the date may fall then
OVERLAPS = [
    ("2026-02-05", 2026, 2, True),
    ("2026-02-05", 2026, 1, False),
    ("2026-02-05", 2026, None, True),
    ("2026-02-05", 2025, None, False),
    ("2025-12", 2025, 12, True),
    ("2025-12", 2026, 12, False),
    ("2025", 2025, 6, True),
    ("2025", 2026, 1, False),
    ("2025-12-25/2026-01-02", 2025, 12, True),
    ("2025-12-25/2026-01-02", 2026, 1, True),
    ("2025-12-25/2026-01-02", 2026, 2, False),
    ("2025-12-25/2026-01-02", 2025, 11, False),
    ("2025-12-25/2026-01-02", 2026, None, True),
    ("2025-12-25/2026-01-02", 2024, None, False),
    ("2025-11/2026-02", 2026, 1, True),
    # No year: it cannot be placed in any year. An upper bound alone places the date in no
    # particular month either (it could be any time before), so searches by month skip it.
    ("--12-03", 2025, 12, False),
    ("--12-03", 2025, None, False),
    ("before 2026-01-26", 2026, 1, False),
    ("before 2026-01-26", 2025, None, False),
]


@pytest.mark.parametrize(
    ("text", "year", "month", "expected"),
    OVERLAPS,
    ids=[f"{t}-in-{y}-{m or 'any'}" for t, y, m, _ in OVERLAPS],
)
def test_overlaps_month(text: str, year: int, month: int | None, expected: bool) -> None:
    assert d(text).overlaps_month(year, month) is expected
