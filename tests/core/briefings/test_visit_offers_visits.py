"""/visit answers with visits: a word that names several things offers the events they lead
to, never the things themselves (facts-audit L15: `/visit border` offered the two border
delegations, not the border meeting), and a word naming only things in no event finds none.
"""

from __future__ import annotations

import re

import pytest
from briefings_support import EVENTS, NAMED, events_involving

from bot.core.briefings.labels import Locale
from bot.core.commands import answer
from bot.core.service import Attache

EVENT_IDS = {event["id"] for event in EVENTS}


def _words() -> list[str]:
    """Every word of four letters or more in any English name in the facts."""
    words = {
        word.lower()
        for entity in NAMED.values()
        for word in re.findall(r"[A-Za-z]{4,}", str(entity["name_en"]))
    }
    return sorted(words)


WORDS = _words()


async def test_the_audit_repro_border_is_the_border_meeting(attache: Attache) -> None:
    delegations = [i for i in NAMED if i.endswith("border-delegation")]
    assert len(delegations) == 2  # the two the audit saw offered
    (meeting,) = {e["id"] for d in delegations for e in events_involving(d)}
    briefing = await answer(attache, "visit", {"query": "border"}, "en")
    assert briefing.status == "ok", [c.value for c in briefing.choices]
    assert briefing.title == NAMED[meeting]["name_en"]


@pytest.mark.parametrize("locale", ["en", "vi"])
async def test_a_word_offers_only_events(attache: Attache, locale: Locale) -> None:
    offered_other = {}
    for word in WORDS:
        briefing = await answer(attache, "visit", {"query": word}, locale)
        if briefing.status == "ambiguous":
            others = {c.value for c in briefing.choices} - EVENT_IDS
            if others:
                offered_other[word] = others
    assert offered_other == {}
