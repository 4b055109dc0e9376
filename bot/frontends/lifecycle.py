"""What both front ends do around the commands: reload on SIGHUP or when files change, and
shut down cleanly on SIGTERM / Ctrl-C."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from pathlib import Path

from bot.core.service import Attache, Who

__all__ = ["facts_signature", "install_signals", "watch_facts"]

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5


def install_signals(attache: Attache, stop: Callable[[], object]) -> None:
    """SIGHUP reloads; SIGTERM and SIGINT stop. No-op where signals are not supported."""
    loop = asyncio.get_running_loop()
    tasks: set[asyncio.Task[object]] = set()

    def reload() -> None:
        task = loop.create_task(attache.reload(Who("signal")))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    for sig, handler in ((getattr(signal, "SIGHUP", None), reload),
                         (signal.SIGTERM, stop), (signal.SIGINT, stop)):  # fmt: skip
        if sig is None:
            continue
        try:
            loop.add_signal_handler(sig, handler)
        except (NotImplementedError, RuntimeError, ValueError):
            log.debug("cannot handle %s here", sig)


def facts_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every fact file's path, size and modification time: changes when any file does."""
    entries = []
    for path in sorted(folder.rglob("*.toml")):
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


async def watch_facts(attache: Attache, debounce: float) -> None:
    """Reload after the facts folder has changed and then stayed quiet for `debounce` s,
    so an editor saving several files triggers one reload, not several."""
    seen = await asyncio.to_thread(facts_signature, attache.facts_dir)
    changed_at: float | None = None
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(POLL_SECONDS)
        current = await asyncio.to_thread(facts_signature, attache.facts_dir)
        if current != seen:
            seen, changed_at = current, loop.time()
        elif changed_at is not None and loop.time() - changed_at >= debounce:
            changed_at = None
            await attache.reload(Who("watch"))
