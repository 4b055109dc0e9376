"""Invocations too long for a custom_id, under short tokens, in a bounded SQLite table.

The table lives next to the database (`data/attache.components.sqlite3`) so that buttons on
old messages keep working after a restart; it holds at most `capacity` invocations (the least
recently used go first), so a flood of long queries cannot grow it without bound. A token is
a hash of the invocation: the same answer re-rendered (every page turn) reuses its row.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import sqlite3
import time
from pathlib import Path

from bot.core.commands import Invocation

__all__ = ["CAPACITY", "InvocationStore", "tokens_path_for"]

log = logging.getLogger(__name__)

CAPACITY = 20_000
"""Rows kept; each is a few hundred bytes, so the file stays under about 10 MB."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS invocations (
    token TEXT PRIMARY KEY,
    invocation TEXT NOT NULL,
    used_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS invocations_used ON invocations (used_at);
"""


def tokens_path_for(database_path: str) -> str:
    """`data/attache.sqlite3` -> `data/attache.components.sqlite3`; memory stays in memory."""
    if database_path == ":memory:":
        return ":memory:"
    path = Path(database_path)
    return str(path.with_name(f"{path.stem}.components{path.suffix or '.sqlite3'}"))


def _token(text: str) -> str:
    digest = hashlib.sha256(text.encode()).digest()[:12]
    return base64.urlsafe_b64encode(digest).decode()  # 16 characters


class InvocationStore:
    """Synchronous on purpose: a put or get is one indexed row (tens of microseconds), rarer
    than answers, and a thread hop would cost more than it saves."""

    def __init__(self, path: str, capacity: int = CAPACITY) -> None:
        self.path, self.capacity = path, capacity
        self._db: sqlite3.Connection | None = None
        self._count = 0

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
            self._count = db.execute("SELECT count(*) FROM invocations").fetchone()[0]
            self._db = db
        return self._db

    def put(self, invocation: Invocation) -> str:
        text = json.dumps([invocation.command, invocation.options], ensure_ascii=False)
        token = _token(text)
        db = self._connection()
        inserted = db.execute(
            "INSERT INTO invocations VALUES (?, ?, ?) "
            "ON CONFLICT (token) DO UPDATE SET used_at = excluded.used_at",
            (token, text, time.time()),
        ).rowcount
        # rowcount is 1 for an insert and for an update alike: count precisely on overflow.
        self._count += inserted
        if self._count > self.capacity:
            db.execute(
                "DELETE FROM invocations WHERE token IN (SELECT token FROM invocations "
                "ORDER BY used_at LIMIT max(0, (SELECT count(*) FROM invocations) - ?))",
                (self.capacity,),
            )
            self._count = db.execute("SELECT count(*) FROM invocations").fetchone()[0]
        return token

    def get(self, token: str) -> Invocation | None:
        row = (
            self._connection()
            .execute("SELECT invocation FROM invocations WHERE token = ?", (token,))
            .fetchone()
        )
        if row is None:
            return None
        try:
            command, options = json.loads(row[0])
        except (ValueError, TypeError):
            log.warning("unreadable stored invocation %s", token)
            return None
        return Invocation(str(command), dict(options))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
