"""The running facts: the loaded `FactSet`, its name index and its SQLite store, together.

Both front ends hold one `Attache`. A reload builds a complete new snapshot (files checked,
index built, a new store written) before swapping it in with one assignment; each command
works on the snapshot it started with, so it answers wholly from the old facts or wholly from
the new. A bad file never empties or half-fills the bot: the old snapshot stays.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from pathlib import Path

from bot.core.facts.diff import Changes, diff_factsets
from bot.core.facts.factset import FactSet
from bot.core.facts.loader import load_facts
from bot.core.facts.models import Event
from bot.core.facts.problems import Problem
from bot.core.matching import NameIndex, NameRecord, records_from_factset
from bot.core.matching.honorifics import HonorificsError, honorifics_in
from bot.core.store.audit import AuditEntry, AuditLog, How, audit_path_for, now
from bot.core.store.errors import check_storage_paths, storage_error
from bot.core.store.store import FactStore

__all__ = ["Attache", "FactsState", "ReloadOutcome", "StartupError", "Who"]

log = logging.getLogger(__name__)


class StartupError(Exception):
    """The facts could not be loaded at start-up; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the fact files")
        self.problems = problems


@dataclass(eq=False, slots=True)
class FactsState:
    """One version of the facts, complete: nothing in it changes after it is built."""

    factset: FactSet
    index: NameIndex
    store: FactStore
    loaded_at: datetime
    users: int = 0
    retired: bool = False
    records: dict[str, NameRecord] = field(default_factory=dict)
    in_events: frozenset[str] = frozenset()
    """Events and everything they involve: what /visit can answer about."""

    def __post_init__(self) -> None:
        self.records = {record.id: record for record in self.index.records}
        events = [e for e in self.factset.entities.values() if isinstance(e, Event)]
        self.in_events = frozenset(
            chain((e.id for e in events), (ref for e in events for _, ref in e.parties()))
        )

    @property
    def version(self) -> str:
        return self.factset.version


@dataclass(frozen=True, slots=True)
class Who:
    """Who asked for a reload, for the audit log."""

    how: How
    user_id: int | None = None
    user_name: str | None = None
    guild_id: int | None = None


@dataclass(frozen=True, slots=True)
class ReloadOutcome:
    ok: bool
    problems: list[Problem]
    old_version: str
    new_version: str | None
    changes: dict[str, Changes] = field(default_factory=dict)


def _check(facts_dir: Path) -> tuple[FactSet, NameIndex] | list[Problem]:
    """Everything that can fail on bad files, done before anything is swapped."""
    result = load_facts(facts_dir)
    if result.factset is None:
        return result.problems
    try:
        honorifics = honorifics_in(facts_dir)
    except HonorificsError as error:
        return [error.problem()]
    return result.factset, NameIndex.build(records_from_factset(result.factset), honorifics)


async def _build(facts_dir: Path, database_path: str) -> FactsState | list[Problem]:
    checked = await asyncio.to_thread(_check, facts_dir)
    if isinstance(checked, list):
        return checked
    factset, index = checked
    store = await FactStore.create(database_path, factset)
    return FactsState(factset, index, store, now())


class Attache:
    def __init__(
        self, facts_dir: Path, database_path: str, state: FactsState, audit: AuditLog
    ) -> None:
        self.facts_dir = facts_dir
        self.database_path = database_path
        self.audit = audit
        self._state = state
        self._reload_lock = asyncio.Lock()
        self._closed = False

    @classmethod
    async def start(cls, facts_dir: Path, database_path: str) -> Attache:
        """Bad files raise `StartupError`; bad storage `StorageError` (path and cause), with
        nothing left open: an open SQLite connection's thread keeps the process alive."""
        check_storage_paths(database_path)
        audit_path = audit_path_for(database_path)
        check_storage_paths(audit_path)
        audit = await AuditLog.open(audit_path)
        try:
            built = await _build(facts_dir, database_path)
        except (OSError, sqlite3.Error) as error:
            await audit.close()
            raise storage_error(database_path, error) from error
        except BaseException:
            await audit.close()
            raise
        if isinstance(built, list):
            await audit.close()
            raise StartupError(built)
        log.info("loaded facts version %s from %s", built.version, facts_dir)
        return cls(facts_dir, database_path, built, audit)

    @property
    def state(self) -> FactsState:
        return self._state

    @property
    def factset(self) -> FactSet:
        return self._state.factset

    @property
    def index(self) -> NameIndex:
        return self._state.index

    @property
    def store(self) -> FactStore:
        return self._state.store

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[FactsState]:
        """The current facts, kept open until the caller is done even if a reload swaps
        in newer ones meanwhile."""
        state = self._state
        state.users += 1
        try:
            yield state
        finally:
            state.users -= 1
            if state.retired and state.users == 0:
                await state.store.close()

    async def reload(self, who: Who) -> ReloadOutcome:
        """Check the files again and swap them in only if every one is good; audited."""
        async with self._reload_lock:
            old = self._state
            if self._closed:  # a signal or the watcher raced the shutdown: nothing to do
                reason = "the bot is shutting down; nothing was reloaded"
                return ReloadOutcome(False, [Problem("", None, "", reason)], old.version, None)
            try:
                built = await _build(self.facts_dir, self.database_path)
            except Exception as error:  # e.g. the disk is full: the old facts stay
                log.exception("reload failed while building the store")
                fault = storage_error(str(self.database_path), error)
                built = [Problem(fault.path, None, "", f"store: {fault.cause}")]
            if isinstance(built, list):
                outcome = ReloadOutcome(False, built, old.version, None)
            else:
                changes = diff_factsets(old.factset, built.factset)
                self._state = built
                old.retired = True
                if old.users == 0:
                    await old.store.close()
                outcome = ReloadOutcome(True, [], old.version, built.version, changes)
            try:
                await self._audit(who, outcome)
            except Exception as error:  # a full disk: the admin still gets the outcome
                log.error("could not record the reload: %s", storage_error(audit_path_for(
                    self.database_path), error))  # fmt: skip
            log.info(
                "reload by %s: %s, version %s -> %s, %d problem(s)",
                who.how, "ok" if outcome.ok else "rejected", outcome.old_version,
                outcome.new_version, len(outcome.problems),
            )  # fmt: skip
            return outcome

    async def _audit(self, who: Who, outcome: ReloadOutcome) -> None:
        if outcome.ok:
            summary = (
                "; ".join(
                    f"{kind}: +{len(c.added)} ~{len(c.changed)} -{len(c.removed)}"
                    for kind, c in outcome.changes.items()
                )
                or "no changes"
            )
        else:
            summary = str(outcome.problems[0])[:500] if outcome.problems else "rejected"
        await self.audit.record(
            AuditEntry(
                now(), who.how, who.user_id, who.user_name, who.guild_id, outcome.ok,
                outcome.old_version, outcome.new_version, len(outcome.problems), summary,
            )
        )  # fmt: skip

    async def close(self) -> None:
        """Waits for a reload in progress (SIGTERM during SIGHUP), so nothing is left half
        built or writing to a closed audit log."""
        async with self._reload_lock:
            if self._closed:
                return
            self._closed = True
            await self._state.store.close()
            await self.audit.close()
