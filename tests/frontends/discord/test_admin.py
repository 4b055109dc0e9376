"""`/facts reload` and `/facts status`: who may run them, and what a refused or allowed call
does. The interactions are real `discord.Interaction` objects built from INTERACTION_CREATE
payloads; what the bot answers is captured at discord.py's webhook adapter (the last step
before HTTP), so the real `InteractionResponse` code runs.

Permission bits: https://discord.com/developers/docs/topics/permissions
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord import app_commands
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

from bot.core.service import Attache
from bot.core.store.audit import audit_path_for
from bot.frontends.discord.admin import refusal
from bot.frontends.discord.client import AttacheBot
from bot.settings import Settings

REPO = Path(__file__).resolve().parents[3]
EPHEMERAL = 1 << 6  # message flag
MANAGE_GUILD = 1 << 5  # 0x20
ADMINISTRATOR = 1 << 3  # 0x8
PLAIN_MEMBER = 1 << 10 | 1 << 11 | 1 << 31  # view channel, send messages, use app commands
GUILD, CHANNEL = 300_000_000_000_000_001, 300_000_000_000_000_002
USER, OTHER_USER = 400_000_000_000_000_001, 400_000_000_000_000_002
CURATOR_ROLE, OTHER_ROLE = 500_000_000_000_000_001, 500_000_000_000_000_002
CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE = 4, 5


# --- payloads ---------------------------------------------------------------------------


def user_payload(user_id: int) -> dict[str, Any]:
    return {
        "id": str(user_id), "username": f"user{user_id % 1000}", "discriminator": "0",
        "global_name": None, "avatar": None, "bot": False, "public_flags": 0,
    }  # fmt: skip


BOT_USER = 800_000_000_000_000_001


def make_bot(attache: Attache, **overrides: Any) -> AttacheBot:
    """The real bot, as it is after READY: its own user known (discord.py needs it to build
    a guild interaction), no gateway connection."""
    bot = AttacheBot(settings(**overrides), attache)
    state = bot._connection
    state.user = discord.ClientUser(state=state, data={**user_payload(BOT_USER), "bot": True})  # type: ignore[arg-type]
    bot.owners.ids = frozenset()  # as if read from Discord: an owner no test user is
    return bot


def command_data(subcommand: str) -> dict[str, Any]:
    return {
        "id": "600000000000000001", "name": "facts", "type": 1,
        "options": [{"name": subcommand, "type": 1, "options": []}],
    }  # fmt: skip


def guild_interaction(
    bot: AttacheBot,
    *,
    permissions: int,
    roles: tuple[int, ...] = (),
    user_id: int = USER,
    subcommand: str = "reload",
) -> discord.Interaction[Any]:
    """/facts <subcommand> from a member of a guild the bot has not cached (no intents)."""
    member = {
        "user": user_payload(user_id), "roles": [str(r) for r in roles],
        "joined_at": "2025-01-01T00:00:00.000000+00:00", "premium_since": None,
        "deaf": False, "mute": False, "pending": False, "nick": None, "avatar": None,
        "flags": 0, "communication_disabled_until": None, "permissions": str(permissions),
    }  # fmt: skip
    channel = {
        "id": str(CHANNEL), "type": 0, "guild_id": str(GUILD), "name": "general",
        "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None,
        "flags": 0,
    }  # fmt: skip
    data = {
        "id": "700000000000000001", "application_id": str(BOT_USER), "type": 2,
        "data": command_data(subcommand), "guild_id": str(GUILD),
        "guild": {"id": str(GUILD), "locale": "en-US", "features": []},
        "channel_id": str(CHANNEL), "channel": channel, "member": member,
        "token": "aW50ZXJhY3Rpb24token", "version": 1, "app_permissions": str(PLAIN_MEMBER),
        "locale": "en-US", "guild_locale": "en-US", "entitlements": [],
        "authorizing_integration_owners": {"0": str(GUILD)}, "context": 0,
        "attachment_size_limit": 10 * 1024 * 1024,
    }  # fmt: skip
    return discord.Interaction(data=data, state=bot._connection)  # type: ignore[arg-type]


def dm_interaction(
    bot: AttacheBot, *, user_id: int = USER, subcommand: str = "reload"
) -> discord.Interaction[Any]:
    """/facts <subcommand> in a direct message: a `user`, no guild, no member."""
    channel = {"id": "900000000000000001", "type": 1, "last_message_id": None, "flags": 0,
               "recipients": [user_payload(user_id)]}  # fmt: skip
    data = {
        "id": "700000000000000002", "application_id": str(BOT_USER), "type": 2,
        "data": command_data(subcommand), "channel_id": channel["id"], "channel": channel,
        "user": user_payload(user_id), "token": "aW50ZXJhY3Rpb24dm", "version": 1,
        "app_permissions": str(PLAIN_MEMBER), "locale": "en-US", "entitlements": [],
        "authorizing_integration_owners": {"1": str(user_id)}, "context": 1,
        "attachment_size_limit": 10 * 1024 * 1024,
    }  # fmt: skip
    return discord.Interaction(data=data, state=bot._connection)  # type: ignore[arg-type]


# --- capturing what the bot sends ---------------------------------------------------------


class RecordingAdapter(AsyncWebhookAdapter):
    """discord.py's webhook adapter with the HTTP request replaced by a record of it; it
    answers as Discord does (an interaction callback, or the created follow-up message)."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str, dict[str, Any]]] = []

    async def request(self, route: Any, session: Any, *, payload: Any = None, **_: Any) -> Any:
        body = dict(payload or {})
        self.sent.append((route.method, route.url, body))
        if "/callback" in route.url:
            kind = body.get("type")
            flags = (body.get("data") or {}).get("flags", 0)
            return {
                "interaction": {
                    "id": route.url.split("/interactions/")[1].split("/")[0], "type": 2,
                    "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
                    "response_message_ephemeral": bool(flags & EPHEMERAL),
                },
                "resource": {"type": kind},
            }  # fmt: skip
        return {
            "id": "990000000000000001", "channel_id": str(CHANNEL), "type": 0,
            "author": user_payload(BOT_USER), "content": body.get("content") or "",
            "timestamp": "2026-02-05T00:00:00.000000+00:00", "edited_timestamp": None,
            "tts": False, "mention_everyone": False, "mentions": [], "mention_roles": [],
            "attachments": [], "embeds": body.get("embeds") or [], "pinned": False,
            "flags": body.get("flags", 0), "components": [],
        }  # fmt: skip


@pytest.fixture
def sent() -> Iterator[RecordingAdapter]:
    adapter = RecordingAdapter()
    token = async_context.set(adapter)
    try:
        yield adapter
    finally:
        async_context.reset(token)


# --- the bot, on a real database file -----------------------------------------------------


def settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "discord_token": None,
        "discord_guild_id": None,
        "facts_dir": REPO / "facts",
        "database_path": ":memory:",
        "command_cooldown_seconds": 0,
        "admin_user_ids": (),
        "admin_role_ids": (),
        "admin_guild_id": None,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "attache.sqlite3"


@pytest_asyncio.fixture
async def file_attache(database: Path) -> AsyncIterator[Attache]:
    started = await Attache.start(REPO / "facts", str(database))
    try:
        yield started
    finally:
        await started.close()


@pytest_asyncio.fixture
async def admin_bot(file_attache: Attache) -> AsyncIterator[AttacheBot]:
    bot = make_bot(file_attache, admin_user_ids=(OTHER_USER,))
    try:
        yield bot
    finally:
        await bot.close()


def audit_rows(database: Path) -> list[tuple[Any, ...]]:
    path = audit_path_for(str(database))
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT how, user_id, ok FROM reloads ORDER BY id").fetchall()


# --- refusal() ------------------------------------------------------------------------------


@pytest_asyncio.fixture
async def plain_bot(attache: Attache) -> AsyncIterator[AttacheBot]:
    bot = make_bot(attache)
    try:
        yield bot
    finally:
        await bot.close()


@pytest.mark.parametrize(
    ("permissions", "roles"),
    [
        (0, ()),
        (PLAIN_MEMBER, (OTHER_ROLE,)),
        (MANAGE_GUILD, ()),
        (PLAIN_MEMBER | MANAGE_GUILD, ()),
        (ADMINISTRATOR, ()),
        (PLAIN_MEMBER | ADMINISTRATOR, (OTHER_ROLE,)),
    ],
    ids=["nothing", "member", "manage-guild", "member+manage-guild", "admin", "member+admin"],
)
async def test_no_server_permission_makes_a_bot_admin(
    plain_bot: AttacheBot, permissions: int, roles: tuple[int, ...]
) -> None:
    """The facts are shared by every server: Manage Server (or Administrator) in the server
    the command comes from says nothing about who may change them (red-team F-04)."""
    interaction = guild_interaction(plain_bot, permissions=permissions, roles=roles)
    assert interaction.guild_id == GUILD and isinstance(interaction.user, discord.Member)

    reason = refusal(interaction, plain_bot.settings)

    assert isinstance(reason, str) and "Manage Server is not enough" in reason


async def test_a_listed_role_counts_only_in_the_admin_guild(attache: Attache) -> None:
    home = make_bot(attache, admin_role_ids=(CURATOR_ROLE,), admin_guild_id=GUILD)
    elsewhere = make_bot(attache, admin_role_ids=(CURATOR_ROLE,), admin_guild_id=GUILD + 1)
    nowhere = make_bot(attache, admin_role_ids=(CURATOR_ROLE,))
    try:
        curator = guild_interaction(
            home, permissions=PLAIN_MEMBER, roles=(OTHER_ROLE, CURATOR_ROLE)
        )
        other = guild_interaction(home, permissions=PLAIN_MEMBER, roles=(OTHER_ROLE,))
        assert refusal(curator, home.settings) is None
        assert refusal(other, home.settings) is not None
        # The same role id in another server (anyone can make a role with any name, and ids
        # are not secret) is nothing.
        assert refusal(curator, elsewhere.settings) is not None
        assert refusal(curator, nowhere.settings) is not None
    finally:
        for bot in (home, elsewhere, nowhere):
            await bot.close()


async def test_without_admin_guild_the_commands_guild_is_the_admin_guild(
    attache: Attache,
) -> None:
    bot = make_bot(attache, admin_role_ids=(CURATOR_ROLE,), discord_guild_id=GUILD)
    try:
        curator = guild_interaction(bot, permissions=PLAIN_MEMBER, roles=(CURATOR_ROLE,))
        assert refusal(curator, bot.settings) is None
    finally:
        await bot.close()


async def test_a_listed_user_and_the_owner_are_admins_in_any_server(attache: Attache) -> None:
    bot = make_bot(attache, admin_user_ids=(USER,), admin_guild_id=GUILD + 1)
    try:
        listed = guild_interaction(bot, permissions=PLAIN_MEMBER, user_id=USER)
        unlisted = guild_interaction(bot, permissions=PLAIN_MEMBER, user_id=OTHER_USER)
        assert refusal(listed, bot.settings) is None
        assert refusal(unlisted, bot.settings) is not None
        assert refusal(unlisted, bot.settings, owners=frozenset({OTHER_USER})) is None
    finally:
        await bot.close()


async def test_a_direct_message_is_refused_even_for_a_listed_user(attache: Attache) -> None:
    bot = make_bot(attache, admin_user_ids=(USER,), admin_role_ids=(CURATOR_ROLE,))
    try:
        interaction = dm_interaction(bot, user_id=USER)
        assert interaction.guild_id is None
        assert isinstance(interaction.user, discord.User)
        reason = refusal(interaction, bot.settings, owners=frozenset({USER}))
        assert reason is not None and "direct message" in reason
    finally:
        await bot.close()


def test_settings_read_admin_ids_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_USER_IDS", f"{USER}, {OTHER_USER}")
    monkeypatch.setenv("ADMIN_ROLE_IDS", str(CURATOR_ROLE))
    monkeypatch.setenv("DISCORD_TOKEN", "")
    loaded = Settings(facts_dir=REPO / "facts")
    assert loaded.admin_user_ids == (USER, OTHER_USER)
    assert loaded.admin_role_ids == (CURATOR_ROLE,)


# --- the command group as Discord receives it ---------------------------------------------


async def test_the_facts_group_needs_manage_server_and_a_server(plain_bot: AttacheBot) -> None:
    group = plain_bot.tree.get_command("facts")
    assert isinstance(group, app_commands.Group)

    payload = group.to_dict(plain_bot.tree)

    assert payload["name"] == "facts"
    assert int(payload["default_member_permissions"]) == MANAGE_GUILD
    assert payload.get("dm_permission") is False
    assert payload.get("contexts") in (None, [0]), "guild only: never bot DMs or private"
    assert {option["name"] for option in payload["options"]} == {"reload", "status"}
    assert all(option["type"] == 1 for option in payload["options"]), "subcommands"


# --- running /facts through the real tree -------------------------------------------------


async def test_a_non_admin_reload_is_refused_privately_and_changes_nothing(
    admin_bot: AttacheBot, file_attache: Attache, database: Path, sent: RecordingAdapter
) -> None:
    state = file_attache.state
    interaction = guild_interaction(admin_bot, permissions=PLAIN_MEMBER, roles=(OTHER_ROLE,))

    await admin_bot.tree._call(interaction)

    assert file_attache.state is state
    assert file_attache.state.version == state.version
    assert audit_rows(database) == []
    assert await file_attache.audit.latest() == []
    assert len(sent.sent) == 1, sent.sent
    method, url, body = sent.sent[0]
    assert method == "POST" and url.endswith("/callback")
    assert body["type"] == CHANNEL_MESSAGE
    assert body["data"]["flags"] & EPHEMERAL, "only the caller sees the refusal"
    assert "Manage Server is not enough" in body["data"]["content"]
    assert body["data"]["allowed_mentions"]["parse"] == []


async def test_calling_the_reload_callback_directly_is_refused_too(
    admin_bot: AttacheBot, file_attache: Attache, database: Path, sent: RecordingAdapter
) -> None:
    group = admin_bot.tree.get_command("facts")
    assert isinstance(group, app_commands.Group)
    reload = group.get_command("reload")
    assert isinstance(reload, app_commands.Command)
    version = file_attache.state.version

    await reload.callback(group, guild_interaction(admin_bot, permissions=0))  # type: ignore[arg-type, call-arg]
    await reload.callback(group, dm_interaction(admin_bot, user_id=OTHER_USER))  # type: ignore[arg-type, call-arg]

    assert file_attache.state.version == version
    assert audit_rows(database) == []
    assert [body["data"]["flags"] & EPHEMERAL for _, _, body in sent.sent] == [EPHEMERAL] * 2
    assert "direct message" in sent.sent[1][2]["data"]["content"]


async def test_a_non_admin_cannot_see_the_status_either(
    admin_bot: AttacheBot, sent: RecordingAdapter
) -> None:
    interaction = guild_interaction(admin_bot, permissions=PLAIN_MEMBER, subcommand="status")
    await admin_bot.tree._call(interaction)
    assert len(sent.sent) == 1
    body = sent.sent[0][2]
    assert body["data"]["flags"] & EPHEMERAL
    assert "Manage Server is not enough" in body["data"]["content"]
    assert not body["data"].get("embeds"), "no facts status for a refused member"


async def test_an_admin_reload_is_audited_with_who_asked(
    admin_bot: AttacheBot, file_attache: Attache, database: Path, sent: RecordingAdapter
) -> None:
    version = file_attache.state.version
    admin_bot.owners.ids = frozenset({USER})  # the application's owner
    interaction = guild_interaction(admin_bot, permissions=PLAIN_MEMBER)

    await admin_bot.tree._call(interaction)

    assert audit_rows(database) == [("command", USER, 1)]
    entry = (await file_attache.audit.latest(1))[0]
    assert entry.guild_id == GUILD and entry.user_name
    assert entry.old_version == entry.new_version == version
    assert file_attache.state.version == version
    kinds = [(method, url.rsplit("/", 1)[-1].split("?")[0]) for method, url, _ in sent.sent]
    assert kinds[0] == ("POST", "callback")
    first = sent.sent[0][2]
    assert first["type"] == DEFERRED_CHANNEL_MESSAGE
    assert first["data"]["flags"] & EPHEMERAL
    assert len(sent.sent) == 2, "one deferral, then the report as a follow-up"
    report = sent.sent[1][2]
    assert report.get("flags", 0) & EPHEMERAL
    assert report["embeds"], report


async def test_a_listed_user_may_reload_without_manage_server(
    admin_bot: AttacheBot, file_attache: Attache, database: Path, sent: RecordingAdapter
) -> None:
    interaction = guild_interaction(admin_bot, permissions=PLAIN_MEMBER, user_id=OTHER_USER)
    await admin_bot.tree._call(interaction)
    assert audit_rows(database) == [("command", OTHER_USER, 1)]


async def test_an_admin_sees_the_status_privately_with_the_last_reload(
    admin_bot: AttacheBot, file_attache: Attache, sent: RecordingAdapter
) -> None:
    admin_bot.owners.ids = frozenset({USER})  # the application's owner
    await admin_bot.tree._call(guild_interaction(admin_bot, permissions=PLAIN_MEMBER))
    sent.sent.clear()

    status = guild_interaction(admin_bot, permissions=PLAIN_MEMBER, subcommand="status")
    await admin_bot.tree._call(status)

    assert len(sent.sent) == 1
    body = sent.sent[0][2]
    assert body["type"] == CHANNEL_MESSAGE
    assert body["data"]["flags"] & EPHEMERAL
    shown = str(body["data"]["embeds"])
    assert file_attache.state.version in shown
    assert "command" in shown, "the reload just made is listed"
