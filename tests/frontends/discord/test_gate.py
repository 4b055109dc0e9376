"""The overload gate's drain: a shutdown lets answers already started finish (bounded), so
closing the HTTP session never cuts one off mid-request."""

from __future__ import annotations

import asyncio
import contextlib
from types import SimpleNamespace
from typing import Any

import discord

from bot.frontends.discord.overload import Gate


def interaction() -> Any:
    """What the gate reads of an interaction: when it was created."""
    return SimpleNamespace(created_at=discord.utils.utcnow())


async def nothing() -> None:
    return None


async def test_drain_with_nothing_in_flight_returns_at_once() -> None:
    assert await Gate().drain(0)


async def test_drain_waits_for_the_answer_in_flight() -> None:
    gate, started, release = Gate(), asyncio.Event(), asyncio.Event()

    async def work() -> None:
        started.set()
        await release.wait()

    answering = asyncio.create_task(gate.run(interaction(), work, nothing))
    await started.wait()
    draining = asyncio.create_task(gate.drain(60))
    await asyncio.sleep(0)  # a turn of the loop: the drain is waiting, not done
    assert not draining.done()
    release.set()
    assert await draining is True
    await answering
    assert gate.answered == 1


async def test_drain_gives_up_after_its_timeout_and_says_so() -> None:
    gate, started = Gate(), asyncio.Event()

    async def work() -> None:
        started.set()
        await asyncio.Event().wait()  # never finishes

    answering = asyncio.create_task(gate.run(interaction(), work, nothing))
    await started.wait()
    assert await gate.drain(0) is False
    answering.cancel()


async def test_a_failed_answer_is_no_longer_in_flight() -> None:
    gate = Gate()

    async def work() -> None:
        raise RuntimeError("boom")

    with contextlib.suppress(RuntimeError):
        await gate.run(interaction(), work, nothing)
    assert await gate.drain(0)
