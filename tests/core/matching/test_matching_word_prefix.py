"""Autocomplete's "names holding these words and a word starting with that" has two ways to
its answer, chosen by estimated cost (walking the names, or intersecting the postings of the
words the last one starts). Whichever is taken, the answer is the same: the one a plain scan
of every name gives. The set of names holding the complete words is kept between keystrokes;
asking again gives the same answer."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from bot.core.matching import Honorifics, NameIndex, NameRecord
from bot.core.matching import index as index_module
from bot.core.matching.normalize import fold

FAMILY = ["Nguyễn", "Trần", "Lê", "Đinh", "Đặng", "Phạm", "Bùi", "Hồ"]
MIDDLE = ["Văn", "Thị", "Thanh", "Minh", "Đình", "Hữu", "Ngọc"]
GIVEN = ["Thanh", "Thành", "Than", "Tiến", "Tín", "Dũng", "Dung", "Đức", "Hà", "Hải",
         "Lan", "Linh", "Đinh", "Minh", "Hoa", "Hoà", "Khánh", "Kha"]  # fmt: skip


@pytest.fixture(scope="module")
def crowd(honorifics: Honorifics) -> NameIndex:
    """3,000 people from few syllables: common words with hundreds of names each (kept as
    sets), rare ones, and names holding a word twice (`Đinh Văn Đinh`)."""
    rng = random.Random(14)
    records = []
    for n in range(3000):
        words = [rng.choice(FAMILY), *rng.sample(MIDDLE, rng.randint(0, 2)), rng.choice(GIVEN)]
        name = " ".join(words)
        records.append(NameRecord(f"p{n}", "person", name, name, (name,)))
    return NameIndex.build(records, honorifics)


def plain(index: NameIndex, wanted: frozenset[str], last: str) -> list[int]:
    """Every entry, in order: holds each wanted word and a word starting with `last`."""
    return [
        entry
        for entry, words in enumerate(index._entry_tokens)
        if wanted <= set(words) and any(word.startswith(last) for word in words)
    ][: index_module.WORD_PREFIX_CAP]


def asks() -> Iterator[tuple[frozenset[str], str]]:
    for wanted in (["nguyen"], ["dinh"], ["thanh"], ["van"], ["van", "nguyen"], ["dinh", "van"],
                   ["minh", "thanh", "le"], ["kha"], ["hoa"]):  # fmt: skip
        for last in ("t", "th", "than", "thanh", "d", "di", "dinh", "du", "k", "kh", "h", "x"):
            yield frozenset(wanted), last


@pytest.mark.parametrize("factor", [0, None, 10**9], ids=["always-scan", "by-cost", "always-walk"])
def test_every_way_gives_the_plain_answer(
    crowd: NameIndex, factor: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if factor is not None:
        monkeypatch.setattr(index_module, "PREFIX_WALK_FACTOR", factor)
    sizes = []
    for wanted, last in asks():
        expected = plain(crowd, wanted, last)
        assert crowd._entries_with_word_prefix(wanted, last) == expected, (wanted, last)
        sizes.append(len(expected))
    assert sum(map(bool, sizes)) > 50
    assert index_module.WORD_PREFIX_CAP in sizes  # some reach the cap, and are cut the same


def test_asking_again_gives_the_same_answer(crowd: NameIndex) -> None:
    """The kept sets are shared between calls: no call may change them."""
    first = {ask: crowd._entries_with_word_prefix(*ask) for ask in asks()}
    again = {ask: crowd._entries_with_word_prefix(*ask) for ask in asks()}
    assert first == again
    assert crowd.autocomplete("Đinh Văn Th") == crowd.autocomplete("Đinh Văn Th")


def test_a_typed_name_offers_only_people_holding_it(crowd: NameIndex) -> None:
    """Through the public call: each choice for `Dinh Van Th` holds Đinh (or Đình), Văn
    and a word starting with Th, and there are as many as fit."""
    choices = crowd.autocomplete("Dinh Van Th")
    words = {record.id: fold(record.label_en).split() for record in crowd.records}
    for choice in choices:
        held = words[choice.value]
        assert {"dinh", "van"} <= set(held), held
        assert any(word.startswith("th") for word in held if word not in ("dinh", "van")), held
    assert len(choices) == 25
