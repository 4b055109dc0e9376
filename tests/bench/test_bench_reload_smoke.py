"""The reload benchmark runs end to end (--quick) and prints its figures; timings not checked.

It reloads 500 and 1,000 statements rather than the quick default of 1,000 and 2,000: the
test proves the bench runs and prints the three figures, which the smaller sets show as well."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MS = r"[\d,]+ ms"
LAST_LINE = re.compile(
    rf"^reload 500: {MS} \(CPU {MS}, [\d.]+x parse; unchanged {MS}\); "
    rf"max stall {MS} \(idle {MS}, one-file {MS}, longest collection {MS}\); "
    rf"one-file reload 1k: {MS} \(CPU {MS}, [\d.]+x parse\)$"
)


def test_bench_reload_quick_prints_the_three_figures() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_reload.py"),
            "--quick",
            *("--full", "500", "--big", "1000"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    assert sum(line.startswith("  full reload 1 (") for line in lines) == 1
    assert sum(line.startswith("  full reload 1, no file changed: ") for line in lines) == 1
    assert sum(line.startswith("  every claim's text changed, reload 1 (") for line in lines) == 1
    assert sum(line.startswith("every claim's text changed too") for line in lines) == 1
    assert (
        sum(line.startswith("  one-file reload 1 (vietnam-laos/statements/") for line in lines) == 1
    )
    assert sum("baseline: tomllib.loads of every file" in line for line in lines) == 2
    assert lines[-2].startswith("targets (wall, median): full reload <= 500 ms: ")
