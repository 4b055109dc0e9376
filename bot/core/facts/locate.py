"""Map a key path inside a TOML document to the line it is written on.

`tomllib` keeps no positions, so validation errors (which carry a key path such as
`people[2].titles[0].quote`) are located by scanning the table headers and `key =` lines.
The scan is deliberately simple: it only has to be right for files that parsed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["Locator"]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_MULTILINE_STRING = re.compile(r'"""|\'\'\'')

Path = tuple[str | int, ...]


def _split_key(text: str) -> list[str]:
    return [
        part.strip().strip("\"'")
        for part in re.split(r"\.(?=(?:[^\"']*[\"'][^\"']*[\"'])*[^\"']*$)", text)
    ]


class Locator:
    """Line numbers (1-based) for every table header and key of one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        current_index: dict[Path, int] = {}
        prefix: Path = ()
        in_string = False
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                in_string = len(_MULTILINE_STRING.findall(line)) % 2 == 0
                continue
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                array = header[1] == "[["
                prefix = self._header(header[2], array, current_index)
                self._lines.setdefault(prefix, number)
                if array:
                    # A misspelt array name is reported without an index: give it a line too.
                    self._lines.setdefault(prefix[:-1], number)
                continue
            key = _KEY.match(line)
            if key:
                path = prefix + tuple(_split_key(key[1]))
                self._lines.setdefault(path, number)
            # A multi-line string may open on any line, an array item's as well as a key's.
            in_string = len(_MULTILINE_STRING.findall(line)) % 2 == 1

    @staticmethod
    def _header(text: str, array: bool, current_index: dict[Path, int]) -> Path:
        parts = _split_key(text)
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
        path = tuple(loc)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return None
