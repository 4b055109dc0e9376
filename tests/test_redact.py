"""Interaction tokens never reach the logs (red-team F-19), whichever logger writes them."""

from __future__ import annotations

import io
import logging

import pytest

from bot.redact import RedactTokens, redact

TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OkV4YW1wbGVUb2tlbg-_.x"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            f"POST https://discord.com/api/v10/interactions/123/{TOKEN}/callback with None",
            "POST https://discord.com/api/v10/interactions/123/<redacted>/callback with None",
            id="callback-url",
        ),
        pytest.param(
            f"PATCH /api/v10/webhooks/456/{TOKEN}/messages/@original has returned 200",
            "PATCH /api/v10/webhooks/456/<redacted>/messages/@original has returned 200",
            id="webhook-url",
        ),
        pytest.param(
            f"WebSocket Event: {{'t': 'INTERACTION_CREATE', 'd': {{'token': '{TOKEN}'}}}}",
            "WebSocket Event: {'t': 'INTERACTION_CREATE', 'd': {'token': '<redacted>'}}",
            id="gateway-event",
        ),
        pytest.param(f'{{"token": "{TOKEN}"}}', '{"token": "<redacted>"}', id="json"),
        pytest.param("GET /api/v10/gateway/bot", "GET /api/v10/gateway/bot", id="untouched"),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_the_filter_on_a_handler_covers_every_logger() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactTokens())
    root = logging.getLogger("attache-test-root")
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        logging.getLogger("attache-test-root.discord.http").debug(
            "%s %s has returned %s", "POST", f"/interactions/1/{TOKEN}/callback", 204
        )
    finally:
        root.removeHandler(handler)
    assert stream.getvalue() == "POST /interactions/1/<redacted>/callback has returned 204\n"
