"""End to end: whose message it is. Buttons and menus on someone else's answer, Share and
Delete, and the cooldown on components, with the real bot process against the double.

On Discord only the asker sees a private answer, so strangers meet only public ones; the
double lets a test press anything, which also covers a forged click on a private picker.
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from pathlib import Path

from discord_double import DiscordDouble
from e2e_support import (
    BotProcess,
    add_many_events,
    assert_clean,
    assert_sourced,
    button,
    components,
    is_private,
    member,
    the_embed,
)

Launch = Callable[..., Awaitable[BotProcess]]


def footer(body: dict[str, object]) -> str:
    return str(the_embed(body["data"])["footer"]["text"])  # type: ignore[index]


async def test_a_strangers_click_never_changes_anothers_answer(
    double: DiscordDouble, launch: Launch, facts_dir: Path
) -> None:
    add_many_events(facts_dir, 80)  # /timeline 2025 over several pages
    bot = await launch()
    asker, stranger = member(double, "asker"), member(double, "stranger")

    # A public, paged answer: the stranger's ▶ gives the stranger a private page 2.
    asked = await double.run_command("timeline", {"year": 2025, "public": True}, member=asker)
    body = await asked.response()
    pages = int(footer(body).rsplit("/", 1)[1])
    assert not is_private(body) and footer(body).endswith(f"page 1/{pages}") and pages >= 3
    assert asked.message is not None
    original = copy.deepcopy(double.messages[asked.message["id"]])
    click = await double.use_component(
        asked.message, button(asked.message, "▶")["custom_id"], member=stranger
    )
    body = await click.response()
    assert body["type"] == 4 and is_private(body), body  # a new, private message
    assert footer(body).endswith(f"page 2/{pages}")
    assert double.messages[asked.message["id"]] == original, "the asker's answer is unchanged"
    copy_message = click.message
    assert copy_message is not None
    assert copy_message["interaction_metadata"]["user"]["id"] == stranger["user"]["id"]
    # The private copy is the stranger's own: its buttons turn it in place, and it can be
    # shared (it has Share, not Delete).
    assert button(copy_message, "Share")
    again = await double.use_component(
        copy_message, button(copy_message, "▶")["custom_id"], member=stranger
    )
    body = await again.response()
    assert body["type"] == 7 and footer(body).endswith(f"page 3/{pages}"), body

    # Delete is the asker's: the stranger is told so, privately, and nothing is deleted.
    delete = await double.use_component(
        asked.message, button(asked.message, "Delete")["custom_id"], member=stranger
    )
    body = await delete.response()
    assert body["type"] == 4 and is_private(body)
    assert "Only the person who asked" in body["data"]["content"]
    assert double.messages[asked.message["id"]] == original

    # A picker: private on Discord; even a forged click by a stranger leaves it unchanged and
    # gives the stranger their own private answer. The asker's pick changes it in place.
    ambiguous = await double.run_command("leader", {"name": "Nguyễn"}, member=asker)
    assert is_private(await ambiguous.response())
    assert ambiguous.message is not None
    picker = copy.deepcopy(double.messages[ambiguous.message["id"]])
    (select,) = components(ambiguous.message, 3)
    theirs = await double.use_component(
        ambiguous.message, select["custom_id"], values=["nguyen-minh-tam"], member=stranger
    )
    body = await theirs.response()
    assert body["type"] == 4 and is_private(body), body
    assert "Nguyễn Minh Tâm" in the_embed(body["data"])["title"]
    assert double.messages[ambiguous.message["id"]] == picker
    mine = await double.use_component(
        ambiguous.message, select["custom_id"], values=["nguyen-minh-vu"], member=asker
    )
    body = await mine.response()
    assert body["type"] == 7, body
    assert "Nguyễn Minh Vũ" in the_embed(body["data"])["title"]
    assert_sourced(the_embed(body["data"]))
    await assert_clean(double, bot)


async def test_share_posts_for_the_channel_and_only_the_asker_deletes(
    double: DiscordDouble, launch: Launch
) -> None:
    bot = await launch()
    asker, stranger = member(double, "asker"), member(double, "stranger")
    asked = await double.run_command("leader", {"name": "Tô Lâm"}, member=asker)
    body = await asked.response()
    assert is_private(body)
    assert asked.message is not None
    shared = await double.use_component(
        asked.message, button(asked.message, "Share")["custom_id"], member=asker
    )
    body = await shared.response()
    assert body["type"] == 4 and not is_private(body), body  # posted for the channel
    assert "Tô Lâm" in the_embed(body["data"])["title"]
    post = shared.message
    assert post is not None
    assert post["interaction_metadata"]["user"]["id"] == asker["user"]["id"]
    assert [b["label"] for b in components(post, 2) if b["label"] in ("Share", "Delete")] == [
        "Delete"
    ]

    refused = await double.use_component(post, button(post, "Delete")["custom_id"], member=stranger)
    assert is_private(await refused.response())
    assert post["id"] in double.messages

    deleted = await double.use_component(post, button(post, "Delete")["custom_id"], member=asker)
    assert (await deleted.response())["type"] == 6  # acknowledged without a new message
    await double.wait_for(lambda: post["id"] not in double.messages, 5, "the deletion")
    assert ("DELETE", f"/webhooks/{double.application_id}/{deleted.token}/messages/@original") in (
        double.requests
    )
    await assert_clean(double, bot)


async def test_components_count_against_the_cooldown(
    double: DiscordDouble, launch: Launch, facts_dir: Path
) -> None:
    add_many_events(facts_dir, 80)
    bot = await launch(COMMAND_COOLDOWN_SECONDS="60")
    asker, other = member(double, "asker"), member(double, "other")
    asked = await double.run_command("timeline", {"year": 2025, "public": True}, member=asker)
    await asked.response()
    assert asked.message is not None
    original = copy.deepcopy(double.messages[asked.message["id"]])
    forward = button(asked.message, "▶")["custom_id"]

    # The asker has just used a command: the button is refused, privately, and the answer
    # stays as it was (the select menu, Share and related buttons go through the same check).
    hasty = await double.use_component(asked.message, forward, member=asker)
    body = await hasty.response()
    assert body["type"] == 4 and is_private(body), body
    assert "Slow down" in body["data"]["content"]
    assert double.messages[asked.message["id"]] == original

    # Per user: someone else's first click is answered (a private copy); their second is not.
    first = await double.use_component(asked.message, forward, member=other)
    body = await first.response()
    assert is_private(body) and "page 2/" in footer(body)
    second = await double.use_component(asked.message, forward, member=other)
    assert "Slow down" in (await second.response())["data"]["content"]

    # Deleting one's own answer is never on cooldown.
    deleted = await double.use_component(
        asked.message, button(asked.message, "Delete")["custom_id"], member=asker
    )
    assert (await deleted.response())["type"] == 6
    await double.wait_for(lambda: asked.message["id"] not in double.messages, 5, "the deletion")
    await assert_clean(double, bot)
