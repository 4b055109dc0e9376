"""Turn validated records into the `FactSet` that briefings, matching and the store read.

The order is fixed by the records, not by file names or the order a folder lists them in:
shared entities first (countries, places, organisations, people, each by id), then each
relationship (by id) with its topics, events (by date), pillars (by `order`), key points and
free statements (in file order). Statement ids do not depend on this order.

A relationship's own records (events, pillars, topics, statements, further reading) are
known by `<relationship>/<id>` from here on (scope.py), and the references in its files,
written as bare ids, are rewritten to match: a briefing follows an event's `pillars` to that
relationship's pillars, never another's.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.core.facts.dates import FuzzyDate
from bot.core.facts.diff import same_objects
from bot.core.facts.factset import Entity, FactSet, FactStatement
from bot.core.facts.models import (
    Event,
    FurtherReading,
    Pillar,
    Relationship,
    Source,
    Statement,
)
from bot.core.facts.record import Record
from bot.core.facts.scope import SCOPED_KINDS, scoped_id

__all__ = ["BuildMemo", "build_factset"]

SHARED_ORDER = ("country", "place", "organisation", "person")
SCOPED_ORDER = ("topic", "event", "pillar")
REFERABLE = frozenset(SCOPED_ORDER)
"""The scoped kinds a reference can name (statements and further reading never are)."""

Unit = tuple[Record, ...]
"""The records of one file (loader.py): the same object while the file is unchanged."""


@dataclass(slots=True)
class _Piece:
    """What one file adds to the fact set: its entity (scoped copy), where it sorts, which
    relationship a shared entity is shown with, its further reading, and its statements."""

    entity: Entity | None = None
    order: tuple[object, ...] = ()
    relationship: str = ""
    reading: list[FurtherReading] = field(default_factory=list)
    statements: dict[str, FactStatement] = field(default_factory=dict)


@dataclass(slots=True)
class _Joined:
    """The pieces of one kind of one relationship (or of the shared entities) joined in
    order: reused whole while every file of the group is the same object as last time."""

    units: list[Unit]
    pieces: dict[int, tuple[Unit, _Piece]]
    entities: dict[str, Entity] = field(default_factory=dict)
    relationships: dict[str, str] = field(default_factory=dict)
    statements: dict[str, FactStatement] = field(default_factory=dict)
    reading: list[FurtherReading] = field(default_factory=list)

    def add_to(self, factset: FactSet, kind: str) -> None:
        factset.entities.update(self.entities)
        factset.kinds.update(dict.fromkeys(self.entities, kind))
        factset.entity_relationship.update(self.relationships)
        factset.statements.update(self.statements)


@dataclass(slots=True)
class BuildMemo:
    """Each file's piece from the build before, reused while the file and everything its
    piece depends on (which relationship keeps each source, which ids each relationship owns)
    are unchanged: a reload after one edit at 50k statements then builds one file's piece and
    joins the rest, and an unchanged statement stays the very same object, so comparing the
    old and new facts (diff.py), the read view and the search index see what changed by
    identity. Reloads run one at a time; a memo is never shared between two folders."""

    context: object = None
    pieces: dict[int, tuple[Unit, _Piece]] = field(default_factory=dict)
    _used: dict[int, tuple[Unit, _Piece]] = field(default_factory=dict)
    _by_file: dict[str, _Piece] = field(default_factory=dict)
    _joined: dict[tuple[str, str | None], _Joined] = field(default_factory=dict)
    _joined_used: dict[tuple[str, str | None], _Joined] = field(default_factory=dict)
    _last: tuple[FactSet, list[tuple[str, _Joined]]] | None = None

    def start(self, context: object) -> None:
        if context != self.context:
            self.context, self.pieces, self._joined, self._last = context, {}, {}, None
        self._used, self._joined_used = {}, {}
        self._by_file = {unit[0].file: piece for unit, piece in self.pieces.values() if unit}

    def piece(self, unit: Unit) -> _Piece | None:
        known = self.pieces.get(id(unit))
        if known is None or known[0] is not unit:
            return None
        self._used[id(unit)] = known
        return known[1]

    def keep(self, unit: Unit, piece: _Piece) -> None:
        """Keeps the piece made for `unit`, with the entity and the statements the file had
        before where they are equal to its new ones (a file of 250 statements with one
        edited gives one new statement, not 250), as long as they are still in the same
        order and the piece in the same place."""
        self._used[id(unit)] = (unit, piece)
        before = self._by_file.get(unit[0].file) if unit else None
        if before is None or before.order != piece.order:
            return  # new, or moved among its kind (an event's new date): all put in place
        if piece.entity is not None and before.entity == piece.entity:
            piece.entity = before.entity  # then the name table and the events' lookups stay
        if not before.statements:
            return
        old, new = before.statements, piece.statements
        if [k for k in new if k in old] != [k for k in old if k in new]:
            return  # reordered: the new objects tell the read view to put them in place
        for key, statement in new.items():
            kept = old.get(key)
            if kept is not None and kept is not statement and kept == statement:
                new[key] = kept

    def joined(
        self,
        key: tuple[str, str | None],
        units: list[Unit],
        make: Callable[[Unit], _Piece],
        sort: bool,
    ) -> _Joined:
        known = self._joined.get(key)
        if known is not None and same_objects(known.units, units):
            self._joined_used[key] = known
            self._used.update(known.pieces)
            return known
        pieces: dict[int, tuple[Unit, _Piece]] = {}
        for unit in units:
            found = self.piece(unit)
            if found is None:
                found = make(unit)
                self.keep(unit, found)
            pieces[id(unit)] = (unit, found)
        if known is not None:
            made = _patched(known, units, pieces)
            if made is not None:
                self._joined_used[key] = made
                return made
        ordered = [piece for _, piece in pieces.values()]
        if sort:
            ordered.sort(key=lambda piece: piece.order)
        made = _Joined(units, pieces)
        for piece in ordered:
            if piece.entity is not None:
                made.entities[piece.entity.id] = piece.entity
                made.relationships[piece.entity.id] = piece.relationship
            made.statements.update(piece.statements)
            made.reading += piece.reading
        self._joined_used[key] = made
        return made

    def same_as_before(self, ident: str, source: Source) -> Source:
        """The last build's source if it is equal to `source`: sources name things too, and
        the name table is kept only while every named thing is the same object."""
        before = self._last[0].sources.get(ident) if self._last is not None else None
        return before if before is not None and before == source else source

    def assemble(self, factset: FactSet, parts: list[tuple[str, _Joined]]) -> None:
        """Fill the fact set's entity and statement dicts from `parts`, in order. When the
        parts are those of the last build, each holding the same ids in the same order, the
        dicts are copies of the last build's with the changed parts' values put in place:
        copying a 50k dict is a fifth of the cost of filling one."""
        last = self._last
        self._last = (factset, parts)
        if last is not None and _replaceable(last[1], parts):
            before = last[0]
            factset.entities = dict(before.entities)
            factset.kinds = dict(before.kinds)
            factset.entity_relationship = dict(before.entity_relationship)
            factset.statements = dict(before.statements)
            for (_, old), (kind, new) in zip(last[1], parts, strict=True):
                if old is not new:
                    new.add_to(factset, kind)
            return
        for kind, joined in parts:
            joined.add_to(factset, kind)

    def finish(self) -> None:
        self.pieces, self._used = self._used, {}
        self._joined, self._joined_used = self._joined_used, {}


def build_factset(units: Sequence[Unit], version: str, memo: BuildMemo | None = None) -> FactSet:
    memo = memo if memo is not None else BuildMemo()
    factset = FactSet(version=version)
    groups: dict[tuple[str, str | None], list[Unit]] = {}
    for unit in units:
        if unit:
            groups.setdefault((unit[0].kind, unit[0].relationship), []).append(unit)
    of_kind = _of_kind(groups)
    relationship_units = sorted(
        (u for u in of_kind("relationship") if isinstance(u[0].model, Relationship)),
        key=lambda u: u[0].id,
    )
    relationships = [unit[0] for unit in relationship_units]
    for record in relationships:
        assert isinstance(record.model, Relationship)
        factset.relationships[record.id] = record.model
    source_relationship: dict[str, str] = {}
    for record in sorted(
        (r for u in of_kind("source") for r in u if isinstance(r.model, Source)),
        key=lambda r: (r.relationship or "", r.id),
    ):
        assert isinstance(record.model, Source) and record.relationship is not None
        factset.sources[record.id] = memo.same_as_before(record.id, record.model)
        source_relationship[record.id] = record.relationship
    factset.source_relationship = source_relationship
    own: dict[str, set[str]] = {}
    for (kind, relationship), found in groups.items():
        if kind in SCOPED_KINDS and relationship is not None:
            ids = own.setdefault(relationship, set())
            if kind in REFERABLE:
                ids.update(record.id for unit in found for record in unit)
    scoping = {relationship: _Scope(relationship, ids) for relationship, ids in own.items()}
    first_relationship = relationships[0].id if relationships else ""
    memo.start((source_relationship, own, first_relationship))

    def joined(kind: str, relationship: str | None, sort: bool = False) -> _Joined:
        return memo.joined(
            (kind, relationship),
            groups.get((kind, relationship), []),
            lambda unit: _piece(unit, scoping, source_relationship, first_relationship),
            sort,
        )

    for relationship in sorted(own):
        factset.further_reading += joined("further reading", relationship).reading
    parts = [(kind, joined(kind, None, sort=True)) for kind in SHARED_ORDER]
    for relationship_unit in relationship_units:
        relationship = relationship_unit[0].id
        parts += [(kind, joined(kind, relationship, sort=True)) for kind in SCOPED_ORDER]
        parts += [(kind, joined(kind, relationship)) for kind in ("relationship", "statement")]
    memo.assemble(factset, parts)
    memo.finish()
    return factset


def _of_kind(groups: dict[tuple[str, str | None], list[Unit]]) -> Callable[[str], list[Unit]]:
    def of_kind(kind: str) -> list[Unit]:
        return [unit for (k, _), found in groups.items() if k == kind for unit in found]

    return of_kind


def _piece(
    unit: Unit, scoping: dict[str, _Scope], sources: dict[str, str], first_relationship: str
) -> _Piece:
    first = unit[0]
    scope = scoping.get(first.relationship or "")
    made = _Piece()
    scratch = FactSet(version="")
    if first.kind == "relationship":
        assert isinstance(first.model, Relationship)
        scratch.add_key_points(first.model)
    elif first.kind == "further reading":
        assert scope is not None
        made.reading = [scope.reading(r.model) for r in unit if isinstance(r.model, FurtherReading)]
    elif first.kind == "statement":
        relationship = first.relationship
        assert relationship is not None
        scope = scope or _Scope(relationship, set())
        prefix = scoped_id(relationship, "")
        for record in unit:
            statement = record.model
            assert isinstance(statement, Statement)
            scratch.add_statement(
                relationship,
                statement,
                statement_id=prefix + statement.id,
                about=scope.refs(statement.about),
                conflicts_with=[prefix + c for c in statement.conflicts_with],
            )
    elif first.kind in SCOPED_ORDER:
        relationship = first.relationship
        assert relationship is not None
        entity = (scope or _Scope(relationship, set())).entity(_entity(first))
        made.entity, made.order, made.relationship = entity, _sort_key(entity), relationship
        scratch.add_claims(relationship, entity.id, entity, {})
    else:
        entity = _entity(first)
        claims = FactSet.claim_sources(entity)
        made.entity, made.order = entity, (entity.id,)
        made.relationship = next((sources[s] for s in claims if s in sources), first_relationship)
        scratch.add_claims(made.relationship, entity.id, entity, sources)
    made.statements = scratch.statements
    return made


def _patched(
    known: _Joined, units: list[Unit], pieces: dict[int, tuple[Unit, _Piece]]
) -> _Joined | None:
    """`known` with the pieces of the files that changed put in place, when each holds the
    same ids as the one it replaces and sorts where it did: a group of 27,000 statements in
    100 files with one file edited is then a copy and 250 replacements."""
    if len(known.units) != len(units) or sum(map(operator.is_not, known.units, units)) * 2 > len(
        units
    ):
        return None  # most files changed: joining them afresh costs less
    changed = []
    for old_unit, unit in zip(known.units, units, strict=True):
        if old_unit is unit:
            continue
        old = known.pieces.get(id(old_unit))
        new = pieces[id(unit)][1]
        if (
            old is None
            or old[1].order != new.order
            or old[1].reading
            or new.reading
            or not _same_keys(old[1].statements, new.statements)
            or (old[1].entity is None) != (new.entity is None)
            or (new.entity is not None and old[1].entity.id != new.entity.id)  # type: ignore[union-attr]
        ):
            return None
        changed.append(new)
    made = _Joined(
        units, pieces, dict(known.entities), dict(known.relationships), dict(known.statements)
    )
    for piece in changed:
        if piece.entity is not None:
            made.entities[piece.entity.id] = piece.entity
            made.relationships[piece.entity.id] = piece.relationship
        made.statements.update(piece.statements)
    return made


def _replaceable(old: list[tuple[str, _Joined]], new: list[tuple[str, _Joined]]) -> bool:
    """The same parts, where each changed one holds the same ids in the same order."""
    return len(old) == len(new) and all(
        a_kind == b_kind
        and (
            a is b
            or (
                _same_keys(a.entities, b.entities)
                and _same_keys(a.statements, b.statements)
                and _same_keys(a.relationships, b.relationships)
            )
        )
        for (a_kind, a), (b_kind, b) in zip(old, new, strict=True)
    )


def _same_keys(old: Mapping[str, object], new: Mapping[str, object]) -> bool:
    return len(old) == len(new) and all(map(operator.eq, old, new))


class _Scope:
    """Rewrites one relationship's records to their loaded ids: its own ids qualified, and
    each reference to the record it means (the relationship's own first, else a shared one;
    validate.py has already checked that every reference finds something)."""

    def __init__(self, relationship: str, ids: set[str]) -> None:
        self.relationship = relationship
        self.ids = ids

    def ref(self, ident: str) -> str:
        return scoped_id(self.relationship, ident) if ident in self.ids else ident

    def refs(self, idents: list[str]) -> list[str]:
        ids, prefix = self.ids, scoped_id(self.relationship, "")
        return [prefix + ident if ident in ids else ident for ident in idents]

    def entity(self, entity: Entity) -> Entity:
        """A copy known by its scoped id, its references rewritten."""
        update: dict[str, object] = {"id": scoped_id(self.relationship, entity.id)}
        if isinstance(entity, Event):
            update |= {
                "part_of": entity.part_of and self.ref(entity.part_of),
                "pillars": self.refs(entity.pillars),
                "participants": self.refs(entity.participants),
                "host": entity.host and self.ref(entity.host),
                "guest": entity.guest and self.ref(entity.guest),
                "place": entity.place and self.ref(entity.place),
            }
        return entity.model_copy(update=update)

    def reading(self, reading: FurtherReading) -> FurtherReading:
        own_id = scoped_id(self.relationship, reading.id)
        return reading.model_copy(update={"id": own_id, "about": self.ref(reading.about)})


def _entity(record: Record) -> Entity:
    assert record.model is not None
    return record.model  # type: ignore[return-value]


def _sort_key(entity: Entity) -> tuple[object, ...]:
    if isinstance(entity, Event):
        return (FuzzyDate.parse(entity.date).sort_key(), entity.id)
    if isinstance(entity, Pillar):
        return (entity.order is None, entity.order or 0, entity.id)
    return (entity.id,)
