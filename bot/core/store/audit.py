"""The audit log of reload attempts, in the bot's SQLite file (`DATABASE_PATH`).

That file holds only what must outlive the process: this log (and per-server settings). The
facts themselves are never copied into it; they are read from the fact files at every start
and reload (see docs/read-model.md)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Self

import aiosqlite

from bot.core.store.errors import storage_error

log = logging.getLogger(__name__)

__all__ = ["AuditEntry", "AuditLog", "audit_path_for"]

How = Literal["command", "signal", "watch", "cli"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS reloads (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    how         TEXT NOT NULL,
    user_id     INTEGER,
    user_name   TEXT,
    guild_id    INTEGER,
    ok          INTEGER NOT NULL,
    old_version TEXT NOT NULL,
    new_version TEXT,
    errors      INTEGER NOT NULL,
    summary     TEXT NOT NULL
);
"""


LEGACY_FACT_TABLES = (
    "meta", "relationships", "sources", "further_reading", "entities", "names", "events",
    "event_participants", "statements", "statement_about", "search",
)  # fmt: skip
"""Tables in which versions before the one read model copied the facts into this file."""


def audit_path_for(database_path: str) -> str:
    """Where the audit log is: `DATABASE_PATH` itself."""
    return database_path


def _legacy_audit_path(database_path: str) -> Path | None:
    """`data/attache.audit.sqlite3`, where the log was kept beside the old fact copy."""
    if database_path == ":memory:":
        return None
    path = Path(database_path)
    return path.with_name(f"{path.stem}.audit{path.suffix or '.sqlite3'}")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    how: str
    user_id: int | None
    user_name: str | None
    guild_id: int | None
    ok: bool
    old_version: str
    new_version: str | None
    errors: int
    summary: str


class AuditLog:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection

    @classmethod
    async def open(cls, path: str) -> Self:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = await aiosqlite.connect(path)
        except Exception as error:
            raise storage_error(path, error) from error
        try:
            # One append to the write-ahead log per reload, not the journal's three syncs
            # (20-30 ms, a fifth of a reload at 50k statements); a crash of the bot loses
            # nothing, a power cut at most the last reload's line.
            await connection.execute("PRAGMA journal_mode=WAL")
            await connection.execute("PRAGMA synchronous=NORMAL")
            await connection.executescript(SCHEMA)
            for table in LEGACY_FACT_TABLES:  # nothing reads them any more
                await connection.execute(f"DROP TABLE IF EXISTS {table}")
            await _import_legacy_log(connection, _legacy_audit_path(path))
            await connection.commit()
        except BaseException as error:
            # An open connection keeps a (non-daemon) thread: left open, the process could
            # never exit. A garbage file fails here ("file is not a database").
            await connection.close()
            if isinstance(error, Exception):
                raise storage_error(path, error) from error
            raise
        return cls(connection)

    async def record(self, entry: AuditEntry) -> None:
        await self._db.execute(
            "INSERT INTO reloads (at, how, user_id, user_name, guild_id, ok, old_version, "
            "new_version, errors, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.at.isoformat(timespec="seconds"), entry.how, entry.user_id,
                entry.user_name, entry.guild_id, int(entry.ok), entry.old_version,
                entry.new_version, entry.errors, entry.summary,
            ),
        )  # fmt: skip
        await self._db.commit()

    async def latest(self, limit: int = 5) -> list[AuditEntry]:
        async with self._db.execute(
            "SELECT at, how, user_id, user_name, guild_id, ok, old_version, new_version, "
            "errors, summary FROM reloads ORDER BY id DESC LIMIT ?",
            (limit,),
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            AuditEntry(datetime.fromisoformat(r[0]), r[1], r[2], r[3], r[4], bool(r[5]), r[6],
                       r[7], r[8], r[9])
            for r in rows
        ]  # fmt: skip

    async def close(self) -> None:
        await self._db.close()


async def _import_legacy_log(connection: aiosqlite.Connection, legacy: Path | None) -> None:
    """Once, into an empty log: the rows of the separate audit file older versions kept."""
    if legacy is None or not legacy.is_file():
        return
    async with connection.execute("SELECT count(*) FROM reloads") as cursor:
        row = await cursor.fetchone()
    if row is None or row[0]:
        return
    try:
        await connection.execute("ATTACH DATABASE ? AS legacy", (str(legacy),))
    except aiosqlite.Error as error:  # a leftover nothing needs: it must not stop the bot
        log.warning("not importing the old audit log %s: %s", legacy, error)
        return
    try:
        await connection.execute("INSERT INTO reloads SELECT * FROM legacy.reloads ORDER BY id")
    except aiosqlite.Error as error:  # not an audit file after all ("file is not a database")
        log.warning("not importing the old audit log %s: %s", legacy, error)
    finally:
        await connection.commit()
        await connection.execute("DETACH DATABASE legacy")


def now() -> datetime:
    return datetime.now(UTC)
