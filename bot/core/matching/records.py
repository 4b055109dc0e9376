"""Turn a loaded fact set into the plain records the name index is built from.

The index depends only on `NameRecord`, so it can be built from synthetic data (tests,
benchmark) and does not change when the fact model grows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import count
from typing import Protocol

from bot.core.facts.models import Named, Person, Source
from bot.core.matching.index import NameRecord
from bot.core.matching.roles import HeldTitle

__all__ = ["FactSetLike", "records_from_entities", "records_from_factset"]


class FactSetLike(Protocol):
    """The two parts of a fact set that carry names."""

    def named_entities(self) -> Iterable[tuple[str, Named]]: ...

    @property
    def sources(self) -> Mapping[str, Source]: ...


def records_from_entities(
    entities: Iterable[tuple[str, Named]], sources: Iterable[Source] = ()
) -> list[NameRecord]:
    """Records for (kind, entity) pairs, and for sources (kind "source", named by headline
    and id, since that is how a reader refers to an article)."""
    records = []
    order = count()
    for kind, entity in entities:
        titles = tuple(
            HeldTitle(entity.id, t.title, t.title_vi, t.as_of, t.source, next(order))
            for t in (entity.titles if isinstance(entity, Person) else ())
        )
        records.append(
            NameRecord(
                id=entity.id,
                kind=kind,
                label_en=entity.name_en,
                label_vi=entity.name_vi,
                names=tuple(entity.all_names()),
                label_native=entity.name_native,
                titles=titles,
            )
        )
    records.extend(
        NameRecord(
            id=source.id,
            kind="source",
            label_en=source.headline,
            label_vi=None,
            names=(source.headline, source.id),
        )
        for source in sources
    )
    return records


def records_from_factset(factset: FactSetLike) -> list[NameRecord]:
    """Every named entity of the fact set, then every source."""
    return records_from_entities(factset.named_entities(), factset.sources.values())
