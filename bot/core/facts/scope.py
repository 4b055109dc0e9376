"""Which ids belong to one relationship, and how they are told apart once loaded.

People, countries, places, organisations and sources are shared: To Lam is one person with a
part in every relationship he appears in. Events, pillars, topics, statements and further
reading belong to their relationship's folder, so two relationships may each have a
`defence-security` pillar. A curator writes the bare id everywhere (a reference from a
relationship's files finds that relationship's record first, then a shared one); once loaded,
a scoped record is known as `<relationship>/<id>`, which no file can spell (ids have no `/`).
"""

from __future__ import annotations

__all__ = ["SCOPED_KINDS", "local_id", "relationship_of", "scoped_id"]

SCOPED_KINDS = frozenset({"topic", "event", "pillar", "statement", "further reading"})
SEPARATOR = "/"


def scoped_id(relationship: str, local: str) -> str:
    return f"{relationship}{SEPARATOR}{local}"


def local_id(ident: str) -> str:
    """The id as its file writes it: `jan-visit` for `vietnam-laos/jan-visit`; shared ids and
    statement ids derived from them (`vietnam-laos/jan-visit.summary`) likewise."""
    return ident.rpartition(SEPARATOR)[2]


def relationship_of(ident: str) -> str | None:
    """The relationship a loaded id is scoped to, or None for a shared one."""
    head, separator, _ = ident.partition(SEPARATOR)
    return head if separator else None
