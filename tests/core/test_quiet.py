"""The collector is held off while any build or release runs, and comes back on only when
the last is done, and only if it was on before."""

from __future__ import annotations

import gc
import sys
import threading

from bot.core.quiet import SWITCH_INTERVAL, collector_paused


def test_overlapping_holders_bring_it_back_once_all_are_done() -> None:
    assert gc.isenabled()
    before = sys.getswitchinterval()
    first = collector_paused()
    first.__enter__()
    inside = threading.Event()
    leave = threading.Event()
    states: list[bool] = []
    intervals: list[float] = []

    def second() -> None:
        with collector_paused():
            inside.set()
            leave.wait(5)
        states.append(gc.isenabled())
        intervals.append(sys.getswitchinterval())

    thread = threading.Thread(target=second)
    thread.start()
    inside.wait(5)
    first.__exit__(None, None, None)
    states.append(gc.isenabled())  # the other holder is still inside
    intervals.append(sys.getswitchinterval())
    leave.set()
    thread.join(5)

    assert states == [False, True]
    assert gc.isenabled()
    assert intervals == [SWITCH_INTERVAL, before]
    assert sys.getswitchinterval() == before


def test_it_stays_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collector_paused(freeze=True):
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
