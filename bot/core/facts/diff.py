"""What a reload changes: added, changed and removed entries per kind.

Unchanged files give the very same objects from one load to the next (loader.py's cache,
build.py's memo), so what may have changed is found by identity first (`Moved`, in C-speed
passes over the dicts), and only that is compared by value: at 50k statements a reload
after one edit compares a handful of entries, not 50,000.
"""

from __future__ import annotations

import operator
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from itertools import compress

from bot.core.facts.factset import FactSet

__all__ = ["Changes", "Delta", "Moved", "diff_factsets", "same_objects"]


def same_objects(old: Collection[object], new: Collection[object]) -> bool:
    """The very same objects in the same order (compared in C: 50k take a fraction of a ms):
    how a reload tells that a part it made from them is still right."""
    return len(old) == len(new) and all(map(operator.is_, old, new))


@dataclass(frozen=True, slots=True)
class Changes:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass(frozen=True, slots=True)
class Moved:
    """The keys of one dict whose value is not the very same object as before: `fresh`
    (new, or another object, maybe an equal one, maybe in another place) and `gone`.
    Nothing here compares values: it tells the read view and the search index (which keep
    what they made from unchanged objects) what to look at again."""

    fresh: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()

    @classmethod
    def between(cls, old: Mapping[str, object], new: Mapping[str, object]) -> Moved:
        if len(old) == len(new) and all(map(operator.eq, old, new)):
            # The same keys in the same order (the usual edit): compare values in step.
            return cls(fresh=tuple(compress(new, map(operator.is_not, old.values(),
                                                     new.values()))))  # fmt: skip
        return cls(
            fresh=tuple(k for k, v in new.items() if old.get(k) is not v),
            gone=tuple(old.keys() - new.keys()),
        )

    def __bool__(self) -> bool:
        return bool(self.fresh or self.gone)


@dataclass(frozen=True, slots=True)
class Delta:
    """What moved between two fact sets, in their two big dicts; found once per reload and
    handed to everything that updates itself from the snapshot before."""

    entities: Moved
    statements: Moved

    @classmethod
    def between(cls, old: FactSet, new: FactSet) -> Delta:
        return cls(Moved.between(old.entities, new.entities),
                   Moved.between(old.statements, new.statements))  # fmt: skip


def _compare(old: Mapping[str, object], new: Mapping[str, object]) -> Changes:
    moved = Moved.between(old, new)
    return Changes(
        added=tuple(sorted(k for k in moved.fresh if k not in old)),
        changed=tuple(sorted(k for k in moved.fresh if k in old and old[k] != new[k])),
        removed=tuple(sorted(moved.gone)),
    )


def _by_kind(factset: FactSet, keys: set[str] | None) -> dict[str, dict[str, object]]:
    """Entries by kind; of entities and statements, only `keys` (None: all)."""
    entities = factset.entities
    statements = factset.statements
    if keys is not None:
        entities = {k: entities[k] for k in keys if k in entities}
        statements = {k: statements[k] for k in keys if k in statements}
    groups: dict[str, dict[str, object]] = {
        "relationship": dict(factset.relationships),
        "source": dict(factset.sources),
        "further reading": {r.id: r for r in factset.further_reading},
        "statement": dict(statements),
    }
    for entity_id, entity in entities.items():
        groups.setdefault(factset.kinds[entity_id], {})[entity_id] = entity
    return groups


def diff_factsets(old: FactSet, new: FactSet, delta: Delta | None = None) -> dict[str, Changes]:
    """Only the kinds with a change, in a stable order. `delta`: `Delta.between(old, new)`,
    if the caller has it already."""
    delta = delta or Delta.between(old, new)
    entities, statements = delta.entities, delta.statements
    keys = {*entities.fresh, *entities.gone, *statements.fresh, *statements.gone}
    before, after = _by_kind(old, keys), _by_kind(new, keys)
    result = {}
    for kind in sorted(before.keys() | after.keys()):
        changes = _compare(before.get(kind, {}), after.get(kind, {}))
        if changes:
            result[kind] = changes
    return result
