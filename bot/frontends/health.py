"""Is the bot up? The Docker healthcheck's answer: connected to Discord's gateway, with facts
loaded, and its event loop still turning.

The old healthcheck ran `facts check`: it marked the container unhealthy for a bad file that
the running bot had safely rejected, and healthy while the bot was wedged (a reload stuck on a
FIFO) or disconnected. Now the running bot writes a small heartbeat file from its event loop
every `HEARTBEAT_SECONDS`, and `python -m bot health` reads it: a missing or stale file (the
loop is stuck, or the bot is gone), a closed gateway or no facts is unhealthy.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

__all__ = [
    "HEARTBEAT_SECONDS",
    "STALE_SECONDS",
    "check_health",
    "gateway_connected",
    "health_path_for",
    "heartbeat",
    "write_beat",
]

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10.0
TICK_SECONDS = 0.5
STALE_SECONDS = 45.0
"""Older than this, the bot is not beating: its loop is blocked, or it is gone."""


def health_path_for(database_path: str) -> Path:
    """Beside the database (the one folder the bot surely writes: `/data` in Docker)."""
    folder = Path("data") if database_path == ":memory:" else Path(database_path).parent
    return folder / "attache.health.json"


class _Shard(Protocol):
    def is_closed(self) -> bool: ...


class _Client(Protocol):
    def is_ready(self) -> bool: ...
    def is_closed(self) -> bool: ...


def gateway_connected(client: _Client) -> bool:
    """Ready, not closed, and every gateway connection (each shard's) open."""
    if client.is_closed() or not client.is_ready():
        return False
    shards: dict[int, _Shard] | None = getattr(client, "shards", None)
    if shards:
        return all(not shard.is_closed() for shard in shards.values())
    socket: Any = getattr(client, "ws", None)
    return bool(socket is not None and socket.open)


def write_beat(path: Path, *, gateway: bool, facts: str | None) -> None:
    """Written whole then renamed, so the check never reads half a file."""
    beat = {"at": time.time(), "pid": os.getpid(), "gateway": gateway, "facts": facts}
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps(beat), encoding="utf-8")
    os.replace(partial, path)


async def heartbeat(
    path: Path,
    connected: Callable[[], bool],
    version: Callable[[], str | None],
    every: float = HEARTBEAT_SECONDS,
    tick: float = TICK_SECONDS,
) -> None:
    """Beat until cancelled: every `every` s, and within `tick` s of a change (connected,
    disconnected, reloaded). A failed write is logged once, and beating goes on."""
    failed = False
    last: tuple[bool, str | None] | None = None
    written_at = 0.0
    try:
        while True:
            state = (connected(), version())
            if state != last or time.monotonic() - written_at >= every:
                try:
                    write_beat(path, gateway=state[0], facts=state[1])
                    last, written_at, failed = state, time.monotonic(), False
                except OSError as error:
                    if not failed:
                        log.warning("cannot write the health file %s: %s", path, error)
                    failed = True
            await asyncio.sleep(tick)
    finally:
        with contextlib.suppress(OSError):  # stopped: say so now, not when the file is stale
            write_beat(path, gateway=False, facts=None)


def check_health(
    path: Path, *, now: float | None = None, stale: float = STALE_SECONDS
) -> tuple[bool, str]:
    """Healthy or not, and one line saying so."""
    try:
        beat = json.loads(path.read_text(encoding="utf-8"))
        at, gateway, facts = float(beat["at"]), bool(beat["gateway"]), beat["facts"]
    except FileNotFoundError:
        return False, f"unhealthy: {path}: no heartbeat: the bot is not running on Discord"
    except (OSError, ValueError, KeyError, TypeError) as error:
        return False, f"unhealthy: {path}: unreadable heartbeat ({error})"
    age = (time.time() if now is None else now) - at
    if age > stale:
        return False, f"unhealthy: last heartbeat {age:.0f} s ago: the bot is stuck or stopped"
    if not gateway:
        return False, "unhealthy: not connected to Discord's gateway"
    if not facts:
        return False, "unhealthy: no facts loaded"
    return True, f"ok: connected to Discord, facts {facts}, heartbeat {age:.0f} s ago"
