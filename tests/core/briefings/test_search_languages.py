"""/search reads both languages, with or without diacritics (issue 12): the Vietnamese words
typed either way find the same statements, and the English words find them too."""

from __future__ import annotations

import pytest

from bot.core.briefings.model import Briefing
from bot.core.commands import answer
from bot.core.i18n import Locale
from bot.core.service import Attache
from bot.core.text import fold

pytestmark = pytest.mark.asyncio(loop_scope="module")

# (Vietnamese, the same without diacritics, English)
SAME_WORDS = [
    ("biên giới", "bien gioi", "border"),
    ("gắn kết chiến lược", "gan ket chien luoc", "strategic cohesion"),
    ("Viêng Chăn", "vieng chan", "Vientiane"),
]


def cited(briefing: Briefing) -> list[str]:
    return [line.text for section in briefing.sections for line in section.lines if line.cites]


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize(("vietnamese", "plain", "english"), SAME_WORDS)
async def test_vietnamese_with_or_without_diacritics_finds_the_same(
    attache: Attache, vietnamese: str, plain: str, english: str, locale: Locale
) -> None:
    marked = await answer(attache, "search", {"text": vietnamese}, locale)
    unmarked = await answer(attache, "search", {"text": plain}, locale)
    by_english = await answer(attache, "search", {"text": english}, locale)

    assert marked.status == "ok" and cited(marked), marked.summary.text
    assert cited(marked) == cited(unmarked)
    assert by_english.status == "ok" and cited(by_english)
    # Every statement found by the Vietnamese words is one the English words find too: they
    # are the same claims in two languages.
    assert set(cited(marked)) & set(cited(by_english))


async def test_a_vietnamese_reader_sees_the_vietnamese_words_found(attache: Attache) -> None:
    briefing = await answer(attache, "search", {"text": "bien gioi"}, "vi")
    assert any("bien gioi" in fold(text) for text in cited(briefing))
