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

from bot.core.briefings import timeline
from bot.core.briefings.model import Briefing, Choice, Line, Section
from bot.core.commands import Invocation, answer
from bot.core.service import Attache
from bot.frontends.discord.customid import decode_body
from bot.frontends.discord.payload import build_message
from bot.frontends.discord.views import BriefingView, MemoryTokens

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
    assert payload["flags"] & EPHEMERAL, "an answer is private unless the asker shares it"
    share, *related = _buttons(payload)
    assert share["label"] == "Share"
    assert share["custom_id"] == "at:sh:0:leader|To Lam", "the whole invocation, to post it"
    # From a person, their events: buttons that run /visit with the event's id.
    assert related and all(b["custom_id"].startswith("at:go::visit|") for b in related)
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

    december = {f"vietnam-laos/{e['id']}" for e in EVENTS if str(e["date"]).startswith("2025-12")}
    assert len(december) == 2
    menus = [c for row in payload_dict["components"] for c in row["components"] if c["type"] == 3]
    (menu,) = menus
    assert {option["value"] for option in menu["options"]} == december
    assert payload_problems(payload_dict) == []


@pytest.mark.parametrize(
    ("command", "options", "shareable"),
    [
        ("leader", {"name": "To Lam"}, True),
        ("about", {}, True),
        ("leader", {}, False),
        ("leader", {"name": "Donald Trump"}, False),
        ("leader", {"name": "Nguyễn"}, False),
        ("nope", {}, False),
        ("timeline", {"year": 1800}, False),
    ],
)
async def test_answers_are_private_unless_the_asker_makes_them_public(
    attache: Attache, command: str, options: dict[str, Any], shareable: bool
) -> None:
    """Private by default, with Share; `public` posts an answer for the channel with Delete;
    a "pick one", "nothing found" or refusal is private whatever the asker chose."""
    briefing = await answer(attache, command, options, "en")
    invocation = Invocation(command, options)
    private = build_message(briefing, "en", invocation)
    public = build_message(briefing, "en", invocation, public=True)

    assert private.to_payload()["flags"] & EPHEMERAL
    assert private.send_kwargs()["ephemeral"] is True
    labels = [b["label"] for b in _buttons(private.to_payload())]
    assert ("Share" in labels) is shareable
    assert bool(public.to_payload()["flags"] & EPHEMERAL) is not shareable
    labels = [b["label"] for b in _buttons(public.to_payload())]
    assert ("Delete" in labels) is shareable and "Share" not in labels
    for message in (private, public):
        payload = message.to_payload()
        assert payload["allowed_mentions"] == {"parse": []}
        assert message.send_kwargs()["allowed_mentions"].to_dict() == {"parse": []}
        assert payload_problems(payload) == []


def _buttons(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in payload["components"] for c in row["components"] if c["type"] == 2]


def _pages(payload: dict[str, Any]) -> dict[str, int | None]:
    """◀ and ▶ → the page each shows (`at:pg:<page>:…`), None when disabled."""
    return {
        b["label"]: None if b.get("disabled") else int(b["custom_id"].split(":")[2])
        for b in _buttons(payload)
        if b["label"] in "◀▶"
    }


async def test_a_long_timeline_is_paged_with_buttons(
    attache: Attache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped timeline is two pages, so pages are made three events long."""
    monkeypatch.setattr(timeline, "EVENTS_PER_PAGE", 3)
    invocation = Invocation("timeline", {"year": None})
    briefing = await answer(attache, "timeline", {}, "en")
    first = build_message(briefing, "en", invocation)
    pages = first.pages

    assert pages >= 3
    for page in range(pages):
        message = build_message(briefing, "en", invocation, page=page)
        payload = message.to_payload()
        assert _pages(payload) == {
            "◀": page - 1 if page > 0 else None,
            "▶": page + 1 if page < pages - 1 else None,
        }
        assert component_problems(payload["components"]) == []
        assert payload["embeds"][0]["footer"]["text"].endswith(f"{page + 1}/{pages}")
        for button in _buttons(payload):  # the custom id carries the whole invocation
            assert button.get("disabled") or button["custom_id"].endswith(":timeline")


@pytest.mark.parametrize(
    ("pages", "page", "expected"),
    [(2, 0, {"◀": None, "▶": 1}), (2, 1, {"◀": 0, "▶": None}), (3, 1, {"◀": 0, "▶": 2})],
)
def test_page_buttons_differ_and_never_wrap(
    pages: int, page: int, expected: dict[str, int | None]
) -> None:
    """On a two-page answer ◀ and ▶ used to lead to the same page (conformance R4)."""
    briefing = Briefing(title="Pages")
    view = BriefingView(briefing, pages, page, Invocation("timeline", {"year": 2026}))
    rows = view.to_components()
    assert _pages({"components": rows}) == expected
    assert all(
        b.get("disabled") or b["custom_id"].endswith("timeline|2026")
        for b in _buttons({"components": rows})
    )
    assert component_problems(rows) == []


def test_a_typed_option_too_long_for_a_custom_id_still_gets_its_buttons() -> None:
    """Conformance R3: an 80-character query made the id too long and the buttons vanished
    while the footer said "page 1/2". Now the invocation goes under a token."""
    typed = "Top Lao leader’s State visit to help realise Vietnam–Laos strategic cohesion " * 2
    invocation = Invocation("sources", {"source": typed})
    tokens = MemoryTokens()
    view = BriefingView(Briefing(title="Long"), 2, 0, invocation, tokens=tokens)
    rows = view.to_components()
    forward = next(b for b in _buttons({"components": rows}) if b["label"] == "▶")
    share = next(b for b in _buttons({"components": rows}) if b["label"] == "Share")
    for button in (forward, share):
        assert len(button["custom_id"]) <= 100
        body = button["custom_id"].split(":", 3)[3]
        assert body.startswith("#")
        assert decode_body(body, tokens).invocation == invocation
    assert component_problems(rows) == []


def test_a_single_page_or_no_invocation_has_no_buttons() -> None:
    briefing = Briefing(title="One")
    one_page = BriefingView(briefing, 1, 0, Invocation("about", {}))
    assert [b["label"] for b in _buttons({"components": one_page.to_components()})] == ["Share"]
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
