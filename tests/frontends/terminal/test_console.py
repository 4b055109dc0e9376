"""The terminal front end: reading `/command option:value`, the console loop, and the real
CLI (`python -m bot`, `ask`, `complete`) run as a subprocess."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from support import shipped
from support.cli import clean_env, run_bot

from bot.core.commands import Invocation
from bot.core.service import Attache
from bot.frontends.commandline import parse_invocation
from bot.frontends.terminal.console import answer_line, run_console

REPO = Path(__file__).resolve().parents[3]
PEOPLE: list[dict[str, Any]] = shipped.PEOPLE
SOURCES = shipped.SOURCE_BY_ID
TO_LAM = next(p for p in PEOPLE if p["id"] == "to-lam")
COMMAND_NAMES = ("visit", "leader", "pillars", "timeline", "search", "about", "sources", "help")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/leader To Lam", Invocation("leader", {"name": "To Lam"})),
        ("/leader name:To Lam", Invocation("leader", {"name": "To Lam"})),
        ("/leader name: Tô Lâm ", Invocation("leader", {"name": "Tô Lâm"})),
        ("  /LEADER   To Lam  ", Invocation("leader", {"name": "To Lam"})),
        ("leader To Lam", Invocation("leader", {"name": "To Lam"})),
        ("/visit", Invocation("visit", {})),
        ("/visit tháng 1 2026", Invocation("visit", {"query": "tháng 1 2026"})),
        ("/visit query:December 2025", Invocation("visit", {"query": "December 2025"})),
        ("/timeline 2026", Invocation("timeline", {"year": "2026"})),
        ("/timeline year:2025", Invocation("timeline", {"year": "2025"})),
        ("/pillars pillar:defence", Invocation("pillars", {"pillar": "defence"})),
        ("/search strategic cohesion", Invocation("search", {"text": "strategic cohesion"})),
        # `name:` is not an option of /search: it is part of the text
        ("/search text:a name:b", Invocation("search", {"text": "a name:b"})),
        ("/sources", Invocation("sources", {})),
        ("/help", Invocation("help", {})),
        ("/about", Invocation("about", {})),
        # unknown commands are passed on for the core to answer
        ("/nope something", Invocation("nope", {})),
        ("/", Invocation("", {})),
    ],
)
def test_parse_invocation(line: str, expected: Invocation) -> None:
    assert parse_invocation(line) == expected


@pytest.mark.parametrize("line", ["", "   ", "\n", "\t \n"])
def test_an_empty_line_is_no_invocation(line: str) -> None:
    assert parse_invocation(line) is None


async def test_answer_line_answers_as_text(attache: Attache) -> None:
    text = await answer_line(attache, "/leader To Lam")

    assert text is not None
    assert TO_LAM["name_en"] in text
    for title in TO_LAM["titles"]:
        assert title["title"] in text
        assert SOURCES[title["source"]]["headline"] in text
    assert await answer_line(attache, "   ") is None


async def test_answer_line_in_vietnamese(attache: Attache) -> None:
    english = await answer_line(attache, "/leader To Lam", "en")
    vietnamese = await answer_line(attache, "/leader To Lam", "vi")

    assert english and vietnamese and english != vietnamese
    assert TO_LAM["titles"][0]["title_vi"] in vietnamese


@pytest.mark.parametrize("line", ["/leader Nguyen", "/visit December 2025", "/visit Thongloun"])
async def test_every_offered_choice_can_be_typed_back_as_shown(attache: Attache, line: str) -> None:
    """The console lists the choices of an ambiguous answer as commands: each must work."""
    text = await answer_line(attache, line)
    assert text is not None
    offered = [row.strip().split("  —")[0] for row in text.splitlines() if row.startswith("  /")]
    assert len(offered) >= 2, text
    for command in offered:
        chosen = await answer_line(attache, command)
        assert chosen is not None
        assert "Nothing found" not in chosen and "pick one" not in chosen, (command, chosen)


async def test_run_console_reads_one_command_per_line(attache: Attache) -> None:
    stdin = io.StringIO("/help\n\n/leader To Lam\n/nope\n/quit\n/about\n")
    stdout = io.StringIO()

    assert await run_console(attache, stdin, stdout) == 0
    out = stdout.getvalue()
    for command in COMMAND_NAMES:
        assert f"/{command}" in out
    assert TO_LAM["titles"][0]["title"] in out
    assert "nope" in out, "an unknown command is answered, not ignored"
    assert "Traceback" not in out
    assert "great friendship" not in out, "/quit stops the console before /about"


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = clean_env(DISCORD_TOKEN="", DATABASE_PATH=":memory:", FACTS_DIR=str(REPO / "facts"))
    return run_bot(*args, env=env, stdin=stdin)


def test_the_bot_without_a_token_reads_commands_from_stdin() -> None:
    done = run_cli(stdin="/help\n/leader To Lam\n")

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "DISCORD_TOKEN" in done.stderr, "it says in one line why it runs offline"
    for command in COMMAND_NAMES:
        assert f"/{command}" in done.stdout
    assert TO_LAM["name_en"] in done.stdout
    for title in TO_LAM["titles"]:
        assert title["title"] in done.stdout
    help_at = done.stdout.index("/timeline")
    leader_at = done.stdout.index(TO_LAM["titles"][0]["title"])
    assert help_at < leader_at, "answers come in the order asked"


def test_ask_prints_one_answer_as_text() -> None:
    done = run_cli("ask", "/leader name:To Lam")

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert TO_LAM["name_en"] in done.stdout
    for title in TO_LAM["titles"]:
        assert title["title"] in done.stdout
        source = SOURCES[title["source"]]
        assert source["headline"] in done.stdout
        if source.get("url"):
            assert source["url"] in done.stdout


def test_ask_in_vietnamese() -> None:
    done = run_cli("ask", "/leader Tô Lâm", "--locale", "vi")

    assert done.returncode == 0, done.stderr
    assert TO_LAM["titles"][0]["title_vi"] in done.stdout


def test_ask_answers_bad_input_kindly() -> None:
    done = run_cli("ask", "/nope")

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "/help" in done.stdout


def test_ask_without_a_command_is_a_usage_error() -> None:
    done = run_cli("ask", "   ")

    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_complete_prints_choices_as_json() -> None:
    done = run_cli("complete", "/leader name:tô")

    assert done.returncode == 0, done.stderr
    choices = json.loads(done.stdout)
    assert isinstance(choices, list) and len(choices) <= 25
    assert all(set(choice) == {"name", "value"} for choice in choices)
    assert "to-lam" in {choice["value"] for choice in choices}
    assert any(TO_LAM["name_vi"] in choice["name"] for choice in choices)
