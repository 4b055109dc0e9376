"""The shipped facts as name records, for the matching tests (imported by conftest)."""

from __future__ import annotations

from pathlib import Path

from bot.core.matching import NameRecord
from bot.core.matching.records import records_from_factset

FACTS = Path(__file__).resolve().parents[3] / "facts"


def shipped_records() -> list[NameRecord]:
    from bot.core.facts.loader import load_facts

    result = load_facts(FACTS)
    assert result.factset is not None, result.problems
    return records_from_factset(result.factset)
