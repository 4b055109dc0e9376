"""Fixtures for the matching tests: one index over the shipped facts, built once."""

from __future__ import annotations

import pytest
from matching_support import FACTS, shipped_records

from bot.core.matching import Honorifics, NameIndex, NameRecord, load_honorifics


@pytest.fixture(scope="session")
def honorifics() -> Honorifics:
    return load_honorifics(FACTS / "honorifics.toml")


@pytest.fixture(scope="session")
def records() -> list[NameRecord]:
    return shipped_records()


@pytest.fixture(scope="session")
def index(records: list[NameRecord], honorifics: Honorifics) -> NameIndex:
    return NameIndex.build(records, honorifics)
