"""Load the titles and honorifics that matching ignores (facts/honorifics.toml).

The lists are data, next to the facts, so that a curator can add `Phó Chủ tịch nước` without
touching code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bot.core.matching.normalize import HonorificUnits, match_keys

__all__ = ["DEFAULT_HONORIFICS_PATH", "Honorifics", "HonorificsError", "load_honorifics"]

DEFAULT_HONORIFICS_PATH = Path(__file__).resolve().parents[3] / "facts" / "honorifics.toml"
"""facts/honorifics.toml of this checkout."""

_SECTIONS = ("titles", "qualifiers", "modifiers", "connectors")


class HonorificsError(ValueError):
    """The honorifics file is missing or malformed."""


@dataclass(frozen=True)
class Honorifics:
    """The four word lists of honorifics.toml (all languages merged), as written."""

    titles: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    connectors: tuple[str, ...] = ()

    @cached_property
    def units(self) -> HonorificUnits:
        """The lists normalised like names, in every key form (romanised and native)."""

        def table(words: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
            grouped: dict[str, set[tuple[str, ...]]] = {}
            for word in words:
                for key in match_keys(word):
                    tokens = tuple(key.split())
                    grouped.setdefault(tokens[0], set()).add(tokens)
            return {
                first: tuple(sorted(units, key=lambda unit: (-len(unit), unit)))
                for first, units in grouped.items()
            }

        connectors = frozenset(
            token for word in self.connectors for key in match_keys(word) for token in key.split()
        )
        return HonorificUnits(
            titles=table(self.titles),
            qualifiers=table(self.qualifiers),
            modifiers=table(self.modifiers),
            connectors=connectors,
        )


def load_honorifics(path: Path = DEFAULT_HONORIFICS_PATH) -> Honorifics:
    """Read honorifics.toml: each section is a table of language code -> list of strings."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise HonorificsError(f"{path}: {error}") from error
    unknown = sorted(set(data) - set(_SECTIONS))
    if unknown:
        raise HonorificsError(f"{path}: unknown section(s) {', '.join(unknown)}")
    lists: dict[str, tuple[str, ...]] = {}
    for section in _SECTIONS:
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise HonorificsError(f"{path}: [{section}] must be a table of language = [words]")
        words: list[str] = []
        for language, entries in table.items():
            if not isinstance(entries, list) or not all(
                isinstance(entry, str) and entry.strip() for entry in entries
            ):
                raise HonorificsError(
                    f"{path}: {section}.{language} must be a list of non-empty strings"
                )
            words.extend(entries)
        lists[section] = tuple(words)
    return Honorifics(**lists)
