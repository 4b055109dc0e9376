"""The SQLite store: a rebuildable, indexed copy of a `FactSet`, queried asynchronously.

The fact files are the source of truth. `replace` swaps the whole content in one
transaction, so a reader sees either the old facts or the new ones, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Self

import aiosqlite

from bot.core.facts.dates import FuzzyDate
from bot.core.facts.factset import FactSet, FactStatement
from bot.core.facts.models import Event, FurtherReading, Source
from bot.core.text import fold

__all__ = ["MAX_SEARCH_TERMS", "FactStore", "SearchHit", "StoreMeta"]

MAX_SEARCH_TERMS = 12
_SEPARATOR = "\x1f"  # ASCII unit separator: cannot occur in an id
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class StoreMeta:
    version: str
    loaded_at: datetime
    statements: int
    sources: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "statement" or "name"
    ref: str  # statement id, or entity id for names
    rank: float


def _schema() -> str:
    return resources.files("bot.core.store").joinpath("schema.sql").read_text(encoding="utf-8")


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


class FactStore:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection

    @classmethod
    async def open(cls, path: str | Path) -> Self:
        target = str(path)
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(target, isolation_level=None)
        connection.row_factory = aiosqlite.Row
        try:
            await connection.executescript(_schema())
        except BaseException:
            await connection.close()  # its thread would keep the process from exiting
            raise
        return cls(connection)

    @classmethod
    async def create(cls, path: str | Path, factset: FactSet) -> Self:
        """A new store holding `factset`, built beside `path` and moved onto it only when
        complete. A store already open on `path` keeps reading its own (old) copy, so a
        reload never changes the facts under a command that is running."""
        target = str(path)
        if target == ":memory:":
            store = await cls.open(target)
            await store.replace(factset)
            return store
        building = Path(f"{target}.building")
        building.unlink(missing_ok=True)
        try:
            store = await cls.open(building)
            try:
                await store.replace(factset)
            finally:
                await store.close()
            os.replace(building, target)
        except BaseException:
            building.unlink(missing_ok=True)  # a full disk should not stay full of it
            raise
        return await cls.open(target)

    async def close(self) -> None:
        await self._db.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def replace(self, factset: FactSet) -> None:
        """Swap in `factset` atomically; on any error the previous content stays."""
        db = self._db
        await db.execute("BEGIN IMMEDIATE")
        try:
            for table in (
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
            ):
                await db.execute(f"DELETE FROM {table}")
            await self._insert(factset)
            await db.execute("COMMIT")
        except BaseException:
            # After a failed write SQLite may have rolled back already ("disk is full"):
            # a failing ROLLBACK must not hide the error that matters.
            with contextlib.suppress(sqlite3.Error):
                await db.execute("ROLLBACK")
            raise

    async def _insert(self, factset: FactSet) -> None:
        db = self._db
        loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
        await db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("version", factset.version), ("loaded_at", loaded_at)],
        )
        await db.executemany(
            "INSERT INTO relationships VALUES (?, ?, ?, ?, ?, ?)",
            [
                (r.id, r.name_en, r.name_vi, r.countries[0], r.countries[1], r.model_dump_json())
                for r in factset.relationships.values()
            ],
        )
        await db.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    s.id,
                    s.outlet,
                    s.headline,
                    s.published,
                    _day(FuzzyDate.parse(s.published).latest()),
                    s.language,
                    s.url,
                    s.archive,
                    s.part_of,
                )
                for s in factset.sources.values()
            ],
        )
        await db.executemany(
            "INSERT INTO further_reading VALUES (?, ?, ?, ?, ?, ?)",
            [
                (f.id, f.about, f.outlet, f.published, f.url, f.title)
                for f in factset.further_reading
            ],
        )
        entity_rows, name_rows, event_rows, participant_rows, search_rows = [], [], [], [], []
        for entity_id, entity in factset.entities.items():
            kind = factset.kinds[entity_id]
            entity_rows.append(
                (
                    entity_id,
                    kind,
                    factset.entity_relationship[entity_id],
                    entity.name_en,
                    entity.name_vi,
                    entity.name_native,
                    entity.model_dump_json(),
                )
            )
            names = entity.all_names()
            name_rows += [(entity_id, name, fold(name)) for name in names]
            search_rows.append(("name", entity_id, fold(" ".join(names))))
            if isinstance(entity, Event):
                date = FuzzyDate.parse(entity.date)
                event_rows.append(
                    (
                        entity_id,
                        entity.kind,
                        entity.date,
                        _day(date.earliest()),
                        _day(date.latest()),
                        "".join(map(str, date.sort_key())),
                        entity.host,
                        entity.guest,
                        entity.place,
                        entity.part_of,
                    )
                )
                participant_rows += sorted(
                    {(entity_id, ref, role) for role, ref in entity.parties()}
                )
        await db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)", entity_rows)
        await db.executemany("INSERT INTO names VALUES (?, ?, ?)", name_rows)
        await db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event_rows)
        await db.executemany(
            "INSERT OR IGNORE INTO event_participants VALUES (?, ?, ?)", participant_rows
        )
        statement_rows, about_rows = [], []
        for position, statement in enumerate(factset.statements.values()):
            statement_rows.append(
                (
                    statement.id,
                    position,
                    statement.relationship,
                    statement.subject,
                    statement.role,
                    statement.text,
                    statement.source,
                    statement.quote,
                    statement.as_of,
                    _SEPARATOR.join(statement.about),
                    _SEPARATOR.join(statement.conflicts_with),
                )
            )
            about_rows += [
                (about, statement.id, position) for about in dict.fromkeys(statement.about)
            ]
            search_rows.append(("statement", statement.id, fold(statement.text)))
        await db.executemany(
            "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement_rows
        )
        await db.executemany("INSERT INTO statement_about VALUES (?, ?, ?)", about_rows)
        await db.executemany("INSERT INTO search (kind, ref, body) VALUES (?, ?, ?)", search_rows)

    async def meta(self) -> StoreMeta | None:
        """What is loaded, or None before the first load."""
        rows = {
            row["key"]: row["value"]
            async for row in await self._db.execute("SELECT key, value FROM meta")
        }
        if "version" not in rows:
            return None
        async with self._db.execute(
            "SELECT (SELECT count(*) FROM statements), (SELECT count(*) FROM sources)"
        ) as cursor:
            counts = await cursor.fetchone()
        assert counts is not None
        return StoreMeta(
            rows["version"], datetime.fromisoformat(rows["loaded_at"]), counts[0], counts[1]
        )

    async def search(self, text: str, limit: int = 10, kind: str | None = None) -> list[SearchHit]:
        """Best first. Every word must appear (the last may be a prefix); if nothing has all
        of them, any word will do. User text never reaches FTS syntax: each word is quoted."""
        words = _WORD.findall(fold(text[:500]))[:MAX_SEARCH_TERMS]
        if not words or limit < 1:
            return []
        terms = [f'"{word}"' for word in words]
        terms[-1] += "*"
        for joiner in (" AND ", " OR "):
            hits = await self._search(joiner.join(terms), limit, kind)
            if hits:
                return hits
        return []

    async def _search(self, expression: str, limit: int, kind: str | None) -> list[SearchHit]:
        sql = "SELECT kind, ref, bm25(search) AS rank FROM search WHERE search MATCH ?"
        params: list[Any] = [expression]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        sql += " ORDER BY rank LIMIT ?"
        params.append(min(limit, 100))
        async with self._db.execute(sql, params) as cursor:
            return [
                SearchHit(row["kind"], row["ref"], row["rank"]) for row in await cursor.fetchall()
            ]

    async def statements_about(self, entity_id: str) -> list[FactStatement]:
        return await self._statements(
            "SELECT s.* FROM statement_about a JOIN statements s ON s.id = a.statement_id "
            "WHERE a.entity_id = ? ORDER BY a.position",
            (entity_id,),
        )

    async def statements_from(self, source_id: str) -> list[FactStatement]:
        return await self._statements(
            "SELECT * FROM statements WHERE source = ? ORDER BY position", (source_id,)
        )

    async def statements_by_id(self, ids: list[str]) -> list[FactStatement]:
        """In the order given; unknown ids are skipped."""
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        found = {
            s.id: s
            for s in await self._statements(
                f"SELECT * FROM statements WHERE id IN ({marks})",
                ids,
            )
        }
        return [found[i] for i in ids if i in found]

    async def _statements(self, sql: str, params: Any) -> list[FactStatement]:
        async with self._db.execute(sql, params) as cursor:
            rows = await cursor.fetchall()
        return [
            FactStatement(
                id=row["id"],
                relationship=row["relationship"],
                about=tuple(row["about"].split(_SEPARATOR)),
                role=row["role"],
                text=row["text"],
                source=row["source"],
                quote=row["quote"],
                conflicts_with=tuple(filter(None, row["conflicts"].split(_SEPARATOR))),
                as_of=row["as_of"],
            )
            for row in rows
        ]

    async def _column(self, sql: str, *params: Any) -> list[str]:
        async with self._db.execute(sql, params) as cursor:
            return [row[0] for row in await cursor.fetchall()]

    async def events(self, year: int | None = None, month: int | None = None) -> list[str]:
        """Event ids in date order (no year last), optionally those that certainly overlap a
        month or year (an event known only as "before X" has no certain year)."""
        if year is None:
            return await self._column("SELECT id FROM events ORDER BY sort_key, id")
        start = f"{year:04d}-{month or 1:02d}-01"
        end = f"{year:04d}-{month or 12:02d}-31"
        return await self._column(
            "SELECT id FROM events WHERE first_day <= ? AND last_day >= ? ORDER BY first_day, id",
            end,
            start,
        )

    async def events_with(self, entity_id: str) -> list[str]:
        """Events an entity hosted, visited, took part in, or that happened there."""
        return await self._column(
            "SELECT DISTINCT p.event_id FROM event_participants p "
            "JOIN events e ON e.id = p.event_id WHERE p.entity_id = ? "
            "ORDER BY e.sort_key, e.id",
            entity_id,
        )

    async def further_reading(self, about: str) -> list[FurtherReading]:
        async with self._db.execute(
            "SELECT * FROM further_reading WHERE about = ? ORDER BY published, id", (about,)
        ) as cursor:
            return [FurtherReading(**dict(row)) for row in await cursor.fetchall()]

    async def sources(self) -> list[Source]:
        async with self._db.execute(
            "SELECT id, outlet, headline, published, language, url, archive, part_of "
            "FROM sources ORDER BY sort_day DESC, id"
        ) as cursor:
            return [
                Source(**{k: v for k, v in dict(row).items() if v is not None})
                for row in await cursor.fetchall()
            ]
