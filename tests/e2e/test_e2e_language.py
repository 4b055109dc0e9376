"""End to end: a server's admins choose the language the bot answers in there (#12).

The bot runs with global commands, as in production, so that the same member can use it in
two servers: the one whose admins chose Vietnamese, and another that chose nothing.
"""

from __future__ import annotations

from typing import Any

from discord_double import (
    ADMIN_PERMISSIONS,
    APPLICATION_COMMAND,
    EPHEMERAL,
    DiscordDouble,
    Interaction,
)
from test_e2e_discord import Launch, assert_clean, field, member, the_embed

ENGLISH_SOURCES, VIETNAMESE_SOURCES = "Sources", "Nguồn"


async def ask(
    double: DiscordDouble,
    who: dict[str, Any],
    *,
    guild_id: str | None = None,
    locale: str = "en-US",
    guild_locale: str = "en-US",
) -> str:
    """/leader To Lam by `who` (whose Discord is in `locale`), in the double's server or in
    another one; which language the answer's sources heading is in."""
    data = double.command_data("leader", {"name": "To Lam"})
    payload = double.interaction_payload(APPLICATION_COMMAND, data, member=who, locale=locale)
    payload["guild_locale"] = guild_locale
    if guild_id is not None:  # the bot is in a second server too
        payload["guild_id"] = guild_id
        payload["guild"] = {"id": guild_id, "locale": guild_locale, "features": []}
        payload["authorizing_integration_owners"] = {"0": guild_id}
    answer: Interaction = await double.send_interaction(payload)
    embed = the_embed((await answer.response())["data"])
    if field(embed, VIETNAMESE_SOURCES) is not None:
        return "vi"
    assert field(embed, ENGLISH_SOURCES) is not None, embed
    return "en"


async def set_language(double: DiscordDouble, who: dict[str, Any], value: str) -> str:
    """`/settings language` by `who`: the private reply's text."""
    answer = await double.run_command("settings language", {"language": value}, member=who)
    body = await answer.response()
    assert body["type"] == 4 and body["data"]["flags"] & EPHEMERAL, body
    assert body["data"]["allowed_mentions"] == {"parse": []}
    return str(body["data"]["content"])


async def test_a_server_admin_sets_the_servers_language_and_it_survives_a_restart(
    double: DiscordDouble, launch: Launch
) -> None:
    bot = await launch(DISCORD_GUILD_ID=None)
    (settings,) = [c for c in double.global_commands if c["name"] == "settings"]
    (language,) = [o for o in settings["options"] if o["name"] == "language"]
    assert {choice["value"] for choice in language["options"][0]["choices"]} == {
        "vi", "en", "auto",
    }  # fmt: skip
    reader = member(double, "reader")  # Discord in English, no Manage Server
    admin = member(double, "admin", ADMIN_PERMISSIONS)
    elsewhere = double.snowflake()
    assert await ask(double, reader) == "en"

    # Members without Manage Server cannot choose for the server; nothing changes.
    refused = await set_language(double, reader, "vi")
    assert "Manage Server" in refused
    assert await ask(double, reader) == "en"

    done = await set_language(double, admin, "vi")
    assert "tiếng Việt" in done  # the reply is already in the server's new language
    assert await ask(double, reader) == "vi"
    assert await ask(double, reader, guild_id=elsewhere) == "en"

    # Survives a restart: the choice is in the bot's database, not in memory.
    await assert_clean(double, bot)
    restarted = await launch(DISCORD_GUILD_ID=None)
    assert await ask(double, reader) == "vi"
    assert await ask(double, reader, guild_id=elsewhere) == "en"

    # auto: each member's own Discord language again.
    assert "Discord" in await set_language(double, admin, "auto")
    assert await ask(double, reader) == "en"
    await assert_clean(double, restarted)


async def test_without_a_choice_the_member_then_the_server_language_decide(
    double: DiscordDouble, launch: Launch
) -> None:
    bot = await launch(DISCORD_GUILD_ID=None, DEFAULT_LOCALE="vi")
    reader = member(double, "reader")
    # The member's own Discord language first, when the bot speaks it...
    assert await ask(double, reader, locale="en-GB", guild_locale="vi") == "en"
    assert await ask(double, reader, locale="vi", guild_locale="en-US") == "vi"
    # ...else the server's Discord language, else DEFAULT_LOCALE.
    assert await ask(double, reader, locale="fr", guild_locale="en-US") == "en"
    assert await ask(double, reader, locale="fr", guild_locale="vi") == "vi"
    assert await ask(double, reader, locale="fr", guild_locale="de") == "vi"
    await assert_clean(double, bot)
