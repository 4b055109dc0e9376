"""The shipped facts, loaded once per test module."""

from __future__ import annotations

import pytest
from support.paths import FACTS

from bot.core.facts.factset import FactSet
from bot.core.facts.loader import load_facts


@pytest.fixture(scope="module")
def factset() -> FactSet:
    result = load_facts(FACTS)
    assert result.problems == [], "\n".join(map(str, result.problems))
    assert result.factset is not None
    return result.factset
