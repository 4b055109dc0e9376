"""Per-server settings that a server's admins choose: its language and its default
relationship. They live in the bot's persistent SQLite file, which fact reloads never
touch, so they survive restarts and reloads.

Values are read on every interaction, so all of them are held in memory (one small dict per
server that changed anything) and a write goes to the file first, then to memory.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Self, get_args

import aiosqlite

from bot.core.i18n import LOCALES, Locale
from bot.core.store.audit import audit_path_for
from bot.core.store.migrations import migrate

__all__ = ["LANGUAGE", "RELATIONSHIP", "GuildSettings", "Key", "settings_path_for"]

Key = Literal["language", "relationship"]
KEYS: tuple[Key, ...] = get_args(Key)
LANGUAGE: Key = "language"
RELATIONSHIP: Key = "relationship"
"""The relationship commands answer about when a member names none (its id)."""


def settings_path_for(database_path: str) -> str:
    """The bot's persistent file, `DATABASE_PATH`, which also keeps the audit log; a reload
    never writes the facts there (docs/read-model.md)."""
    return audit_path_for(database_path)


class GuildSettings:
    def __init__(
        self, connection: aiosqlite.Connection | None, values: dict[int, dict[Key, str]]
    ) -> None:
        self._db = connection
        self._values = values

    @classmethod
    async def open(cls, path: str) -> Self:
        """Open (creating or migrating) the settings in the SQLite file at `path`."""
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(path)
        try:
            await migrate(connection)
            async with connection.execute(
                "SELECT guild_id, key, value FROM guild_settings"
            ) as cursor:
                rows = await cursor.fetchall()
        except BaseException:
            await connection.close()
            raise
        values: dict[int, dict[Key, str]] = {}
        for guild_id, key, value in rows:
            if key in KEYS:  # a setting of a newer bot that this one does not know
                values.setdefault(int(guild_id), {})[key] = str(value)
        return cls(connection, values)

    @classmethod
    def unsaved(cls) -> Self:
        """Settings kept in memory only (tests, and a bot built without a database)."""
        return cls(None, {})

    def get(self, guild_id: int | None, key: Key) -> str | None:
        if guild_id is None:
            return None
        return self._values.get(guild_id, {}).get(key)

    async def set(
        self, guild_id: int, key: Key, value: str | None, *, by: int | None = None
    ) -> None:
        """Set a server's setting; None removes it (the server follows the default again)."""
        if self._db is not None:
            if value is None:
                await self._db.execute(
                    "DELETE FROM guild_settings WHERE guild_id = ? AND key = ?", (guild_id, key)
                )
            else:
                await self._db.execute(
                    "INSERT INTO guild_settings (guild_id, key, value, set_by, set_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, key) DO UPDATE SET "
                    "value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at",
                    (guild_id, key, value, by, datetime.now(UTC).isoformat(timespec="seconds")),
                )
            await self._db.commit()
        server = self._values.setdefault(guild_id, {})
        if value is None:
            server.pop(key, None)
        else:
            server[key] = value

    def language(self, guild_id: int | None) -> Locale | None:
        """The language a server's admins chose for it, or None to follow each member's."""
        value = self.get(guild_id, LANGUAGE)
        return next((locale for locale in LOCALES if locale == value), None)

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
