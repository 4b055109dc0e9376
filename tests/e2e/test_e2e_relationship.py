"""End to end: a bot with two relationships (#16). Members pick one, or the server's admins
set its default with /settings relationship, which survives a restart.

The facts are tests/fixtures/facts-two-relationships (Vietnam–Laos and a fictional
Vietnam–Cambodia); which relationship answered is told by the sources the answer cites.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from discord_double import ADMIN_PERMISSIONS, EPHEMERAL, DiscordDouble
from e2e_support import REPO, assert_clean, components, is_private, member, text_of, the_embed
from test_e2e_discord import Launch

TWO = REPO / "tests" / "fixtures" / "facts-two-relationships"
LAOS, CAMBODIA = "vietnam-laos", "vietnam-cambodia"


def _headline(relationship: str) -> str:
    (source,) = (TWO / relationship / "sources").glob("*.toml")
    return str(tomllib.loads(source.read_text("utf-8"))["headline"])


@pytest.fixture
def facts_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "facts"
    shutil.copytree(TWO, copy)
    return copy


async def pillars(double: DiscordDouble, who: dict[str, Any], **options: str) -> str | set[str]:
    """/pillars: which relationship answered (by its source), or the choices offered."""
    answer = await double.run_command("pillars", options, member=who)
    body = await answer.response()
    assert body["type"] == 4, body
    embeds = body["data"].get("embeds") or []
    if answer.message is not None and components(answer.message, 3):
        assert is_private(body)
        (select,) = components(answer.message, 3)
        return {option["value"] for option in select["options"]}
    text = text_of(the_embed(body["data"])) if embeds else str(body["data"])
    found = [r for r in (LAOS, CAMBODIA) if _headline(r) in text]
    assert len(found) == 1, text
    return found[0]


async def settings(double: DiscordDouble, who: dict[str, Any], value: str) -> str:
    answer = await double.run_command("settings relationship", {"relationship": value}, member=who)
    body = await answer.response()
    assert body["type"] == 4 and body["data"]["flags"] & EPHEMERAL, body
    assert body["data"]["allowed_mentions"] == {"parse": []}
    return str(body["data"]["content"])


async def test_members_pick_or_the_server_sets_a_default_that_survives_a_restart(
    double: DiscordDouble, launch: Launch
) -> None:
    bot = await launch()
    synced = {c["name"]: c for c in double.guild_commands[double.guild_id]}
    for name in ("visit", "leader", "pillars", "timeline", "search", "about", "sources"):
        (option,) = [o for o in synced[name]["options"] if o["name"] == "relationship"]
        assert option["autocomplete"] is True and option["required"] is False
        assert option["name_localizations"] == {"vi": "quan-hệ"}
    reader = member(double, "reader")
    admin = member(double, "admin", ADMIN_PERMISSIONS)

    assert await pillars(double, reader) == {LAOS, CAMBODIA}  # no default: pick one
    assert await pillars(double, reader, relationship="Campuchia") == CAMBODIA

    assert "Manage Server" in await settings(double, reader, LAOS)
    assert await pillars(double, reader) == {LAOS, CAMBODIA}, "a refusal changes nothing"
    assert "Vietnam – Laos" in await settings(double, admin, "Lào")
    assert await pillars(double, reader) == LAOS
    assert await pillars(double, reader, relationship=CAMBODIA) == CAMBODIA, "the member's wins"

    await assert_clean(double, bot)
    restarted = await launch()
    assert await pillars(double, reader) == LAOS

    assert "no default" in await settings(double, admin, "auto")
    assert await pillars(double, reader) == {LAOS, CAMBODIA}
    await assert_clean(double, restarted)
