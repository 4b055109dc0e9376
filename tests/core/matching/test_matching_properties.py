"""Properties: how a name is typed never changes what it finds, and no input breaks matching."""

from __future__ import annotations

import random
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matching_support import FACTS, shipped_records

from bot.core.matching import Honorifics, NameIndex, NameRecord, Resolution, load_honorifics
from bot.core.matching.index import AUTOCOMPLETE_LIMIT, CHOICE_MAX
from bot.core.matching.normalize import fold, match_keys, match_keys_many

RECORDS = shipped_records()
HONORIFICS = load_honorifics(FACTS / "honorifics.toml")
INDEX = NameIndex.build(RECORDS, HONORIFICS)
ALIASES = sorted({name for record in RECORDS for name in record.names})
PERSON_NAMES = sorted({name for r in RECORDS if r.kind == "person" for name in r.names})
TITLES = sorted(HONORIFICS.titles)
LATIN_MARKS = re.compile("[\u0300-\u036f]")

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(result: Resolution) -> tuple[str, str | None, frozenset[str]]:
    return (
        result.status,
        result.match.id if result.match else None,
        frozenset(candidate.id for candidate in result.candidates),
    )


def strip_diacritics(text: str) -> str:
    """Independent of the code under test: drop Latin combining marks, map đ/Đ."""
    decomposed = unicodedata.normalize("NFD", text)
    return LATIN_MARKS.sub("", decomposed).replace("đ", "d").replace("Đ", "D")


def test_every_alias_resolves() -> None:
    for alias in ALIASES:
        assert INDEX.resolve(alias).status in ("match", "ambiguous"), alias


@SETTINGS
@given(alias=st.sampled_from(ALIASES))
def test_removing_diacritics_changes_nothing(alias: str) -> None:
    assert outcome(INDEX.resolve(strip_diacritics(alias))) == outcome(INDEX.resolve(alias))


@SETTINGS
@given(alias=st.sampled_from(ALIASES), case=st.sampled_from(["upper", "lower", "title", "swap"]))
def test_changing_case_changes_nothing(alias: str, case: str) -> None:
    typed = {
        "upper": alias.upper(),
        "lower": alias.lower(),
        "title": alias.title(),
        "swap": alias.swapcase(),
    }[case]
    assert outcome(INDEX.resolve(typed)) == outcome(INDEX.resolve(alias))


@SETTINGS
@given(
    alias=st.sampled_from(ALIASES),
    spaces=st.lists(st.sampled_from([" ", "  ", "\t", "\u00a0"]), min_size=1, max_size=8),
)
def test_adding_spaces_changes_nothing(alias: str, spaces: list[str]) -> None:
    words = alias.split(" ")
    padded = spaces[0] + "".join(
        word + (spaces[i % len(spaces)] + " ") for i, word in enumerate(words)
    )
    assert outcome(INDEX.resolve(padded)) == outcome(INDEX.resolve(alias))


@SETTINGS
@given(alias=st.sampled_from(PERSON_NAMES), title=st.sampled_from(TITLES), diacritics=st.booleans())
def test_prefixing_a_title_changes_nothing(alias: str, title: str, diacritics: bool) -> None:
    typed = f"{title} {alias}" if diacritics else strip_diacritics(f"{title} {alias}")
    assert outcome(INDEX.resolve(typed)) == outcome(INDEX.resolve(alias))


@SETTINGS
@given(query=st.text(st.characters(codec=None, exclude_categories=())))
def test_no_input_raises(query: str) -> None:
    result = INDEX.resolve(query)
    assert result.status in ("match", "ambiguous", "none")
    assert len(result.suggestions) <= 3
    choices = INDEX.autocomplete(query)
    assert len(choices) <= AUTOCOMPLETE_LIMIT
    assert all(0 < len(c.name) <= CHOICE_MAX and 0 < len(c.value) <= CHOICE_MAX for c in choices)


@SETTINGS
@given(query=st.text(max_size=30), kinds=st.sets(st.sampled_from(["person", "pillar", "x"])))
def test_kinds_are_respected(query: str, kinds: set[str]) -> None:
    result = INDEX.resolve(query, kinds=kinds)
    found = [*result.candidates, *result.suggestions, *([result.match] if result.match else [])]
    assert all(candidate.kind in kinds for candidate in found)
    by_id = {record.id: record.kind for record in RECORDS}
    assert all(by_id[c.value] in kinds for c in INDEX.autocomplete(query, kinds=kinds))


def test_huge_and_odd_inputs_do_not_raise() -> None:
    rng = random.Random(10_000)
    odd = [
        "",
        " " * 10_000,
        "a" * 10_000,
        "Tô Lâm " * 1_500,
        "ທອງລຸນ" * 2_000,
        "".join(chr(rng.randrange(0x20, 0x30000)) for _ in range(10_000)),
        "".join(chr(rng.randrange(0xD800, 0xE000)) for _ in range(100)),  # lone surrogates
        "\x00\n\r\t\u200b\u2028\ufeff",
        "Tổng Bí thư " * 1_000,
    ]
    for query in odd:
        INDEX.resolve(query)
        INDEX.resolve(query, kinds=["person"])
        assert len(INDEX.autocomplete(query)) <= AUTOCOMPLETE_LIMIT


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(st.text(max_size=20), max_size=8))
def test_bulk_keys_agree_with_single_keys(texts: list[str]) -> None:
    assert match_keys_many(texts) == [match_keys(text) for text in texts]


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=40))
def test_keys_are_stable(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    for key in match_keys(text):
        assert key in match_keys(key)


@settings(max_examples=50, deadline=None)
@given(
    names=st.lists(
        st.text(st.characters(codec="utf-8"), min_size=1, max_size=15), min_size=1, max_size=6
    ),
    query=st.text(max_size=15),
)
def test_any_records_build_and_answer(names: list[str], query: str) -> None:
    records = [
        NameRecord(f"e{i}", "person" if i % 2 else "place", name, None, (name,))
        for i, name in enumerate(names)
    ]
    index = NameIndex.build(records, Honorifics())
    index.resolve(query)
    index.autocomplete(query)
    for record in records:
        result = index.resolve(record.names[0])
        if match_keys(record.names[0]):
            assert result.status in ("match", "ambiguous")
