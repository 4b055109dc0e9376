"""The heartbeat file and `python -m bot health` (red-team F-20: the old healthcheck ran
`facts check`, so a wedged or disconnected bot looked healthy)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.frontends.health import (
    STALE_SECONDS,
    check_health,
    gateway_connected,
    health_path_for,
    heartbeat,
    write_beat,
)

NOW = 1_800_000_000.0


def beat(path: Path, **fields: object) -> Path:
    path.write_text(json.dumps({"at": NOW, "pid": 1, "gateway": True, "facts": "abc"} | fields))
    return path


@pytest.mark.parametrize(
    ("content", "healthy", "line"),
    [
        pytest.param({}, True, "ok: connected to Discord, facts abc, heartbeat 0 s ago", id="ok"),
        pytest.param(
            {"at": NOW - STALE_SECONDS - 1},
            False,
            "unhealthy: last heartbeat 46 s ago: the bot is stuck or stopped",
            id="stale",
        ),
        pytest.param(
            {"gateway": False}, False, "unhealthy: not connected to Discord's gateway", id="gone"
        ),
        pytest.param({"facts": None}, False, "unhealthy: no facts loaded", id="no-facts"),
    ],
)
def test_check_health(tmp_path: Path, content: dict[str, object], healthy: bool, line: str) -> None:
    path = beat(tmp_path / "h.json", **content)
    assert check_health(path, now=NOW) == (healthy, line)


def test_no_file_or_garbage_is_unhealthy(tmp_path: Path) -> None:
    missing = tmp_path / "h.json"
    assert check_health(missing) == (
        False, f"unhealthy: {missing}: no heartbeat: the bot is not running on Discord"
    )  # fmt: skip
    missing.write_text("{half")
    healthy, line = check_health(missing)
    assert not healthy and line.startswith(f"unhealthy: {missing}: unreadable heartbeat")


def test_the_file_sits_beside_the_database() -> None:
    assert health_path_for("/data/attache.sqlite3") == Path("/data/attache.health.json")
    assert health_path_for(":memory:") == Path("data/attache.health.json")


async def test_heartbeat_writes_on_every_change_and_says_stopped(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    state = {"connected": False, "version": "v1"}
    task = asyncio.create_task(
        heartbeat(
            path,
            lambda: bool(state["connected"]),
            lambda: str(state["version"]),
            every=3600,
            tick=0.01,
        )
    )

    async def seen(**expected: object) -> None:
        for _ in range(500):
            if path.exists() and json.loads(path.read_text()).items() >= expected.items():
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"never wrote {expected}: {path.read_text()}")

    await seen(gateway=False, facts="v1")
    state["connected"] = True
    await seen(gateway=True, facts="v1")
    state["version"] = "v2"  # a reload
    await seen(gateway=True, facts="v2")
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert json.loads(path.read_text())["gateway"] is False


def test_write_beat_leaves_no_partial_file(tmp_path: Path) -> None:
    write_beat(tmp_path / "h.json", gateway=True, facts="v")
    assert [p.name for p in tmp_path.iterdir()] == ["h.json"]


def client(*, ready: bool = True, closed: bool = False, **more: object) -> SimpleNamespace:
    return SimpleNamespace(is_ready=lambda: ready, is_closed=lambda: closed, **more)


def shard(closed: bool) -> SimpleNamespace:
    return SimpleNamespace(is_closed=lambda: closed)


@pytest.mark.parametrize(
    ("bot", "connected"),
    [
        pytest.param(client(ws=SimpleNamespace(open=True)), True, id="open"),
        pytest.param(client(ws=SimpleNamespace(open=False)), False, id="socket-closed"),
        pytest.param(client(ws=None), False, id="no-socket"),
        pytest.param(client(ready=False, ws=SimpleNamespace(open=True)), False, id="not-ready"),
        pytest.param(client(closed=True, ws=SimpleNamespace(open=True)), False, id="closed"),
        pytest.param(client(shards={0: shard(False), 1: shard(False)}), True, id="shards-up"),
        pytest.param(client(shards={0: shard(False), 1: shard(True)}), False, id="a-shard-down"),
    ],
)
def test_gateway_connected(bot: SimpleNamespace, connected: bool) -> None:
    assert gateway_connected(bot) is connected
