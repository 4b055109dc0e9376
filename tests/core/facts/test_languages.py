"""A relationship read in Vietnamese has Vietnamese text for everything a reader sees.

The shipped facts are copied to a temporary root and broken one line at a time; each break
must give exactly one problem, at the file and line of the claim, naming the missing field.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.paths import FACTS

from bot.core.facts.loader import load_facts


@pytest.fixture
def root(shipped_facts: Path) -> Path:
    return shipped_facts


def _drop_first(path: Path, key: str) -> int:
    """Delete the first `key = …` line; return the line number of the line above it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key} = "))
    del lines[index]
    path.write_text("".join(lines), encoding="utf-8")
    return index  # 1-based number of the line before it, which names the English text


def test_every_shipped_claim_title_and_scoped_name_has_vietnamese() -> None:
    result = load_facts(FACTS)
    assert result.factset is not None, result.problems
    missing = [s.id for s in result.factset.statements.values() if not s.text_vi]
    assert missing == []
    total = len(result.factset.statements)
    assert result.factset.language_coverage() == {"en": (total, total), "vi": (total, total)}
    relationship = result.factset.relationships["vietnam-laos"]
    assert relationship.languages == ["en", "vi"]
    # The official formula joins its last term with "và".
    assert relationship.name_vi is not None
    assert re.search(r", hợp tác toàn diện và gắn kết chiến lược$", relationship.name_vi)


@pytest.mark.parametrize(
    ("file", "key", "path"),
    [
        ("people/to-lam.toml", "text_vi", "statements[0].text"),
        ("people/pham-minh-chinh.toml", "title_vi", "titles[0].title"),
        ("vietnam-laos/events/tam-interview-vna.toml", "text_vi", "summary.text"),
        ("vietnam-laos/pillars/economic.toml", "name_vi", "name_en"),
        ("vietnam-laos/relationship.toml", "text_vi", "key_points[0].text"),
    ],
)
def test_a_missing_vietnamese_text_is_one_problem_at_its_line(
    root: Path, file: str, key: str, path: str
) -> None:
    line_above = _drop_first(root / file, key)
    result = load_facts(root)
    assert result.factset is None
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert problem.file == file
    assert problem.path == path
    assert key in problem.reason
    if key != "name_vi":  # the English text sits on the line just above the removed one
        assert problem.line == line_above


def test_a_relationship_read_only_in_english_needs_no_vietnamese(root: Path) -> None:
    for path in root.rglob("*.toml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^(text_vi|title_vi|languages) = .*\n", "", text, flags=re.M)
        path.write_text(text, encoding="utf-8")
    result = load_facts(root)
    assert result.factset is not None, result.problems
    assert all(s.text_vi is None for s in result.factset.statements.values())
    total = len(result.factset.statements)
    assert result.factset.language_coverage()["vi"] == (0, total)
