"""RoleIndex on hand-written titles: a title's words as a run beat the same words scattered,
a word making another office excludes a title, and typing a title offers its holders."""

from __future__ import annotations

import pytest

from bot.core.matching import Honorifics, NameIndex, NameRecord
from bot.core.matching.roles import HeldTitle, RoleIndex


def held(person: str, title: str, title_vi: str | None = None) -> HeldTitle:
    return HeldTitle(person, title, title_vi, "2026-01-26", "src", 0)


TITLES = [
    held("lao-amb", "Lao Ambassador to Vietnam", "Đại sứ Lào tại Việt Nam"),
    held("vn-amb", "Vietnamese Ambassador to Laos", "Đại sứ Việt Nam tại Lào"),
    held("pm", "Prime Minister", "Thủ tướng"),
    held("dpm", "Deputy Prime Minister", "Phó Thủ tướng"),
    held("dfm", "Deputy Minister of Foreign Affairs", "Thứ trưởng Bộ Ngoại giao"),
    held("gs", "General Secretary", "Tổng Bí thư"),
    held("gs-pres", "General Secretary and President", "Tổng Bí thư, Chủ tịch nước"),
]
ROLES = RoleIndex(TITLES)

ROWS = [
    ("Lao ambassador", {"lao-amb"}),
    ("đại sứ Lào", {"lao-amb"}),
    ("dai su viet nam", {"vn-amb"}),
    ("ambassador to Laos", {"vn-amb"}),
    ("ambassador", {"lao-amb", "vn-amb"}),
    ("ambasador", {"lao-amb", "vn-amb"}),
    ("Prime Minister", {"pm"}),
    ("Thủ tướng", {"pm"}),
    ("Deputy Prime Minister", {"dpm"}),
    ("Phó Thủ tướng", {"dpm"}),
    ("Thứ trưởng", {"dfm"}),
    ("Bộ trưởng", set()),
    ("Foreign Minister", set()),
    ("Tổng Bí thư", {"gs", "gs-pres"}),
    ("Chủ tịch nước", {"gs-pres"}),
    ("President", {"gs-pres"}),
    ("Vice President", set()),
    ("the", set()),
    ("", set()),
]


@pytest.mark.parametrize(("query", "people"), ROWS, ids=[q or "empty" for q, _ in ROWS])
def test_find(query: str, people: set[str]) -> None:
    assert {h.person for h in ROLES.find(query)} == people


def test_titles_typed_offer_their_holders() -> None:
    records = [
        NameRecord(t.person, "person", t.person, None, (t.person,), None, (t,)) for t in TITLES
    ]
    index = NameIndex.build(records, Honorifics())
    assert {c.value for c in index.autocomplete("amb", kinds=["person"])} == {"lao-amb", "vn-amb"}
    offered = index.autocomplete("Tổng Bí", kinds=["person"])
    assert {c.value for c in offered} == {"gs", "gs-pres"}
    assert all(" — " in c.name for c in offered), "the title is shown"
    assert index.autocomplete("amb", kinds=["place"]) == []
    assert index.resolve("ambassador").status == "none", "resolve is for names only"
