"""TOML for fact files: `tomllib`'s answer, mostly computed by a parser fifteen times faster.

Parsing was most of a reload (issue 14: `tomllib.loads` 58 % of 0.8 s at 10k statements;
parsing every file of the 10k set takes 650 ms, rtoml 50 ms). rtoml is strict TOML too, but
already reads parts of TOML 1.1 that `tomllib` (TOML 1.0) refuses: newlines and trailing
commas in inline tables, `\\x` and `\\e` escapes, times without seconds. A fact file must mean
the same to every tool a curator uses, so `tomllib` stays the authority: it parses every text
in which such a construct could appear (any `{`, `\\x`, `\\e`, or `hh:mm` not followed by
seconds) and every text rtoml refuses (so the problem reported is `tomllib`'s, with its
line). Elsewhere both give the same tables
(tests/core/facts/test_toml.py compares them on thousands of damaged fact files).
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import rtoml

__all__ = ["TOMLDecodeError", "loads"]

TOMLDecodeError = tomllib.TOMLDecodeError

_MINUTES = re.compile(r":\d\d(?!:)")
"""`:32` not followed by seconds (a literal first: the search jumps from colon to colon)."""
_HOURS = re.compile(r"\d\d")


def _newer_toml(text: str) -> bool:
    """Whether `text` may hold what TOML 1.1 (rtoml) reads and TOML 1.0 (`tomllib`) does
    not: an inline table, a `\\x` or `\\e` escape, a time without seconds. Plain substring
    tests first: one regex over every character cost more than rtoml's whole parse."""
    return (
        "{" in text
        or ("\\" in text and ("\\x" in text or "\\e" in text))  # one character is found faster
        or any(_short_time(text, found.start()) for found in _MINUTES.finditer(text))
    )


def _short_time(text: str, colon: int) -> bool:
    """`07:32` (hours before the minutes at `colon`), not the `:00` of `07:32:00`."""
    return (
        _HOURS.fullmatch(text, colon - 2, colon) is not None and text[colon - 3 : colon - 2] != ":"
    )


def loads(text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`: the same table, or the same `TOMLDecodeError`."""
    if _newer_toml(text):
        return tomllib.loads(text)
    try:
        data: dict[str, Any] = rtoml.loads(text)
    except Exception:  # rtoml refuses it: say what tomllib says (or read what it reads)
        return tomllib.loads(text)
    return data
