"""The shipped facts, loaded once per test module: as a `FactSet`, and as the running service
(answers do not change it; a test module that changes its facts brings its own `attache`)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from support.paths import FACTS
from support.running import running

from bot.core.facts.factset import FactSet
from bot.core.facts.loader import load_facts
from bot.core.service import Attache


@pytest.fixture(scope="module")
def factset() -> FactSet:
    result = load_facts(FACTS)
    assert result.problems == [], "\n".join(map(str, result.problems))
    assert result.factset is not None
    return result.factset


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def attache() -> AsyncIterator[Attache]:
    async with running(FACTS) as started:
        yield started
