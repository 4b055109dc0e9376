"""Fixtures for the front-end tests: the shipped facts, loaded fresh for each test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from support.running import running

from bot.core.service import Attache

REPO = Path(__file__).resolve().parents[2]


@pytest_asyncio.fixture
async def attache() -> AsyncIterator[Attache]:
    """The real service on the shipped facts with an in-memory SQLite store (~50 ms)."""
    async with running(REPO / "facts") as started:
        yield started
