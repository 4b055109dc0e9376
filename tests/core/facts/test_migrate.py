"""The migration to one record per file changes nothing: the export is identical, ids included.

tests/fixtures/legacy-facts is the facts as they were in the old layout (a few files of many
records, with the two seed articles as the archive), and legacy-facts.export.jsonl is what the
old loader exported from them. The migrated files must export exactly the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.facts.export import export_lines
from bot.core.facts.loader import load_facts
from bot.core.facts.migrate import main, migrate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
LEGACY = FIXTURES / "legacy-facts"
LEGACY_EXPORT = FIXTURES / "legacy-facts.export.jsonl"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("migrated") / "facts"
    migrate(LEGACY, root, LEGACY / "archive")
    return root


def test_the_migrated_facts_export_exactly_what_the_old_files_did(migrated: Path) -> None:
    result = load_facts(migrated)
    assert result.problems == [], "\n".join(map(str, result.problems))
    assert result.factset is not None
    exported = "".join(line + "\n" for line in export_lines(result.factset))
    assert exported == LEGACY_EXPORT.read_text(encoding="utf-8")


def test_one_file_per_record_and_a_text_per_source(migrated: Path) -> None:
    assert len(list((migrated / "people").glob("*.toml"))) == 8
    assert len(list((migrated / "vietnam-laos" / "events").glob("*.toml"))) == 11
    sources = migrated / "vietnam-laos" / "sources"
    assert {p.stem for p in sources.glob("*.toml")} == {p.stem for p in sources.glob("*.txt")}


def test_a_teaser_gets_its_own_paragraph_cut_from_the_article(migrated: Path) -> None:
    text = (migrated / "vietnam-laos" / "sources" / "vov-teaser-border-management.txt").read_text(
        encoding="utf-8"
    )
    assert text.startswith("Vietnam, Laos agree on directions and tasks for border management")
    assert "Maythong Thammavongsa co-chaired the 34th annual meeting" in text
    assert "Doi Moi" not in text


def test_the_cli_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(LEGACY), str(tmp_path), "--archive", str(LEGACY / "archive")]) == 1
    assert "exists" in capsys.readouterr().err
