"""The message payload the bot sends: through the real `ask --json` CLI, and built in
process for choices (a select menu), private answers (flag 64) and page buttons."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import discord
import pytest
from discord_support import (
    EPHEMERAL,
    EVENTS,
    PEOPLE,
    SOURCES,
    component_problems,
    payload_problems,
)
from support.paths import REPO

from bot.core.briefings.model import Briefing, Choice, Line, Section
from bot.core.commands import Invocation, answer
from bot.core.service import Attache
from bot.frontends.discord import render
from bot.frontends.discord.payload import build_message
from bot.frontends.discord.views import BriefingView

PAYLOAD_KEYS = {"content", "embeds", "allowed_mentions", "flags", "components"}


def ask_json(line: str, tmp_path: Path, *extra: str) -> dict[str, Any]:
    env = {
        **os.environ,
        "DISCORD_TOKEN": "",
        "DATABASE_PATH": ":memory:",
        "FACTS_DIR": str(REPO / "facts"),
        "LOG_LEVEL": "WARNING",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", line, "--json", *extra],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    payload: dict[str, Any] = json.loads(done.stdout)
    return payload


def nguyens() -> set[str]:
    return {p["id"] for p in PEOPLE if p["name_en"].split()[0] == "Nguyen"}


def test_ask_json_prints_the_discord_payload(tmp_path: Path) -> None:
    payload = ask_json("/leader name:To Lam", tmp_path)

    assert set(payload) == PAYLOAD_KEYS
    assert payload["content"] is None
    assert payload["allowed_mentions"] == {"parse": []}
    assert payload["flags"] & EPHEMERAL == 0, "an answer is public"
    assert payload["components"] == []
    assert payload_problems(payload) == []
    (embed,) = payload["embeds"]
    assert "To Lam" in embed["title"]
    assert embed["type"] == "rich"
    to_lam = next(p for p in PEOPLE if p["id"] == "to-lam")
    urls = {s["id"]: s.get("url") for s in SOURCES}
    linked = {urls[t["source"]] for t in to_lam["titles"] if urls[t["source"]]}
    text = json.dumps(embed, ensure_ascii=False)
    for url in linked:
        assert f"]({url})" in text, "sources with a known URL are links"


def test_ask_json_ambiguous_in_vietnamese_is_a_private_select_menu(tmp_path: Path) -> None:
    payload = ask_json("/leader Nguyễn", tmp_path, "--locale", "vi")

    assert set(payload) == PAYLOAD_KEYS
    assert payload["flags"] & EPHEMERAL, "a choice is shown only to the one who asked"
    assert payload_problems(payload) == []
    (row,) = payload["components"]
    assert row["type"] == 1
    (menu,) = row["components"]
    assert menu["type"] == 3
    assert {option["value"] for option in menu["options"]} == nguyens()
    assert all("Nguy" in option["label"] for option in menu["options"])


async def test_several_visits_in_a_month_are_a_select_menu(attache: Attache) -> None:
    briefing = await answer(attache, "visit", {"query": "December 2025"}, "en")
    payload = build_message(briefing, "en", Invocation("visit", {"query": "December 2025"}))
    payload_dict = payload.to_payload()

    december = {e["id"] for e in EVENTS if str(e["date"]).startswith("2025-12")}
    assert len(december) == 2
    menus = [c for row in payload_dict["components"] for c in row["components"] if c["type"] == 3]
    (menu,) = menus
    assert {option["value"] for option in menu["options"]} == december
    assert payload_problems(payload_dict) == []


@pytest.mark.parametrize(
    ("command", "options", "private"),
    [
        ("leader", {"name": "To Lam"}, False),
        ("about", {}, False),
        ("leader", {}, True),
        ("leader", {"name": "Donald Trump"}, True),
        ("leader", {"name": "Nguyễn"}, True),
        ("nope", {}, True),
        ("timeline", {"year": 1800}, True),
    ],
)
async def test_private_answers_have_the_ephemeral_flag(
    attache: Attache, command: str, options: dict[str, Any], private: bool
) -> None:
    briefing = await answer(attache, command, options, "en")
    message = build_message(briefing, "en", Invocation(command, options))
    payload = message.to_payload()

    assert bool(payload["flags"] & EPHEMERAL) is private
    assert message.send_kwargs()["ephemeral"] is private
    assert payload["allowed_mentions"] == {"parse": []}
    assert message.send_kwargs()["allowed_mentions"].to_dict() == {"parse": []}
    assert payload_problems(payload) == []


def _buttons(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in payload["components"] for c in row["components"] if c["type"] == 2]


def _target(custom_id: str) -> int:
    """`attache:page:<page>:<direction>:…` → the page the button shows."""
    return int(custom_id.split(":")[2])


async def test_a_long_timeline_is_paged_with_buttons(
    attache: Attache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped timeline fits one embed, so the page budget is made tiny."""
    monkeypatch.setattr(render, "LIMITS", render.Limits(total=1400, fields=2))
    invocation = Invocation("timeline", {"year": None})
    briefing = await answer(attache, "timeline", {}, "en")
    first = build_message(briefing, "en", invocation)
    pages = len(first.embeds)

    assert pages >= 3
    for page in range(pages):
        message = build_message(briefing, "en", invocation, page=page)
        payload = message.to_payload()
        buttons = _buttons(payload)
        assert len(buttons) == 2
        assert {_target(b["custom_id"]) for b in buttons} == {
            (page - 1) % pages,
            (page + 1) % pages,
        }
        assert component_problems(payload["components"]) == []
        assert payload["embeds"][0]["footer"]["text"].endswith(f"{page + 1}/{pages}")
        for button in buttons:  # the custom id carries what is needed to re-run the command
            assert ":timeline:" in button["custom_id"]


def test_a_view_over_three_pages_has_two_buttons() -> None:
    briefing = Briefing(title="Three pages")
    invocation = Invocation("timeline", {"year": 2026})
    view = BriefingView(briefing, 3, 0, invocation)
    rows = view.to_components()

    buttons = [c for row in rows for c in row["components"] if c["type"] == 2]
    assert len(buttons) == 2
    assert {_target(b["custom_id"]) for b in buttons} == {2, 1}
    assert all("2026" in b["custom_id"] for b in buttons)
    assert component_problems(rows) == []


def test_a_single_page_or_no_invocation_has_no_buttons() -> None:
    briefing = Briefing(title="One")
    assert BriefingView(briefing, 1, 0, Invocation("about", {})).is_empty
    assert BriefingView(briefing, 3, 0, None).is_empty
    message = build_message(briefing, "en")
    assert message.view is None
    assert message.to_payload()["components"] == []


def test_a_select_menu_keeps_within_discords_limits() -> None:
    choices = tuple(
        Choice(f"Candidate {n} " + "long label " * 30, f"id-{n}-" + "x" * 150, "d" * 300)
        for n in range(40)
    )
    briefing = Briefing(
        title="Pick " * 100,
        summary=Line("many"),
        sections=(Section("Candidates", tuple(Line(c.label) for c in choices)),),
        status="ambiguous",
        choices=choices,
        choice_command="leader",
        choice_option="name",
        private=True,
    )
    payload = build_message(briefing, "en").to_payload()

    assert payload_problems(payload) == []
    (menu,) = [c for row in payload["components"] for c in row["components"]]
    assert len(menu["options"]) == 25


def test_the_payload_is_what_discord_py_would_send() -> None:
    briefing = Briefing(title="Same", summary=Line("as discord.py"))
    message = build_message(briefing, "en")

    assert message.to_payload()["embeds"] == [message.first.to_dict()]
    assert isinstance(message.first, discord.Embed)
