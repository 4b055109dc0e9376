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

from collections.abc import Sequence

from bot.core.facts.dates import FuzzyDate
from bot.core.facts.factset import Entity, FactSet
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

__all__ = ["build_factset"]

SHARED_ORDER = ("country", "place", "organisation", "person")
SCOPED_ORDER = ("topic", "event", "pillar")


def build_factset(records: Sequence[Record], version: str) -> FactSet:
    factset = FactSet(version=version)
    relationships = sorted(
        (r for r in records if isinstance(r.model, Relationship)), key=lambda r: r.id
    )
    for record in relationships:
        assert isinstance(record.model, Relationship)
        factset.relationships[record.id] = record.model
    source_relationship: dict[str, str] = {}
    for record in sorted(
        (r for r in records if isinstance(r.model, Source)),
        key=lambda r: (r.relationship or "", r.id),
    ):
        assert isinstance(record.model, Source) and record.relationship is not None
        factset.sources[record.id] = record.model
        source_relationship[record.id] = record.relationship
    factset.source_relationship = source_relationship
    own: dict[str, set[str]] = {}
    for record in records:
        if record.kind in SCOPED_KINDS and record.relationship is not None:
            own.setdefault(record.relationship, set()).add(record.id)
    scoping = {relationship: _Scope(relationship, ids) for relationship, ids in own.items()}
    for record in records:
        if isinstance(record.model, FurtherReading) and record.relationship in scoping:
            factset.further_reading.append(scoping[record.relationship].reading(record.model))

    first_relationship = relationships[0].id if relationships else ""
    for kind in SHARED_ORDER:
        for record in sorted((r for r in records if r.kind == kind), key=lambda r: r.id):
            entity = _entity(record)
            claims = factset.claim_sources(entity)
            relationship = next(
                (source_relationship[s] for s in claims if s in source_relationship),
                first_relationship,
            )
            _add_entity(factset, kind, entity, relationship, source_relationship)
    for relationship_record in relationships:
        relationship = relationship_record.id
        scoped = [r for r in records if r.relationship == relationship]
        scope = scoping.get(relationship, _Scope(relationship, set()))
        for kind in SCOPED_ORDER:
            entities = [scope.entity(_entity(r)) for r in scoped if r.kind == kind]
            for entity in sorted(entities, key=_sort_key):
                _add_entity(factset, kind, entity, relationship, {})
        assert isinstance(relationship_record.model, Relationship)
        factset.add_key_points(relationship_record.model)
        for record in scoped:
            if isinstance(record.model, Statement):
                statement = record.model
                factset.add_statement(
                    relationship,
                    statement,
                    statement_id=scoped_id(relationship, statement.id),
                    about=scope.refs(statement.about),
                    conflicts_with=[scoped_id(relationship, c) for c in statement.conflicts_with],
                )
    _COPIES.clear()
    _COPIES.update(_copied)
    _copied.clear()
    return factset


_COPIES: dict[tuple[int, str, int], tuple[object, Entity]] = {}
"""The scoped copies the last build made, by (original's id(), relationship, which ids are the
relationship's own): an unchanged file gives the very same record (ParseCache), so a reload
reuses its copy, and the old/new comparison of a reload stays an identity check. Reloads run
one at a time; builds that overlap (tests start several bots) only miss, since an entry is
used only for the very object it was made from."""
_copied: dict[tuple[int, str, int], tuple[object, Entity]] = {}


class _Scope:
    """Rewrites one relationship's records to their loaded ids: its own ids qualified, and
    each reference to the record it means (the relationship's own first, else a shared one;
    validate.py has already checked that every reference finds something)."""

    def __init__(self, relationship: str, ids: set[str]) -> None:
        self.relationship = relationship
        self.ids = ids
        self._ids_key = hash(frozenset(ids))

    def ref(self, ident: str) -> str:
        return scoped_id(self.relationship, ident) if ident in self.ids else ident

    def refs(self, idents: list[str]) -> list[str]:
        return [self.ref(ident) for ident in idents]

    def entity(self, entity: Entity) -> Entity:
        key = (id(entity), self.relationship, self._ids_key)
        known = _COPIES.get(key) or _copied.get(key)
        if known is not None and known[0] is entity:
            _copied[key] = known
            return known[1]
        copy = self._copy(entity)
        _copied[key] = (entity, copy)  # the original too: its id() stays its own meanwhile
        return copy

    def _copy(self, entity: Entity) -> Entity:
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


def _add_entity(
    factset: FactSet,
    kind: str,
    entity: Entity,
    relationship: str,
    source_relationship: dict[str, str],
) -> None:
    factset.entities[entity.id] = entity
    factset.kinds[entity.id] = kind
    factset.entity_relationship[entity.id] = relationship
    factset.add_claims(relationship, entity.id, entity, source_relationship)
