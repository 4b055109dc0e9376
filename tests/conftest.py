"""Marks for the whole suite: `slow` is what the edit–test loop skips (`pytest -m "not slow"`).

Slow by rule rather than by list, so a new test is classified without editing this file: a
test that starts the real bot process (it uses a `launch` fixture: the console in
tests/frontends/test_lifecycle.py, the Discord bot in tests/e2e) or runs a benchmark
(tests/bench) is slow. `pytest` with no marker runs everything, as CI does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent / "bench"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        starts_the_bot = "launch" in getattr(item, "fixturenames", ())
        if starts_the_bot or BENCH in item.path.resolve().parents:
            item.add_marker(pytest.mark.slow)
