"""The query table: how people type names, and what each must resolve to in the shipped facts.

Expected outcomes come from who is who in the Vietnam–Laos facts, not from running the code:
To Lam (Party General Secretary), Pham Minh Chinh (Prime Minister), Nguyen Minh Tam
(ambassador to Laos), Nguyen Minh Vu (deputy foreign minister), Thongloun Sisoulith (Lao
General Secretary and President), Khamphao Ernthavanh (Lao ambassador), Somsavath
Lengsavad, Maythong Thammavongsa; the two countries, Vientiane, the parties, the pillars.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass

import pytest
from support.paths import RELATIONSHIP, loaded

from bot.core.matching import NameIndex


@dataclass(frozen=True)
class Row:
    query: str
    status: str
    expected: frozenset[str] = frozenset()
    """The match's id; the candidates of an ambiguity; ids that must be suggested."""
    kinds: tuple[str, ...] | None = None
    why: str = ""


def match(query: str, entity: str, kinds: tuple[str, ...] | None = None, why: str = "") -> Row:
    return Row(query, "match", frozenset({entity}), kinds, why)


def ambiguous(query: str, *entities: str, kinds: tuple[str, ...] | None = None) -> Row:
    return Row(query, "ambiguous", frozenset(entities), kinds)


def none(query: str, *suggested: str, kinds: tuple[str, ...] | None = None, why: str = "") -> Row:
    return Row(query, "none", frozenset(suggested), kinds, why)


TAM, VU, CHINH = "nguyen-minh-tam", "nguyen-minh-vu", "pham-minh-chinh"
THONGLOUN, KHAMPHAO = "thongloun-sisoulith", "khamphao-ernthavanh"
SOMSAVATH, MAYTHONG = "somsavath-lengsavad", "maythong-thammavongsa"
CPV, LPRP = "communist-party-of-vietnam", "lao-peoples-revolutionary-party"
DEFENCE, ECONOMIC = "defence-security", "economic"
POLITICAL, CULTURE = "political-diplomatic", "culture-education-people-to-people"

ROWS = [
    # --- full names: diacritics, case, spacing, normalisation form -----------------------
    match("Tô Lâm", "to-lam"),
    match("to lam", "to-lam"),
    match("TO LAM", "to-lam"),
    match("  Tô   Lâm ", "to-lam"),
    match(unicodedata.normalize("NFD", "Tô Lâm"), "to-lam", why="decomposed input"),
    match("tô lâm", "to-lam"),
    match("ToLam", "to-lam", why="spaces dropped"),
    match("To-Lam", "to-lam"),
    match("to-lam", "to-lam", why="an id, as an autocomplete choice sends it"),
    match("Phạm Minh Chính", CHINH),
    match("pham minh chinh", CHINH),
    match("PHẠM MINH CHÍNH", CHINH),
    match("Nguyễn Minh Tâm", TAM),
    match("nguyen minh tam", TAM),
    match("Nguyễn Minh Vũ", VU),
    match("nguyen minh vu", VU),
    match("Thongloun Sisoulith", THONGLOUN),
    match("THONGLOUN SISOULITH", THONGLOUN),
    match("Khamphao Ernthavanh", KHAMPHAO),
    match("Somsavath Lengsavad", SOMSAVATH),
    match("Maythong Thammavongsa", MAYTHONG),
    # --- countries, places, organisations, topics ----------------------------------------
    match("Việt Nam", "vietnam"),
    match("Vietnam", "vietnam"),
    match("viet nam", "vietnam"),
    match("Lào", "laos"),
    match("Laos", "laos"),
    match("lao pdr", "laos"),
    match("Vientiane", "vientiane"),
    match("Viêng Chăn", "vientiane"),
    match("Viang Chan", "vientiane", why="alias Viangchan with a space"),
    match("Đảng Cộng sản Việt Nam", CPV),
    match("dang cong san viet nam", CPV),
    match("CPV", CPV),
    match("Communist Party", CPV, why="covers most of its name, a third of the congress's"),
    match("LPRP", LPRP),
    match("Lao People's Revolutionary Party", LPRP),
    match("Lao People’s Revolutionary Party", LPRP),
    match("Bộ Ngoại giao", "vietnam-ministry-of-foreign-affairs"),
    match("VNA", "vietnam-news-agency"),
    match("Thông tấn xã Việt Nam", "vietnam-news-agency"),
    match("Đại hội XIV", "cpv-14th-national-congress"),
    match("14th National Party Congress", "cpv-14th-national-congress"),
    match("LPRP 12th Congress", "lprp-12th-national-congress"),
    match("Đổi mới", "doi-moi"),
    match("doi moi", "doi-moi"),
    match("gắn kết chiến lược", "strategic-cohesion"),
    match("Strategic Cohesion", "strategic-cohesion"),
    match("To Lam's State visit to Laos (February 2026)", "to-lam-state-visit-laos-2026-02"),
    match("34th annual meeting", "border-delegations-34th-annual-meeting"),
    match("vov-thongloun-state-visit", "vov-thongloun-state-visit", why="a source id"),
    match(
        "Party chief meets Vietnamese community members in Vientiane",
        "vns-2026-02-05-community-vientiane",
    ),
    match("Laos places top priority", "vov-teaser-laos-top-priority", kinds=("source",)),
    # --- titles and honorifics, English and Vietnamese ----------------------------------
    match("General Secretary To Lam", "to-lam"),
    match("Tổng Bí thư Tô Lâm", "to-lam"),
    match("tong bi thu to lam", "to-lam"),
    match("Party chief To Lam", "to-lam"),
    match("ông Tô Lâm", "to-lam"),
    match("đồng chí Tô Lâm", "to-lam"),
    match("PM Chinh", CHINH),
    match("Prime Minister Pham Minh Chinh", CHINH),
    match("Thủ tướng Phạm Minh Chính", CHINH),
    match("Thủ tướng Chính phủ Phạm Minh Chính", CHINH),
    match("President Thongloun Sisoulith", THONGLOUN),
    match("Lao President Thongloun", THONGLOUN),
    match("General Secretary and President Thongloun Sisoulith", THONGLOUN),
    match("Chủ tịch nước Lào Thongloun Sisoulith", THONGLOUN),
    match("Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith", THONGLOUN),
    match("ທ່ານ ທອງລຸນ ສີສຸລິດ", THONGLOUN, why="Lao honorific than"),
    match("Ambassador Nguyen Minh Tam", TAM),
    match("Vietnamese Ambassador Nguyen Minh Tam", TAM),
    match("Đại sứ Nguyễn Minh Tâm", TAM),
    match("Đại sứ Việt Nam tại Lào Nguyễn Minh Tâm", TAM),
    match("Lao Ambassador Khamphao Ernthavanh", KHAMPHAO),
    match("Ambassador Khamphao", KHAMPHAO),
    match("Deputy Minister Nguyen Minh Vu", VU),
    match("Thứ trưởng Nguyễn Minh Vũ", VU),
    match("Thứ trưởng Bộ Ngoại giao Nguyễn Minh Vũ", VU),
    match("Mr Somsavath", SOMSAVATH),
    match("former Deputy Prime Minister Somsavath Lengsavad", SOMSAVATH),
    match("nguyên Phó Thủ tướng Lào Somsavath Lengsavad", SOMSAVATH, why="nguyên = former"),
    # --- partial names --------------------------------------------------------------------
    match("Lâm", "to-lam", why="Vietnamese given name"),
    match("lam", "to-lam"),
    match("Chính", CHINH, why="a person's given name before a word in a pillar's name"),
    match("Tâm", TAM),
    match("Vũ", VU),
    match("Tô", "to-lam", why="family name"),
    match("Phạm", CHINH, why="family name"),
    match("Thongloun", THONGLOUN, why="Lao first name"),
    match("Khamphao", KHAMPHAO),
    match("Somsavath", SOMSAVATH),
    match("Maythong", MAYTHONG),
    match("Sisoulith", THONGLOUN, why="Lao family name"),
    match("Ernthavanh", KHAMPHAO),
    match("Lengsavad", SOMSAVATH),
    match("Minh Chính", CHINH, why="two of three syllables"),
    match("Pham Chinh", CHINH),
    match("Nguyen Tam", TAM),
    match("Minh Vu", VU),
    match("Lao Thongloun", THONGLOUN),
    # --- typos ----------------------------------------------------------------------------
    match("Thonglun", THONGLOUN),
    match("Khampao", KHAMPHAO),
    match("To Lamm", "to-lam"),
    match("Thongloon", THONGLOUN),
    match("Thonlgoun", THONGLOUN, why="swapped letters"),
    match("Sisulith", THONGLOUN),
    match("Ngyuen Minh Tam", TAM),
    match("Nguyen Minh Tamm", TAM),
    match("Nguyen Min Tam", TAM),
    match("Pham Minh Chin", CHINH),
    match("Vientianne", "vientiane"),
    match("Somsavat", SOMSAVATH),
    match("Lengsavat", SOMSAVATH),
    match("Thammavongsaa", MAYTHONG),
    match("Khamphao Ernthavan", KHAMPHAO),
    match("Maytong", MAYTHONG),
    match("Nguyen Minh Tan", TAM, why="one substitution in a 3-letter syllable, one candidate"),
    match("Nguyen Minh Xam", TAM, why="the first letter"),
    match("Nguyen Mihn Tam", TAM, why="neighbours swapped in a 4-letter syllable"),
    match("Pham Mnih Chinh", CHINH),
    match("Phma Minh Chinh", CHINH),
    match("Nguyen Minh Taam", TAM, why="a doubled letter"),
    match("Khmaphao", KHAMPHAO),
    # --- Lao script, and its romanisation ----------------------------------------------
    match("ທອງລຸນ ສີສຸລິດ", THONGLOUN),
    match("ທອງລຸນ", THONGLOUN),
    match("ສີສຸລິດ", THONGLOUN),
    match("ວຽງຈັນ", "vientiane"),
    match("ລາວ", "laos"),
    match("ຫວຽດນາມ", "vietnam"),
    match("thngloun", THONGLOUN, why="anyascii's romanisation of ທອງລຸນ"),
    match("vyngchan", "vientiane"),
    # --- pillars, in both languages -----------------------------------------------------
    match("quốc phòng", DEFENCE),
    match("quoc phong", DEFENCE),
    match("defence", DEFENCE),
    match("Defense", DEFENCE),
    match("an ninh", DEFENCE),
    match("Quốc phòng - an ninh", DEFENCE),
    match("Defence and security", DEFENCE),
    match("kinh tế", ECONOMIC),
    match("kinh te", ECONOMIC),
    match("economy", ECONOMIC),
    match("trade", ECONOMIC),
    match("chính trị", POLITICAL),
    match("ngoại giao", POLITICAL),
    match("diplomacy", POLITICAL),
    match("chinh tri ngoai giao", POLITICAL),
    match("văn hóa", CULTURE),
    match("giáo dục", CULTURE),
    match("people-to-people", CULTURE),
    match("education", CULTURE),
    # --- the kinds a command accepts ------------------------------------------------------
    match("Chính", POLITICAL, kinds=("pillar",)),
    match("Vietnam", "vietnam", kinds=("country",)),
    match("economy", ECONOMIC, kinds=("pillar",)),
    match("Lâm", "to-lam", kinds=("person", "place")),
    none("Lâm", kinds=("place",)),
    none("Vietnam", kinds=("person",)),
    # --- ambiguous --------------------------------------------------------------------------
    ambiguous("Nguyễn", TAM, VU),
    ambiguous("nguyen", TAM, VU),
    ambiguous("Minh", TAM, VU, CHINH),
    ambiguous("Nguyễn Minh", TAM, VU),
    ambiguous("Đại sứ Nguyễn", TAM, VU),
    ambiguous("border delegation", "vietnamese-border-delegation", "lao-border-delegation"),
    ambiguous("National Congress", "cpv-14th-national-congress", "lprp-12th-national-congress"),
    ambiguous(
        "To Lam state visit", "to-lam-state-visit-laos-2025-12", "to-lam-state-visit-laos-2026-02"
    ),
    ambiguous(
        "Thongloun state visit",
        "thongloun-state-visit-vietnam-2026-01",
        "mofa-announces-thongloun-visit",
    ),
    ambiguous(
        "state visit",
        "to-lam-state-visit-laos-2025-12",
        "to-lam-state-visit-laos-2026-02",
        "thongloun-state-visit-vietnam-2026-01",
        "mofa-announces-thongloun-visit",
        kinds=("event",),
    ),
    # --- nonsense, and people who are not in the facts ----------------------------------
    none("Donald Trump"),
    none("Xi Jinping"),
    none("asdfgh"),
    none("Emmanuel Macron"),
    none("Joe Biden"),
    none("Sonexay Siphandone"),
    none("Vo Van Thuong"),
    none("Hun Sen"),
    none("Nguyen Van A"),
    none("qwertyuiop"),
    none("Xi"),
    none("President"),
    none(""),
    none("   "),
    none("!!!"),
    # --- near misses: "did you mean" --------------------------------------------------
    none("Nguyen Minh Tammm", TAM, why="two edits in a short syllable: only a suggestion"),
    none("Nguyen Minh Vux", VU, why="a 3-letter word is never a 2-letter name part"),
]


def _id(row: Row) -> str:
    kinds = f" [{','.join(row.kinds)}]" if row.kinds else ""
    return f"{row.query!r}{kinds}"


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 100
    assert len({(row.query, row.kinds) for row in ROWS}) == len(ROWS), "duplicate rows"


SCOPED = {
    path.stem
    for folder in ("events", "pillars", "topics")
    for path in (RELATIONSHIP / folder).glob("*.toml")
}
"""The relationship's own records, which the index knows as `<relationship>/<id>`."""


def _loaded(ids: frozenset[str]) -> frozenset[str]:
    return frozenset(loaded(i) if i in SCOPED else i for i in ids)


@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_query(index: NameIndex, row: Row) -> None:
    row = dataclasses.replace(row, expected=_loaded(row.expected))
    result = index.resolve(row.query, kinds=row.kinds)
    assert result.status == row.status, result
    if row.status == "match":
        assert result.match is not None
        assert {result.match.id} == row.expected
        assert not result.candidates and not result.suggestions
    elif row.status == "ambiguous":
        assert result.match is None
        assert {candidate.id for candidate in result.candidates} == row.expected
    else:
        assert result.match is None and not result.candidates
        suggested = [candidate.id for candidate in result.suggestions]
        assert len(suggested) <= 3
        if row.expected:
            assert suggested[0] in row.expected, suggested
            assert row.expected <= set(suggested)
        else:
            assert suggested == [], "nothing is near, so nothing may be suggested"


def test_kinds_restrict_every_outcome(index: NameIndex) -> None:
    for row in ROWS:
        if row.kinds is None:
            continue
        result = index.resolve(row.query, kinds=row.kinds)
        found = [*result.candidates, *result.suggestions]
        if result.match:
            found.append(result.match)
        assert all(candidate.kind in row.kinds for candidate in found)
