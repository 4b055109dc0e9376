"""/visit answers with visits: a word that names several things offers the events they lead
to, never the things themselves (facts-audit L15: `/visit border` offered the two border
delegations, not the border meeting), and a word naming only things in no event finds none.
An event page says each claim once (L11).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from briefings_support import EVENTS, NAMED, claims, events_involving
from support.paths import loaded

from bot.core.briefings.labels import Locale
from bot.core.commands import answer
from bot.core.i18n import t
from bot.core.service import Attache

EVENT_IDS = {loaded(event["id"]) for event in EVENTS}


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


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


@pytest.mark.parametrize("locale", ["en", "vi"])
async def test_an_event_page_says_each_claim_once(attache: Attache, locale: Locale) -> None:
    """Two claims from one source whose quotes hold one another are one claim (facts-audit
    L11): it is not printed twice among what was agreed and what else was reported."""
    by_text: dict[str, list[dict[str, Any]]] = {}
    for claim in (c for c in claims() if "text" in c):
        text = (claim.get("text_vi") or claim["text"]) if locale == "vi" else claim["text"]
        by_text.setdefault(text, []).append(claim)
    headings = {t("label.outcomes", locale), t("label.why", locale)}
    repeated = []
    for event in EVENTS:
        briefing = await answer(attache, "visit", {"query": event["id"]}, locale)
        lines = [
            line.text.removeprefix("• ")
            for section in briefing.sections
            if section.name in headings
            for line in section.lines
        ]
        shown = [claim for text in lines for claim in by_text.get(text, [])[:1]]
        assert len(shown) == len(lines), "every line is a claim in the files"
        for i, first in enumerate(shown):
            for second in shown[i + 1 :]:
                a, b = _fold(first["quote"]), _fold(second["quote"])
                if first["source"] == second["source"] and (a in b or b in a):
                    repeated.append((event["id"], first["text"], second["text"]))
    assert repeated == []


@pytest.mark.parametrize("locale", ["en", "vi"])
async def test_an_events_pillars_are_shown_as_the_editors_tags(
    attache: Attache, locale: Locale
) -> None:
    """facts-audit L10: an event's pillars are the curators' classification, not something
    its source states; they are never headed as plain "Pillars"."""
    tagged = [event for event in EVENTS if event.get("pillars")]
    assert tagged
    for event in tagged:
        briefing = await answer(attache, "visit", {"query": event["id"]}, locale)
        names = [str(NAMED[p].get("name_vi") or NAMED[p]["name_en"]) if locale == "vi"
                 else str(NAMED[p]["name_en"]) for p in event["pillars"]]  # fmt: skip
        (shown,) = [s for s in briefing.sections if names[0] in s.lines[0].text]
        assert shown.name == t("label.pillars_tagged", locale) != t("label.pillars", locale)
