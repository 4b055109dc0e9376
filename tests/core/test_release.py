"""A replaced snapshot is freed a piece at a time, and nothing anyone still holds is
changed or freed."""

from __future__ import annotations

import gc
import weakref
from dataclasses import dataclass, field

from bot.core.release import CHUNK, release_gently


class Item:
    """Something that can be watched for being freed (a weak reference dies with it)."""

    def __init__(self, n: int) -> None:
        self.n = n


@dataclass(frozen=True, slots=True)
class Snapshot:
    table: dict[str, list[Item]]
    rows: list[Item]
    index: object
    small: tuple[Item, ...] = field(default=())


class Index:
    def __init__(self) -> None:
        self.words = {f"w{n}": [Item(n)] for n in range(3 * CHUNK)}
        self.keys = [f"k{n}" for n in range(2 * CHUNK)]


def snapshot() -> Snapshot:
    return Snapshot(
        table={"a": [Item(1)], "b": [Item(2)]},
        rows=[Item(n) for n in range(5 * CHUNK)],
        index=Index(),
        small=(Item(9),),
    )


def test_everything_is_freed_in_many_pieces() -> None:
    gc.disable()  # only reference counting may free things here
    try:
        held = snapshot()
        watched = [weakref.ref(held.rows[0]), weakref.ref(held.small[0]),
                   weakref.ref(held.table["b"][0]), weakref.ref(next(iter(
                       held.index.words.values()))[0])]  # type: ignore[attr-defined]  # fmt: skip
        whole = weakref.ref(held.index)
        box: list[object] = [held]
        del held

        pieces = release_gently(box)

        assert box == []
        assert pieces > 10
        assert whole() is None
        assert [ref() for ref in watched] == [None] * len(watched)
    finally:
        gc.enable()


def test_what_a_command_still_holds_stays_whole() -> None:
    held = snapshot()
    rows, words = held.rows, held.index.words  # type: ignore[attr-defined]
    before = (len(rows), [item.n for item in rows], dict(words))
    box: list[object] = [held]
    del held

    release_gently(box)

    assert (len(rows), [item.n for item in rows], dict(words)) == before
    assert all(isinstance(item, Item) for item in rows)


def test_a_snapshot_still_in_use_is_left_as_it_is() -> None:
    held = snapshot()
    box: list[object] = [held]

    release_gently(box)

    assert len(held.rows) == 5 * CHUNK
    assert held.table["a"][0].n == 1
    assert len(held.index.keys) == 2 * CHUNK  # type: ignore[attr-defined]


def test_what_the_new_snapshot_shares_is_dropped_whole_not_taken_apart() -> None:
    """After a reload that changed one file, the old and new snapshots share most of what
    they hold: taking that apart would free nothing and cost more than the rest."""
    old = snapshot()
    new = Snapshot(table={"a": [Item(3)]}, rows=old.rows, index=old.index)
    shared_items = [weakref.ref(old.rows[0]), weakref.ref(next(iter(
        old.index.words.values()))[0])]  # type: ignore[attr-defined]  # fmt: skip
    alone = weakref.ref(old.table["b"][0])
    box: list[object] = [old]
    del old

    pieces = release_gently(box, new)
    apart = release_gently([snapshot()])

    assert pieces < 10 < apart  # the shared rows and index: one piece each
    assert alone() is None  # what only the old one held is freed
    assert all(ref() is not None for ref in shared_items)  # the new one still has the rest
    assert len(new.rows) == 5 * CHUNK
