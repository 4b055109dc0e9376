"""What `/facts status` shows, read by another process (`python -m bot facts status`): the
fact files as they are now, and what the running bot recorded in its audit log.

This is the one place outside the service that knows where those records live, so that a
front end never opens the store itself and a change of storage changes only this module.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.core.facts.factset import FactSet
from bot.core.facts.loader import load_facts
from bot.core.facts.problems import Problem
from bot.core.store.audit import AuditEntry, AuditLog, audit_path_for

__all__ = ["RecordedStatus", "recorded_status"]

ATTEMPTS_SHOWN = 5


@dataclass(frozen=True, slots=True)
class RecordedStatus:
    factset: FactSet
    loaded_at: datetime | None
    """When the running bot loaded this version; None if it has not (or nothing ran)."""
    attempts: list[AuditEntry]
    """The latest reload attempts, newest first."""


async def recorded_status(facts_dir: Path, database_path: str) -> RecordedStatus | list[Problem]:
    """The files' status, or their problems if they cannot be loaded. Reads the database
    only if it exists: a status check never creates one."""
    result = await asyncio.to_thread(load_facts, facts_dir)
    if result.factset is None:
        return result.problems
    factset = result.factset
    if database_path == ":memory:" or not Path(database_path).exists():
        return RecordedStatus(factset, None, [])
    audit = await AuditLog.open(audit_path_for(database_path))
    try:
        attempts = await audit.latest(ATTEMPTS_SHOWN)
    finally:
        await audit.close()
    # The facts are not copied to the database (docs/read-model.md), and a start-up is not
    # audited: "loaded" is known when a reload brought this version in.
    loaded = [a.at for a in attempts if a.ok and a.new_version == factset.version]
    loaded_at = loaded[0] if loaded else None
    return RecordedStatus(factset, loaded_at, attempts)
