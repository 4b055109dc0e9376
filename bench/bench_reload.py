"""Benchmark reloading the facts while the event loop serves: what a reload costs and how long
it freezes everything else.

    python bench/bench_reload.py            # 10k full reloads, 50k one-file reloads
    python bench/bench_reload.py --quick    # small sets, one reload each (the smoke test)

(Run it as a script, like bench_commands.py, whose synthetic fact generator it uses.)

Three figures (issue 14, item 5), each measured with a heartbeat task on the same loop that
sleeps 1 ms at a time and records every gap (a gap longer than 1 ms is the loop being held):

* **full reload** of `--full` statements: `Attache.reload` after every fact file changed (a
  comment line appended), so every file is read, parsed and validated again, every record
  checked and the fact set rebuilt; only the source texts (`.txt`, untouched) and the quote
  checks of unchanged quotes against them are remembered; the facts in the files are the
  same, so what is made from them (read view, search rows, name table) is kept. Target:
  <= 500 ms. Shown beside it: the same reload when no file changed (what `/facts reload`
  costs when it finds nothing new: one look at every file's folder entry), and when every
  claim's text changed as well (the worst case: every statement new).
* **max stall**: the longest heartbeat gap beyond its 1 ms sleep during those full reloads
  (and, shown beside it, during the one-file reloads). Target: <= 20 ms. Each reload's line
  also counts the garbage collections during it and the longest one: a collection holds the
  GIL whichever thread runs it, so it stalls the loop even when the machine is idle, while
  the rest of a stall on a busy machine is the OS not running the process.
* **one-file reload** of `--big` statements: one statement's text edited in one file, then
  `Attache.reload`. Target: <= 150 ms.

Wall time is shown with the process CPU time over the same interval (every thread: the reload
works in a worker thread) so that a busy machine can neither hide nor fake a result. Each
figure also has a ratio to a baseline measured in the same run, on the same files: parsing
every file with `tomllib.loads` (the work a reload that reuses nothing cannot skip), and the
heartbeat's own largest gap on an idle loop. The last line holds the three figures, e.g.

    reload 10k: 412 ms (CPU 398 ms, 0.71x parse); max stall 14 ms (idle 2 ms); one-file ...

Exits non-zero only when a reload fails, never on timing.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import platform
import re
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench_commands import BenchError, write_synthetic

from bot.core.service import Attache, Who

TARGET_FULL_MS = 500.0
TARGET_STALL_MS = 20.0
TARGET_ONE_FILE_MS = 150.0
HEARTBEAT_S = 0.001


@dataclass(slots=True)
class Heartbeat:
    """Sleeps 1 ms at a time on the loop and keeps the longest overshoot while `armed`."""

    armed: bool = False
    gaps: list[float] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None

    async def _beat(self) -> None:
        clock = time.perf_counter
        while True:
            before = clock()
            await asyncio.sleep(HEARTBEAT_S)
            if self.armed:
                self.gaps.append((clock() - before - HEARTBEAT_S) * 1000)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._beat())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def take(self) -> float:
        """The longest gap since the last take (ms), and start afresh."""
        worst = max(self.gaps, default=0.0)
        self.gaps.clear()
        return worst


@dataclass(slots=True)
class Collections:
    """Garbage collections (every thread's: they hold the GIL, so the loop waits too)."""

    count: int = 0
    longest_ms: float = 0.0
    _started: float = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.count += 1
            self.longest_ms = max(self.longest_ms, (time.perf_counter() - self._started) * 1000)

    def take(self) -> tuple[int, float]:
        taken = (self.count, self.longest_ms)
        self.count, self.longest_ms = 0, 0.0
        return taken


COLLECTIONS = Collections()


@dataclass(frozen=True, slots=True)
class Run:
    wall_ms: float
    cpu_ms: float
    stall_ms: float
    collections: int
    longest_collection_ms: float

    def describe(self) -> str:
        return (
            f"{self.wall_ms:,.0f} ms wall, {self.cpu_ms:,.0f} ms CPU, max stall "
            f"{self.stall_ms:.1f} ms; {self.collections} collections, longest "
            f"{self.longest_collection_ms:.1f} ms"
        )


async def timed(heartbeat: Heartbeat, work: Callable[[], Awaitable[None]]) -> Run:
    heartbeat.take()
    await asyncio.sleep(0.01)  # let the heartbeat settle into its rhythm
    heartbeat.take()
    heartbeat.armed = True
    COLLECTIONS.take()
    cpu, wall = time.process_time(), time.perf_counter()
    await work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    await asyncio.sleep(0.005)  # the gap the reload ended inside of is recorded too
    heartbeat.armed = False
    return Run(wall * 1000, cpu * 1000, heartbeat.take(), *COLLECTIONS.take())


def parse_baseline(folder: Path) -> tuple[float, float]:
    """Wall and CPU ms to read and `tomllib.loads` every fact file once."""
    files = sorted(folder.rglob("*.toml"))
    cpu, wall = time.process_time(), time.perf_counter()
    for path in files:
        tomllib.loads(path.read_text(encoding="utf-8"))
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def touch_every_file(folder: Path, revision: int) -> int:
    """Appends a comment to every fact file: every file is new, nothing is the same."""
    files = [p for p in folder.rglob("*.toml") if p.parent != folder]  # not honorifics.toml
    for path in files:
        path.write_text(
            path.read_text(encoding="utf-8") + f"\n# bench revision {revision}\n",
            encoding="utf-8",
        )
    return len(files)


def edit_every_text(folder: Path, revision: int) -> int:
    """Changes the text of every claim in every file (not the quotes, which must stay in the
    sources): no statement is as it was, so the read view, the search rows and the diff have
    everything to redo, not only the loader and the checks."""
    edited = 0
    for path in folder.rglob("*.toml"):
        text = path.read_text(encoding="utf-8")
        new, count = re.subn(r'^(text = ")(?:\(rev \d+\) )?', rf"\g<1>(rev {revision}) ", text,
                             flags=re.MULTILINE)  # fmt: skip
        if count:
            path.write_text(new, encoding="utf-8")
            edited += count
    return edited


def edit_one_file(folder: Path, revision: int) -> Path:
    """Changes one statement's text in one file (a real change the reload must report)."""
    path = min(folder.rglob("statements/*.toml"))
    text = path.read_text(encoding="utf-8")
    marker = 'text = "'
    at = text.index(marker) + len(marker)
    old_end = text.index('"', at)
    path.write_text(text[:at] + f"(rev {revision}) " + text[at:old_end].split(") ", 1)[-1]
                    + text[old_end:], encoding="utf-8")  # fmt: skip
    return path


async def reload_ok(attache: Attache) -> None:
    outcome = await attache.reload(Who("cli"))
    if not outcome.ok:
        shown = "; ".join(str(problem) for problem in outcome.problems[:3])
        raise BenchError(f"reload rejected: {shown}")


def size_label(statements: int) -> str:
    return f"{statements // 1000}k" if statements >= 1000 else str(statements)


def median(runs: list[Run], key: Callable[[Run], float]) -> float:
    return statistics.median(key(run) for run in runs)


async def idle_stall(heartbeat: Heartbeat, seconds: float) -> float:
    async def idle() -> None:
        await asyncio.sleep(seconds)

    return (await timed(heartbeat, idle)).stall_ms


async def bench_full(folder: Path, statements: int, reloads: int, heartbeat: Heartbeat) -> tuple[
    list[Run], list[Run], list[Run], tuple[float, float], float
]:  # fmt: skip
    write_synthetic(folder, statements, 7)
    attache = await Attache.start(folder, str(folder.with_name(f"{folder.name}.sqlite3")))
    try:
        idle = await idle_stall(heartbeat, 0.3)
        base = parse_baseline(folder)
        runs = []
        for revision in range(1, reloads + 1):
            files = touch_every_file(folder, revision)
            runs.append(await timed(heartbeat, lambda: reload_ok(attache)))
            print(f"  full reload {revision} ({files} files changed): {runs[-1].describe()}",
                  flush=True)  # fmt: skip
        same = []
        for revision in range(1, reloads + 1):
            same.append(await timed(heartbeat, lambda: reload_ok(attache)))
            print(f"  full reload {revision}, no file changed: {same[-1].describe()}", flush=True)
        texts = []
        for revision in range(1, reloads + 1):
            files = touch_every_file(folder, 100 + revision)
            claims = edit_every_text(folder, revision)
            texts.append(await timed(heartbeat, lambda: reload_ok(attache)))
            print(f"  every claim's text changed, reload {revision} ({files} files, {claims} "
                  f"claims): {texts[-1].describe()}", flush=True)  # fmt: skip
        return runs, same, texts, base, idle
    finally:
        await attache.close()


async def bench_one_file(
    folder: Path, statements: int, reloads: int, heartbeat: Heartbeat
) -> tuple[list[Run], tuple[float, float]]:
    write_synthetic(folder, statements, 11)
    start = time.perf_counter()
    attache = await Attache.start(folder, str(folder.with_name(f"{folder.name}.sqlite3")))
    print(f"  start-up at {size_label(statements)}: {(time.perf_counter() - start) * 1000:,.0f} ms")
    try:
        base = parse_baseline(folder)
        await reload_ok(attache)  # whatever a first reload after start-up does once
        runs = []
        for revision in range(1, reloads + 1):
            changed = edit_one_file(folder, revision)
            before = attache.state.version
            runs.append(await timed(heartbeat, lambda: reload_ok(attache)))
            if attache.state.version == before:
                raise BenchError(f"editing {changed} did not change the version")
            shown = changed.relative_to(folder).as_posix()
            print(f"  one-file reload {revision} ({shown}): {runs[-1].describe()}",
                  flush=True)  # fmt: skip
        return runs, base
    finally:
        await attache.close()


async def main_async(args: argparse.Namespace) -> int:
    print(
        f"Python {platform.python_version()} · {platform.machine()} · heartbeat "
        f"{HEARTBEAT_S * 1000:g} ms · medians of {args.reloads} reloads each · gc thresholds "
        f"{gc.get_threshold()}"
    )
    heartbeat = Heartbeat()
    heartbeat.start()
    gc.callbacks.append(COLLECTIONS)
    try:
        with tempfile.TemporaryDirectory(prefix="attache-reload-") as temporary:
            full_dir, big_dir = Path(temporary) / "full", Path(temporary) / "big"
            print(f"== full reloads, {args.full:,} statements (every file changed)")
            full, same, texts, (base_wall, base_cpu), idle = await bench_full(
                full_dir, args.full, args.reloads, heartbeat
            )
            print(
                f"  baseline: tomllib.loads of every file {base_wall:,.0f} ms wall, "
                f"{base_cpu:,.0f} ms CPU; idle loop max stall {idle:.1f} ms"
            )
            print(f"== one-file reloads, {args.big:,} statements (one statement edited)")
            one, (big_wall, big_cpu) = await bench_one_file(
                big_dir, args.big, args.reloads, heartbeat
            )
            print(
                f"  baseline: tomllib.loads of every file {big_wall:,.0f} ms wall, "
                f"{big_cpu:,.0f} ms CPU"
            )
    finally:
        await heartbeat.stop()

    full_wall, full_cpu = median(full, lambda r: r.wall_ms), median(full, lambda r: r.cpu_ms)
    stall = max(run.stall_ms for run in (*full, *same, *texts))
    same_wall = median(same, lambda r: r.wall_ms)
    texts_wall, texts_cpu = median(texts, lambda r: r.wall_ms), median(texts, lambda r: r.cpu_ms)
    print(
        f"every claim's text changed too (nothing kept but the source texts): "
        f"{texts_wall:,.0f} ms (CPU {texts_cpu:,.0f} ms, {texts_wall / base_wall:.2f}x parse)"
    )
    one_wall, one_cpu = median(one, lambda r: r.wall_ms), median(one, lambda r: r.cpu_ms)
    one_stall = max(run.stall_ms for run in one)
    collection = max(run.longest_collection_ms for run in (*full, *texts, *one))
    verdicts = [
        ("full reload", full_wall, TARGET_FULL_MS),
        ("max stall", stall, TARGET_STALL_MS),
        ("one-file reload", one_wall, TARGET_ONE_FILE_MS),
    ]
    print(
        "targets (wall, median): "
        + "; ".join(
            f"{name} <= {goal:g} ms: {'met' if value <= goal else 'NOT met'}"
            for name, value, goal in verdicts
        )
    )
    print(
        f"reload {size_label(args.full)}: {full_wall:,.0f} ms (CPU {full_cpu:,.0f} ms, "
        f"{full_wall / base_wall:.2f}x parse; unchanged {same_wall:,.0f} ms); "
        f"max stall {stall:.0f} ms (idle {idle:.0f} ms, "
        f"one-file {one_stall:.0f} ms, longest collection {collection:.0f} ms); "
        f"one-file reload {size_label(args.big)}: {one_wall:,.0f} ms "
        f"(CPU {one_cpu:,.0f} ms, {one_wall / big_wall:.2f}x parse)"
    )
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sets, one reload each")
    parser.add_argument("--full", type=int, help="statements for full reloads (10,000)")
    parser.add_argument("--big", type=int, help="statements for one-file reloads (50,000)")
    parser.add_argument("--reloads", type=int, help="reloads of each kind (5)")
    args = parser.parse_args()
    args.full = args.full or (1_000 if args.quick else 10_000)
    args.big = args.big or (2_000 if args.quick else 50_000)
    args.reloads = args.reloads or (1 if args.quick else 5)
    logging.disable(logging.INFO)  # the service logs every reload
    try:
        code = asyncio.run(main_async(args))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        code = 1
    sys.exit(code)


if __name__ == "__main__":
    main()
