"""The running facts: one immutable snapshot (the `FactSet`, its read view, its name index and
its search index), and the reload that replaces it.

Both front ends hold one `Attache`. A reload builds a complete new snapshot in a worker thread
(files checked, every index built) and swaps it in with one assignment; each command works on
the snapshot it started with, so it answers wholly from the old facts or wholly from the new.
Nothing of a snapshot needs closing: a replaced one is freed when its last command is done.
A bad file never empties or half-fills the bot: the old snapshot stays.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from pathlib import Path

from bot.core.facts.diff import Changes, Delta, diff_factsets, same_objects
from bot.core.facts.factset import FactSet
from bot.core.facts.loader import ParseCache, load_facts
from bot.core.facts.problems import Problem
from bot.core.matching import NameIndex, NameRecord, records_from_factset
from bot.core.matching.honorifics import Honorifics, HonorificsError, honorifics_in
from bot.core.quiet import collector_paused
from bot.core.release import release_gently
from bot.core.store.audit import AuditEntry, AuditLog, How, audit_path_for, now
from bot.core.store.errors import check_storage_paths, storage_error
from bot.core.store.search import SearchIndex
from bot.core.store.view import FactsView

__all__ = ["Attache", "FactsState", "ReloadOutcome", "StartupError", "Who"]

log = logging.getLogger(__name__)


class StartupError(Exception):
    """The facts could not be loaded at start-up; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the fact files")
        self.problems = problems


@dataclass(frozen=True, eq=False, slots=True)
class FactsState:
    """One version of the facts, complete: nothing in it changes after it is built."""

    factset: FactSet
    index: NameIndex
    view: FactsView
    search: SearchIndex
    loaded_at: datetime
    records: Mapping[str, NameRecord]
    in_events: frozenset[str]
    """Events and everything they involve: what /visit can answer about."""
    parts: Mapping[str, FactsState] = field(default_factory=dict)
    """With several relationships, each one's own snapshot (`FactSet.only`), built with the
    rest so that asking about one costs nothing more; empty with one relationship."""

    def of(self, relationship: str) -> FactsState:
        """The snapshot of one relationship's facts: every answer is built on one of these,
        so an answer never mixes relationships."""
        return self.parts.get(relationship, self)

    @classmethod
    def build(
        cls,
        factset: FactSet,
        index: NameIndex,
        previous: FactsState | None = None,
        delta: Delta | None = None,
    ) -> FactsState:
        """Everything derived from `factset`; slow from scratch (run it in a worker thread).
        From the `previous` snapshot, whatever holds the very same objects is carried over:
        the read view's groups and the search rows of unchanged statements, the events'
        lookups and the name table when no event or name changed. `delta`: between the
        previous fact set and this one, if the caller has it already."""
        parts: dict[str, FactsState] = {}
        if len(factset.relationships) > 1:
            for relationship in factset.relationships:
                before = previous.of(relationship) if previous else None
                part = factset.only(relationship, before.factset if before else None)
                if (
                    before is not None
                    and before.index.honorifics == index.honorifics
                    and _same_names(before.factset, part)
                ):
                    part_index = before.index
                else:
                    part_index = NameIndex.build(
                        records_from_factset(part),
                        index.honorifics,
                        before.index if before else None,
                    )
                parts[relationship] = cls.build(part, part_index, before)
        if previous is not None and delta is None:
            delta = Delta.between(previous.factset, factset)
        view = FactsView.build(factset, previous.view if previous else None, delta)
        if previous is not None and index is previous.index:
            records = previous.records
        else:
            records = {record.id: record for record in index.records}
        if previous is not None and view.events is previous.view.events:
            in_events = previous.in_events
        else:
            in_events = frozenset(
                chain(
                    (e.id for e in view.events),
                    (ref for e in view.events for _, ref in e.parties()),
                )
            )
        return cls(
            factset=factset,
            index=index,
            view=view,
            search=SearchIndex.build(factset, previous.search if previous else None, delta),
            loaded_at=now(),
            records=records,
            in_events=in_events,
            parts=parts,
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


Built = tuple[FactsState, dict[str, Changes]]
"""A new snapshot, and what changed since the one before it."""


def _build(facts_dir: Path, old: FactsState | None, cache: ParseCache) -> Built | list[Problem]:
    """Everything that can fail on bad files, and everything derived from good ones, done
    (in a worker thread) before anything is swapped. `old` is what the changes are
    reported against; `cache` holds the files as the last load parsed them."""
    result = load_facts(facts_dir, cache=cache, previous=old.factset if old else None)
    if result.factset is None:
        return result.problems
    if old is not None and result.factset is old.factset:  # not one file changed
        return dataclasses.replace(old, loaded_at=now()), {}
    try:
        honorifics = honorifics_in(facts_dir)
    except HonorificsError as error:
        return [error.problem()]
    factset = result.factset
    same_lists = old is not None and old.index.honorifics == (honorifics or Honorifics())
    if old is not None and same_lists and _same_names(old.factset, factset):
        index = old.index
    else:
        index = NameIndex.build(
            records_from_factset(factset), honorifics, old.index if old is not None else None
        )
    if old is None:
        return FactsState.build(factset, index), {}
    delta = Delta.between(old.factset, factset)
    return FactsState.build(factset, index, old, delta), diff_factsets(old.factset, factset, delta)


def _same_names(old: FactSet, new: FactSet) -> bool:
    """The very same entities and sources in the same order: the names table (made from
    nothing else) stays right, without making its 5,000 records at 50k statements again."""
    return same_objects(old.entities.values(), new.entities.values()) and same_objects(
        old.sources.values(), new.sources.values()
    )


async def _build_quietly(
    facts_dir: Path, old: FactsState | None, cache: ParseCache
) -> Built | list[Problem]:
    """`_build` in a worker thread, with the cyclic garbage collector held off meanwhile.

    A reload allocates hundreds of thousands of objects; left alone, the collector runs full
    collections in the middle of it (35-40 ms each at 10k statements, with the GIL held, so
    the event loop stops too). Afterwards the objects that survived (the new snapshot) are
    frozen, so later collections never walk them again; a replaced snapshot is still freed by
    reference counting, since nothing in it refers back to itself."""
    with collector_paused(freeze=True):
        return await asyncio.to_thread(_build, facts_dir, old, cache)


def _release_quietly(box: list[object], kept: object) -> int:
    """`release_gently` with the collector held off: the chunks it makes would otherwise set
    off collections, a full one 28 ms at 50k statements."""
    with collector_paused():
        return release_gently(box, kept)


class Attache:
    def __init__(
        self,
        facts_dir: Path,
        database_path: str,
        state: FactsState,
        audit: AuditLog,
        cache: ParseCache | None = None,
    ) -> None:
        self.facts_dir = facts_dir
        self._cache = cache or ParseCache()
        self.database_path = database_path
        self.audit = audit
        self._state = state
        self._reload_lock = asyncio.Lock()
        self._closed = False
        self._releasing: set[asyncio.Task[int]] = set()

    @classmethod
    async def start(cls, facts_dir: Path, database_path: str) -> Attache:
        """Bad files raise `StartupError`; bad storage `StorageError` (path and cause), with
        nothing left open: an open SQLite connection's thread keeps the process alive."""
        check_storage_paths(database_path)
        audit = await AuditLog.open(audit_path_for(database_path))
        cache = ParseCache()
        try:
            built = await _build_quietly(facts_dir, None, cache)
        except BaseException:
            await audit.close()
            raise
        if isinstance(built, list):
            await audit.close()
            raise StartupError(built)
        state, _ = built
        log.info("loaded facts version %s from %s", state.version, facts_dir)
        return cls(facts_dir, database_path, state, audit, cache)

    @property
    def state(self) -> FactsState:
        """The current snapshot. A command reads it once and uses only that, so a reload
        that swaps in a newer one meanwhile never mixes versions in one answer."""
        return self._state

    @property
    def factset(self) -> FactSet:
        return self._state.factset

    async def reload(self, who: Who) -> ReloadOutcome:
        """Check the files again and swap them in only if every one is good; audited."""
        async with self._reload_lock:
            old = self._state
            if self._closed:  # a signal or the watcher raced the shutdown: nothing to do
                reason = "the bot is shutting down; nothing was reloaded"
                return ReloadOutcome(False, [Problem("", None, "", reason)], old.version, None)
            try:
                built = await _build_quietly(self.facts_dir, old, self._cache)
            except Exception as error:  # e.g. out of memory: the old facts stay
                log.exception("reload failed while building the snapshot")
                built = [Problem(str(self.facts_dir), None, "", f"reload: {error}")]
            box: list[object] = []
            if isinstance(built, list):
                outcome = ReloadOutcome(False, built, old.version, None)
            else:
                self._state, changes = built
                outcome = ReloadOutcome(True, [], old.version, self._state.version, changes)
                box.append(old)
            del old, built
            try:
                await self._audit(who, outcome)
            except Exception as error:  # a full disk: the admin still gets the outcome
                log.error("could not record the reload: %s", storage_error(audit_path_for(
                    self.database_path), error))  # fmt: skip
            if box:  # after the audit, so that freeing does not hold up its thread
                self._release(box)
            log.info(
                "reload by %s: %s, version %s -> %s, %d problem(s)",
                who.how, "ok" if outcome.ok else "rejected", outcome.old_version,
                outcome.new_version, len(outcome.problems),
            )  # fmt: skip
            return outcome

    def _release(self, box: list[object]) -> None:
        """Free the replaced snapshot (the only thing in `box`) in a worker thread, a piece
        at a time (release.py): freed all at once in the loop it stalled the loop 7 ms at
        10k statements and 40 ms at 50k."""
        task = asyncio.get_running_loop().create_task(
            asyncio.to_thread(_release_quietly, box, self._state)
        )
        self._releasing.add(task)
        task.add_done_callback(self._releasing.discard)

    async def settled(self) -> None:
        """Wait until every replaced snapshot is freed (tests, shutdown)."""
        await asyncio.gather(*self._releasing)

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
            await self.settled()
            await self.audit.close()
