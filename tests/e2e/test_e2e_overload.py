"""End to end: a burst well past what the bot can answer in Discord's 3 seconds.

Every interaction must end one of two ways: answered once (in time; the double refuses a late
or second callback and counts it as a violation), or dropped and logged once by the bot. No
traceback storm, and the bot answers normally afterwards.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import Awaitable, Callable

from discord_double import DiscordDouble
from e2e_support import BotProcess, assert_clean, assert_sourced, member, the_embed

Launch = Callable[..., Awaitable[BotProcess]]

BURST = 1200
"""Well past capacity on any machine: every answer is slowed by ANSWER_DELAY (sitecustomize),
so at most 32 / 0.2 = 160 answers a second, while the burst arrives within a few seconds."""
ANSWER_DELAY = "0.2"
MIX = [
    ("leader", {"name": "Tô Lâm"}),
    ("timeline", {}),
    ("search", {"text": "strategic cohesion"}),
    ("pillars", {"pillar": "defence"}),
]
DROPPED = re.compile(r"dropped interaction (\d+)")


async def test_an_overload_burst_ends_answered_or_dropped_once(
    double: DiscordDouble, launch: Launch
) -> None:
    bot = await launch(ATTACHE_E2E_ANSWER_DELAY=ANSWER_DELAY)
    users = [member(double, f"user{n}") for n in range(50)]
    sent = []
    for n in range(BURST):  # each payload made as it is sent: its snowflake is its creation
        command, options = MIX[n % len(MIX)]
        data = double.command_data(command, options)
        payload = double.interaction_payload(2, data, member=users[n % len(users)])
        sent.append(await double.send_interaction(payload))
    ids = {interaction.id for interaction in sent}

    def settled() -> bool:
        dropped = set(DROPPED.findall(bot.log)) & ids
        answered = {i.id for i in sent if i.callback is not None}
        return len(dropped | answered) == BURST

    deadline = asyncio.get_running_loop().time() + 60
    while not settled():
        assert asyncio.get_running_loop().time() < deadline, "some interactions never settled"
        await asyncio.sleep(0.2)

    log = bot.log
    drops = Counter(i for i in DROPPED.findall(log) if i in ids)
    answered = {i.id for i in sent if i.callback is not None}
    assert all(count == 1 for count in drops.values()), "each drop is logged once"
    assert not answered & set(drops), "nothing is both answered and dropped"
    assert len(answered) + len(drops) == BURST
    busy = [i for i in sent if i.callback and "busy" in (i.callback["data"].get("content") or "")]
    full = len(answered) - len(busy)
    print(f"burst {BURST}: {full} answered, {len(busy)} told busy, {len(drops)} dropped")
    assert drops or busy, f"a burst of {BURST} should exceed capacity; none was shed"
    assert full > 0
    assert all(i.callback_after is not None and i.callback_after < 3 for i in sent if i.callback)

    # Afterwards the bot answers normally, in time.
    after = await double.run_command("leader", {"name": "To Lam"}, member=member(double))
    body = await after.response()
    assert_sourced(the_embed(body["data"]))
    assert after.callback_after is not None and after.callback_after < 1
    # assert_clean: no violation at the double (no late or second callback), no traceback,
    # no ERROR line.
    await assert_clean(double, bot, dropped=set(drops))
