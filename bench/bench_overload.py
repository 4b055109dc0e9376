"""Where the Discord front end starts shedding: the real bot process against the e2e double.

    python bench/bench_overload.py [--seconds 2] [--rates 50,200,400,800,1600,3200]

For each rate, interactions (a mix of /leader, /timeline, /search, /pillars from 50 users) are
sent for `--seconds` at that rate on the double's gateway; the bench waits until each is
answered or logged as dropped, then reports: answered in full, told "busy", dropped, the
callback latency (p50/p99, seconds after Discord would have created it) and the bot's CPU
time per interaction. Ratios are against the first (lowest) rate of the same run, the
baseline. The double and the load generator share the machine with the bot, so the absolute
rates are a floor for a dedicated host; the ratios and the shape are what to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO / "tests" / "e2e"), str(REPO / "tests"), str(REPO)]

from discord_double import DiscordDouble  # type: ignore[import-not-found]  # noqa: E402
from e2e_support import (  # type: ignore[import-not-found]  # noqa: E402
    FAKE_TOKEN,
    BotProcess,
    bot_environment,
)

MIX = [
    ("leader", {"name": "Tô Lâm"}),
    ("timeline", {}),
    ("search", {"text": "strategic cohesion"}),
    ("pillars", {"pillar": "defence"}),
]
DROPPED = re.compile(r"dropped interaction (\d+)")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


async def run_rate(
    double: DiscordDouble, bot: BotProcess, rate: int, seconds: float
) -> dict[str, Any]:
    users = [double.member(double.user(f"u{n}"), 1 << 10 | 1 << 11 | 1 << 31) for n in range(50)]
    count = int(rate * seconds)
    assert bot.process is not None
    cpu_before = cpu_seconds(bot.process.pid)
    loop = asyncio.get_running_loop()
    start = loop.time()
    sent = []
    for n in range(count):
        due = start + n / rate
        if due > loop.time():
            await asyncio.sleep(due - loop.time())
        command, options = MIX[n % len(MIX)]
        payload = double.interaction_payload(
            2, double.command_data(command, options), member=users[n % len(users)]
        )
        sent.append(await double.send_interaction(payload))
    send_rate = count / max(loop.time() - start, 1e-9)
    ids = {i.id for i in sent}
    deadline = loop.time() + 60
    while True:
        dropped = set(DROPPED.findall(bot.log)) & ids
        answered = [i for i in sent if i.callback is not None or i.rejected]
        if len(dropped) + len(answered) >= count or loop.time() > deadline:
            break
        await asyncio.sleep(0.1)
    cpu = cpu_seconds(bot.process.pid) - cpu_before
    busy = [
        i for i in answered if i.callback and "busy" in (i.callback["data"].get("content") or "")
    ]
    late = [i for i in sent if i.rejected]
    latencies = sorted(i.callback_after for i in answered if i.callback_after is not None)
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0.0] * 99
    return {
        "rate": rate,
        "sent_per_s": send_rate,
        "count": count,
        "full": len(answered) - len(busy) - len(late),
        "busy": len(busy),
        "dropped": len(dropped),
        "late_refused": len(late),
        "unsettled": count - len(dropped) - len(answered),
        "p50": q[49],
        "p99": q[98],
        "cpu_per_interaction_ms": 1000 * cpu / max(count, 1),
    }


async def main(rates: list[int], seconds: float) -> None:
    double = DiscordDouble(FAKE_TOKEN)
    await double.start()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = bot_environment(double, tmp, REPO / "facts")
        bot = BotProcess(env, tmp, tmp / "bot.log")
        await bot.start(double)
        try:
            rows = []
            for rate in rates:
                rows.append(await run_rate(double, bot, rate, seconds))
                await asyncio.sleep(3)  # let the queue drain before the next rate
        finally:
            await bot.stop()
            await double.stop()
        tracebacks = bot.log.count("Traceback")
    base = rows[0]
    print(f"bench_overload · {os.cpu_count()} CPUs · {seconds:g} s per rate · baseline "
          f"{base['rate']}/s · bot and double on one machine")  # fmt: skip
    print(f"{'rate/s':>7} {'sent/s':>7} {'full':>6} {'busy':>6} {'dropped':>7} {'late':>5} "
          f"{'p50 s':>6} {'p99 s':>6} {'p99×':>6} {'cpu ms':>7} {'cpu×':>5}")  # fmt: skip
    for row in rows:
        print(
            f"{row['rate']:>7} {row['sent_per_s']:>7.0f} {row['full']:>6} {row['busy']:>6} "
            f"{row['dropped']:>7} {row['late_refused']:>5} {row['p50']:>6.2f} {row['p99']:>6.2f} "
            f"{row['p99'] / max(base['p99'], 1e-3):>6.1f} {row['cpu_per_interaction_ms']:>7.2f} "
            f"{row['cpu_per_interaction_ms'] / max(base['cpu_per_interaction_ms'], 1e-3):>5.2f}"
        )
    shedding = [row["rate"] for row in rows if row["busy"] or row["dropped"]]
    print(f"shedding starts at: {shedding[0] if shedding else 'none of these rates'}/s; "
          f"tracebacks in the bot's log: {tracebacks}")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--rates", default="50,200,400,800,1600,3200")
    args = parser.parse_args()
    started = time.perf_counter()
    asyncio.run(main([int(r) for r in args.rates.split(",")], args.seconds))
    print(f"({time.perf_counter() - started:.0f} s)")
