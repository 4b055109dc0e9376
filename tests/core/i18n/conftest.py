"""One Attaché on the shipped facts per test module (answers do not change it)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from support.paths import FACTS

from bot.core.service import Attache


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def attache() -> AsyncIterator[Attache]:
    started = await Attache.start(FACTS, ":memory:")
    try:
        yield started
    finally:
        await started.close()
