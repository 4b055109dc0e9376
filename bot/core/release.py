"""Free a replaced snapshot a piece at a time, so the event loop never waits for all of it.

When the last reference to a snapshot goes, CPython frees everything only it holds in one
go, with the GIL held: at 50k statements that took 36-46 ms, all of it a stall of the event
loop, whichever thread dropped the reference (issue 14: a reload must not stall the loop
more than 20 ms). Here the references are dropped in an order that frees a small part at a
time: first the snapshot and its parts (which frees nothing, since a list here still holds
their contents), then their contents one by one, large lists and dicts in chunks, with a
pause between them in which the loop gets the GIL. Nothing is changed: a snapshot that a
command still reads stays whole, and is freed as usual when that command is done.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable

__all__ = ["release_gently"]

CHUNK = 1024
"""Items freed between two pauses, at most (one pause per piece below this size): a chunk
of 4,096 names' words took 5 ms to free at 50k statements."""
PAUSE = 0.0002
"""Seconds the GIL is left free after a piece: `sleep(0)` lets the releasing thread take
it straight back, so the loop could still wait a whole switch interval (5 ms)."""
WORK = 0.001
"""Seconds of freeing between two pauses: a snapshot that shares most of its objects with
the one that replaced it (a reload after one edit) frees little per piece, and pausing
after each of its thousand pieces took 135 ms at 50k statements, competing with the next
reload for the GIL all along."""
DEPTH = 3
"""Levels of attributes taken apart: snapshot -> index -> its tables -> their items."""


def release_gently(box: list[object], kept: object = None) -> int:
    """Empty `box` (the only reference to a replaced snapshot) and free what it held in
    pieces; for a worker thread. Returns the number of pieces. What `kept` (the snapshot
    that replaced it) also holds is dropped whole, not taken apart: dropping it frees
    nothing, and taking apart the big dicts a reload carries over cost more than freeing."""
    shared: set[int] = set()
    _holds(kept, DEPTH, shared)
    parents: list[object] = []
    pieces: list[object] = []
    _split(box.pop(), DEPTH, parents, pieces, shared)
    parents.clear()  # frees the shells only: their contents are still held in `pieces`
    count = len(pieces)
    clock = time.perf_counter
    worked = clock()
    while pieces:
        pieces.pop()
        if clock() - worked >= WORK:
            time.sleep(PAUSE)  # hand the GIL to the event loop between pieces
            worked = clock()
    return count


def _split(
    value: object, depth: int, parents: list[object], pieces: list[object], shared: set[int]
) -> None:
    parts = _parts(value) if depth > 0 and id(value) not in shared else None
    if parts is None:
        pieces.append(value)
        return
    parents.append(value)
    for part in parts:
        _split(part, depth - 1, parents, pieces, shared)


def _holds(value: object, depth: int, found: set[int]) -> None:
    """The ids of `value` and of the objects its attributes hold, `depth` levels down."""
    if value is None:
        return
    found.add(id(value))
    if depth == 0:
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        attributes: Iterable[object] = [getattr(value, f.name) for f in dataclasses.fields(value)]
    else:
        attributes = getattr(value, "__dict__", {}).values()
    for attribute in attributes:
        _holds(attribute, depth - 1, found)


def _parts(value: object) -> Iterable[object] | None:
    """What `value` holds, in chunks where it holds many; None: free it whole."""
    if isinstance(value, list | tuple):
        if len(value) <= CHUNK:
            return None
        return [value[i : i + CHUNK] for i in range(0, len(value), CHUNK)]
    if isinstance(value, dict):
        if len(value) <= CHUNK:
            return [list(value.values()), list(value)]
        # Values and keys, not items: an item is a tuple made only to be freed again, and
        # at 50k statements making and freeing them was most of the cost.
        values, keys = list(value.values()), list(value)
        return [
            *(values[i : i + CHUNK] for i in range(0, len(values), CHUNK)),
            *(keys[i : i + CHUNK] for i in range(0, len(keys), CHUNK)),
        ]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [getattr(value, f.name) for f in dataclasses.fields(value)]
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict) and attributes:
        return list(attributes.values())
    return None
