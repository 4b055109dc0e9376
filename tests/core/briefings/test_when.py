"""Dates as people type them for /visit, in English and Vietnamese."""

from __future__ import annotations

import pytest

from bot.core.briefings.when import When, parse_when, split_when


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("December 2025", When(2025, 12)),
        ("dec 2025", When(2025, 12)),
        ("Dec. 2025", When(2025, 12)),
        ("2025 December", When(2025, 12)),
        ("december", When(None, 12)),
        ("2026-01", When(2026, 1)),
        ("1/2026", When(2026, 1)),
        ("2026", When(2026)),
        ("năm 2026", When(2026)),
        ("tháng 1 2026", When(2026, 1)),
        ("Tháng 1 năm 2026", When(2026, 1)),
        ("thang 1/2026", When(2026, 1)),
        ("tháng 12", When(None, 12)),
        ("26 January 2026", When(2026, 1, 26)),
        ("January 26, 2026", When(2026, 1, 26)),
        ("January 26th 2026", When(2026, 1, 26)),
        ("2026-01-26", When(2026, 1, 26)),
        ("26/1/2026", When(2026, 1, 26)),  # day first, as written in Viet Nam
        ("ngày 26 tháng 1 năm 2026", When(2026, 1, 26)),
        ("December 3", When(None, 12, 3)),
        ("29 February 2024", When(2024, 2, 29)),
    ],
)
def test_dates_people_type(typed: str, expected: When) -> None:
    assert parse_when(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "Thongloun",
        "To Lam",
        "tháng 13 2026",
        "31 February 2026",
        "29 February 2026",
        "2026-13",
        "0000",
        "Vientiane 2026 talks",
        "١٢ 2026",  # digits of another script are not read as a date
        "x" * 10_000,
    ],
)
def test_not_a_date(typed: str) -> None:
    assert parse_when(typed) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Thongloun January 2026", ("Thongloun", When(2026, 1))),
        ("Thonglun tháng 1 2026", ("Thonglun", When(2026, 1))),
        ("tháng 12 2025 Tô Lâm", ("Tô Lâm", When(2025, 12))),
        ("To Lam 5 February 2026", ("To Lam", When(2026, 2, 5))),
        ("Vientiane 2026", ("Vientiane", When(2026))),
    ],
)
def test_a_name_and_a_date(typed: str, expected: tuple[str, When]) -> None:
    assert split_when(typed) == expected


@pytest.mark.parametrize("typed", ["Thongloun", "December 2025", "", "a b c d e f g h"])
def test_no_name_and_date_pair(typed: str) -> None:
    assert split_when(typed) is None
