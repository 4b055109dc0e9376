"""Full-text search (`SearchIndex`, in-memory FTS5), checked against the shipped facts.

Expectations are computed here, independently of the index, from the `FactSet` the loader
builds: which statements hold which words, folded by a helper written in this file rather
than imported, so that a folding bug cannot hide behind itself. The index is read-only once
built, so one per module serves every test.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

import pytest

from bot.core.facts.factset import FactSet, FactStatement
from bot.core.store.search import SearchHit, SearchIndex


@pytest.fixture(scope="module")
def index(factset: FactSet) -> SearchIndex:
    return SearchIndex.build(factset)


def my_fold(text: str) -> str:
    """Lower case, no Vietnamese diacritics, đ -> d: written here, not imported."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def my_words(text: str) -> set[str]:
    return set(re.findall(r"\w+", my_fold(text)))


def statement_ids(hits: list[SearchHit]) -> list[str]:
    return [hit.ref for hit in hits if hit.kind == "statement"]


def rows(index: SearchIndex) -> int:
    (count,) = index._db.execute("SELECT count(*) FROM search").fetchone()
    return int(count)


def test_one_row_per_entity_and_statement(index: SearchIndex, factset: FactSet) -> None:
    assert rows(index) == len(factset.entities) + len(factset.statements)


def test_a_second_index_leaves_the_first_as_it_was(index: SearchIndex, factset: FactSet) -> None:
    """Snapshots never share an index: building one for new facts changes no other."""
    before = index.search("brainpower")
    first = next(iter(factset.statements.values()))
    changed = first._replace(text="brainpower brainpower xyzzy")
    other = SearchIndex.build(
        dataclasses.replace(factset, statements={**factset.statements, first.id: changed})
    )
    assert other.search("xyzzy") and not index.search("xyzzy")
    assert index.search("brainpower") == before


def test_an_empty_fact_set_finds_nothing() -> None:
    assert SearchIndex.build(FactSet(version="empty")).search("vietnam") == []


# --- Search ------------------------------------------------------------------------------


def test_dang_finds_the_parties_without_diacritics(index: SearchIndex, factset: FactSet) -> None:
    expected = {
        entity_id
        for entity_id, entity in factset.entities.items()
        if any("dang" in my_words(name) for name in entity.all_names())
    }
    # From entities.toml: both parties are named "Đảng ..." in Vietnamese.
    assert {"communist-party-of-vietnam", "lao-peoples-revolutionary-party"} <= expected
    found = index.search("dang", limit=100, kind="name")
    assert {hit.ref for hit in found} == expected


@pytest.mark.parametrize("query", ["Đảng", "ĐẢNG", "DANG", "đảng", "Dang"])
def test_case_and_diacritics_do_not_matter(index: SearchIndex, query: str) -> None:
    assert index.search(query, limit=100) == index.search("dang", limit=100)


def test_vietnamese_text_in_statements_is_found_either_way(
    index: SearchIndex, factset: FactSet
) -> None:
    # events.toml: "... the first overseas trip by Việt Nam's top Party and State leaders ..."
    with_diacritics = index.search("Việt Nam top Party", limit=100, kind="statement")
    without = index.search("viet nam top party", limit=100, kind="statement")
    assert with_diacritics == without
    expected = {
        s.id
        for s in factset.statements.values()
        if {"viet", "nam", "top", "party"} <= my_words(s.text)
    }
    assert expected, "the facts changed: pick other words"
    assert set(statement_ids(without)) == expected


def test_d_with_stroke_in_a_statement_is_found_as_d(factset: FactSet) -> None:
    """No shipped statement text has "đ", so add one: the FTS tokenizer alone does not
    turn "đ" into "d" (it is not a letter with a combining mark)."""
    extra = FactStatement(
        id="stmt-test-dat-nuoc",
        relationship=next(iter(factset.relationships)),
        about=("doi-moi",),
        role="statement",
        text="Công cuộc Đổi mới đất nước: xyzzy",
        source=next(iter(factset.sources)),
        quote="xyzzy",
    )
    bigger = dataclasses.replace(factset, statements={**factset.statements, extra.id: extra})
    bigger_index = SearchIndex.build(bigger)
    for query in ("dat nuoc", "Đất nước", "ĐẤT NƯỚC", "doi moi dat"):
        hits = bigger_index.search(query, kind="statement")
        assert hits and hits[0].ref == extra.id, query


def _only_statement_with(factset: FactSet, word: str) -> str:
    holders = [s.id for s in factset.statements.values() if word in my_words(s.text)]
    named = [i for i, e in factset.entities.items() if word in my_words(" ".join(e.all_names()))]
    assert len(holders) == 1 and not named, f"{word!r} is no longer distinctive: {holders}"
    return holders[0]


@pytest.mark.parametrize(
    ("query", "word"),
    [
        # entities.toml / statements.toml: only one statement speaks of "brainpower",
        # only one of a "tightly knit" community.
        ("brainpower", "brainpower"),
        ("Brainpower", "brainpower"),
        ("tightly", "tightly"),
        ("tightly knit community", "tightly"),
    ],
)
def test_a_distinctive_word_finds_its_statement_first(
    index: SearchIndex, factset: FactSet, query: str, word: str
) -> None:
    only = _only_statement_with(factset, word)
    hits = index.search(query)
    assert hits, query
    assert hits[0] == SearchHit("statement", only, hits[0].rank)


@pytest.mark.parametrize("query", ["brainpow", "brai", "overseas brainpo", "tightly kni"])
def test_the_last_word_may_be_a_prefix(index: SearchIndex, factset: FactSet, query: str) -> None:
    word = "brainpower" if "brai" in query else "tightly"
    only = _only_statement_with(factset, word)
    hits = index.search(query)
    assert hits and hits[0].kind == "statement" and hits[0].ref == only


def test_every_word_must_match_when_something_has_them_all(
    index: SearchIndex, factset: FactSet
) -> None:
    words = {"strategic", "cohesion", "education"}
    expected = {s.id for s in factset.statements.values() if words <= my_words(s.text)}
    assert expected, "the facts changed: pick other words"
    hits = index.search("strategic cohesion education", limit=100, kind="statement")
    assert set(statement_ids(hits)) == expected


def test_results_are_best_first_and_filtered_by_kind(index: SearchIndex) -> None:
    hits = index.search("vietnam laos", limit=100)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert {h.kind for h in hits} == {"statement", "name"}
    for kind in ("statement", "name"):
        only = index.search("vietnam laos", limit=100, kind=kind)
        assert only and all(h.kind == kind for h in only)
        assert {h.ref for h in only} == {h.ref for h in hits if h.kind == kind}


def test_the_limit_is_respected(index: SearchIndex, factset: FactSet) -> None:
    # The only (so the last) word is a prefix: "vietnam" also finds "Vietnamese".
    total = sum(
        any(w.startswith("vietnam") for w in my_words(s.text)) for s in factset.statements.values()
    )
    assert total > 12, "need many matches for this test"
    everything = index.search("vietnam", limit=100, kind="statement")
    assert len(everything) == total
    for limit in (1, 2, 5, 10, 12):
        hits = index.search("vietnam", limit=limit, kind="statement")
        assert len(hits) == limit
        # Best first: the same ranks as the head of the full list (ties may swap places).
        assert [h.rank for h in hits] == [h.rank for h in everything[:limit]]
        assert {h.ref for h in hits} <= {h.ref for h in everything}


HOSTILE = [
    '"',
    '""',
    '"unterminated',
    "*",
    "**",
    "dang*",
    "NEAR(",
    "NEAR(dang lao, 2)",
    "AND OR",
    "AND",
    "OR",
    "NOT",
    "dang AND",
    "NOT dang",
    "'; DROP TABLE statements; --",
    "'); DELETE FROM search; --",
    "body:dang",
    "kind:name",
    "{body}: dang",
    "^dang",
    "-dang",
    "dang + lao",
    "(",
    ")",
    "\\",
    "%_",
    "\x00",
    "\x1f",
    "x" * 10_000,
    "dang " * 2_000,
    " ".join(["vietnam"] * 50),
    "😀",
    "🇻🇳🇱🇦 😀 dang",
    "",
    "   ",
    "\n\t",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_fts_syntax_and_sql_in_queries_never_break_the_store(
    index: SearchIndex, factset: FactSet, query: str
) -> None:
    before = rows(index)
    hits = index.search(query, limit=5)
    assert isinstance(hits, list) and len(hits) <= 5
    assert all(isinstance(hit, SearchHit) for hit in hits)
    for kind in ("statement", "name"):
        assert all(h.kind == kind for h in index.search(query, limit=5, kind=kind))
    assert rows(index) == before == len(factset.entities) + len(factset.statements)
    assert statement_ids(index.search("brainpower"))


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_below_one_finds_nothing(index: SearchIndex, limit: int) -> None:
    assert index.search("Laos")
    assert index.search("Laos", limit=limit) == []


@pytest.mark.parametrize("query", ["", "   ", "😀", "\x00", "*", '"', "()"])
def test_nothing_to_search_for_finds_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_an_index_built_from_the_one_before_finds_what_a_fresh_one_does(
    index: SearchIndex, factset: FactSet
) -> None:
    """A reload builds the new index from the old one, changing only rows whose text did:
    statements edited, added and removed, and an entity renamed. Every query must then find
    what an index built from scratch finds, in the same order, and the old index must not
    change."""
    statements = list(factset.statements.values())
    changed = {s.id: s._replace(text=s.text + " quokka") for s in statements[::7]}
    removed = {s.id for s in statements[3::11]}
    added = statements[0]._replace(id="stmt-test-added", text="A wombat statement")
    kept = {i: changed.get(i, s) for i, s in factset.statements.items() if i not in removed} | {
        added.id: added
    }
    renamed_id, renamed = next(iter(factset.entities.items()))
    entities = {**factset.entities, renamed_id: renamed.model_copy(update={"name_en": "Numbat"})}
    newer = dataclasses.replace(factset, statements=kept, entities=entities)

    before = {query: index.search(query, limit=100) for query in QUERIES}
    incremental = SearchIndex.build(newer, previous=index)
    fresh = SearchIndex.build(newer)
    for query in (*QUERIES, "quokka", "wombat", "numbat"):
        assert incremental.search(query, limit=100) == fresh.search(query, limit=100), query
    assert rows(incremental) == rows(fresh) == len(entities) + len(kept)
    assert {query: index.search(query, limit=100) for query in QUERIES} == before
    assert not index.search("quokka") and not index.search("numbat")
    # And once more on top: a chain of reloads stays equal to a fresh build.
    again = SearchIndex.build(factset, previous=incremental)
    for query in QUERIES:
        assert again.search(query, limit=100) == before[query], query


QUERIES = ("vietnam", "laos party", "strategic cohesion", "dang", "brainpo", "zzzz qqqq")
