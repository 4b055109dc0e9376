"""Where a one-record file's record starts (the line a schema problem without a key is
reported on): looked for in the first kilobytes first, with the same answer as a scan of
every line."""

from __future__ import annotations

import random

import pytest

from bot.core.facts.loader import _HEAD, _first_line


def every_line(text: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            return number
    return None


def cases() -> list[str]:
    comment = "# a curator's note\n"
    found = [
        "",
        "id = 1\n",
        "\n\n  # note\nname_en = 'x'\n",
        comment * (_HEAD // len(comment) + 5) + "name_en = 'x'\n",
        "#" * (_HEAD - 1) + "\r\nname = 1",
        " " * (_HEAD - 3) + "   x = 1",
        " " * (_HEAD - 2) + "\r\n# c\nx = 1",
        "\n" * (_HEAD + 10),
        "\x0c" * (_HEAD + 1) + "x = 1",
    ]
    rng = random.Random(5)
    pieces = ["\n", "\r\n", "\r", " ", "\t", "# c", "x = 1", "\x0b", "\u2028", "#" * 700]
    for _ in range(200):
        found.append("".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))))
    return found


@pytest.mark.parametrize("text", cases())
def test_same_line_as_a_scan_of_every_line(text: str) -> None:
    assert _first_line(text) == every_line(text)
