"""Every word the bot shows around the facts, in each language it answers in: one catalogue.

The texts live in one TOML file per language beside this module (`en.toml`, `vi.toml`), so a
translator edits one file and never Python, and sees every string of the bot in one place.
Keys are dotted (`error.needs_option`); values are `str.format` templates with named fields.
`{n:,}` groups digits the way the language does (1,234 in English, 1.234 in Vietnamese); a
field without `,` (a year, an id) is shown as given. tests/core/i18n checks that every
language has the same keys with the same fields, and that every key the code asks for exists.

The facts themselves are not here: they carry their own wording.
"""

from __future__ import annotations

import functools
import string
import tomllib
from pathlib import Path
from typing import Any, Literal, get_args

__all__ = ["DEFAULT_LOCALE", "LOCALES", "Locale", "has", "locale_of", "messages", "t", "tn"]

Locale = Literal["en", "vi"]
LOCALES: tuple[Locale, ...] = get_args(Locale)
"""One `<code>.toml` per locale; a test checks the files and this list agree."""
DEFAULT_LOCALE: Locale = "en"

_HERE = Path(__file__).parent


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat |= _flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


@functools.cache
def messages(locale: Locale) -> dict[str, str]:
    """The catalogue of one locale, read once (tomllib: about a millisecond)."""
    with (_HERE / f"{locale}.toml").open("rb") as file:
        return _flatten(tomllib.load(file))


class _Formatter(string.Formatter):
    """`str.format`, with the locale's digit grouping for fields formatted with `,`."""

    def __init__(self, group: str) -> None:
        self.group = group

    def format_field(self, value: Any, format_spec: str) -> str:
        text: str = super().format_field(value, format_spec)
        if "," in format_spec and self.group != ",":
            text = text.replace(",", self.group)
        return text


@functools.cache
def _formatter(locale: Locale) -> _Formatter:
    return _Formatter(messages(locale)["number.group"])


def t(key: str, locale: Locale, /, **values: Any) -> str:
    """The message `key` in `locale`, with `values` filled in. A missing key is a bug (the
    tests read every key the code uses), so it raises KeyError rather than showing a key."""
    template = messages(locale)[key]
    return _formatter(locale).format(template, **values) if values else template


def tn(key: str, n: int, locale: Locale, /, **values: Any) -> str:
    """A message about `n` things: `key.one` for exactly one, else `key.other`; `{n}` is
    available to the template. (English and Vietnamese need no other plural forms.)"""
    form = "one" if n == 1 else "other"
    return t(f"{key}.{form}", locale, n=n, **values)


def has(key: str, locale: Locale = DEFAULT_LOCALE) -> bool:
    """Whether the catalogue has `key` (a kind added to the facts later may have none)."""
    return key in messages(locale)


def locale_of(value: str | None) -> Locale:
    """Discord sends "vi", "en-US", "en-GB", …; a language we do not speak gets English."""
    code = (value or "").lower().replace("_", "-").split("-")[0]
    return next((locale for locale in LOCALES if locale == code), DEFAULT_LOCALE)
