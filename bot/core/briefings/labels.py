"""Headings and kinds in the reader's language: shorthands into the message catalogue
(bot/core/i18n), kept because every front end asks for them by these short keys."""

from __future__ import annotations

from bot.core.i18n import Locale, has, locale_of, t

__all__ = ["Locale", "kind_label", "label", "locale_of"]


def kind_label(kind: str, locale: Locale) -> str:
    """A kind in the reader's language; a kind added to the facts later shows as written."""
    key = f"kind.{kind}"
    return t(key, locale) if has(key, locale) else kind


def label(key: str, locale: Locale) -> str:
    """A heading or short label (`label.<key>` in the catalogue)."""
    return t(f"label.{key}", locale)
