"""The loaded facts of every relationship, flattened into what briefings and the store use.

Every claim in the files (titles, summaries, outcomes, commitments, key points and free
statements) becomes one `FactStatement` with a stable id, so exports, the store and the
briefings all cite the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import NamedTuple

from bot.core.facts.models import (
    Claim,
    Country,
    Event,
    FurtherReading,
    Named,
    Organisation,
    Person,
    Pillar,
    Place,
    Relationship,
    Source,
    Statement,
    Topic,
)

__all__ = ["Entity", "FactSet", "FactStatement"]

Entity = Country | Place | Organisation | Person | Topic | Event | Pillar
SCOPED_ENTITY_KINDS = frozenset({"event", "pillar", "topic"})


def _references(entity: Entity) -> list[str]:
    """The ids an entity refers to: an event's parties, a person's country, and so on."""
    if isinstance(entity, Event):
        found = [ref for _, ref in entity.parties()]
        return found + ([entity.part_of] if entity.part_of else [])
    refs = [getattr(entity, "country", None), getattr(entity, "part_of", None)]
    return [ref for ref in refs if isinstance(ref, str)]


class FactStatement(NamedTuple):
    """One claim with everything needed to cite it.

    `role` says where the claim sits: "statement", "title", "summary", "outcome",
    "commitment" or "key-point". `subject` is the first thing it is about.

    A named tuple, not a frozen dataclass: as immutable, and made and compared in C. A
    reload makes one per claim (16k at 10k statements), and a frozen dataclass's
    `__init__` (a `__setattr__` call per field) was a tenth of a full reload.
    """

    id: str
    relationship: str
    about: tuple[str, ...]
    role: str
    text: str
    source: str
    quote: str
    conflicts_with: tuple[str, ...] = ()
    as_of: str | None = None
    text_vi: str | None = None

    @property
    def subject(self) -> str:
        return self.about[0]


@dataclass(slots=True)
class FactSet:
    """All relationships, keyed by id. People, countries, places, organisations and sources
    are shared, so a second relationship can refer to a person the first one defines; each
    relationship's own records are keyed `<relationship>/<id>` (scope.py)."""

    version: str
    relationships: dict[str, Relationship] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    further_reading: list[FurtherReading] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    entity_relationship: dict[str, str] = field(default_factory=dict)
    statements: dict[str, FactStatement] = field(default_factory=dict)
    source_relationship: dict[str, str] = field(default_factory=dict)
    """Source id -> the relationship whose folder keeps it (its claims belong there)."""

    def only(self, relationship: str, previous: FactSet | None = None) -> FactSet:
        """One relationship's facts, so that no answer mixes relationships: its own events,
        pillars, topics, statements, sources and further reading, and the shared people,
        countries, places and organisations that have a part in it (a person's titles only
        as its sources state them). Ids stay as they are: `vietnam-laos/jan-visit`.

        `previous`: this relationship's part of the facts before a reload; a person it
        holds with the same titles is reused, so that the part's name table (made only from
        its named things) can be kept when none of them changed."""
        part = FactSet(version=self.version)
        part.relationships[relationship] = self.relationships[relationship]
        part.sources = {
            i: s for i, s in self.sources.items() if self.source_relationship.get(i) == relationship
        }
        part.source_relationship = {i: relationship for i in part.sources}
        part.statements = {
            i: s for i, s in self.statements.items() if s.relationship == relationship
        }
        own = {
            i for i, r in self.entity_relationship.items()
            if r == relationship and self.kinds[i] in SCOPED_ENTITY_KINDS
        }  # fmt: skip
        wanted = [*self.relationships[relationship].countries, *own]
        wanted += set(chain.from_iterable(s.about for s in part.statements.values()))
        involved: set[str] = set()
        while wanted:  # what it involves, and what they refer to (a person's country)
            entity_id = wanted.pop()
            entity = self.entities.get(entity_id)
            if entity_id in involved or entity is None:
                continue
            if entity_id not in own and self.kinds[entity_id] in SCOPED_ENTITY_KINDS:
                continue  # another relationship's own record: never shown here
            involved.add(entity_id)
            wanted += _references(entity)
        part.further_reading = [r for r in self.further_reading if r.about in involved]
        for entity_id, entity in self.entities.items():
            if entity_id not in involved:
                continue
            if isinstance(entity, Person) and any(
                t.source not in part.sources for t in entity.titles
            ):
                titles = [t for t in entity.titles if t.source in part.sources]
                entity = entity.model_copy(update={"titles": titles})
                before = previous.entities.get(entity_id) if previous is not None else None
                entity = before if before is not None and before == entity else entity
            part.entities[entity_id] = entity
            part.kinds[entity_id] = self.kinds[entity_id]
            part.entity_relationship[entity_id] = relationship
        return part

    def named_entities(self) -> Iterator[tuple[str, Named]]:
        for entity_id, entity in self.entities.items():
            yield self.kinds[entity_id], entity

    def of_kind(self, kind: str) -> list[Entity]:
        return [
            entity for entity_id, entity in self.entities.items() if self.kinds[entity_id] == kind
        ]

    def counts(self) -> Mapping[str, int]:
        """What was curated, for the summary line of `facts check` and the logs."""
        counted: dict[str, int] = {
            "relationships": len(self.relationships),
            "sources": len(self.sources),
        }
        plurals = {"person": "people", "country": "countries"}
        for kind in ("person", "event", "pillar", "organisation", "place", "country", "topic"):
            counted[plurals.get(kind, f"{kind}s")] = len(self.of_kind(kind))
        counted["statements"] = len(self.statements)
        return counted

    def language_coverage(self) -> dict[str, tuple[int, int]]:
        """Language -> (statements with text in it, statements): how much of what a reader
        sees is written in each language, for `facts status`."""
        total = len(self.statements)
        vietnamese = sum(1 for s in self.statements.values() if s.text_vi)
        return {"en": (total, total), "vi": (vietnamese, total)}

    def describe_counts(self) -> str:
        """`1 relationship, 7 sources, 8 people, …`."""
        singular = {"people": "person", "countries": "country"}
        return ", ".join(
            f"{n} {plural if n != 1 else singular.get(plural, plural.removesuffix('s'))}"
            for plural, n in self.counts().items()
        )

    @staticmethod
    def claim_sources(entity: Entity) -> list[str]:
        """The source ids of an entity's claims, in order (titles first)."""
        sources = [t.source for t in entity.titles] if isinstance(entity, Person) else []
        if isinstance(entity, Topic | Event | Pillar):
            sources.append(entity.summary.source)
        if isinstance(entity, Event):
            sources += [c.source for c in entity.outcomes]
        if isinstance(entity, Pillar):
            sources += [c.source for c in entity.commitments]
        else:
            sources += [c.source for c in entity.statements]
        return sources

    def add_claims(
        self,
        relationship: str,
        entity_id: str,
        entity: Entity,
        source_relationship: Mapping[str, str] | None = None,
    ) -> None:
        """Flatten the claims an entity carries into statements.

        A shared entity (a person, say) has claims from several relationships' sources: each
        claim belongs to the relationship its source is kept in (`source_relationship`).
        """
        scopes = source_relationship or {}
        if isinstance(entity, Person):
            for n, title in enumerate(entity.titles, start=1):
                self._add(
                    FactStatement(
                        id=f"{entity_id}.title.{n}",
                        relationship=scopes.get(title.source, relationship),
                        about=(entity_id,),
                        role="title",
                        text=f"{entity.name_en}: {title.title}",
                        source=title.source,
                        quote=title.quote,
                        as_of=title.as_of,
                        text_vi=(
                            f"{entity.name_vi or entity.name_en}: {title.title_vi}"
                            if title.title_vi
                            else None
                        ),
                    )
                )
        if isinstance(entity, Topic | Event | Pillar):
            summary = entity.summary
            scope = scopes.get(summary.source, relationship)
            self._add_claim(scope, entity_id, "summary", summary, f"{entity_id}.summary")
        if isinstance(entity, Event):
            self._add_claims(relationship, entity_id, "outcome", entity.outcomes, scopes)
        if isinstance(entity, Pillar):
            self._add_claims(relationship, entity_id, "commitment", entity.commitments, scopes)
        if not isinstance(entity, Pillar):
            self._add_claims(relationship, entity_id, "statement", entity.statements, scopes)

    def add_statement(
        self,
        relationship: str,
        statement: Statement,
        *,
        statement_id: str | None = None,
        about: list[str] | None = None,
        conflicts_with: list[str] | None = None,
    ) -> None:
        """A free statement; the keywords give its ids as loaded (build.py scopes them),
        where the file's bare ids would be ambiguous across relationships."""
        ident = statement_id or statement.id
        self.statements[ident] = FactStatement(  # by position: a reload makes thousands
            ident,
            relationship,
            tuple(statement.about if about is None else about),
            "statement",
            statement.text,
            statement.source,
            statement.quote,
            tuple(statement.conflicts_with if conflicts_with is None else conflicts_with),
            None,
            statement.text_vi,
        )

    def add_key_points(self, relationship: Relationship) -> None:
        self._add_claims(relationship.id, relationship.id, "key-point", relationship.key_points)

    def _add_claims(
        self,
        relationship: str,
        owner: str,
        role: str,
        claims: list[Claim],
        scopes: Mapping[str, str] | None = None,
    ) -> None:
        for n, claim in enumerate(claims, start=1):
            scope = (scopes or {}).get(claim.source, relationship)
            self._add_claim(scope, owner, role, claim, f"{owner}.{role}.{n}")

    def _add_claim(
        self, relationship: str, owner: str, role: str, claim: Claim, statement_id: str
    ) -> None:
        self.statements[statement_id] = FactStatement(
            statement_id, relationship, (owner,), role, claim.text, claim.source, claim.quote,
            (), None, claim.text_vi,
        )  # fmt: skip

    def _add(self, statement: FactStatement) -> None:
        self.statements[statement.id] = statement
