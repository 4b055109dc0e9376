"""The command benchmark runs end to end (--quick) and prints its table; timings not checked.

It runs on 1,000 synthetic statements with 5 timed calls per case rather than the quick
default of 10,000 and 25: the test proves the bench runs and reports every case, which a small
set shows as well (2 s instead of 10); the measurements are run by hand at the full sizes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = (
    "/leader to lam", "/leader Thonglun", "/leader Tô Lâm", "/visit", "/visit tháng 1 2026",
    "/visit Vientiane", "/pillars", "/pillars defence", "/timeline",
    "/search strategic cohesion", "/about", "/sources", "autocomplete /leader name:tô",
)  # fmt: skip


def test_bench_commands_quick_prints_the_table() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_commands.py"),
            "--quick",
            *("--size", "1000", "--samples", "5"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "== shipped facts (facts/)" in out
    assert "== synthetic 1,000 facts" in out
    assert out.count("start-up ") == 2
    labels = [line[:36].rstrip() for line in out.splitlines()]
    assert labels.count("case") == 2
    assert labels.count("baseline: Embed('pong') payload") == 2
    assert "/leader <id> (8 people)" in labels  # every shipped person
    assert sum(label.startswith("/leader <id> (") for label in labels) == 2
    for case in CASES:
        assert labels.count(case) == 2, case
    assert " ERROR " not in out
    assert "target p99 <= 5 ms:" in out
