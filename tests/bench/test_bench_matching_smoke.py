"""The matching benchmark runs end to end (--quick) and prints every table; the accuracy
verdict is checked, timings are not (a shared machine decides those).

It runs on 300 aliases rather than the quick default of 1,000: the difflib baseline is most of
the run, and a small population shows as well that every table is printed and the verdict
reached (tests/core/matching/test_matching_labelled.py checks accuracy on 3,000)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_matching_quick_prints_accuracy_and_timings() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_matching.py"), "--quick", "--sizes", "300"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    for kind in ("exact", "no diacritics", "one typo", "partial", "unknown"):
        assert f"\n{kind:<14}|" in out, kind
    for method in ("ours", "difflib", "rapidfuzz WRatio", "dict (exact)"):
        assert f"\n{method:<18}|" in out, method
    assert "autocomplete p99 by prefix length" in out and "10+:" in out
    assert "accuracy >= best baseline per class, no wrong person: ok" in out
