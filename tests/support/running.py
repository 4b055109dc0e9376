"""The real service on a facts folder, for the length of a fixture."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.core.service import Attache


@asynccontextmanager
async def running(facts: Path) -> AsyncIterator[Attache]:
    """An Attaché on `facts` with an in-memory store, closed afterwards (its audit log's
    connection thread would otherwise keep the test process alive)."""
    started = await Attache.start(facts, ":memory:")
    try:
        yield started
    finally:
        await started.close()
