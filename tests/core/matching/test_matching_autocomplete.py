"""Autocomplete: at most 25 ranked choices, prefixes first, labelled in both scripts, within
Discord's limits, and every value resolving straight back to its entity."""

from __future__ import annotations

import pytest

from bot.core.matching import AutocompleteChoice, Honorifics, NameIndex, NameRecord
from bot.core.matching.normalize import match_keys

QUERIES = [
    "", "t", "to", "Tô L", "Tổng Bí thư Tô L", "thong", "ng", "nguyen", "minh c", "Khampa",
    "Khampao", "vien", "viet", "ທອງ", "kinh", "quốc", "def", "lao", "party", "state visit",
    "PM Ch", "zzz", "a" * 300,
]  # fmt: skip


def ids(choices: list[AutocompleteChoice]) -> list[str]:
    return [choice.value for choice in choices]


@pytest.mark.parametrize("query", QUERIES)
def test_limits(index: NameIndex, query: str) -> None:
    choices = index.autocomplete(query)
    assert len(choices) <= 25
    assert len(set(ids(choices))) == len(choices), "an entity is offered once"
    for choice in choices:
        assert 0 < len(choice.name) <= 100
        assert 0 < len(choice.value) <= 100


@pytest.mark.parametrize("query", [q for q in QUERIES if q])
def test_values_resolve_directly(index: NameIndex, query: str) -> None:
    for choice in index.autocomplete(query):
        result = index.resolve(choice.value)
        assert result.status == "match" and result.match is not None
        assert result.match.id == choice.value


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("to", "to-lam"),
        ("Tô L", "to-lam"),
        ("Tổng Bí thư Tô L", "to-lam"),
        ("PM Ch", "pham-minh-chinh"),
        ("Chí", "pham-minh-chinh"),
        ("thong", "thongloun-sisoulith"),
        ("minh c", "pham-minh-chinh"),
        ("Khampa", "khamphao-ernthavanh"),
        ("Khampao", "khamphao-ernthavanh"),  # a typo still offers the name
        ("ທອງ", "thongloun-sisoulith"),
        ("vien", "vientiane"),
        ("kinh", "vietnam-laos/economic"),
        ("quốc", "vietnam-laos/defence-security"),
        ("Sisou", "thongloun-sisoulith"),
        ("lao", "laos"),
    ],
)
def test_ranking(index: NameIndex, query: str, first: str) -> None:
    assert ids(index.autocomplete(query))[0] == first


def test_both_namesakes_are_offered(index: NameIndex) -> None:
    assert set(ids(index.autocomplete("nguyen"))[:2]) == {"nguyen-minh-tam", "nguyen-minh-vu"}
    assert ids(index.autocomplete("thong"))[:2] == ["thongloun-sisoulith", "vietnam-news-agency"]


@pytest.mark.parametrize("query", ["t", "to", "thong", "viet", "lao", "ng", "party", "ch"])
def test_prefix_matches_come_first(index: NameIndex, records: list[NameRecord], query: str) -> None:
    """A prefix match: a name that starts with the query or, for a person, a name with a
    part that does (people go by given or family name)."""
    typed = match_keys(query)[0]
    kinds = {record.id: record.kind for record in records}
    names = {record.id: [key for n in record.names for key in match_keys(n)] for record in records}

    def is_prefix(entity: str) -> bool:
        return any(
            key.startswith(typed)
            or (kinds[entity] == "person" and any(w.startswith(typed) for w in key.split()))
            for key in names[entity]
        )

    choices = ids(index.autocomplete(query))
    flags = [is_prefix(entity) for entity in choices]
    assert flags, query
    assert flags == sorted(flags, reverse=True), "every prefix match precedes the others"
    people = [kinds[entity] == "person" for entity in choices if is_prefix(entity)]
    assert people == sorted(people, reverse=True), "people first among prefix matches"


def test_labels_in_both_scripts(index: NameIndex) -> None:
    labels = {choice.value: choice.name for choice in index.autocomplete("", kinds=["person"])}
    assert labels["to-lam"] == "Tô Lâm (To Lam)"
    assert labels["pham-minh-chinh"] == "Phạm Minh Chính (Pham Minh Chinh)"
    assert labels["nguyen-minh-vu"] == "Nguyễn Minh Vũ (Nguyen Minh Vu)"
    assert labels["thongloun-sisoulith"] == "Thongloun Sisoulith (ທອງລຸນ ສີສຸລິດ)"
    assert labels["khamphao-ernthavanh"] == "Khamphao Ernthavanh"
    country = {choice.value: choice.name for choice in index.autocomplete("", kinds=["country"])}
    assert country == {"laos": "Lào (Laos)", "vietnam": "Việt Nam (Vietnam)"}


def test_empty_query_lists_people_first(index: NameIndex, records: list[NameRecord]) -> None:
    choices = index.autocomplete("")
    assert len(choices) == 25
    kinds = {record.id: record.kind for record in records}
    people = [choice for choice in choices if kinds[choice.value] == "person"]
    assert choices[: len(people)] == people
    assert len(people) == sum(1 for record in records if record.kind == "person")
    assert [c.name for c in people] == sorted((c.name for c in people), key=str.casefold)


def test_kinds_and_limit(index: NameIndex) -> None:
    pillars = index.autocomplete("", kinds=["pillar"])
    assert {choice.value for choice in pillars} == {
        "vietnam-laos/political-diplomatic", "vietnam-laos/defence-security",
        "vietnam-laos/economic", "vietnam-laos/culture-education-people-to-people",
    }  # fmt: skip
    chinh = ids(index.autocomplete("chinh", kinds=["pillar"]))
    assert chinh == ["vietnam-laos/political-diplomatic"]
    assert len(index.autocomplete("", limit=5)) == 5
    assert index.autocomplete("to", limit=0) == []
    assert len(index.autocomplete("", limit=500)) == 25
    assert index.autocomplete("Donald Trump") == []


def test_long_labels_are_cut_to_discord_limits() -> None:
    long_vi = "Đại hội " + "rất dài " * 20
    record = NameRecord("long", "event", "Very long " * 15, long_vi, ("Very long name",))
    index = NameIndex.build([record], Honorifics())
    (choice,) = index.autocomplete("very")
    assert len(choice.name) <= 100
    assert choice.name.endswith("…")
    assert choice.name.startswith("Đại hội")
