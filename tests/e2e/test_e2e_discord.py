"""End to end: the real, unmodified bot process (`python -m bot`) against the Discord double.

Each scenario starts its own bot (about half a second) so that none depends on another, and
ends with `assert_clean`: the bot stops cleanly on SIGTERM, the double recorded no violation of
Discord's rules, nothing came after a complete answer, and the bot logged no error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from discord_double import (
    ADMIN_PERMISSIONS,
    DISCORD_LOCALES,
    EPHEMERAL,
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    DiscordDouble,
    Interaction,
    command_problems,
    message_problems,
)
from e2e_support import (
    COMMANDS,
    GROUPS,
    NO_MENTIONS,
    BotProcess,
    add_events,
    add_many_events,
    assert_clean,
    assert_sourced,
    button,
    components,
    field,
    is_private,
    member,
    text_of,
    the_embed,
)

Launch = Callable[..., Awaitable[BotProcess]]

# ---- start-up and command sync --------------------------------------------------------------


async def test_startup_syncs_commands_to_the_guild(
    double: DiscordDouble, launch: Launch, tmp_path: Path
) -> None:
    bot = await launch()
    assert double.requests[:3] == [
        ("GET", "/users/@me"),
        ("GET", "/oauth2/applications/@me"),
        ("PUT", f"/applications/{double.application_id}/guilds/{double.guild_id}/commands"),
    ]
    assert [guild for guild, _ in double.command_puts] == [double.guild_id]
    assert double.global_commands == []
    commands = {c["name"]: c for c in double.guild_commands[double.guild_id]}
    assert set(commands) == COMMANDS
    # Localised for Vietnamese, and only with locales Discord knows (the double checks it too).
    assert commands["leader"]["name_localizations"] == {"vi": "lãnh-đạo"}
    assert commands["leader"]["options"][0]["required"] is True
    assert commands["leader"]["options"][0]["autocomplete"] is True
    for command in commands.values():
        assert set(command.get("description_localizations") or {}) <= DISCORD_LOCALES
    facts = commands["facts"]
    assert int(facts["default_member_permissions"]) == MANAGE_GUILD
    assert {o["name"] for o in facts["options"]} == {"reload", "status"}
    assert (tmp_path / "data" / "commands.sha256").is_file()
    assert double.identify_payloads[0]["intents"] == 0  # no intents: slash commands only
    assert double.heartbeats >= 1  # discord.py beats at once after HELLO

    answer = await double.run_command("about", member=member(double))
    assert (await answer.response())["type"] == 4
    assert await bot.stop() == 0  # SIGTERM: a clean exit
    await double.wait_for(lambda: not double.connected, 5, "the gateway connection to close")

    # The same commands on the next start: the hash next to the database says no sync.
    again = await launch()
    assert len(double.command_puts) == 1
    assert "commands unchanged since the last sync" in again.log
    answer = await double.run_command("help", member=member(double))
    assert (await answer.response())["type"] == 4
    await assert_clean(double, bot, again)


async def test_startup_syncs_commands_globally(double: DiscordDouble, launch: Launch) -> None:
    bot = await launch(DISCORD_GUILD_ID=None)
    assert [guild for guild, _ in double.command_puts] == [None]
    assert double.guild_commands == {}
    assert {c["name"] for c in double.global_commands} == COMMANDS
    answer = await double.run_command("help", member=member(double))
    assert "guild_id" not in answer.payload["data"]  # a global command, resolved as such
    embed = the_embed((await answer.response())["data"])
    for name in COMMANDS - GROUPS:
        assert f"/{name}" in text_of(embed)
    # Global commands also work in a DM with the bot (/facts is for servers only).
    with pytest.raises(AssertionError, match="no /facts in DMs"):
        double.command_data("facts status", in_dm=True)
    answer = await double.run_command(
        "leader", {"name": "To Lam"}, member=member(double), in_dm=True
    )
    assert_sourced(the_embed((await answer.response())["data"]))
    await assert_clean(double, bot)


# ---- every slash command ------------------------------------------------------------------

SOURCED_ANSWERS: list[tuple[str, dict[str, Any], str]] = [
    ("visit", {}, ""),
    ("visit", {"query": "tháng 1 2026"}, "Thongloun"),
    ("visit", {"query": "thongloun-state-visit-vietnam-2026-01"}, "Thongloun"),
    ("leader", {"name": "Tô Lâm"}, "Tô Lâm"),
    ("leader", {"name": "General Secretary To Lam"}, "Tô Lâm"),
    ("pillars", {}, ""),
    ("pillars", {"pillar": "defence"}, "Defence and security"),
    ("timeline", {}, "Timeline"),
    ("timeline", {"year": 2026}, "2026"),
    ("search", {"text": "strategic cohesion"}, ""),
    ("about", {}, ""),
    ("sources", {}, ""),
    ("sources", {"source": "Party chief meets"}, "Party chief meets"),
]


async def test_every_slash_command_answers_with_a_sourced_embed(
    double: DiscordDouble, launch: Launch
) -> None:
    bot = await launch()
    user = member(double)
    for command, options, title in SOURCED_ANSWERS:
        answer = await double.run_command(command, options, member=user)
        body = await answer.response()
        assert body["type"] == 4, (command, options, body)
        data = body["data"]
        assert data["allowed_mentions"] == NO_MENTIONS
        # Private unless the asker chooses `public`, with a Share button to post it.
        assert data["flags"] & EPHEMERAL, (command, options)
        assert answer.message is not None
        assert button(answer.message, "Share")
        embed = the_embed(data)
        assert title in embed["title"], (command, options, embed["title"])
        assert embed["footer"]["text"].startswith("Facts as of "), embed["footer"]
        if command == "sources" and not options:  # the list of sources itself
            assert "[1] " in (field(embed, "Sources") or ""), text_of(embed)
        else:
            assert_sourced(embed)
        assert answer.callback_after is not None and answer.callback_after < 3

    # /help is about the bot, not the facts: every command with an example, no sources.
    answer = await double.run_command("help", member=user)
    embed = the_embed((await answer.response())["data"])
    for name in COMMANDS - GROUPS:
        assert f"/{name} — " in text_of(embed)

    # A Vietnamese-speaking member gets Vietnamese labels from the same command.
    answer = await double.run_command("leader", {"name": "to lam"}, member=user, locale="vi")
    assert_sourced(the_embed((await answer.response())["data"]), sources_label="Nguồn")

    # `public:True` posts it for the channel, with Delete (for the asker) instead of Share.
    answer = await double.run_command("leader", {"name": "Tô Lâm", "public": True}, member=user)
    assert not is_private(await answer.response())
    assert answer.message is not None and button(answer.message, "Delete")

    # Nothing found is an answer too: private, and still within Discord's rules.
    answer = await double.run_command("leader", {"name": "Nobody Atall"}, member=user)
    assert (await answer.response())["data"]["flags"] & EPHEMERAL
    await assert_clean(double, bot)


# ---- autocomplete -------------------------------------------------------------------------


async def test_autocomplete_offers_choices_within_limits(
    double: DiscordDouble, launch: Launch
) -> None:
    bot = await launch()
    user = member(double)
    cases = [
        ("leader", "name", "tô", "to-lam"),
        ("leader", "name", "thongloun", "thongloun-sisoulith"),
        ("visit", "query", "", None),
        ("pillars", "pillar", "def", "vietnam-laos/defence-security"),  # its relationship's
        ("pillars", "relationship", "lao", "vietnam-laos"),
        ("sources", "source", "party", "vns-2026-02-05-community-vientiane"),
    ]
    for command, option, typed, expected in cases:
        asked = await double.autocomplete(command, {option: typed}, option, member=user)
        body = await asked.response()
        assert body["type"] == 8, body
        choices = body["data"]["choices"]
        assert 0 < len(choices) <= 25, choices
        assert all(1 <= len(c["name"]) <= 100 and 1 <= len(c["value"]) <= 100 for c in choices)
        if expected is not None:
            assert choices[0]["value"] == expected, choices

    # The value a member picks is what the command then receives, and it answers.
    answer = await double.run_command("leader", {"name": "to-lam"}, member=user)
    assert "Tô Lâm" in the_embed((await answer.response())["data"])["title"]
    await assert_clean(double, bot)


# ---- components ---------------------------------------------------------------------------


async def test_select_menu_and_page_buttons(
    double: DiscordDouble, launch: Launch, facts_dir: Path
) -> None:
    add_many_events(facts_dir, 80)  # /timeline 2025 over several pages
    bot = await launch()
    user = member(double)

    # "Nguyễn" matches two people: a private answer with a select menu to pick one; picking
    # turns the picker itself into the answer.
    ambiguous = await double.run_command("leader", {"name": "Nguyễn"}, member=user)
    body = await ambiguous.response()
    assert body["type"] == 4 and is_private(body)
    assert ambiguous.message is not None
    (select,) = components(ambiguous.message, 3)
    values = {option["value"] for option in select["options"]}
    assert {"nguyen-minh-tam", "nguyen-minh-vu"} <= values
    picked = await double.use_component(
        ambiguous.message, select["custom_id"], values=["nguyen-minh-tam"], member=user
    )
    body = await picked.response()
    assert body["type"] == 7, body  # the asker's private picker, updated in place
    embed = the_embed(body["data"])
    assert "Nguyễn Minh Tâm" in embed["title"]
    assert_sourced(embed)

    # A long answer has page buttons that never wrap: ◀ is disabled on page 1, ▶ on the last.
    long = await double.run_command("timeline", {"year": 2025, "public": True}, member=user)
    body = await long.response()
    footer = the_embed(body["data"])["footer"]["text"]
    pages = int(footer.rsplit("/", 1)[1])
    assert footer.endswith(f"page 1/{pages}") and pages >= 3, footer
    assert long.message is not None
    message = long.message
    assert button(message, "◀")["disabled"] is True
    for label, expected in (("▶", 2), ("◀", 1), *(("▶", n) for n in range(2, pages + 1))):
        click = await double.use_component(
            message, button(message, label)["custom_id"], member=user
        )
        body = await click.response()
        assert body["type"] == 7, body  # the asker's own message, updated in place
        assert the_embed(body["data"])["footer"]["text"].endswith(f"page {expected}/{pages}")
        assert click.message is not None and click.message["id"] == message["id"]
        message = click.message
    assert button(message, "▶")["disabled"] is True
    assert button(message, "◀")["disabled"] is False
    await assert_clean(double, bot)


async def test_a_menu_from_before_a_restart_still_answers(
    double: DiscordDouble, launch: Launch, facts_dir: Path
) -> None:
    add_many_events(facts_dir, 80)
    bot = await launch()
    user = member(double)
    ambiguous = await double.run_command("leader", {"name": "Nguyễn"}, member=user)
    await ambiguous.response()
    assert ambiguous.message is not None
    long = await double.run_command("timeline", {"year": 2025}, member=user)
    await long.response()
    assert long.message is not None
    # Too long for a custom_id: the invocation is kept under a token in the database.
    typed = "strategic cohesion between the two parties and the two states and the peoples " * 2
    searched = await double.run_command("search", {"text": typed.strip()}, member=user)
    await searched.response()
    assert searched.message is not None
    share = button(searched.message, "Share")
    assert share["custom_id"].startswith("at:sh:0:#"), share
    await assert_clean(double, bot)

    restarted = await launch()
    # Menus and buttons carry what they need in their custom ids: a new process answers them.
    (select,) = components(ambiguous.message, 3)
    picked = await double.use_component(
        ambiguous.message, select["custom_id"], values=["nguyen-minh-tam"], member=user
    )
    body = await picked.response(timeout=3.5)
    assert body["type"] == 7
    assert "Nguyễn Minh Tâm" in the_embed(body["data"])["title"]
    forward = button(long.message, "▶")
    click = await double.use_component(long.message, forward["custom_id"], member=user)
    body = await click.response(timeout=3.5)
    assert body["type"] == 7
    assert "page 2/" in the_embed(body["data"])["footer"]["text"]
    shared = await double.use_component(searched.message, share["custom_id"], member=user)
    body = await shared.response(timeout=3.5)
    assert body["type"] == 4 and not is_private(body), body
    assert "strategic cohesion" in the_embed(body["data"])["title"]
    await assert_clean(double, restarted)


# ---- /facts reload ------------------------------------------------------------------------


async def test_only_the_bots_admins_may_reload_or_see_the_status(
    double: DiscordDouble, launch: Launch
) -> None:
    fact_admin = double.user("fact-admin")
    curators = double.snowflake()  # a role listed in ADMIN_ROLE_IDS, in ADMIN_GUILD_ID
    bot = await launch(
        ADMIN_USER_IDS=fact_admin["id"], ADMIN_ROLE_IDS=curators, ADMIN_GUILD_ID=double.guild_id
    )
    # Manage Server (here, or in any server that invites the bot) is not enough: the facts
    # are shared by every server. Server admins can let anyone see /facts; the bot checks.
    server_admin = member(double, "server-admin", ADMIN_PERMISSIONS)
    someone = member(double, "someone", MEMBER_PERMISSIONS)
    for who in (server_admin, someone):
        for path in ("facts reload", "facts status"):
            asked = await double.run_command(path, member=who)
            body = await asked.response()
            assert body["type"] == 4, body
            assert is_private(body)
            assert "Manage Server is not enough" in body["data"]["content"]
            assert "embeds" not in body["data"] or not body["data"]["embeds"]
            assert body["data"]["allowed_mentions"] == NO_MENTIONS
            assert asked.followups == []

    # The application's owner, listed users and members of listed roles in the admin server
    # may, without Manage Server; and the refused reloads above never ran.
    allowed = [
        double.member(double.owner, MEMBER_PERMISSIONS),
        double.member(fact_admin, MEMBER_PERMISSIONS),
        double.member(double.user("curator"), MEMBER_PERMISSIONS, roles=(curators,)),
    ]
    for who in allowed:
        status = await double.run_command("facts status", member=who)
        embed = the_embed((await status.response())["data"])
        assert embed["title"] == "Facts status", text_of(embed)
        assert field(embed, "Last reloads") is None, text_of(embed)
    assert "refused /facts reload to user" in bot.log
    await assert_clean(double, bot)


async def test_cooldown_refuses_a_second_command_too_soon(
    double: DiscordDouble, launch: Launch
) -> None:
    bot = await launch(COMMAND_COOLDOWN_SECONDS="60")
    hasty, other = member(double, "hasty"), member(double, "other")
    first = await double.run_command("about", member=hasty)
    assert the_embed((await first.response())["data"])
    again = await double.run_command("pillars", member=hasty)
    body = await again.response()
    assert body["data"]["flags"] & EPHEMERAL and "Slow down" in body["data"]["content"], body
    # The cooldown is per user: someone else is answered at once.
    theirs = await double.run_command("pillars", member=other)
    assert_sourced(the_embed((await theirs.response())["data"]))
    await assert_clean(double, bot)


async def test_admin_reloads_good_then_broken_facts(
    double: DiscordDouble, launch: Launch, facts_dir: Path
) -> None:
    bot = await launch()
    admin = double.member(double.owner, MEMBER_PERMISSIONS)  # the application's owner

    add_events(facts_dir, range(1, 2))
    good = await double.run_command("facts reload", member=admin)
    body = await good.response()
    assert body == {"type": 5, "data": {"flags": EPHEMERAL}}  # deferred, privately
    report = await good.followup()
    assert report["flags"] & EPHEMERAL and report["allowed_mentions"] == NO_MENTIONS
    embed = the_embed(report)
    assert embed["title"] == "Facts reloaded", text_of(embed)
    assert "e2e-filler-01" in text_of(embed)

    people = facts_dir / "people" / "to-lam.toml"
    people.write_text(people.read_text(encoding="utf-8") + "\n[[titles]\nid = = \n", "utf-8")
    broken = await double.run_command("facts reload", member=admin)
    assert (await broken.response())["type"] == 5
    embed = the_embed(await broken.followup())
    assert embed["title"] == "Reload rejected", text_of(embed)
    assert "to-lam.toml" in text_of(embed)

    # The bot keeps answering from the last good facts, the added event included.
    answer = await double.run_command("leader", {"name": "To Lam"}, member=member(double))
    embed = the_embed((await answer.response())["data"])
    assert "Tô Lâm" in embed["title"]
    assert_sourced(embed)
    answer = await double.run_command("timeline", {"year": 2025}, member=member(double))
    assert "Filler meeting 1" in text_of(the_embed((await answer.response())["data"]))

    status = await double.run_command("facts status", member=admin)
    embed = the_embed((await status.response())["data"])
    last = field(embed, "Last reloads") or ""
    assert "rejected" in last and "ok " in last, text_of(embed)
    await assert_clean(double, bot)


# ---- the gateway drops the connection -----------------------------------------------------


async def test_gateway_drop_then_resume(double: DiscordDouble, launch: Launch) -> None:
    bot = await launch()
    user = member(double)
    before = await double.run_command("about", member=user)
    assert (await before.response())["type"] == 4

    await double.drop_connection(4000)  # "Unknown error": resumable
    await double.wait_for(lambda: double.resumes == 1 and double.connected, 20, "RESUME")
    assert double.gateway_paths == ["/gateway", "/resume"]  # resumed at resume_gateway_url
    assert double.identifies == 1  # resumed, not identified again

    after = await double.run_command("leader", {"name": "Thongloun"}, member=user)
    embed = the_embed((await after.response())["data"])
    assert "Thongloun" in embed["title"]
    await assert_clean(double, bot)


# ---- the double itself --------------------------------------------------------------------


def test_the_double_refuses_what_discord_refuses() -> None:
    """The checks are not vacuous: each rule catches a payload that breaks it."""
    good = {"name": "leader", "description": "A leader", "type": 1, "options": []}
    assert command_problems([good]) == []
    broken_commands = [
        {**good, "name": "Leader"},
        {**good, "name": "x" * 33},
        {**good, "name": "has space"},
        {**good, "description": ""},
        {**good, "description": "d" * 101},
        {**good, "name_localizations": {"en": "leader"}},
        {**good, "description_localizations": {"vi-VN": "Một lãnh đạo"}},
        {**good, "options": [{"name": f"o{i}", "description": "d", "type": 3} for i in range(26)]},
        {**good, "options": [{"name": "a", "description": "d", "type": 3},
                             {"name": "b", "description": "d", "type": 3, "required": True}]},
        {**good, "options": [{"name": "a", "description": "d", "type": 3, "choices": [
            {"name": str(i), "value": str(i)} for i in range(26)]}]},
    ]  # fmt: skip
    for command in broken_commands:
        assert command_problems([command]), command

    message = {"embeds": [{"title": "t", "description": "d"}], "allowed_mentions": NO_MENTIONS}
    assert message_problems(message) == []
    field_ = {"name": "n", "value": "v" * 1000}
    broken_messages = [
        {**message, "allowed_mentions": None},
        {"embeds": message["embeds"]},
        {**message, "allowed_mentions": {"parse": ["users"]}},
        {**message, "embeds": [{"title": "t" * 257}]},
        {**message, "embeds": [{"description": "d" * 4097}]},
        {**message, "embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]},
        {**message, "embeds": [{"fields": [{"name": "n" * 257, "value": "v"}]}]},
        {**message, "embeds": [{"fields": [{"name": "n", "value": "v" * 1025}]}]},
        {**message, "embeds": [{"fields": [{"name": "", "value": "v"}]}]},
        {**message, "embeds": [{"footer": {"text": "f" * 2049}}]},
        {**message, "embeds": [{"fields": [field_] * 7}]},  # 7 × 1001 > 6000
        {**message, "embeds": [{"title": "t"}] * 11},
        {"allowed_mentions": NO_MENTIONS},  # empty
    ]
    for broken in broken_messages:
        assert message_problems(broken), broken


async def test_the_double_enforces_one_timely_callback(double: DiscordDouble) -> None:
    """A second callback is 40060; one after three seconds is 10062 (Unknown interaction)."""
    double.guild_commands[double.guild_id] = [
        {"id": "1", "name": "about", "description": "d", "type": 1, "options": []}
    ]
    user = member(double)
    reply = {"type": 4, "data": {"content": "hi", "allowed_mentions": NO_MENTIONS}}
    payload = double.interaction_payload(2, double.command_data("about"), member=user)
    twice = double.interactions[payload["id"]] = _interaction(payload)
    late_payload = double.interaction_payload(2, double.command_data("about"), member=user)
    late = double.interactions[late_payload["id"]] = _interaction(late_payload, age=3.5)
    long_payload = double.interaction_payload(2, double.command_data("about"), member=user)
    too_long = double.interactions[long_payload["id"]] = _interaction(long_payload)
    async with aiohttp.ClientSession() as session:

        async def post(interaction: Any, body: Any = reply) -> tuple[int, Any]:
            url = f"{double.url}/api/v10/interactions/{interaction.id}/{interaction.token}/callback"
            async with session.post(url, json=body) as response:
                assert response.headers["Content-Type"] == "application/json"
                return response.status, await response.json()

        assert (await post(twice))[0] == 200
        acknowledged = {"message": "Interaction has already been acknowledged.", "code": 40060}
        assert await post(twice) == (400, acknowledged)
        assert await post(late) == (404, {"message": "Unknown interaction", "code": 10062})

        # A rule broken: Discord's error shape, and the interaction is still unanswered.
        title = {"embeds": [{"title": "t" * 257}], "allowed_mentions": NO_MENTIONS}
        status, error = await post(too_long, {"type": 4, "data": title})
        assert status == 400
        assert error == {
            "code": 50035,
            "errors": {"data": {"embeds": {"0": {"title": {"_errors": [
                {"code": "BASE_TYPE_BAD_LENGTH", "message": "Must be 256 or fewer in length."}
            ]}}}}},
            "message": "Invalid Form Body",
        }  # fmt: skip
        assert (await post(too_long))[0] == 200
    assert len(double.violations) == 3
    double.violations.clear()


def _interaction(payload: dict[str, Any], age: float = 0.0) -> Interaction:
    """An interaction the double counts as sent `age` seconds ago."""
    interaction = Interaction(payload["id"], payload["token"], payload["type"], payload)
    interaction.sent_at = asyncio.get_running_loop().time() - age
    return interaction
