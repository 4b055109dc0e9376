"""Keep interaction tokens out of the logs.

At DEBUG, discord.py logs every gateway event (an interaction's carries its `token`) and every
request URL (`/interactions/<id>/<token>/callback`, `/webhooks/<app>/<token>/...`). Such a
token is valid for 15 minutes and lets whoever holds it edit the bot's reply and post as the
bot in that channel, so a log that is shared to debug something must not hold one.
"""

from __future__ import annotations

import logging
import re

__all__ = ["RedactTokens", "redact", "redact_handlers"]

_PATTERNS = (
    (re.compile(r"""(['"]token['"]\s*:\s*['"])[^'"]+"""), r"\1<redacted>"),
    (re.compile(r"(/interactions/\d+/)[^/\s'\"?]+"), r"\1<redacted>"),
    (re.compile(r"(/webhooks/\d+/)[^/\s'\"?]+"), r"\1<redacted>"),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactTokens(logging.Filter):
    """On a handler, so it sees every logger's records (a logger's filter would not)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def redact_handlers(logger: logging.Logger | None = None) -> None:
    for handler in (logger or logging.getLogger()).handlers:
        handler.addFilter(RedactTokens())
