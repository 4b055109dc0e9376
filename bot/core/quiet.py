"""Keep a reload's worker thread out of the event loop's way while it builds or frees a
snapshot.

Both make or free hundreds of thousands of objects, none in a cycle; left alone, the
collector runs collections in the middle (full ones took 35-40 ms at 10k statements, with
the GIL held, so the event loop stops too). And a thread that computes keeps the GIL until
the interpreter's switch interval (5 ms) forces it to hand it over, so each time the loop
wakes it may wait that long: meanwhile the interval is 1 ms. A build and the freeing of the
snapshot before it may overlap, each in its own thread: both settings come back when the
last of them is done, and the collector only if it was on before the first began.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

SWITCH_INTERVAL = 0.001
"""Seconds a computing thread may keep the GIL while the loop waits for it."""

_lock = threading.Lock()
_holders = 0
_was_enabled = False
_interval = 0.005


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """No automatic collection inside, and the GIL handed to a waiting thread (the loop)
    within `SWITCH_INTERVAL`; with `freeze`, what survived is moved out of the
    collector's sight when this block ends (a new snapshot: later collections never walk
    it again; it is still freed by reference counting once replaced)."""
    global _holders, _was_enabled, _interval
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
            _interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_interval, SWITCH_INTERVAL))
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if freeze and _was_enabled:
                gc.freeze()
            if _holders == 0:
                sys.setswitchinterval(_interval)
                if _was_enabled:
                    gc.enable()
