"""The bot process for the end-to-end tests: `python -m bot`, as users start it."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Any

from discord_double import EPHEMERAL, MEMBER_PERMISSIONS, DiscordDouble

from bot.core.commands import COMMANDS as TABLE

__all__ = [
    "COMMANDS",
    "FAKE_TOKEN",
    "GROUPS",
    "NO_MENTIONS",
    "REPO",
    "BotProcess",
    "add_events",
    "add_many_events",
    "assert_clean",
    "assert_sourced",
    "bot_environment",
    "button",
    "components",
    "field",
    "is_private",
    "member",
    "text_of",
    "the_embed",
]

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SITE_DIR = HERE / "pythonpath"  # holds the sitecustomize that points discord.py at the double
FAKE_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.e2e-double.not-a-real-token-never-leaves-127-0-0-1"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
# Passed through to the bot; everything else (a developer's DISCORD_TOKEN, proxies, other
# settings) is left out, so each test alone decides the bot's settings.
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "SYSTEMROOT")


def bot_environment(
    double: DiscordDouble, tmp_path: Path, facts_dir: Path, **settings: str | None
) -> dict[str, str]:
    """The bot's environment: real settings, plus the double's address for sitecustomize.
    A setting given as None is left unset."""
    env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
    env |= {
        "PYTHONPATH": os.pathsep.join([str(SITE_DIR), str(REPO)]),
        "PYTHONUNBUFFERED": "1",
        "ATTACHE_E2E_DISCORD_URL": double.url,
        "DISCORD_TOKEN": FAKE_TOKEN,
        "DISCORD_GUILD_ID": double.guild_id,
        "DATABASE_PATH": str(tmp_path / "data" / "attache.sqlite3"),
        "FACTS_DIR": str(facts_dir),
        "COMMAND_COOLDOWN_SECONDS": "0",
        "LOG_LEVEL": "INFO",
    }
    for name, value in settings.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


class BotProcess:
    """The real bot in its own process, with its output in a log file. It runs in `cwd` (the
    test's tmp folder) so that no `.env` of the checkout is read."""

    def __init__(self, env: dict[str, str], cwd: Path, log_path: Path) -> None:
        self.env, self.cwd, self.log_path = env, cwd, log_path
        self.process: asyncio.subprocess.Process | None = None

    async def start(self, double: DiscordDouble) -> None:
        """Start, and return once the bot has identified on the double's gateway."""
        identified = double.identifies
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot",
                env=self.env, cwd=self.cwd,
                stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=asyncio.subprocess.STDOUT,
            )  # fmt: skip
        ready = asyncio.ensure_future(
            double.wait_for(lambda: double.identifies > identified, START_TIMEOUT, "IDENTIFY")
        )
        exited = asyncio.ensure_future(self.process.wait())
        done, _ = await asyncio.wait({ready, exited}, return_when=asyncio.FIRST_COMPLETED)
        if exited in done:
            ready.cancel()
            raise AssertionError(f"the bot exited with {exited.result()}:\n{self.log[-4000:]}")
        exited.cancel()
        error = ready.exception()
        if error is not None:
            raise AssertionError(f"{error}; bot log:\n{self.log[-4000:]}")

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    @property
    def returncode(self) -> int | None:
        return None if self.process is None else self.process.returncode

    async def stop(self) -> int | None:
        """SIGTERM, as a service manager stops it; killed if it does not exit in time."""
        process = self.process
        if process is None:
            return None
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
            except TimeoutError:
                process.kill()
                await process.wait()
        return process.returncode


# ---- what every scenario checks ----------------------------------------------------------

GROUPS = {"facts", "settings"}  # admin groups, not in /help
COMMANDS = {*TABLE, *GROUPS}  # the slash commands are generated from the core table
NO_MENTIONS = {"parse": []}


async def assert_clean(
    double: DiscordDouble, *bots: BotProcess, dropped: Collection[str] = ()
) -> None:
    """The end of every scenario: the bots stop cleanly on SIGTERM, the double saw no rule
    broken, every interaction was answered (but those in `dropped`, which the bot logged as
    too late to answer) and nothing came after a complete answer, and the bots logged no
    error."""
    # Stopped first, rather than waiting a while for strays: a bot that has exited has sent
    # everything it ever will (a stray followup, an error), so the checks below see it all.
    for bot in bots:
        assert await bot.stop() == 0, bot.log
    assert double.violations == [], "\n".join(double.violations)
    unanswered = [
        i.describe()
        for i in double.interactions.values()
        if i.callback is None and i.id not in dropped
    ]
    assert not unanswered, f"no response, so Discord shows 'interaction failed': {unanswered}"
    for interaction in double.interactions.values():
        if interaction.callback is not None and interaction.callback["type"] != 5:
            assert not interaction.followups, f"unexpected followup to {interaction.describe()}"
    for bot in bots:
        assert "Traceback" not in bot.log and " ERROR " not in bot.log, bot.log


def member(
    double: DiscordDouble, name: str = "member", permissions: int = MEMBER_PERMISSIONS
) -> dict[str, Any]:
    return double.member(double.user(name), permissions)


def the_embed(body: dict[str, Any]) -> dict[str, Any]:
    embeds = body["embeds"] if "embeds" in body else body["data"]["embeds"]
    assert len(embeds) == 1, embeds
    return embeds[0]


def field(embed: dict[str, Any], name: str) -> str | None:
    return next((f["value"] for f in embed.get("fields", []) if f["name"] == name), None)


def text_of(embed: dict[str, Any]) -> str:
    parts = [embed.get("title") or "", embed.get("description") or ""]
    parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
    return "\n".join(parts)


def assert_sourced(embed: dict[str, Any], sources_label: str = "Sources") -> None:
    """A numbered citation in the answer, and the source it points to: listed in a `Sources`
    field, or (an answer about one source) named and linked in the description."""
    sources = field(embed, sources_label)
    cited = [embed.get("description") or ""]
    cited += [f["value"] for f in embed.get("fields", []) if f["name"] != sources_label]
    assert any(re.search(r"\[1[],]", text) for text in cited), text_of(embed)
    if sources is not None:
        assert "[1] " in sources, text_of(embed)
    else:
        url = embed.get("url")
        assert url and f"]({url})" in (embed.get("description") or ""), text_of(embed)


FILLER_EVENT = """\
name_en = "Filler meeting {n} (added by the end-to-end tests)"
name_vi = "Cuộc gặp bổ sung {n} (do kiểm thử đầu cuối thêm vào)"
kind = "meeting"
date = "2025-{month:02d}-{day:02d}"
participants = ["to-lam"]

[summary]
text = "Vietnamese Party General Secretary To Lam paid a State visit to Laos in December 2025."
text_vi = "Tổng Bí thư Tô Lâm đã thăm cấp Nhà nước tới Lào vào tháng 12/2025."
source = "vov-thongloun-state-visit"
quote = "the State visit by Vietnamese Party General Secretary To Lam to Laos in December 2025"
"""


def add_events(facts_dir: Path, numbers: range) -> None:
    """One event file per number, dated 2025-12-<number>."""
    events = facts_dir / "vietnam-laos" / "events"
    for n in numbers:
        text = FILLER_EVENT.format(n=n, month=12, day=n)
        (events / f"e2e-filler-{n:02d}.toml").write_text(text, "utf-8")


def components(message: dict[str, Any], kind: int) -> list[dict[str, Any]]:
    return [c for row in message["components"] for c in row["components"] if c["type"] == kind]


def button(message: dict[str, Any], label: str) -> dict[str, Any]:
    found = [c for c in components(message, 2) if c.get("label") == label]
    assert len(found) == 1, (label, message["components"])
    return found[0]


def is_private(body: dict[str, Any]) -> bool:
    return bool((body.get("data") or {}).get("flags", 0) & EPHEMERAL)


def add_many_events(facts_dir: Path, count: int) -> None:
    """`count` dated events in 2025, enough to make /timeline 2025 run over several pages."""
    events = facts_dir / "vietnam-laos" / "events"
    for n in range(1, count + 1):
        text = FILLER_EVENT.format(n=n, month=1 + n % 12, day=1 + n % 28)
        (events / f"e2e-many-{n:03d}.toml").write_text(text, "utf-8")
