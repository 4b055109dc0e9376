"""The shipped Vietnam–Laos facts, read straight from the TOML files with tomllib."""

from __future__ import annotations

import tomllib
from typing import Any

from support.paths import RELATIONSHIP


def load(name: str) -> dict[str, Any]:
    with (RELATIONSHIP / name).open("rb") as file:
        return tomllib.load(file)


PEOPLE: list[dict[str, Any]] = load("people.toml")["people"]
EVENTS: list[dict[str, Any]] = load("events.toml")["events"]
PILLARS: list[dict[str, Any]] = load("pillars.toml")["pillars"]
SOURCES: list[dict[str, Any]] = load("sources.toml")["sources"]
RELATIONSHIP_FACTS: dict[str, Any] = load("relationship.toml")["relationship"]
ENTITY_FILE: dict[str, Any] = load("entities.toml")
SOURCE_BY_ID = {source["id"]: source for source in SOURCES}
