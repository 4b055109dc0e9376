"""The slash commands as Discord sees them: the real `AttacheBot` and its `CommandTree`, the
payload a sync would send (translations included), the sync hash, and autocomplete."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord import app_commands
from support.discord_rules import (
    BOOLEAN,
    INTEGER,
    STRING,
    autocomplete_problems,
    command_problems,
    describe,
)
from support.paths import REPO, SETTING_NAMES

from bot.core import commands
from bot.core.commands import COMMANDS, Invocation, Option, answer
from bot.core.service import Attache
from bot.frontends.discord import translator
from bot.frontends.discord.client import AttacheBot, command_hash
from bot.frontends.discord.dryrun import sync_body
from bot.frontends.discord.slash import NOT_PUBLIC, PUBLIC, make_command
from bot.frontends.discord.translator import AttacheTranslator
from bot.settings import Settings

GROUPS = {"facts", "settings"}  # Discord-only admin groups, beside the table's commands
NAMING_OPTIONS = {
    (command.name, option.name)
    for command in COMMANDS.values()
    for option in command.options
    if option.completes is not None
}
"""Options that name something (leader, visit, pillar, source): autocompleted."""


def make_bot(attache: Attache) -> AttacheBot:
    return AttacheBot(Settings(), attache)


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "dummy")
    monkeypatch.setenv("DATABASE_PATH", ":memory:")
    monkeypatch.delenv("DISCORD_GUILD_ID", raising=False)


@pytest_asyncio.fixture
async def bot(attache: Attache, settings_env: None) -> AsyncIterator[AttacheBot]:
    built = make_bot(attache)
    try:
        yield built
    finally:
        await built.close()


async def payloads(bot: AttacheBot) -> dict[str, dict[str, Any]]:
    tree = bot.tree
    return {
        command.name: await command.get_translated_payload(tree, AttacheTranslator())
        for command in tree.get_commands()
    }


def interaction(bot: AttacheBot, locale: str = "en-US") -> discord.Interaction[Any]:
    """A real autocomplete interaction, as Discord's gateway would deliver it."""
    data: dict[str, Any] = {
        "id": "1",
        "application_id": "2",
        "type": 4,
        "token": "token",
        "version": 1,
        "locale": locale,
        "channel_id": "5",
        "user": {"id": "6", "username": "user", "discriminator": "0", "avatar": None},
        "entitlements": [],
        "authorizing_integration_owners": {},
        "attachment_size_limit": 8 * 1024 * 1024,
        "data": {"id": "3", "name": "leader", "type": 1, "options": []},
    }
    return discord.Interaction(data=data, state=bot._connection)  # type: ignore[arg-type]


def test_the_readmes_command_list_is_the_table() -> None:
    """The README's table of commands, read from README.md, is the generated commands."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `/([a-z]+)", readme, flags=re.MULTILINE))
    assert listed == set(COMMANDS) | GROUPS


async def test_the_tree_has_every_command_and_the_admin_group(bot: AttacheBot) -> None:
    top = {command.name: command for command in bot.tree.get_commands()}

    assert set(top) == set(COMMANDS) | GROUPS
    facts = top["facts"]
    assert isinstance(facts, app_commands.Group)
    assert {sub.name for sub in facts.commands} == {"reload", "status"}
    for name, spec in COMMANDS.items():
        command = top[name]
        assert isinstance(command, app_commands.Command)
        public = [] if name in NOT_PUBLIC else [PUBLIC]
        required = [o.name for o in spec.options if o.required]
        optional = [o.name for o in spec.options if not o.required]
        assert [p.name for p in command.parameters] == required + optional + public


async def test_an_option_added_to_the_table_appears_on_discord(
    attache: Attache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a command or an option is one change, in the table: here a second, required,
    autocompleted option and a whole new command."""
    leader = COMMANDS["leader"]
    second = Option("other", "khác", "Someone else", "Người khác", required=True,
                    completes=frozenset({"person"}))  # fmt: skip
    monkeypatch.setitem(
        commands.COMMANDS, "leader", dataclasses.replace(leader, options=(*leader.options, second))
    )
    monkeypatch.setitem(
        commands.COMMANDS,
        "compare",
        dataclasses.replace(leader, name="compare", name_vi="so-sánh", options=(second,)),
    )
    bot = make_bot(attache)
    try:
        generated = await payloads(bot)
    finally:
        await bot.close()
    options = {o["name"]: o for o in generated["leader"]["options"]}
    assert list(options) == ["name", "other", "relationship", "public"]  # required ones first
    assert options["other"]["required"] is True and options["other"]["autocomplete"] is True
    assert options["other"]["name_localizations"] == {"vi": "khác"}
    assert generated["compare"]["name_localizations"] == {"vi": "so-sánh"}


async def test_a_generated_command_runs_the_whole_invocation(
    bot: AttacheBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The callback passes every option of the row (None when not given) and `public`."""
    seen: list[tuple[Invocation, bool]] = []

    async def respond(_: Any, invocation: Invocation, *, public: bool = False) -> None:
        seen.append((invocation, public))

    monkeypatch.setattr(bot, "respond", respond)
    fresh = make_command(bot, COMMANDS["visit"])
    await fresh.callback(interaction(bot), query="Hanoi", public=True)  # type: ignore[call-arg]
    await fresh.callback(interaction(bot))  # type: ignore[call-arg]
    assert seen == [
        (Invocation("visit", {"query": "Hanoi", "relationship": None}), True),
        (Invocation("visit", {"query": None, "relationship": None}), False),
    ]


def test_sync_dry_run_prints_what_a_sync_sends_without_a_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTING_NAMES}
    two = Path(__file__).resolve().parents[2] / "fixtures" / "facts-two-relationships"
    env |= {"DISCORD_GUILD_ID": "123456789012345678", "DATABASE_PATH": ":memory:",
            "FACTS_DIR": str(two)}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "bot", "sync", "--dry-run"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert [c["name"] for c in body] == [*COMMANDS, "facts", "settings"]
    choosing = {
        c["name"]
        for c in body
        for o in c.get("options", [])
        if o["name"] == "relationship" and o.get("autocomplete")
    }
    assert choosing == set(COMMANDS) - {"help"}
    (settings,) = [c for c in body if c["name"] == "settings"]
    assert {o["name"] for o in settings["options"]} == {"language", "relationship"}
    assert "guild 123456789012345678" in done.stderr
    assert "Traceback" not in done.stderr


async def test_sync_dry_run_is_the_body_discord_py_sends(bot: AttacheBot) -> None:
    tree = bot.tree
    await tree.set_translator(AttacheTranslator())
    sent = [await c.get_translated_payload(tree, AttacheTranslator()) for c in tree.get_commands()]
    assert await sync_body(Settings()) == sent


async def test_naming_options_autocomplete_and_text_is_bounded(bot: AttacheBot) -> None:
    for name, payload in (await payloads(bot)).items():
        if name in ("facts", "settings"):
            continue
        spec = {option.name: option for option in COMMANDS[name].options}
        for option in payload.get("options", []):
            key = (name, option["name"])
            if option["name"] == PUBLIC:
                assert option["type"] == BOOLEAN and not option["required"], key
                continue
            assert option.get("autocomplete", False) is (key in NAMING_OPTIONS), key
            assert option["required"] is spec[option["name"]].required, key
            if option["type"] == STRING:  # bounded: Discord's bounds are checked below
                assert "max_length" in option, key
                assert option.get("min_length", 0) >= 1, key
            else:
                assert option["type"] == INTEGER, key
                assert option["min_value"] <= 2025 <= option["max_value"], key
    assert payload_options(await payloads(bot)) >= NAMING_OPTIONS
    # Discord's rules (support/discord_rules.py, which the e2e double applies too).
    assert describe(command_problems(list((await payloads(bot)).values()))) == []


def payload_options(all_payloads: dict[str, dict[str, Any]]) -> set[tuple[str, str]]:
    return {(name, o["name"]) for name, p in all_payloads.items() for o in p.get("options", [])}


def _walk(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The command, its options and subcommands, and their options."""
    found = [payload]
    for option in payload.get("options", []):
        found += _walk(option)
    return found


async def test_every_name_and_description_has_a_vietnamese_translation(bot: AttacheBot) -> None:
    for name, payload in (await payloads(bot)).items():
        for item in _walk(payload):
            where = f"/{name} {item['name']}"
            vi_name = item.get("name_localizations", {}).get("vi")
            vi_description = item.get("description_localizations", {}).get("vi")
            assert vi_name and vi_description, where
            assert vi_description != item["description"], where
        if name in COMMANDS:
            spec = COMMANDS[name]
            assert payload["name_localizations"] == {"vi": spec.name_vi}
            assert payload["description_localizations"] == {"vi": spec.description_vi}
            table = [o for o in payload.get("options", []) if o["name"] != PUBLIC]
            for option, given in zip(table, spec.options, strict=True):
                assert option["name_localizations"] == {"vi": given.name_vi}
                assert option["description_localizations"] == {"vi": given.description_vi}


async def test_option_names_are_unique_in_each_language(bot: AttacheBot) -> None:
    for name, payload in (await payloads(bot)).items():
        options = payload.get("options", [])
        for names in (
            [o["name"] for o in options],
            [o["name_localizations"]["vi"] for o in options],
        ):
            assert len(names) == len(set(names)), name
    vi_commands = [p["name_localizations"]["vi"] for p in (await payloads(bot)).values()]
    assert len(vi_commands) == len(set(vi_commands))


async def test_command_hash_is_stable(bot: AttacheBot, attache: Attache) -> None:
    first = await command_hash(bot.tree, None)
    again = await command_hash(bot.tree, None)
    other = make_bot(attache)
    try:
        rebuilt = await command_hash(other.tree, None)
    finally:
        await other.close()

    assert first == again == rebuilt
    assert re.fullmatch(r"[0-9a-f]{64}", first)
    assert await command_hash(bot.tree, discord.Object(123)) != first, "guild sync differs"


async def test_command_hash_changes_with_a_description(
    bot: AttacheBot, attache: Attache, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = await command_hash(bot.tree, None)
    about = COMMANDS["about"]
    monkeypatch.setitem(
        commands.COMMANDS, "about", dataclasses.replace(about, description="What this bot is")
    )
    changed = make_bot(attache)
    try:
        after = await command_hash(changed.tree, None)
    finally:
        await changed.close()

    assert after != before


async def test_command_hash_changes_with_a_translation(
    bot: AttacheBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = await command_hash(bot.tree, None)
    monkeypatch.setitem(translator.VIETNAMESE, COMMANDS["about"].description, "Giới thiệu khác")

    assert await command_hash(bot.tree, None) != before


def _completers(bot: AttacheBot) -> list[tuple[str, str, Any]]:
    found = []
    for command in bot.tree.get_commands():
        if isinstance(command, app_commands.Command):
            for parameter in command.parameters:
                if parameter.autocomplete:
                    callback = command._params[parameter.name].autocomplete
                    found.append((command.name, parameter.name, callback))
    return found


@pytest.mark.parametrize("typed", ["", "tô", "x" * 5000, "@everyone", "\ud800"])
@pytest.mark.parametrize("locale", ["en-US", "vi"])
async def test_autocomplete_stays_within_discords_limits(
    bot: AttacheBot, typed: str, locale: str
) -> None:
    completers = _completers(bot)
    assert {(command, option) for command, option, _ in completers} == NAMING_OPTIONS

    for command, option, callback in completers:
        choices = await callback(interaction(bot, locale), typed)
        assert all(isinstance(c, app_commands.Choice) for c in choices)
        assert all(isinstance(c.value, str) for c in choices), (command, option)
        sent = {"choices": [{"name": c.name, "value": c.value} for c in choices]}
        assert describe(autocomplete_problems(sent)) == [], (command, option, typed)


async def test_autocomplete_finds_to_lam_from_to(bot: AttacheBot) -> None:
    completers = {(c, o): callback for c, o, callback in _completers(bot)}
    choices = await completers[("leader", "name")](interaction(bot), "tô")

    assert "to-lam" in {choice.value for choice in choices}
    assert "Tô Lâm" in next(c.name for c in choices if c.value == "to-lam")


async def test_every_suggestion_is_answered_by_its_command(
    bot: AttacheBot, attache: Attache
) -> None:
    """Choices are only suggestions: what autocomplete sends back must resolve again. A
    /visit suggestion may be a person or place, answered with the list of their events."""
    kinds = attache.factset.kinds
    for command, option, callback in _completers(bot):
        choices = await callback(interaction(bot), "")
        assert choices, f"/{command} {option}: something to start with"
        for choice in choices:
            if option == "relationship":  # it completes the others' answers, not alone
                assert choice.value in attache.factset.relationships
                continue
            briefing = await answer(attache, command, {option: choice.value}, "en")
            where = (command, choice.value, briefing.summary.text)
            if briefing.status == "ambiguous":
                assert command == "visit", where
                assert all(kinds[c.value] == "event" for c in briefing.choices), where
            else:
                assert briefing.status == "ok", where
