"""The bot process for the end-to-end tests: `python -m bot`, as users start it."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from discord_double import DiscordDouble

__all__ = ["FAKE_TOKEN", "REPO", "BotProcess", "bot_environment"]

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
