"""Fixtures for the end-to-end tests: the Discord double and the real bot process."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from discord_double import DiscordDouble
from e2e_support import FAKE_TOKEN, REPO, BotProcess, bot_environment

HERE = Path(__file__).resolve().parent

Launch = Callable[..., Awaitable[BotProcess]]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: runs the real bot against the local Discord double")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
async def double() -> AsyncIterator[DiscordDouble]:
    double = DiscordDouble(FAKE_TOKEN)
    await double.start()
    try:
        yield double
    finally:
        await double.stop()


@pytest.fixture
def facts_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped facts, so that a test may change or break it."""
    copy = tmp_path / "facts"
    shutil.copytree(REPO / "facts", copy)
    return copy


@pytest.fixture
async def launch(double: DiscordDouble, tmp_path: Path, facts_dir: Path) -> AsyncIterator[Launch]:
    """`await launch(SETTING=value, ...)`: start the bot against the double, wait until it
    has identified on the gateway; every bot started is stopped (SIGTERM) afterwards."""
    started: list[BotProcess] = []

    async def launch(**settings: str | None) -> BotProcess:
        env = bot_environment(double, tmp_path, facts_dir, **settings)
        bot = BotProcess(env, tmp_path, tmp_path / f"bot-{len(started) + 1}.log")
        started.append(bot)
        await bot.start(double)
        return bot

    try:
        yield launch
    finally:
        for bot in started:
            await bot.stop()
            # pytest shows this only when the test fails.
            print(f"---- {bot.log_path.name} (exit {bot.returncode}) ----\n{bot.log[-6000:]}")
        # Every scenario, whatever it did: the token never reaches the logs.
        for bot in started:
            assert FAKE_TOKEN not in bot.log, f"{bot.log_path.name} shows the token"
            assert FAKE_TOKEN.split(".")[0] not in bot.log, "part of the token is logged"
