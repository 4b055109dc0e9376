"""Graceful overload: shed answer work before Discord's 3-second deadline, not after it.

Discord accepts the first response to an interaction only within 3 s of creating it; after
that every request about it fails (10062), and answering a failure with another request just
doubles the load. So:

- `Gate` bounds the answer work in flight (a semaphore) and looks at each interaction's age
  when its turn comes: young enough, it is answered; a little late, it gets a short "busy"
  reply (no facts work); too late to answer at all, it is dropped and logged once.
- `InteractionClock` measures age from the interaction's snowflake, corrected by the
  smallest delay seen recently, so a host clock a few seconds off does not shed everything.
- `Cooldowns` is the per-user cooldown shared by slash commands and components.

`bench/bench_overload.py` measures where shedding starts.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import discord

__all__ = [
    "ANSWER_BY",
    "BUSY_AFTER",
    "CONCURRENCY",
    "DEADLINE",
    "HTTP_CONNECTIONS",
    "SEND_BY",
    "Cooldowns",
    "Gate",
    "InteractionClock",
]

log = logging.getLogger(__name__)

DEADLINE = 3.0
"""Discord's limit for the first response, from the interaction's creation."""
SEND_BY = 2.8
"""A first response not started by this age is not sent: it would reach Discord too late."""
ANSWER_BY = 2.5
"""Past this age, a full answer (or a busy reply) could miss the deadline: drop it."""
BUSY_AFTER = 1.5
"""Past this age when its turn comes, an interaction gets "busy, try again" instead of the
answer: the reply is cheap and still in time; the full answer might not be."""
CONCURRENCY = 32
"""Answers computed and sent at once; the rest wait (and age) in the gate's queue."""
HTTP_CONNECTIONS = 100
"""aiohttp connector limit for all of discord.py's HTTP (REST, responses, the gateway):
bounded, so a burst cannot exhaust file descriptors (1,024 by default under systemd)."""


class InteractionClock:
    """Age of an interaction, from its snowflake, minus the smallest age seen in the last
    `window` seconds (network delay plus clock offset)."""

    def __init__(self, window: float = 600.0, bucket: float = 60.0) -> None:
        self.window, self.bucket = window, bucket
        self._minima: deque[tuple[float, float]] = deque()  # (bucket start, smallest raw age)

    def age(self, interaction: discord.Interaction[Any]) -> float:
        raw = (discord.utils.utcnow() - interaction.created_at).total_seconds()
        now = time.monotonic()
        while self._minima and self._minima[0][0] < now - self.window:
            self._minima.popleft()
        if not self._minima or self._minima[-1][0] < now - self.bucket:
            self._minima.append((now, raw))
        elif raw < self._minima[-1][1]:
            self._minima[-1] = (self._minima[-1][0], raw)
        baseline = min(smallest for _, smallest in self._minima)
        return max(0.0, raw - baseline)


Verdict = Literal["answer", "busy", "drop"]


@dataclass
class Gate:
    """At most `concurrency` answers at once; each judged by its age when its turn comes."""

    clock: InteractionClock = field(default_factory=InteractionClock)
    concurrency: int = CONCURRENCY
    answered: int = 0
    busy: int = 0
    dropped: int = 0
    _semaphore: asyncio.Semaphore | None = None
    _running: int = 0
    _idle: asyncio.Event | None = None

    def verdict(self, age: float) -> Verdict:
        if age > ANSWER_BY:
            return "drop"
        return "busy" if age > BUSY_AFTER else "answer"

    async def run(
        self,
        interaction: discord.Interaction[Any],
        work: Callable[[], Awaitable[None]],
        busy: Callable[[], Awaitable[None]],
    ) -> None:
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.concurrency)
        self._running += 1
        self._idle_event().clear()
        try:
            await self._run(interaction, work, busy, self._semaphore)
        finally:
            self._running -= 1
            if self._running == 0:
                self._idle_event().set()

    async def drain(self, timeout: float) -> bool:
        """Wait until no answer is in flight (True), or `timeout` s have passed (False). A
        shutdown waits for this, so an answer already started is finished rather than cut off
        mid-request when the HTTP session closes."""
        idle = self._idle_event()
        if idle.is_set():
            return True
        try:
            await asyncio.wait_for(idle.wait(), timeout)
        except TimeoutError:
            return False
        return True

    def _idle_event(self) -> asyncio.Event:
        if self._idle is None:
            self._idle = asyncio.Event()
            if self._running == 0:
                self._idle.set()
        return self._idle

    async def _run(
        self,
        interaction: discord.Interaction[Any],
        work: Callable[[], Awaitable[None]],
        busy: Callable[[], Awaitable[None]],
        semaphore: asyncio.Semaphore,
    ) -> None:
        async with semaphore:
            age = self.clock.age(interaction)
            verdict = self.verdict(age)
            if verdict == "drop":
                self.dropped += 1
                log.warning(
                    "dropped interaction %s: %.2f s old, too late to answer (%d dropped so far)",
                    interaction.id,
                    age,
                    self.dropped,
                )
                return
            if verdict == "busy":
                self.busy += 1
                await busy()
                return
            self.answered += 1
            await work()

    def too_late(self, interaction: discord.Interaction[Any]) -> bool:
        """True when a first response started now would reach Discord after its deadline."""
        return self.clock.age(interaction) >= SEND_BY


class Cooldowns:
    """One per-user cooldown for slash commands and components alike."""

    def __init__(self, seconds: float, prune_at: int = 10_000) -> None:
        self.seconds, self.prune_at = seconds, prune_at
        self._last: dict[int, float] = {}

    def retry_after(self, user_id: int) -> float | None:
        """None (and the use counted) if the user may go on; else seconds to wait."""
        if self.seconds <= 0:
            return None
        now = time.monotonic()
        last = self._last.get(user_id)
        if last is not None and now - last < self.seconds:
            return self.seconds - (now - last)
        if len(self._last) >= self.prune_at:
            self._last = {u: t for u, t in self._last.items() if now - t < self.seconds}
        self._last[user_id] = now
        return None
