"""The running facts: the loaded `FactSet`, its name index and the SQLite store, together.

Both front ends hold one `Attache`. A reload builds the new state completely (files checked,
index built, store rewritten in one transaction) before swapping it in, so a bad file never
empties or half-fills the bot: the old facts keep being served.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.core.facts.factset import FactSet
from bot.core.facts.loader import load_facts
from bot.core.facts.problems import Problem
from bot.core.matching import NameIndex, load_honorifics, records_from_factset
from bot.core.matching.honorifics import HonorificsError
from bot.core.store.store import FactStore

__all__ = ["Attache", "FactsState", "ReloadOutcome", "StartupError"]

log = logging.getLogger(__name__)

HONORIFICS_FILE = "honorifics.toml"


class StartupError(Exception):
    """The facts could not be loaded at start-up; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the fact files")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class FactsState:
    factset: FactSet
    index: NameIndex
    loaded_at: datetime


@dataclass(frozen=True, slots=True)
class ReloadOutcome:
    ok: bool
    problems: list[Problem]
    old_version: str
    new_version: str | None


def _build_state(facts_dir: Path) -> FactsState | list[Problem]:
    result = load_facts(facts_dir)
    if result.factset is None:
        return result.problems
    honorifics_path = facts_dir / HONORIFICS_FILE
    try:
        honorifics = load_honorifics(honorifics_path) if honorifics_path.exists() else None
    except HonorificsError as error:
        return [Problem(HONORIFICS_FILE, None, "", str(error))]
    index = NameIndex.build(records_from_factset(result.factset), honorifics)
    return FactsState(result.factset, index, datetime.now(UTC))


class Attache:
    def __init__(self, facts_dir: Path, store: FactStore, state: FactsState) -> None:
        self.facts_dir = facts_dir
        self.store = store
        self._state = state
        self._reload_lock = asyncio.Lock()

    @classmethod
    async def start(cls, facts_dir: Path, database_path: str) -> Attache:
        built = await asyncio.to_thread(_build_state, facts_dir)
        if isinstance(built, list):
            raise StartupError(built)
        store = await FactStore.open(database_path)
        await store.replace(built.factset)
        log.info("loaded facts version %s from %s", built.factset.version, facts_dir)
        return cls(facts_dir, store, built)

    @property
    def state(self) -> FactsState:
        return self._state

    @property
    def factset(self) -> FactSet:
        return self._state.factset

    @property
    def index(self) -> NameIndex:
        return self._state.index

    async def reload(self) -> ReloadOutcome:
        """Check the files again and swap them in only if every one is good."""
        async with self._reload_lock:
            old = self._state.factset.version
            built = await asyncio.to_thread(_build_state, self.facts_dir)
            if isinstance(built, list):
                return ReloadOutcome(False, built, old, None)
            await self.store.replace(built.factset)  # one transaction: all or nothing
            self._state = built
            log.info("reloaded facts: version %s -> %s", old, built.factset.version)
            return ReloadOutcome(True, [], old, built.factset.version)

    async def close(self) -> None:
        await self.store.close()
