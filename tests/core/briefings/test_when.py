"""Dates as people type them for /visit, in English and Vietnamese."""

from __future__ import annotations

import unicodedata

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


# As Vietnamese users type dates (news style, day first), each with and without diacritics.
VIETNAMESE_DATES = [
    ("26/1/2026", When(2026, 1, 26)),
    ("ngày 26/1/2026", When(2026, 1, 26)),
    ("Ngày 26/01/2026", When(2026, 1, 26)),
    ("ngày 26-1-2026", When(2026, 1, 26)),
    ("26/1", When(None, 1, 26)),
    ("ngày 3/12", When(None, 12, 3)),
    ("1/2026", When(2026, 1)),
    ("tháng 1/2026", When(2026, 1)),
    ("tháng 01/2026", When(2026, 1)),
    ("tháng 12 năm 2025", When(2025, 12)),
    ("ngày 26 tháng 1", When(None, 1, 26)),
    ("tháng Giêng 2026", When(2026, 1)),
    ("tháng giêng năm 2026", When(2026, 1)),
    ("tháng Một 2026", When(2026, 1)),
    ("tháng Hai 2026", When(2026, 2)),
    ("tháng Ba/2026", When(2026, 3)),
    ("tháng Tư 2026", When(2026, 4)),
    ("tháng Bốn 2026", When(2026, 4)),
    ("tháng Năm 2026", When(2026, 5)),
    ("tháng Năm năm 2026", When(2026, 5)),
    ("tháng Sáu 2026", When(2026, 6)),
    ("tháng Bảy 2026", When(2026, 7)),
    ("tháng Tám 2026", When(2026, 8)),
    ("tháng Chín 2026", When(2026, 9)),
    ("tháng Mười 2025", When(2025, 10)),
    ("tháng Mười Một 2025", When(2025, 11)),
    ("tháng Mười Hai 2025", When(2025, 12)),
    ("tháng Chạp 2025", When(2025, 12)),
    ("ngày 3 tháng Chạp", When(None, 12, 3)),
    ("ngày 26 tháng Giêng năm 2026", When(2026, 1, 26)),
    ("tháng Hai", When(None, 2)),
    ("năm 2026", When(2026)),
]


def _bare(text: str) -> str:
    """As typed on a keyboard without Vietnamese input: no diacritics, đ as d."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@pytest.mark.parametrize(
    ("typed", "expected"), VIETNAMESE_DATES, ids=[t for t, _ in VIETNAMESE_DATES]
)
def test_dates_vietnamese_users_type(typed: str, expected: When) -> None:
    assert parse_when(typed) == expected
    assert parse_when(_bare(typed)) == expected, _bare(typed)  # thang gieng 2026


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "Thongloun",
        "To Lam",
        "tháng 13 2026",
        "tháng Mười Ba 2026",
        "thang chap chap 2026",
        "32/1/2026",
        "ngày 30/2",
        "tháng",
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
        ("Thongloun tháng Giêng 2026", ("Thongloun", When(2026, 1))),
        ("Thongloun thang gieng 2026", ("Thongloun", When(2026, 1))),
        ("Tô Lâm ngày 5/2/2026", ("Tô Lâm", When(2026, 2, 5))),
        ("Tô Lâm ngày 5 tháng Mười Hai năm 2025", ("Tô Lâm", When(2025, 12, 5))),
    ],
)
def test_a_name_and_a_date(typed: str, expected: tuple[str, When]) -> None:
    assert split_when(typed) == expected


@pytest.mark.parametrize("typed", ["Thongloun", "December 2025", "", "a b c d e f g h"])
def test_no_name_and_date_pair(typed: str) -> None:
    assert split_when(typed) is None
