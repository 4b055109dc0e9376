"""The shipped facts as name records, for the matching tests (imported by conftest)."""

from __future__ import annotations

from pathlib import Path

from bot.core.matching import NameRecord
from bot.core.matching.records import records_from_factset

FACTS = Path(__file__).resolve().parents[3] / "facts"
RELATIONSHIP = FACTS / "vietnam-laos"


def shipped_records() -> list[NameRecord]:
    try:
        from bot.core.facts.loader import load_facts
    except ImportError:  # the loader is being written alongside; read the files directly
        return _records_from_files()
    result = load_facts(RELATIONSHIP)
    assert result.factset is not None, result.problems
    return records_from_factset(result.factset)


def _records_from_files() -> list[NameRecord]:
    import tomllib

    from bot.core.facts.models import ENTITY_SECTIONS, FactFile, Named, Source
    from bot.core.matching.records import records_from_entities

    entities: list[tuple[str, Named]] = []
    sources: list[Source] = []
    for path in sorted(RELATIONSHIP.glob("*.toml")):
        facts = FactFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
        for section, kind in ENTITY_SECTIONS.items():
            entities += [(kind, entity) for entity in getattr(facts, section)]
        sources += facts.sources
    return records_from_entities(entities, sources)
