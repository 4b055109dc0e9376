"""Full-text search over every statement and name of one snapshot: SQLite FTS5, in memory.

This is the one question the in-memory `FactsView` does not answer itself: ranking documents
by the words they share with a query (bm25, prefixes, diacritics folded) is what FTS5 is for.
Each snapshot gets its own in-memory database, built in the reload's worker thread (as a
copy of the previous snapshot's, with only the changed rows replaced) and then only read,
synchronously, from the event loop: a query takes under a millisecond at 10k statements
(about 3 ms for common words at 50k), less than an async driver's thread hop would cost
under load. Nothing is written to disk and nothing needs closing when a snapshot is
replaced: the connection goes with its snapshot.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.facts.diff import Delta, Moved
from bot.core.facts.factset import Entity, FactSet, FactStatement
from bot.core.text import fold

__all__ = ["MAX_SEARCH_TERMS", "SearchHit", "SearchIndex"]

MAX_SEARCH_TERMS = 12
_WORD = re.compile(r"\w+")
_SCHEMA = """
CREATE VIRTUAL TABLE search USING fts5 (
    kind UNINDEXED,
    ref UNINDEXED,
    body,
    tokenize = "unicode61 remove_diacritics 2"
)
"""
"""Bodies are folded first (no case, no diacritics, đ -> d), so "dang" finds "Đảng": the
tokenizer alone does not turn "đ" into "d", which is not a letter with a combining mark."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "statement" or "name"
    ref: str  # statement id, or entity id for names
    rank: float


Key = tuple[str, str]
"""("name", entity id) or ("statement", statement id): one row each."""


def _name_text(entity: Entity) -> str:
    return " ".join(entity.all_names())


def _statement_text(statement: FactStatement) -> str:
    # Both languages in one row: "biên giới", "bien gioi" and "border" find the same line.
    return f"{statement.text}\n{statement.text_vi or ''}"


def _texts(factset: FactSet) -> dict[Key, str]:
    """What each row is made from, unfolded: comparing these tells which rows changed."""
    texts: dict[Key, str] = {
        ("name", entity_id): _name_text(entity) for entity_id, entity in factset.entities.items()
    }
    texts.update(
        (("statement", statement.id), _statement_text(statement))
        for statement in factset.statements.values()
    )
    return texts


def _changed_texts(
    factset: FactSet, texts: dict[Key, str], delta: Delta
) -> tuple[dict[Key, str], list[Key]]:
    """`texts` (those of the fact set before) made those of `factset`, and the rows that may
    differ: only the entities and statements that are not the very same objects as before
    are looked at (facts/build.py keeps unchanged ones so), at 50k statements a fraction of
    a ms rather than making every row's text again."""
    texts = dict(texts)
    touched: list[Key] = []
    parts: tuple[tuple[str, Moved, Mapping[str, Any], Callable[[Any], str]], ...] = (
        ("name", delta.entities, factset.entities, _name_text),
        ("statement", delta.statements, factset.statements, _statement_text),
    )
    for kind, moved, new, text_of in parts:
        for key in moved.gone:
            del texts[kind, key]
            touched.append((kind, key))
        for key in moved.fresh:
            texts[kind, key] = text_of(new[key])
            touched.append((kind, key))
    return texts, touched


class SearchIndex:
    """One snapshot's search rows. Never written after `build` returns."""

    def __init__(self, connection: sqlite3.Connection, texts: dict[Key, str],
                 rowids: dict[Key, int], next_rowid: int, factset: FactSet) -> None:  # fmt: skip
        self._db = connection
        self._texts = texts
        self._factset = factset
        self._rowids = rowids
        self._next_rowid = next_rowid

    @classmethod
    def build(
        cls, factset: FactSet, previous: SearchIndex | None = None, delta: Delta | None = None
    ) -> SearchIndex:
        """Run it off the event loop. From scratch it costs about 8 ms of CPU per 1,000
        statements (430 ms at 50k); from `previous` (the index of the facts before a reload)
        it copies that database, a memory copy, and changes only the rows whose text did,
        which is what makes a reload after one edited file cheap at any size. `delta`:
        between the two fact sets, if the caller has it already."""
        touched: list[Key] = []
        if previous is None:
            texts = _texts(factset)
        else:
            delta = delta or Delta.between(previous._factset, factset)
            texts, touched = _changed_texts(factset, previous._texts, delta)
        if previous is not None:
            changed = [key for key in touched if texts.get(key) != previous._texts.get(key)]
            if not changed:
                # No row changes: share the database, which nothing writes once it is built.
                return cls(previous._db, texts, previous._rowids, previous._next_rowid, factset)
            if len(changed) * 3 > len(texts):
                # Most rows change: deleting and adding each costs more than making all anew
                # (at 10k statements, every one changed: about 150 ms against 120).
                return cls.build(factset)
        # Built in one thread and read in another, never both at once: the loop only reads
        # after the build has returned. (The module is thread-safe: sqlite3.threadsafety 3.)
        connection = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        if previous is None:
            rowids: dict[Key, int] = {}
            next_rowid = 1
            connection.execute(_SCHEMA)
            stale: list[int] = []
            fresh: Iterable[tuple[Key, str]] = texts.items()
        else:
            connection.deserialize(previous._db.serialize())
            rowids, next_rowid = dict(previous._rowids), previous._next_rowid
            before = previous._texts
            stale = [rowids.pop(key) for key in changed if key in before]
            fresh = [(key, texts[key]) for key in changed if key in texts]
        rows = []
        for (kind, ref), text in fresh:
            rowids[kind, ref] = next_rowid
            rows.append((next_rowid, kind, ref, fold(text)))
            next_rowid += 1
        connection.execute("BEGIN")
        connection.executemany("DELETE FROM search WHERE rowid = ?", ((r,) for r in stale))
        connection.executemany("INSERT INTO search (rowid, kind, ref, body) VALUES (?, ?, ?, ?)",
                               rows)  # fmt: skip
        connection.execute("COMMIT")
        return cls(connection, texts, rowids, next_rowid, factset)

    def search(self, text: str, limit: int = 10, kind: str | None = None) -> list[SearchHit]:
        """Best first. Every word must appear (the last may be a prefix); if nothing has all
        of them, any word will do. User text never reaches FTS syntax: each word is quoted."""
        words = _WORD.findall(fold(text[:500]))[:MAX_SEARCH_TERMS]
        if not words or limit < 1:
            return []
        terms = [f'"{word}"' for word in words]
        if len(words[-1]) > 1:  # "y*" would match every ý, yêu, yếu of the Vietnamese text
            terms[-1] += "*"
        hits = self._search(" AND ".join(terms), limit, kind)
        # Any one word will do, but not a lone letter: alone it matches nearly every line.
        some = [term for term, word in zip(terms, words, strict=True) if len(word) > 1]
        if not hits and some:
            hits = self._search(" OR ".join(some), limit, kind)
        return hits

    def _search(self, expression: str, limit: int, kind: str | None) -> list[SearchHit]:
        sql = "SELECT kind, ref, bm25(search) AS rank FROM search WHERE search MATCH ?"
        params: list[Any] = [expression]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        sql += " ORDER BY rank, kind, ref LIMIT ?"  # ties in one order, however it was built
        params.append(min(limit, 100))
        return [SearchHit(*row) for row in self._db.execute(sql, params)]
