"""The audit log of reload attempts. It lives in its own SQLite file, next to the fact store,
so that rebuilding the facts (every start and every reload) never touches it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Self

import aiosqlite

from bot.core.store.errors import storage_error

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


def audit_path_for(database_path: str) -> str:
    """`data/attache.sqlite3` -> `data/attache.audit.sqlite3`; in memory stays in memory."""
    if database_path == ":memory:":
        return ":memory:"
    path = Path(database_path)
    return str(path.with_name(f"{path.stem}.audit{path.suffix or '.sqlite3'}"))


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
            await connection.executescript(SCHEMA)
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


def now() -> datetime:
    return datetime.now(UTC)
