"""The SQLite store, on a real file, checked against the shipped facts.

Every expectation is computed here, independently of the store, from the `FactSet` the loader
builds (or read straight from the fact files): which statements are about what, which events
fall in a month, how many rows each table should hold. Dates are parsed by a small helper in
this file rather than by `FuzzyDate`, so that a date bug cannot hide behind itself.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
import sqlite3
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.core.facts.factset import FactSet, FactStatement
from bot.core.facts.models import Event
from bot.core.store.store import FactStore, SearchHit

REPO = Path(__file__).resolve().parents[3]
FACTS = REPO / "facts"

# Tables `replace` fills; their row counts are compared before and after each operation.
TABLES = (
    "meta",
    "relationships",
    "sources",
    "further_reading",
    "entities",
    "names",
    "events",
    "event_participants",
    "statements",
    "statement_about",
    "search",
)


# --- Fixtures ----------------------------------------------------------------------------


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "attache.sqlite3"


@pytest.fixture
async def store(db_path: Path, factset: FactSet) -> AsyncIterator[FactStore]:
    opened = await FactStore.open(db_path)
    await opened.replace(factset)
    try:
        yield opened
    finally:
        await opened.close()


# --- Independent helpers -----------------------------------------------------------------


def my_fold(text: str) -> str:
    """Lower case, no Vietnamese diacritics, đ -> d: written here, not imported."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def my_words(text: str) -> set[str]:
    return set(re.findall(r"\w+", my_fold(text)))


def _point(text: str) -> tuple[int, int | None, int | None]:
    parts = [int(part) for part in text.strip().split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


def _first(text: str) -> date:
    year, month, day = _point(text)
    return date(year, month or 1, day or 1)


def _last(text: str) -> date:
    year, month, day = _point(text)
    month = month or 12
    return date(year, month, day or calendar.monthrange(year, month)[1])


def span(text: str) -> tuple[date | None, date | None]:
    """First and last possible day of a fact date; None where the source does not say."""
    text = text.strip()
    if text.startswith("--"):  # a day of the year, year not stated
        return None, None
    if text.startswith("before "):
        return None, _first(text.removeprefix("before ")) - timedelta(days=1)
    start, _, end = text.partition("/")
    return _first(start), _last(end or start)


def chronological(text: str) -> tuple[int, str, int]:
    """Date order as a reader expects it: "before X" just before anything on X, no year last."""
    text = text.strip()
    if text.startswith("--"):
        return (1, text, 0)
    if text.startswith("before "):
        return (0, _first(text.removeprefix("before ")).isoformat(), 0)
    return (0, _first(text.partition("/")[0]).isoformat(), 1)


def events_of(factset: FactSet) -> dict[str, Event]:
    return {i: e for i, e in factset.entities.items() if isinstance(e, Event)}


def involved(event: Event) -> set[str]:
    refs = {event.host, event.guest, event.place, *event.participants, *event.pillars}
    return {ref for ref in refs if ref is not None}


async def table_counts(store: FactStore) -> dict[str, int]:
    counts = {}
    for table in TABLES:
        async with store._db.execute(f"SELECT count(*) FROM {table}") as cursor:
            row = await cursor.fetchone()
        assert row is not None
        counts[table] = row[0]
    return counts


def expected_counts(factset: FactSet) -> dict[str, int]:
    statements = factset.statements.values()
    return {
        "meta": 2,  # version and loaded_at
        "relationships": len(factset.relationships),
        "sources": len(factset.sources),
        "further_reading": len(factset.further_reading),
        "entities": len(factset.entities),
        "names": sum(len(e.all_names()) for e in factset.entities.values()),
        "events": len(events_of(factset)),
        "event_participants": sum(
            len({(ref, role) for role, ref in _roles(e)}) for e in events_of(factset).values()
        ),
        "statements": len(factset.statements),
        "statement_about": sum(len(set(s.about)) for s in statements),
        "search": len(factset.entities) + len(factset.statements),
    }


def _roles(event: Event) -> list[tuple[str, str]]:
    roles = [("host", event.host), ("guest", event.guest), ("place", event.place)]
    roles += [("participant", p) for p in event.participants]
    roles += [("pillar", p) for p in event.pillars]
    return [(role, ref) for role, ref in roles if ref is not None]


def statement_ids(hits: list[SearchHit]) -> list[str]:
    return [hit.ref for hit in hits if hit.kind == "statement"]


# --- Loading, meta, persistence ----------------------------------------------------------


async def test_meta_matches_the_factset(store: FactStore, factset: FactSet) -> None:
    meta = await store.meta()
    assert meta is not None
    assert meta.version == factset.version
    assert meta.statements == len(factset.statements)
    assert meta.sources == len(factset.sources)
    assert meta.loaded_at.tzinfo is not None


async def test_an_empty_store_has_no_meta(db_path: Path) -> None:
    async with await FactStore.open(db_path) as empty:
        assert await empty.meta() is None
        assert await empty.search("vietnam") == []


async def test_every_table_holds_what_the_factset_implies(
    store: FactStore, factset: FactSet
) -> None:
    assert await table_counts(store) == expected_counts(factset)


async def test_replacing_twice_does_not_duplicate(store: FactStore, factset: FactSet) -> None:
    first = await table_counts(store)
    await store.replace(factset)
    await store.replace(factset)
    assert await table_counts(store) == first == expected_counts(factset)
    hits = await store.search("brainpower", limit=100)
    assert len(hits) == len({(h.kind, h.ref) for h in hits})


async def test_data_persists_across_reopening_the_file(db_path: Path, factset: FactSet) -> None:
    async with await FactStore.open(db_path) as first:
        await first.replace(factset)
        before = await table_counts(first)
    assert db_path.is_file()
    async with await FactStore.open(db_path) as again:
        meta = await again.meta()
        assert meta is not None and meta.version == factset.version
        assert await table_counts(again) == before
        some = next(iter(factset.statements.values()))
        assert await again.statements_by_id([some.id]) == [some]


# --- Atomicity ---------------------------------------------------------------------------


def _missing_kind(factset: FactSet) -> FactSet:
    """Fails in `_insert` with KeyError, after every table was emptied and some refilled."""
    return dataclasses.replace(factset, version="broken-kinds", kinds={})


def _duplicate_statement_id(factset: FactSet) -> FactSet:
    """Fails late, at the statements insert, with a PRIMARY KEY violation."""
    first = next(iter(factset.statements.values()))
    statements = dict(factset.statements)
    statements["another-key"] = dataclasses.replace(first, text="a second row, same id")
    return dataclasses.replace(factset, version="broken-duplicate", statements=statements)


@pytest.mark.parametrize(
    ("make_broken", "error"),
    [
        pytest.param(_missing_kind, KeyError, id="missing-kind"),
        pytest.param(_duplicate_statement_id, sqlite3.IntegrityError, id="duplicate-id"),
    ],
)
async def test_a_failed_replace_leaves_the_previous_content(
    store: FactStore,
    db_path: Path,
    factset: FactSet,
    make_broken: Callable[[FactSet], FactSet],
    error: type[Exception],
) -> None:
    before = await table_counts(store)
    some_entity = next(iter(factset.statements.values())).subject
    about_before = await store.statements_about(some_entity)
    with pytest.raises(error):
        await store.replace(make_broken(factset))

    meta = await store.meta()
    assert meta is not None and meta.version == factset.version
    assert await table_counts(store) == before
    assert await store.statements_about(some_entity) == about_before
    assert statement_ids(await store.search("brainpower"))
    # Another connection to the same file sees the old content too (nothing half-written).
    async with await FactStore.open(db_path) as other:
        other_meta = await other.meta()
        assert other_meta is not None and other_meta.version == factset.version
        assert await table_counts(other) == before
    # No transaction was left open: the next replace works.
    await store.replace(factset)
    assert await table_counts(store) == before


# --- Search ------------------------------------------------------------------------------


async def test_dang_finds_the_parties_without_diacritics(
    store: FactStore, factset: FactSet
) -> None:
    expected = {
        entity_id
        for entity_id, entity in factset.entities.items()
        if any("dang" in my_words(name) for name in entity.all_names())
    }
    # From entities.toml: both parties are named "Đảng ..." in Vietnamese.
    assert {"communist-party-of-vietnam", "lao-peoples-revolutionary-party"} <= expected
    found = await store.search("dang", limit=100, kind="name")
    assert {hit.ref for hit in found} == expected


@pytest.mark.parametrize("query", ["Đảng", "ĐẢNG", "DANG", "đảng", "Dang"])
async def test_case_and_diacritics_do_not_matter(store: FactStore, query: str) -> None:
    assert await store.search(query, limit=100) == await store.search("dang", limit=100)


async def test_vietnamese_text_in_statements_is_found_either_way(
    store: FactStore, factset: FactSet
) -> None:
    # events.toml: "... the first overseas trip by Việt Nam's top Party and State leaders ..."
    with_diacritics = await store.search("Việt Nam top Party", limit=100, kind="statement")
    without = await store.search("viet nam top party", limit=100, kind="statement")
    assert with_diacritics == without
    expected = {
        s.id
        for s in factset.statements.values()
        if {"viet", "nam", "top", "party"} <= my_words(s.text)
    }
    assert expected, "the facts changed: pick other words"
    assert set(statement_ids(without)) == expected


async def test_d_with_stroke_in_a_statement_is_found_as_d(db_path: Path, factset: FactSet) -> None:
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
    async with await FactStore.open(db_path) as store:
        await store.replace(bigger)
        for query in ("dat nuoc", "Đất nước", "ĐẤT NƯỚC", "doi moi dat"):
            hits = await store.search(query, kind="statement")
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
async def test_a_distinctive_word_finds_its_statement_first(
    store: FactStore, factset: FactSet, query: str, word: str
) -> None:
    only = _only_statement_with(factset, word)
    hits = await store.search(query)
    assert hits, query
    assert hits[0] == SearchHit("statement", only, hits[0].rank)


@pytest.mark.parametrize("query", ["brainpow", "brai", "overseas brainpo", "tightly kni"])
async def test_the_last_word_may_be_a_prefix(
    store: FactStore, factset: FactSet, query: str
) -> None:
    word = "brainpower" if "brai" in query else "tightly"
    only = _only_statement_with(factset, word)
    hits = await store.search(query)
    assert hits and hits[0].kind == "statement" and hits[0].ref == only


async def test_every_word_must_match_when_something_has_them_all(
    store: FactStore, factset: FactSet
) -> None:
    words = {"strategic", "cohesion", "education"}
    expected = {s.id for s in factset.statements.values() if words <= my_words(s.text)}
    assert expected, "the facts changed: pick other words"
    hits = await store.search("strategic cohesion education", limit=100, kind="statement")
    assert set(statement_ids(hits)) == expected


async def test_results_are_best_first_and_filtered_by_kind(store: FactStore) -> None:
    hits = await store.search("vietnam laos", limit=100)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert {h.kind for h in hits} == {"statement", "name"}
    for kind in ("statement", "name"):
        only = await store.search("vietnam laos", limit=100, kind=kind)
        assert only and all(h.kind == kind for h in only)
        assert {h.ref for h in only} == {h.ref for h in hits if h.kind == kind}


async def test_the_limit_is_respected(store: FactStore, factset: FactSet) -> None:
    # The only (so the last) word is a prefix: "vietnam" also finds "Vietnamese".
    total = sum(
        any(w.startswith("vietnam") for w in my_words(s.text)) for s in factset.statements.values()
    )
    assert total > 12, "need many matches for this test"
    everything = await store.search("vietnam", limit=100, kind="statement")
    assert len(everything) == total
    for limit in (1, 2, 5, 10, 12):
        hits = await store.search("vietnam", limit=limit, kind="statement")
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
async def test_fts_syntax_and_sql_in_queries_never_break_the_store(
    store: FactStore, factset: FactSet, query: str
) -> None:
    before = await table_counts(store)
    hits = await store.search(query, limit=5)
    assert isinstance(hits, list) and len(hits) <= 5
    assert all(isinstance(hit, SearchHit) for hit in hits)
    for kind in ("statement", "name"):
        assert all(h.kind == kind for h in await store.search(query, limit=5, kind=kind))
    assert await table_counts(store) == before == expected_counts(factset)
    assert statement_ids(await store.search("brainpower"))


@pytest.mark.parametrize("limit", [0, -1])
async def test_a_limit_below_one_finds_nothing(store: FactStore, limit: int) -> None:
    assert await store.search("Laos")
    assert await store.search("Laos", limit=limit) == []


@pytest.mark.parametrize("query", ["", "   ", "😀", "\x00", "*", '"', "()"])
async def test_nothing_to_search_for_finds_nothing(store: FactStore, query: str) -> None:
    assert await store.search(query) == []


# --- Lookups agree with the FactSet ------------------------------------------------------


async def test_statements_about_agrees_with_the_factset(store: FactStore, factset: FactSet) -> None:
    subjects = set(factset.entities) | set(factset.relationships)
    checked = 0
    for entity_id in sorted(subjects):
        expected = [s for s in factset.statements.values() if entity_id in s.about]
        assert await store.statements_about(entity_id) == expected, entity_id
        checked += len(expected)
    assert checked >= len(factset.statements)
    assert await store.statements_about("no-such-entity") == []


async def test_statements_round_trip_every_field(store: FactStore, factset: FactSet) -> None:
    ids = list(factset.statements)
    back = await store.statements_by_id(ids)
    assert back == list(factset.statements.values())
    assert any(s.conflicts_with for s in back) and any(s.as_of for s in back)
    assert any(len(s.about) > 1 for s in back)


async def test_statements_from_agrees_with_the_factset(store: FactStore, factset: FactSet) -> None:
    for source_id in factset.sources:
        expected = [s for s in factset.statements.values() if s.source == source_id]
        assert await store.statements_from(source_id) == expected, source_id
    assert await store.statements_from("no-such-source") == []


async def test_statements_by_id_keeps_the_order_given(store: FactStore, factset: FactSet) -> None:
    statements: list[FactStatement] = list(factset.statements.values())
    first, last = statements[0], statements[-1]
    asked = [last.id, "no-such-statement", first.id, "' OR 1=1 --"]
    assert await store.statements_by_id(asked) == [last, first]
    assert await store.statements_by_id([]) == []


async def test_events_with_agrees_with_the_factset(store: FactStore, factset: FactSet) -> None:
    events = events_of(factset)
    for entity_id in sorted(set(factset.entities) | set(factset.relationships)):
        expected = {i for i, e in events.items() if entity_id in involved(e)}
        found = await store.events_with(entity_id)
        assert len(found) == len(set(found)), f"duplicates for {entity_id}: {found}"
        assert set(found) == expected, entity_id
    # people.toml / events.toml: Thongloun Sisoulith is the guest of the January 2026 visit.
    assert "thongloun-state-visit-vietnam-2026-01" in await store.events_with("thongloun-sisoulith")


PERIODS = [
    (2024, None),
    (2025, None),
    (2025, 11),
    (2025, 12),
    (2026, None),
    (2026, 1),
    (2026, 2),
    (2026, 3),
]


@pytest.mark.parametrize(("year", "month"), PERIODS)
async def test_events_in_a_month_or_year_agree_with_the_dates(
    store: FactStore, factset: FactSet, year: int, month: int | None
) -> None:
    start = date(year, month or 1, 1)
    end_month = month or 12
    end = date(year, end_month, calendar.monthrange(year, end_month)[1])
    expected = []
    for event_id, event in events_of(factset).items():
        first, last = span(event.date)
        if first is not None and last is not None and first <= end and last >= start:
            expected.append((first, event_id))
    assert await store.events(year, month) == [event_id for _, event_id in sorted(expected)]


async def test_events_in_february_2026_by_hand(store: FactStore) -> None:
    # events.toml, read by hand: the visit (2026-02), its talks (2026-02) and the
    # community meeting (2026-02-05). "before 2026-01-26" events have no certain month.
    assert set(await store.events(2026, 2)) == {
        "to-lam-state-visit-laos-2026-02",
        "to-lam-thongloun-talks-2026-02",
        "to-lam-meets-community-vientiane-2026-02-05",
    }
    january = await store.events(2026, 1)
    assert "thongloun-state-visit-vietnam-2026-01" in january
    assert "mofa-announces-thongloun-visit" not in january  # "before 2026-01-26"
    assert "pham-minh-chinh-meets-thongloun" not in await store.events(2025, 12)  # "--12-03"


async def test_all_events_are_listed_in_date_order(store: FactStore, factset: FactSet) -> None:
    events = events_of(factset)
    expected = sorted(events, key=lambda i: (chronological(events[i].date), i))
    found = await store.events()
    assert sorted(found) == sorted(expected)
    assert found == expected, (
        "events() is not in date order: an event known only as 'before X' must come before "
        "an event that starts on X (see FuzzyDate.sort_key)"
    )


async def test_events_with_are_listed_in_date_order(store: FactStore, factset: FactSet) -> None:
    events = events_of(factset)
    wrong = {}
    for entity_id in sorted(factset.entities):
        found = await store.events_with(entity_id)
        expected = sorted(found, key=lambda i: (chronological(events[i].date), i))
        if found != expected:
            wrong[entity_id] = (found, expected)
    assert not wrong, f"events_with not in date order (found, expected): {wrong}"


async def test_further_reading_agrees_with_the_factset(store: FactStore, factset: FactSet) -> None:
    abouts = {f.about for f in factset.further_reading}
    for about in sorted(abouts):
        expected = sorted(
            (f for f in factset.further_reading if f.about == about),
            key=lambda f: (f.published, f.id),
        )
        assert await store.further_reading(about) == expected, about
    assert await store.further_reading("no-such-event") == []


async def test_sources_agree_with_the_factset(store: FactStore, factset: FactSet) -> None:
    found = await store.sources()
    stored = {s.id: s.model_dump(exclude={"note"}) for s in found}
    assert stored == {i: s.model_dump(exclude={"note"}) for i, s in factset.sources.items()}

    def newest_first(source_id: str) -> tuple[int, str]:
        last = span(factset.sources[source_id].published)[1]
        return (-(last.toordinal() if last else 0), source_id)

    assert [s.id for s in found] == sorted(factset.sources, key=newest_first)


# --- Query plans -------------------------------------------------------------------------


def _lookups(factset: FactSet) -> list[Callable[[FactStore], Awaitable[object]]]:
    statement = next(s for s in factset.statements.values() if len(s.about) > 1)
    about = factset.further_reading[0].about
    return [
        lambda st: st.statements_about(statement.subject),
        lambda st: st.statements_from(statement.source),
        lambda st: st.statements_by_id([statement.id, "no-such-statement"]),
        lambda st: st.events(),
        lambda st: st.events(2026),
        lambda st: st.events(2026, 2),
        lambda st: st.events_with("to-lam"),
        lambda st: st.further_reading(about),
        lambda st: st.search("strategic cohesion"),
        lambda st: st.search("zzzz qqqq"),  # falls back to OR
        lambda st: st.search("vietnam", kind="statement"),
    ]


_OK_SCAN = ("USING INDEX", "USING COVERING INDEX", "USING INTEGER PRIMARY KEY", "VIRTUAL TABLE")


async def test_the_commands_queries_use_indexes(store: FactStore, factset: FactSet) -> None:
    executed: list[str] = []
    await store._db.set_trace_callback(executed.append)
    try:
        for lookup in _lookups(factset):
            await lookup(store)
    finally:
        # sqlite3 turns tracing off with None; aiosqlite's stubs only allow a callable.
        await store._db.set_trace_callback(None)  # type: ignore[arg-type]
    selects = [sql for sql in executed if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) >= len(_lookups(factset))

    bad = {}
    for sql in selects:
        async with store._db.execute(f"EXPLAIN QUERY PLAN {sql}") as cursor:
            details = [row[3] for row in await cursor.fetchall()]
        scans = [d for d in details if d.startswith("SCAN") and not any(k in d for k in _OK_SCAN)]
        if scans:
            bad[sql] = details
        if " WHERE " in sql.upper():
            assert any(k in d for d in details for k in ("SEARCH", "VIRTUAL TABLE")), details
    assert not bad, f"full table scans: {bad}"
