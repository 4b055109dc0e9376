"""Which language an answer is in: the server's choice, the member's Discord language, the
server's Discord language, DEFAULT_LOCALE, in that order; languages the bot does not speak
are skipped."""

from __future__ import annotations

import pytest

from bot.core.i18n import Locale
from bot.core.language import choose_locale, spoken


@pytest.mark.parametrize(
    ("server_choice", "user", "server", "default", "expected"),
    [
        # The server's admins chose: that wins over everything Discord says.
        ("vi", "en-US", "en-US", "en", "vi"),
        ("en", "vi", "vi", "vi", "en"),
        # No choice: the member's own language, if the bot speaks it.
        (None, "vi", "en-US", "en", "vi"),
        (None, "en-GB", "vi", "vi", "en"),
        # A language the bot does not speak: the server's, then the default.
        (None, "fr", "vi", "en", "vi"),
        (None, "fr", "de", "vi", "vi"),
        (None, "fr", None, "en", "en"),
        # A DM has no server: the member's language, then the default.
        (None, None, None, "vi", "vi"),
        (None, "", "", "en", "en"),
    ],
)  # fmt: skip
def test_choose_locale(
    server_choice: Locale | None, user: str | None, server: str | None, default: Locale,
    expected: Locale,
) -> None:  # fmt: skip
    chosen = choose_locale(server_choice=server_choice, user=user, server=server, default=default)
    assert chosen == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("vi", "vi"), ("VI", "vi"), ("vi-VN", "vi"), ("en-US", "en"), ("en_GB", "en"), ("en", "en"),
     ("fr", None), ("video", None), ("", None), (None, None), ("auto", None)],
)  # fmt: skip
def test_spoken(value: str | None, expected: Locale | None) -> None:
    assert spoken(value) == expected
