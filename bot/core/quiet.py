"""Hold off the cyclic garbage collector while a reload builds or frees a snapshot.

Both make or free hundreds of thousands of objects, none in a cycle; left alone, the
collector runs collections in the middle (full ones took 35-40 ms at 10k statements, with
the GIL held, so the event loop stops too). A build and the freeing of the snapshot before
it may overlap, each in its own thread: the collector comes back on when the last of them
is done, and only if it was on before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """No automatic collection inside; with `freeze`, what survived is moved out of the
    collector's sight when this block ends (a new snapshot: later collections never walk
    it again; it is still freed by reference counting once replaced)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if freeze and _was_enabled:
                gc.freeze()
            if _holders == 0 and _was_enabled:
                gc.enable()
