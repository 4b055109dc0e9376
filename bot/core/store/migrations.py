"""The schema of the bot's persistent SQLite file, as ordered migrations.

The file outlives every version of the bot that opens it, so its schema is versioned with
`PRAGMA user_version`: migration N (1-based) takes a file at version N-1 to version N. Each
runs in its own transaction together with the version bump, so a crash leaves the file at
the old version or the new one, never between. A file from a newer bot is refused rather than
guessed at. Migrations are only ever appended: an edited one would never run again where
it already had.
"""

from __future__ import annotations

from collections.abc import Sequence

import aiosqlite

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "NewerSchemaError", "migrate", "schema_version"]

MIGRATIONS: tuple[str, ...] = (
    # 1: per-server settings, one row per server and setting: the server's language now,
    # its default relationship later, without a migration for each new setting.
    """
    CREATE TABLE IF NOT EXISTS guild_settings (
        guild_id INTEGER NOT NULL,
        key      TEXT NOT NULL,
        value    TEXT NOT NULL,
        set_by   INTEGER,
        set_at   TEXT NOT NULL,
        PRIMARY KEY (guild_id, key)
    ) WITHOUT ROWID;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchemaError(Exception):
    """The file was written by a newer version of the bot."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(
            f"the database has schema version {found}, newer than this bot's {known}; "
            "run the newer bot, or point DATABASE_PATH at another file"
        )
        self.found, self.known = found, known


async def schema_version(connection: aiosqlite.Connection) -> int:
    async with connection.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(connection: aiosqlite.Connection, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Bring the file up to date; the version it was at before."""
    found = await schema_version(connection)
    if found > len(migrations):
        raise NewerSchemaError(found, len(migrations))
    for version, script in enumerate(migrations[found:], start=found + 1):
        # executescript would commit on its own; one explicit transaction per step instead.
        await connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                await connection.execute(statement)
            await connection.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            await connection.rollback()
            raise
        await connection.commit()
    return found


def _statements(script: str) -> list[str]:
    """A migration's statements (no semicolons inside string literals in ours)."""
    return [part.strip() for part in script.split(";") if part.strip()]
