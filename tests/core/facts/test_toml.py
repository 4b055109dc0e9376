"""The fast TOML path reads every fact file as `tomllib` does: the same table, or the same
error (message and line), whatever a curator's editor left in it."""

from __future__ import annotations

import math
import random
import tomllib
from pathlib import Path
from typing import Any

import pytest
from support.paths import REPO

from bot.core.facts import toml

SHIPPED = sorted((REPO / "facts").rglob("*.toml"))
SIGNIFICANT = "{}[]=\"',\n#\\:.-+_ \t0123456789aexnfiT"
"""What a slip of the keyboard can add that TOML cares about."""

NEWER_TOML = [
    "a = {b = 1,}", "a = {b = 1\n}", "a = 07:32", "a = 1979-05-27T07:32", "a = \"\\x41\"",
    "a = \"\\e\"", "a = 1e1000", "a = 1\na = 2", "[t]\n[t]", "a = \"unterminated", "a = 01",
]  # fmt: skip
"""Texts the two parsers could read differently: TOML 1.1 (which rtoml reads), and errors."""


def outcome(parse: Any, text: str) -> tuple[str, Any]:
    try:
        return "table", _comparable(parse(text))
    except tomllib.TOMLDecodeError as error:
        return "error", str(error)


def _comparable(value: Any) -> Any:
    """NaN is not equal to itself: compare it by name."""
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    return value


def damaged(text: str, rng: random.Random) -> str:
    """`text` with one to three slips: a character dropped, added or changed, a line
    repeated or dropped."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        slip = rng.randrange(5)
        if slip == 0:
            text = text[:at] + text[at + 1 :]
        elif slip == 1:
            text = text[:at] + rng.choice(SIGNIFICANT) + text[at:]
        elif slip == 2:
            text = text[:at] + rng.choice(SIGNIFICANT) + text[at + 1 :]
        else:
            lines = text.split("\n")
            line = rng.randrange(len(lines))
            lines[line:line] = [lines[line]] if slip == 3 else []
            if slip == 4:
                del lines[line]
            text = "\n".join(lines)
    return text


def test_every_shipped_file_reads_the_same() -> None:
    assert len(SHIPPED) > 20
    for path in SHIPPED:
        text = path.read_text(encoding="utf-8")
        assert outcome(toml.loads, text) == outcome(tomllib.loads, text), path


@pytest.mark.parametrize("text", NEWER_TOML)
def test_newer_toml_is_refused_as_tomllib_refuses_it(text: str) -> None:
    assert outcome(toml.loads, text) == outcome(tomllib.loads, text)


@pytest.mark.parametrize("seed", range(2))
def test_damaged_files_read_the_same(seed: int) -> None:
    """A few hundred damaged copies of the shipped files: each is the same table or the same
    error (with the same line) through both paths."""
    rng = random.Random(seed)
    sources = [path.read_text(encoding="utf-8") for path in SHIPPED if path.stat().st_size < 6000]
    errors = tables = 0
    for _ in range(150):
        text = damaged(rng.choice(sources), rng)
        fast, slow = outcome(toml.loads, text), outcome(tomllib.loads, text)
        assert fast == slow, text
        errors += fast[0] == "error"
        tables += fast[0] == "table"
    assert errors > 15 and tables > 15  # both kinds of outcome were compared


def test_a_file_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text('id = "x"\nnames = ["Tô Lâm", "To Lam"]\n[[titles]]\nfrom = 2024-08-03\n')
    assert toml.loads(path.read_text()) == tomllib.loads(path.read_text())
