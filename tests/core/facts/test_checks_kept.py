"""The checks across records keep what they found for models a reload hands back unchanged,
and check again whatever changed: an edited claim, or the source text a quote is in."""

from __future__ import annotations

from pathlib import Path

from bot.core.facts.loader import ParseCache, load_facts

TEXT = "vietnam-laos/sources/vov-teaser-border-management.txt"
EVENT = "vietnam-laos/events/border-delegations-34th-annual-meeting.toml"
QUOTED = "co-chaired the 34th annual meeting"


def quote_problems(root: Path, cache: ParseCache) -> list[str]:
    result = load_facts(root, cache)
    return [f"{p.file}: {p.reason}" for p in result.problems if "quote" in p.reason]


def test_a_changed_source_text_is_checked_again(shipped_facts: Path) -> None:
    root = shipped_facts
    cache = ParseCache()
    assert quote_problems(root, cache) == []
    text = (root / TEXT).read_text(encoding="utf-8")

    (root / TEXT).write_text(text.replace(QUOTED, "met at"), encoding="utf-8")
    found = quote_problems(root, cache)
    assert any(EVENT in problem and "quote not found" in problem for problem in found), found

    (root / TEXT).write_text(text, encoding="utf-8")
    assert quote_problems(root, cache) == []


def test_a_changed_quote_is_checked_again(shipped_facts: Path) -> None:
    root = shipped_facts
    cache = ParseCache()
    assert quote_problems(root, cache) == []
    event = (root / EVENT).read_text(encoding="utf-8")

    (root / EVENT).write_text(event.replace(QUOTED, "co-chaired the 35th"), encoding="utf-8")
    found = quote_problems(root, cache)
    assert any(EVENT in problem for problem in found), found

    (root / EVENT).write_text(event, encoding="utf-8")
    assert quote_problems(root, cache) == []
