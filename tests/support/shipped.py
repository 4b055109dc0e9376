"""The shipped Vietnam–Laos facts, read straight from the TOML files with tomllib.

One record per file (bot/core/facts/layout.py); here they are gathered into the shapes the
tests use: lists of records, each with its `id` (the file name) filled in.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from support.paths import FACTS, RELATIONSHIP


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as file:
        return tomllib.load(file)


def records(folder: Path) -> list[dict[str, Any]]:
    """Every record in a kind's folder, by id."""
    return [{"id": path.stem, **load(path)} for path in sorted(folder.glob("*.toml"))]


PEOPLE: list[dict[str, Any]] = records(FACTS / "people")
EVENTS: list[dict[str, Any]] = records(RELATIONSHIP / "events")
PILLARS: list[dict[str, Any]] = sorted(
    records(RELATIONSHIP / "pillars"), key=lambda p: (p.get("order", 0), p["id"])
)
SOURCES: list[dict[str, Any]] = records(RELATIONSHIP / "sources")
RELATIONSHIP_FACTS: dict[str, Any] = {
    "id": RELATIONSHIP.name,
    **load(RELATIONSHIP / "relationship.toml"),
}
ENTITY_FILE: dict[str, Any] = {
    "countries": records(FACTS / "countries"),
    "places": records(FACTS / "places"),
    "organisations": records(FACTS / "organisations"),
    "topics": records(RELATIONSHIP / "topics"),
}
"""What the old entities.toml held: countries, places, organisations and topics."""
STATEMENTS: list[dict[str, Any]] = load(RELATIONSHIP / "statements.toml")["statements"]
SOURCE_BY_ID = {source["id"]: source for source in SOURCES}
FACT_FILES: list[Path] = sorted(FACTS.rglob("*.toml"))
"""Every TOML file under the facts root (honorifics.toml included)."""
