"""Per-server settings in the bot's persistent SQLite file, and the file's schema versions:
a file from an older bot is migrated in order, one from a newer bot is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.core.store.audit import SCHEMA as AUDIT_SCHEMA
from bot.core.store.guild_settings import LANGUAGE, GuildSettings
from bot.core.store.migrations import SCHEMA_VERSION, NewerSchemaError, migrate

SERVER, OTHER_SERVER, ADMIN = 111, 222, 42


def version_of(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


async def test_a_choice_survives_closing_and_opening_again(tmp_path: Path) -> None:
    path = tmp_path / "data" / "attache.sqlite3"
    settings = await GuildSettings.open(str(path))
    assert settings.language(SERVER) is None
    await settings.set(SERVER, LANGUAGE, "vi", by=ADMIN)
    assert settings.language(SERVER) == "vi"
    assert settings.language(OTHER_SERVER) is None
    assert settings.language(None) is None  # a DM has no server
    await settings.close()

    reopened = await GuildSettings.open(str(path))
    assert reopened.language(SERVER) == "vi"
    assert reopened.language(OTHER_SERVER) is None
    with sqlite3.connect(path) as connection:
        row = connection.execute(
            "SELECT guild_id, key, value, set_by FROM guild_settings"
        ).fetchall()
    assert row == [(SERVER, "language", "vi", ADMIN)]

    await reopened.set(SERVER, LANGUAGE, "en")
    await reopened.set(SERVER, LANGUAGE, None)  # auto: follow each member again
    assert reopened.language(SERVER) is None
    await reopened.close()
    again = await GuildSettings.open(str(path))
    assert again.language(SERVER) is None
    await again.close()
    assert version_of(path) == SCHEMA_VERSION


async def test_an_unknown_value_or_key_is_ignored_not_trusted(tmp_path: Path) -> None:
    """A value this bot does not speak (written by hand, or by a newer bot) is no choice."""
    path = tmp_path / "attache.sqlite3"
    await (await GuildSettings.open(str(path))).close()  # a file at the current version
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "INSERT INTO guild_settings VALUES (?, ?, ?, NULL, '2026-12-01T00:00:00+00:00')",
            [(SERVER, "language", "fr"), (OTHER_SERVER, "relationship", "vietnam-cambodia")],
        )
    settings = await GuildSettings.open(str(path))
    assert settings.language(SERVER) is None
    assert settings.language(OTHER_SERVER) is None
    await settings.close()


async def test_the_database_of_an_older_bot_is_migrated_keeping_its_audit_log(
    tmp_path: Path,
) -> None:
    """Version 0: the file the bot kept before per-server settings, holding the audit log."""
    path = tmp_path / "attache.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.executescript(AUDIT_SCHEMA)
        connection.execute(
            "INSERT INTO reloads (at, how, ok, old_version, errors, summary) "
            "VALUES ('2026-11-30T12:00:00+00:00', 'signal', 1, 'abc', 0, 'no changes')"
        )
    assert version_of(path) == 0

    settings = await GuildSettings.open(str(path))
    await settings.set(SERVER, LANGUAGE, "vi")
    await settings.close()

    assert version_of(path) == SCHEMA_VERSION
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT how, summary FROM reloads").fetchall() == [
            ("signal", "no changes")
        ]


async def test_migrations_run_in_order_each_with_its_version(tmp_path: Path) -> None:
    steps = (
        "CREATE TABLE a (x INTEGER)",
        "ALTER TABLE a ADD COLUMN y TEXT; INSERT INTO a VALUES (1, 'one')",
    )
    path = tmp_path / "steps.sqlite3"
    async with aiosqlite.connect(path) as connection:
        assert await migrate(connection, steps[:1]) == 0
    assert version_of(path) == 1
    async with aiosqlite.connect(path) as connection:
        assert await migrate(connection, steps) == 1  # only the second one runs now
        assert await migrate(connection, steps) == 2  # and nothing runs twice
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT x, y FROM a").fetchall() == [(1, "one")]
    assert version_of(path) == 2


async def test_a_failing_migration_leaves_the_file_at_its_old_version(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    steps = (
        "CREATE TABLE a (x INTEGER)",
        "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1)",
    )
    async with aiosqlite.connect(path) as connection:
        with pytest.raises(sqlite3.OperationalError):
            await migrate(connection, steps)
    assert version_of(path) == 1
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert tables == {"a"}, "the failed step's first statement was rolled back too"


async def test_a_database_from_a_newer_bot_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(NewerSchemaError, match="newer than this bot"):
        await GuildSettings.open(str(path))
    assert version_of(path) == SCHEMA_VERSION + 1


async def test_unsaved_settings_work_in_memory_only() -> None:
    settings = GuildSettings.unsaved()
    await settings.set(SERVER, LANGUAGE, "vi")
    assert settings.language(SERVER) == "vi"
    await settings.close()
