"""The message catalogue: every language has every message, with the same fields, and every
key the code asks for exists. A translator can add a language or a message and these tests say
what is missing before a user sees a KeyError."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from support.paths import REPO

from bot.core.commands import COMMANDS
from bot.core.i18n import LOCALES, Locale, locale_of, messages, t, tn

CATALOGUE = REPO / "bot" / "core" / "i18n"


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_there_is_one_file_per_locale_and_no_other() -> None:
    assert sorted(p.stem for p in CATALOGUE.glob("*.toml")) == sorted(LOCALES)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_has_the_same_keys_with_the_same_fields(locale: Locale) -> None:
    english, other = messages("en"), messages(locale)
    assert sorted(set(english) - set(other)) == [], f"missing in {locale}.toml"
    assert sorted(set(other) - set(english)) == [], f"only in {locale}.toml"
    for key, template in english.items():
        assert fields(other[key]) == fields(template), key


@pytest.mark.parametrize("locale", LOCALES)
def test_every_template_formats_and_only_examples_may_be_empty(locale: Locale) -> None:
    for key, template in messages(locale).items():
        values = dict.fromkeys(fields(template), 1)
        shown = t(key, locale, **values)
        assert "{" not in shown and "}" not in shown, key
        assert shown.strip() or key in {"example.about", "example.help"}, key


@pytest.mark.parametrize(
    ("locale", "expected"), [("en", "1,234 statements"), ("vi", "1.234 thông tin")]
)
def test_numbers_are_grouped_as_the_language_does(locale: Locale, expected: str) -> None:
    assert tn("count.statement", 1234, locale) == expected
    # A year is not a quantity: it is never grouped.
    assert t("error.year_range", locale, option="x", low=1900, high=2100).count("1900") == 1


def test_one_and_other_numbers() -> None:
    assert tn("count.source", 1, "en") == "1 source"
    assert tn("count.source", 2, "en") == "2 sources"
    assert tn("count.source", 0, "en") == "0 sources"
    assert tn("count.source", 2, "vi") == "2 nguồn"


@pytest.mark.parametrize(
    ("given", "locale"),
    [("vi", "vi"), ("vi-VN", "vi"), ("en-US", "en"), ("en-GB", "en"), ("fr", "en"),
     (None, "en"), ("", "en"), ("VI", "vi"), ("video", "en")],
)  # fmt: skip
def test_locale_of_a_discord_locale(given: str | None, locale: str) -> None:
    assert locale_of(given) == locale


_LITERAL_KEY = re.compile(r"""\b(t|tn|label)\(\s*["']([a-z_.-]+)["']""")


def _keys_used() -> set[str]:
    used: set[str] = set()
    for path in (REPO / "bot").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for function, key in _LITERAL_KEY.findall(source):
            if function == "label":
                used.add(f"label.{key}")
            elif function == "tn":
                used.update({f"{key}.one", f"{key}.other"})
            else:
                used.add(key)
    return used


def test_every_key_the_code_asks_for_exists() -> None:
    used = _keys_used()
    assert len(used) > 30, "the scan should find the code's keys"
    assert sorted(used - set(messages("en"))) == []


def test_every_command_has_an_example_in_every_language() -> None:
    for locale in LOCALES:
        for name, command in COMMANDS.items():
            assert f"example.{name}" in messages(locale)
            assert command.example(locale).startswith(command.shown(locale))


def test_a_vietnamese_reader_is_shown_vietnamese_command_names() -> None:
    assert COMMANDS["leader"].shown("vi") == "/lãnh-đạo"
    assert COMMANDS["leader"].options[0].shown("vi") == "tên"
    assert COMMANDS["pillars"].example("vi") == "/trụ-cột quốc phòng"
    assert COMMANDS["leader"].shown("en") == "/leader"


def test_the_catalogue_ships_with_the_package() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"**/*.toml"' in pyproject
    assert Path(CATALOGUE / "vi.toml").is_file()
