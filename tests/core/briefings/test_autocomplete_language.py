"""Autocomplete offers an event, pillar or organisation by its name in the reader's language,
whichever language the typed letters matched; people keep their names (issue 12: every label
in the reader's language)."""

from __future__ import annotations

import pytest

from bot.core.commands import complete
from bot.core.i18n import Locale
from bot.core.service import Attache

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.mark.parametrize(
    ("command", "option", "typed"),
    [
        ("visit", "query", "thong"),  # matches English and Vietnamese event names
        ("visit", "query", "chuyến thăm"),  # Vietnamese words
        ("visit", "query", "state visit"),  # English words
        ("pillars", "pillar", "quoc phong"),
        ("pillars", "pillar", "defence"),
    ],
)
@pytest.mark.parametrize("locale", ["en", "vi"])
async def test_translated_names_are_offered_in_the_readers_language(
    attache: Attache, command: str, option: str, typed: str, locale: Locale
) -> None:
    factset = attache.state.factset
    choices = complete(attache, command, option, typed, locale)
    translated = [c for c in choices if factset.kinds[c.value] in {"event", "pillar"}]
    assert translated, choices
    for choice in translated:
        entity = factset.entities[choice.value]
        expected = entity.name_vi if locale == "vi" and entity.name_vi else entity.name_en
        assert choice.name == expected[:100] or choice.name.endswith("…"), (choice, expected)
        assert len(choice.name) <= 100


async def test_people_keep_the_name_that_was_matched(attache: Attache) -> None:
    by_english = complete(attache, "leader", "name", "to lam", "vi")
    assert any("Tô Lâm" in c.name for c in by_english)
