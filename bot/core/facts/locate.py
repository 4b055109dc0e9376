"""Map a key path inside a TOML document to the line it is written on.

`tomllib` keeps no positions, so validation errors (which carry a key path such as
`people[2].titles[0].quote`) are located by scanning the table headers and `key =` lines.
The scan is deliberately simple: it only has to be right for files that parsed.

The scan runs during reloads, in the bot's process, so it must be linear in the size of the
file (a quadratic key split once froze the bot for 10 s on a 40 KB header), and it runs only
when a problem needs a line: a good file is never scanned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import repeat

__all__ = ["MAX_KEY_PARTS", "Locator", "deep_key_line"]

# Possessive quantifiers (`*+`): no backtracking, so a line of 2 MB is matched in linear time.
_HEADER = re.compile(r"^\s*+(\[\[?+)([^\]]*+)\]\]?+\s*+(?:#.*)?$")
_KEY = re.compile(
    r"""^\s*+((?:[A-Za-z0-9_-]++|"[^"]*+"|'[^']*+')"""
    r"""(?:\s*+\.\s*+(?:[A-Za-z0-9_-]++|"[^"]*+"|'[^']*+'))*+)\s*+="""
)
_MULTILINE_STRING = re.compile(r'"""|\'\'\'')

Path = tuple[str | int, ...]
_MAX_DEPTH = 32
"""Paths are kept to this many parts: fact files need a few, and a 20,000-part header
(which TOML allows) would otherwise make every lookup of it quadratic."""


MAX_KEY_PARTS = _MAX_DEPTH
_PART = r"""(?:[A-Za-z0-9_-]++|"[^"\n]*+"|'[^'\n]*+')"""
_DEEP_KEY = re.compile(
    rf"""(?<![A-Za-z0-9_."'-]){_PART}(?:[ \t]*+\.[ \t]*+{_PART}){{{MAX_KEY_PARTS}}}"""
)
_KEY_END = re.compile(rf"""(?:[ \t]*+\.[ \t]*+{_PART})*+[ \t]*+([=\]])?""")


def deep_key_line(text: str) -> int | None:
    """The line of the first dotted key (or table name) of more than `MAX_KEY_PARTS` parts.

    `tomllib` takes time quadratic in a dotted key's parts (20,000 parts, a 40 KB line,
    take 3-12 s; the 2 MB allowed, hours), so such keys are refused before it runs. Fact
    files need a few parts. A run of dotted words is a key only when `=` or `]` follows it,
    so prose ("One. Two. Three.") inside a value is not one. Linear: no quantifier
    backtracks, a match starts only at the start of a word, and the search resumes after
    the whole run. A key of that many parts has that many dots on one line, so a text with
    fewer dots than that anywhere is not searched at all (the search was a tenth of a
    reload of 10k statements)."""
    if text.count(".") < MAX_KEY_PARTS or not _many_dots(text):
        return None
    position = 0
    while found := _DEEP_KEY.search(text, position):
        rest = _KEY_END.match(text, found.end())
        assert rest is not None  # every part of it is optional
        if rest[1]:
            return text.count("\n", 0, found.start()) + 1
        position = max(rest.end(), found.end()) + 1
    return None


_NOT_DOT_OR_NEWLINE = bytes(range(256)).translate(None, b".\n")


def _many_dots(text: str) -> bool:
    """Whether some line holds at least `MAX_KEY_PARTS` dots. On the UTF-8 bytes with all
    but dots and newlines deleted (in C: a tenth of splitting 2.7 MB of text into lines);
    no other character's bytes contain either."""
    try:
        kept = text.encode().translate(None, _NOT_DOT_OR_NEWLINE)
    except UnicodeEncodeError:  # a lone surrogate: count line by line
        dots = map(str.count, text.split("\n"), repeat("."))
        return any(map(MAX_KEY_PARTS.__le__, dots))
    return any(map(MAX_KEY_PARTS.__le__, map(len, kept.split(b"\n"))))


def _split_key(text: str) -> list[str]:
    """`a."b.c" . d` -> `["a", "b.c", "d"]`: split on dots outside quotes, in one pass."""
    parts: list[str] = []
    start = 0
    quote = ""
    for position, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == ".":
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return [part.strip().strip("\"'") for part in parts]


class Locator:
    """Line numbers (1-based) for every table header and key of one TOML text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._built: dict[Path, int] | None = None

    @property
    def _lines(self) -> dict[Path, int]:
        if self._built is None:
            self._built = {}
            self._scan(self._text)
        return self._built

    def _scan(self, text: str) -> None:
        assert self._built is not None
        lines = self._built
        current_index: dict[Path, int] = {}
        prefix: Path = ()
        in_string = False
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                in_string = len(_MULTILINE_STRING.findall(line)) % 2 == 0
                continue
            header = _HEADER.match(line)
            if header and header[2].strip() and not _KEY.match(line):
                array = header[1] == "[["
                prefix = self._header(header[2].strip(), array, current_index)
                # Every prefix too: a misspelt array name is reported without an index, and
                # `[a.b]` is where table `a` is first written when there is no `[a]`.
                for end in range(len(prefix), 0, -1):
                    lines.setdefault(prefix[:end], number)
                continue
            key = _KEY.match(line)
            if key:
                path = (prefix + tuple(_split_key(key[1])[:_MAX_DEPTH]))[:_MAX_DEPTH]
                lines.setdefault(path, number)
            # A multi-line string may open on any line, an array item's as well as a key's.
            in_string = len(_MULTILINE_STRING.findall(line)) % 2 == 1

    @staticmethod
    def _header(text: str, array: bool, current_index: dict[Path, int]) -> Path:
        parts = _split_key(text)[:_MAX_DEPTH]
        path: list[str | int] = []
        for position, part in enumerate(parts):
            path.append(part)
            key = tuple(path)
            last = position == len(parts) - 1
            if last and array:
                current_index[key] = current_index.get(key, -1) + 1
                path.append(current_index[key])
            elif key in current_index:
                path.append(current_index[key])
        return tuple(path)

    def line(self, loc: Sequence[str | int]) -> int | None:
        """The line of the longest prefix of `loc` that is written in the file."""
        path = tuple(loc)[:_MAX_DEPTH]
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return None
