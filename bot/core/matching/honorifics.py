"""Load the titles and honorifics that matching ignores (facts/honorifics.toml).

The lists are data, next to the facts, so that a curator can add `Phó Chủ tịch nước` without
touching code.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bot.core.facts.files import read_fact_file
from bot.core.facts.problems import Problem
from bot.core.matching.normalize import HonorificUnits, marked_tokens, match_keys

__all__ = [
    "DEFAULT_HONORIFICS_PATH",
    "HONORIFICS_FILE",
    "Honorifics",
    "HonorificsError",
    "honorifics_in",
    "load_honorifics",
]

HONORIFICS_FILE = "honorifics.toml"
"""Its name at the top of a facts folder."""

DEFAULT_HONORIFICS_PATH = Path(__file__).resolve().parents[3] / "facts" / "honorifics.toml"
"""facts/honorifics.toml of this checkout."""

_SECTIONS = ("titles", "qualifiers", "modifiers", "connectors")
_TOML_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


class HonorificsError(ValueError):
    """The honorifics file is missing or malformed: what, and where (line, key) if known."""

    def __init__(self, reason: str, line: int | None = None, key: str = "") -> None:
        super().__init__(reason)
        self.reason, self.line, self.key = reason, line, key

    def problem(self) -> Problem:
        """Reported like any fact file's problem: file, line or key, reason."""
        return Problem(HONORIFICS_FILE, self.line, self.key, self.reason)


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
        variants: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        for word in (*self.titles, *self.qualifiers, *self.modifiers):
            written = tuple(marked_tokens(word))
            for key in match_keys(word):
                tokens = tuple(key.split())
                aligned = match_keys(" ".join(written))[:1] == (key,) and len(written) == len(
                    tokens
                )
                variants.setdefault(tokens, set()).add(written if aligned else tokens)
        return HonorificUnits(
            titles=table(self.titles),
            qualifiers=table(self.qualifiers),
            modifiers=table(self.modifiers),
            connectors=connectors,
            variants={unit: frozenset(forms) for unit, forms in variants.items()},
        )


def honorifics_in(facts_dir: Path) -> Honorifics | None:
    """The folder's own lists, or None when it has none (matching then uses this checkout's)."""
    path = facts_dir / HONORIFICS_FILE
    return load_honorifics(path) if os.path.lexists(path) else None


def load_honorifics(path: Path = DEFAULT_HONORIFICS_PATH) -> Honorifics:
    """Read honorifics.toml: each section is a table of language code -> list of strings."""
    raw = read_fact_file(path.parent, path)  # a pipe or device named so must not hang us
    if isinstance(raw, Problem):
        raise HonorificsError(raw.reason)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except RecursionError as error:
        raise HonorificsError("lists nested too deeply to read") from error
    except UnicodeDecodeError as error:
        raise HonorificsError("not UTF-8 text") from error
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        reason = _TOML_LINE.sub("", str(error)).strip() or "invalid TOML"
        raise HonorificsError(f"TOML syntax: {reason}", int(found[1]) if found else None) from error
    unknown = sorted(set(data) - set(_SECTIONS))
    if unknown:
        raise HonorificsError(f"unknown section(s) {', '.join(unknown)}", key=unknown[0])
    lists: dict[str, tuple[str, ...]] = {}
    for section in _SECTIONS:
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise HonorificsError("must be a table of language = [words]", key=section)
        words: list[str] = []
        for language, entries in table.items():
            if not isinstance(entries, list) or not all(
                isinstance(entry, str) and entry.strip() for entry in entries
            ):
                key = f"{section}.{language}"
                raise HonorificsError("must be a list of non-empty strings", key=key)
            words.extend(entries)
        lists[section] = tuple(words)
    return Honorifics(**lists)
