"""Where each kind of record lives under the facts root: one record per file.

    facts/                          FACTS_DIR points here, never at a relationship folder
      honorifics.toml               title words matching ignores (read by bot/core/matching)
      schemas/<kind>.schema.json    JSON Schemas for TOML editors (`facts schema --write`)
      people/<id>.toml              shared by every relationship: one person per file
      countries/<id>.toml
      places/<id>.toml
      organisations/<id>.toml
      <relationship>/               e.g. vietnam-laos/; the folder name is the relationship's id
        relationship.toml           its name, countries and key points
        sources/<id>.toml           one source's metadata ...
        sources/<id>.txt            ... and its text, which every quote citing it must be in
        events/<id>.toml
        pillars/<id>.toml
        topics/<id>.toml
        statements.toml             free-standing statements, each with its own id and `about`
        statements/*.toml           more of them, when one file grows too long
        drafts/<source id>.toml     statements drafted from an article (facts draft): not
                                    loaded until a curator sets `reviewed = true`
        further-reading.toml        other reports, linked for readers, never a fact's source

Why one record per file: a TOML array of tables (`[[titles]]`) attaches to the last parent
table above it, so in a file of many people, moving or pasting a block silently hands one
person's titles to another. In a file that holds one record, `[[titles]]` can only belong to
that record, and pasting a second record into it repeats a key, which TOML rejects. The id is
the file name, so it is known even when the file cannot be read, and nothing that refers to
it reports a false "no such id".
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.facts.models import (
    Country,
    Event,
    FurtherReading,
    Model,
    Organisation,
    Person,
    Pillar,
    Place,
    Relationship,
    Source,
    Statement,
    Topic,
)

__all__ = [
    "DRAFTS_FOLDER",
    "HONORIFICS_FILE",
    "KINDS",
    "LIST_FILES",
    "RELATIONSHIP_FILE",
    "SCHEMA_FOLDER",
    "SCOPED_FOLDERS",
    "SHARED_FOLDERS",
    "SOURCE_TEXT_SUFFIX",
    "STATEMENTS_FOLDER",
    "Kind",
]

HONORIFICS_FILE = "honorifics.toml"
SCHEMA_FOLDER = "schemas"
RELATIONSHIP_FILE = "relationship.toml"
STATEMENTS_FOLDER = "statements"
DRAFTS_FOLDER = "drafts"
SOURCE_TEXT_SUFFIX = ".txt"


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of record: its name in messages, its model and where its files go."""

    name: str
    model: type[Model]
    folder: str
    shared: bool
    """Directly under the facts root (shared by relationships) or in a relationship folder."""
    list_key: str | None = None
    """For a file of many records (statements.toml): the array that holds them."""

    @property
    def schema_name(self) -> str:
        return f"{self.name.replace(' ', '-')}.schema.json"


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("person", Person, "people", shared=True),
        Kind("country", Country, "countries", shared=True),
        Kind("place", Place, "places", shared=True),
        Kind("organisation", Organisation, "organisations", shared=True),
        Kind("source", Source, "sources", shared=False),
        Kind("topic", Topic, "topics", shared=False),
        Kind("event", Event, "events", shared=False),
        Kind("pillar", Pillar, "pillars", shared=False),
        Kind("relationship", Relationship, RELATIONSHIP_FILE, shared=False),
        Kind("statement", Statement, "statements.toml", shared=False, list_key="statements"),
        Kind(
            "further reading",
            FurtherReading,
            "further-reading.toml",
            shared=False,
            list_key="further_reading",
        ),
    )
}

SHARED_FOLDERS = {kind.folder: kind for kind in KINDS.values() if kind.shared}
"""people/, countries/, places/, organisations/ under the facts root."""
SCOPED_FOLDERS = {
    kind.folder: kind
    for kind in KINDS.values()
    if not kind.shared and kind.list_key is None and kind.name != "relationship"
}
"""sources/, topics/, events/, pillars/ in a relationship folder."""
LIST_FILES = {kind.folder: kind for kind in KINDS.values() if kind.list_key is not None}
"""statements.toml and further-reading.toml in a relationship folder."""
