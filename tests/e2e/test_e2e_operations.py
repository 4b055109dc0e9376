"""What an operator sees (red-team F-12, F-19, F-20): the Docker healthcheck follows the
gateway, a wrong DISCORD_GUILD_ID is one line and exit 2, and DEBUG logs hold no interaction
token. The real bot process against the Discord double."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import sys
import time
from pathlib import Path
from typing import Any

from discord_double import DiscordDouble
from e2e_support import START_TIMEOUT, bot_environment
from test_e2e_discord import Launch

MEMBER_PERMISSIONS = 0


async def health(tmp_path: Path, env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "health",
        env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(process.communicate(), 10)
    assert process.returncode is not None
    return process.returncode, out.decode().strip()


async def wait_connected(heartbeat: Path) -> None:
    """Until the bot's heartbeat says it is connected and has facts. Read here rather than by
    running `python -m bot health` again and again (each run starts Python: 0.4 s of CPU), so
    the check that follows runs the command once, on a bot known to be connected."""
    deadline = time.monotonic() + 10
    while True:
        with contextlib.suppress(OSError, ValueError):
            beat = json.loads(heartbeat.read_text(encoding="utf-8"))
            if beat.get("gateway") and beat.get("facts"):
                return
        assert time.monotonic() < deadline, f"no connected heartbeat in {heartbeat}"
        await asyncio.sleep(0.05)


def member(double: DiscordDouble) -> dict[str, Any]:
    return double.member(double.user("member"), MEMBER_PERMISSIONS)


async def test_health_follows_the_gateway_and_the_process(
    double: DiscordDouble, launch: Launch, tmp_path: Path, facts_dir: Path
) -> None:
    env = bot_environment(double, tmp_path, facts_dir)
    heartbeat = tmp_path / "data" / "attache.health.json"
    assert await health(tmp_path, env) == (
        1, f"unhealthy: {heartbeat}: no heartbeat: the bot is not running on Discord"
    )  # fmt: skip

    bot = await launch()
    await wait_connected(heartbeat)
    code, line = await health(tmp_path, env)
    assert code == 0 and line.startswith("ok: connected to Discord, facts "), line

    assert await bot.stop() == 0  # stopped: unhealthy at once, not only once the file is stale
    assert await health(tmp_path, env) == (1, "unhealthy: not connected to Discord's gateway")


async def test_a_guild_the_bot_is_not_in_is_one_line_and_exit_2(
    double: DiscordDouble, tmp_path: Path, facts_dir: Path
) -> None:
    env = bot_environment(double, tmp_path, facts_dir, DISCORD_GUILD_ID="123456789012345678")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot",
        env=env, cwd=tmp_path, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    log = out.decode()
    assert process.returncode == 2, log
    assert "Traceback" not in log
    errors = [line for line in log.splitlines() if " ERROR " in line]
    assert len(errors) == 1, log
    assert errors[0].endswith(
        "cannot set up the commands in server 123456789012345678 (DISCORD_GUILD_ID): "
        "Missing Access; is the bot in that server, invited with the applications.commands "
        "scope?"
    )


async def test_debug_logs_hold_no_interaction_token(double: DiscordDouble, launch: Launch) -> None:
    bot = await launch(LOG_LEVEL="DEBUG")
    asked = [
        await double.run_command("about", member=member(double)),
        await double.run_command("leader", {"name": "to lam"}, member=member(double)),
    ]
    for interaction in asked:
        await interaction.response()
    assert await bot.stop() == 0
    log = bot.log
    assert "WebSocket Event" in log and "/callback" in log  # discord.py did log them
    for interaction in asked:
        assert interaction.token not in log
        assert interaction.token[:24] not in log
    assert "<redacted>" in log


async def test_discord_unreachable_at_start_is_one_line(
    double: DiscordDouble, tmp_path: Path, facts_dir: Path
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    env = bot_environment(double, tmp_path, facts_dir) | {"ATTACHE_E2E_DISCORD_URL": closed}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot",
        env=env, cwd=tmp_path, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    log = out.decode()
    assert process.returncode == 1, log
    assert "Traceback" not in log
    errors = [line for line in log.splitlines() if " ERROR " in line]
    assert len(errors) == 1 and "cannot reach Discord: Cannot connect to host" in errors[0], log


async def test_a_read_only_working_folder_with_memory_storage_still_runs(
    double: DiscordDouble, launch: Launch, tmp_path: Path
) -> None:
    """F-12: `DATABASE_PATH=:memory:` where `data/` cannot be made (as in the Docker image's
    /app) stopped the bot with PermissionError writing data/commands.sha256."""
    (tmp_path / "data").write_text("a file where the folder would go")
    bot = await launch(DATABASE_PATH=":memory:")
    answer = await double.run_command("about", member=member(double))
    assert (await answer.response())["type"] == 4
    assert await bot.stop() == 0
    assert "cannot remember this sync in data/commands.sha256" in bot.log
    assert "Traceback" not in bot.log
