"""`facts schema` and `facts new`: editor help that matches the loader, and templates that
land in the right place and load once filled in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from facts_fixture import REL, write_root
from support.cli import run_bot

from bot.core.facts.layout import KINDS
from bot.core.facts.loader import load_facts
from bot.core.facts.scaffold import ScaffoldError, file_schema, new_record, schema_text

FACTS = Path(__file__).resolve().parents[3] / "facts"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_shipped_schemas_are_up_to_date(kind: str) -> None:
    """facts/schemas/ is what `python -m bot facts schema --write` writes today."""
    path = FACTS / "schemas" / KINDS[kind].schema_name
    assert path.read_text(encoding="utf-8") == schema_text(KINDS[kind])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_schema_lists_what_a_curator_writes(kind: str) -> None:
    schema = file_schema(KINDS[kind])
    if KINDS[kind].list_key:
        schema = schema["properties"][KINDS[kind].list_key]["items"]
    fields = set(KINDS[kind].model.model_fields) - {"archive"}
    if not KINDS[kind].list_key:
        fields -= {"id"}
    assert set(schema["properties"]) == fields
    assert schema["additionalProperties"] is False


def test_every_fact_file_points_its_editor_at_its_schema() -> None:
    for path in FACTS.rglob("*.toml"):
        if path.name == "honorifics.toml":
            continue
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#:schema "), path
        assert (path.parent / first.removeprefix("#:schema ")).resolve().is_file(), path


def test_a_new_person_is_written_in_people_and_checked_until_filled(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    path = new_record(root, "person", "ca-ce")
    assert path == root / "people" / "ca-ce.toml"
    problems = load_facts(root).problems
    assert problems and {p.file for p in problems} == {"people/ca-ce.toml"}

    text = path.read_text(encoding="utf-8")
    for empty, value in [
        ('name_en = ""', 'name_en = "Ca Ce"'),
        ('country = ""', 'country = "beta"'),
        ('title = ""', 'title = "Envoy"'),
        ('as_of = ""', 'as_of = "2026-02-05"'),
        ('source = ""', 'source = "src-main"'),
        ('quote = ""', 'quote = "talks with Bo Ba"'),
    ]:
        text = text.replace(empty, value, 1)
    path.write_text(text, encoding="utf-8")
    result = load_facts(root)
    # Filled in, the one problem left is a real one: the quote names someone else.
    assert [(p.file, p.path) for p in result.problems] == [("people/ca-ce.toml", "titles[0].quote")]
    assert "the quote does not name Ca Ce" in result.problems[0].reason


def test_a_new_source_gets_an_empty_text_to_paste_into(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    path = new_record(root, "source", "src-new")
    assert path == root / REL / "sources" / "src-new.toml"
    assert path.with_suffix(".txt").read_text(encoding="utf-8") == ""
    problems = {(p.file, p.reason.split(":")[0]) for p in load_facts(root).problems}
    assert (f"{REL}/sources/src-new.txt", "the text is empty") in problems


def test_a_new_statement_is_appended_with_its_id(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    path = new_record(root, "statement", "stmt-new")
    assert path == root / REL / "statements.toml"
    problems = load_facts(root).problems
    assert problems and all(p.path.startswith("statements[2].") for p in problems)
    with pytest.raises(ScaffoldError, match="already has"):
        new_record(root, "statement", "stmt-new")


def test_new_refuses_an_existing_file_a_bad_id_and_a_relationship_folder(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    with pytest.raises(ScaffoldError, match="exists already"):
        new_record(root, "person", "to-lam")
    with pytest.raises(ScaffoldError, match="not an id"):
        new_record(root, "event", "Big Summit")
    with pytest.raises(ScaffoldError, match="not the facts root"):
        new_record(root / REL, "event", "summit-two")


def test_new_asks_which_relationship_when_there_are_several(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    shutil.copytree(root / REL, root / "alpha-gamma")
    with pytest.raises(ScaffoldError, match="--relationship"):
        new_record(root, "event", "summit-two")
    path = new_record(root, "event", "summit-two", "alpha-gamma")
    assert path == root / "alpha-gamma" / "events" / "summit-two.toml"


def test_the_cli_prints_a_schema_editors_can_use() -> None:
    done = run_bot("facts", "schema", "event")
    assert done.returncode == 0, done.stderr
    schema = json.loads(done.stdout)
    assert "kind" in schema["properties"] and "id" not in schema["properties"]
