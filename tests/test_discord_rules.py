"""The one copy of Discord's rules (tests/support/discord_rules.py) that the e2e double and
the unit tests share: each rule refuses what Discord refuses, and lets a good message by."""

from __future__ import annotations

from typing import Any

import pytest
from support.discord_rules import (
    command_problems,
    component_problems,
    embed_problems,
    message_problems,
)

GOOD_EMBED = {
    "title": "To Lam",
    "description": "…",
    "fields": [{"name": "Sources", "value": "[1]"}],
}
GOOD_MESSAGE = {"embeds": [GOOD_EMBED], "allowed_mentions": {"parse": []}, "flags": 1 << 6}
BUTTON = {"type": 2, "style": 1, "label": "▶", "custom_id": "attache:page:x"}


def codes(problems: list[tuple[Any, str, str]]) -> set[str]:
    return {code for _, code, _ in problems}


def test_a_good_message_and_embed_pass() -> None:
    assert message_problems(GOOD_MESSAGE) == []
    assert embed_problems(GOOD_EMBED) == []
    assert component_problems([{"type": 1, "components": [BUTTON]}]) == []


@pytest.mark.parametrize(
    ("embed", "code"),
    [
        ({"title": "x" * 257}, "BASE_TYPE_BAD_LENGTH"),
        ({"fields": [{"name": "n", "value": "v" * 1025}]}, "BASE_TYPE_BAD_LENGTH"),
        ({"fields": [{"name": "n", "value": "  "}]}, "BASE_TYPE_REQUIRED"),
        ({"fields": [{"name": "n", "value": "v"}] * 26}, "BASE_TYPE_MAX_LENGTH"),
        ({"description": "d" * 4000, "fields": [{"name": "n", "value": "v" * 1024}] * 2},
         "MAX_EMBED_SIZE_EXCEEDED"),
        ({"title": "t", "url": "javascript:alert(1)"}, "URL_TYPE_INVALID_URL"),
    ],
)  # fmt: skip
def test_an_embed_breaking_a_limit_is_refused(embed: dict[str, Any], code: str) -> None:
    assert code in codes(embed_problems(embed))
    assert code in codes(message_problems({**GOOD_MESSAGE, "embeds": [embed]}))


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ({**GOOD_MESSAGE, "allowed_mentions": None}, "ATTACHE_POLICY"),  # could ping
        ({**GOOD_MESSAGE, "allowed_mentions": {"parse": ["users"]}}, "ATTACHE_POLICY"),
        ({"allowed_mentions": {"parse": []}}, "50006"),  # empty
        ({**GOOD_MESSAGE, "content": "x" * 2001}, "BASE_TYPE_BAD_LENGTH"),
        ({**GOOD_MESSAGE, "components": [{"type": 1, "components": [BUTTON, BUTTON]}]},
         "COMPONENT_CUSTOM_ID_DUPLICATED"),
        ({**GOOD_MESSAGE, "components": [{"type": 1, "components": [
            {**BUTTON, "custom_id": "x" * 101}]}]}, "BASE_TYPE_BAD_LENGTH"),
    ],
)  # fmt: skip
def test_a_message_breaking_a_rule_is_refused(message: dict[str, Any], code: str) -> None:
    assert code in codes(message_problems(message))


def test_a_command_name_must_be_lowercase_and_short() -> None:
    command = {"name": "Leader", "description": "d", "type": 1}
    assert "APPLICATION_COMMAND_INVALID_NAME" in codes(command_problems([command]))
    assert command_problems([{**command, "name": "leader"}]) == []
    assert codes(command_problems([{**command, "name": "x" * 33}])) == {"BASE_TYPE_BAD_LENGTH"}
