"""JSON Lines export of every statement, for other tools. Keep the field names stable."""

from __future__ import annotations

import json
from collections.abc import Iterator

from bot.core.facts.dates import is_not_stated
from bot.core.facts.factset import FactSet
from bot.core.facts.scope import local_id

__all__ = ["EXPORT_FIELDS", "export_lines"]

EXPORT_FIELDS = (
    "id", "subject", "about", "relationship", "role", "text", "as_of", "source",
    "source_outlet", "source_title", "source_published", "source_url", "quote",
    "conflicts_with",
)  # fmt: skip


def export_lines(factset: FactSet) -> Iterator[str]:
    """One JSON object per statement, in id order; `source_url` is null where unknown, and
    `source_published` and a title's `as_of` are null where the source states no date
    (written "not stated" in the files): a consumer never mistakes that for a date.

    Id order, not file order, so that the export does not change when files are split,
    merged or moved: the same facts always export to the same bytes. Ids are as the files
    write them (`jan-visit.summary`, not `vietnam-laos/jan-visit.summary`): with
    `relationship`, they name one statement.
    """
    for statement in sorted(
        factset.statements.values(), key=lambda s: (local_id(s.id), s.relationship)
    ):
        source = factset.sources[statement.source]
        record = {
            "id": local_id(statement.id),
            "subject": local_id(statement.subject),
            "about": [local_id(ident) for ident in statement.about],
            "relationship": statement.relationship,
            "role": statement.role,
            "text": statement.text,
            "as_of": _stated(statement.as_of),
            "source": source.id,
            "source_outlet": source.outlet,
            "source_title": source.headline,
            "source_published": _stated(source.published),
            "source_url": source.url,
            "quote": statement.quote,
            "conflicts_with": [local_id(ident) for ident in statement.conflicts_with],
        }
        yield json.dumps(record, ensure_ascii=False)


def _stated(value: str | None) -> str | None:
    return None if value is None or is_not_stated(value) else value
