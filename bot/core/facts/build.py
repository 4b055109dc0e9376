"""Turn validated records into the `FactSet` that briefings, matching and the store read.

The order is fixed by the records, not by file names or the order a folder lists them in:
shared entities first (countries, places, organisations, people, each by id), then each
relationship (by id) with its topics, events (by date), pillars (by `order`), key points and
free statements (in file order). Statement ids do not depend on this order.
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
    factset.further_reading += [r.model for r in records if isinstance(r.model, FurtherReading)]

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
        for kind in SCOPED_ORDER:
            entities = [_entity(r) for r in scoped if r.kind == kind]
            for entity in sorted(entities, key=_sort_key):
                _add_entity(factset, kind, entity, relationship, {})
        assert isinstance(relationship_record.model, Relationship)
        factset.add_key_points(relationship_record.model)
        for record in scoped:
            if isinstance(record.model, Statement):
                factset.add_statement(relationship, record.model)
    return factset


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
