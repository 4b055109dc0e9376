"""What a reload changes: added, changed and removed entries per kind."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.core.facts.factset import FactSet

__all__ = ["Changes", "diff_factsets"]


@dataclass(frozen=True, slots=True)
class Changes:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def _compare(old: Mapping[str, object], new: Mapping[str, object]) -> Changes:
    return Changes(
        added=tuple(sorted(new.keys() - old.keys())),
        # Unchanged files give the very same objects (ParseCache): `is` spares comparing them.
        changed=tuple(
            sorted(k for k in old.keys() & new.keys() if old[k] is not new[k] and old[k] != new[k])
        ),
        removed=tuple(sorted(old.keys() - new.keys())),
    )


def _by_kind(factset: FactSet) -> dict[str, dict[str, object]]:
    groups: dict[str, dict[str, object]] = {
        "relationship": dict(factset.relationships),
        "source": dict(factset.sources),
        "further reading": {r.id: r for r in factset.further_reading},
        "statement": dict(factset.statements),
    }
    for entity_id, entity in factset.entities.items():
        groups.setdefault(factset.kinds[entity_id], {})[entity_id] = entity
    return groups


def diff_factsets(old: FactSet, new: FactSet) -> dict[str, Changes]:
    """Only the kinds with a change, in a stable order."""
    before, after = _by_kind(old), _by_kind(new)
    result = {}
    for kind in sorted(before.keys() | after.keys()):
        changes = _compare(before.get(kind, {}), after.get(kind, {}))
        if changes:
            result[kind] = changes
    return result
