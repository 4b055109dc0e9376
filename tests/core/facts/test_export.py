"""`export_lines` and `python -m bot facts export`: JSON Lines other tools can rely on.

Expectations come from the fact files themselves, read here with `tomllib`: every claim in
them (a dict with both `source` and `quote`) is one exported line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from support.cli import clean_env

from bot.core.facts.export import export_lines
from bot.core.facts.factset import FactSet

REPO = Path(__file__).resolve().parents[3]
FACTS = REPO / "facts"
FOLDER = FACTS / "vietnam-laos"

STABLE_KEYS = {
    "id",
    "subject",
    "text",
    "source",
    "source_outlet",
    "source_title",
    "source_url",
    "quote",
}


@pytest.fixture(scope="module")
def lines(factset: FactSet) -> list[str]:
    return list(export_lines(factset))


@pytest.fixture(scope="module")
def records(lines: list[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines]


def toml_files() -> dict[str, dict[str, Any]]:
    """Every fact file under the facts root, by path (honorifics.toml has no claims)."""
    return {
        path.relative_to(FACTS).as_posix(): tomllib.loads(path.read_text(encoding="utf-8"))
        for path in sorted(FACTS.rglob("*.toml"))
        if path.name != "honorifics.toml"
    }


def claims_in(value: object) -> list[dict[str, Any]]:
    """Every claim (title, summary, outcome, statement, ...) anywhere in a TOML document."""
    if isinstance(value, list):
        return [claim for item in value for claim in claims_in(item)]
    if not isinstance(value, dict):
        return []
    found = [value] if "source" in value and "quote" in value else []
    return found + [claim for item in value.values() for claim in claims_in(item)]


def toml_claims() -> list[dict[str, Any]]:
    return [claim for data in toml_files().values() for claim in claims_in(data)]


def toml_sources() -> dict[str, dict[str, Any]]:
    return {
        path.stem: tomllib.loads(path.read_text(encoding="utf-8"))
        for path in sorted((FOLDER / "sources").glob("*.toml"))
    }


# --- export_lines ------------------------------------------------------------------------


def test_lines_are_in_id_order(records: list[dict[str, Any]]) -> None:
    """Id order: the same facts export to the same bytes, however the files are laid out."""
    ids = [r["id"] for r in records]
    assert ids == sorted(ids)


def test_every_line_is_one_json_object_with_the_stable_keys(lines: list[str]) -> None:
    assert lines
    for line in lines:
        assert "\n" not in line
        record = json.loads(line)
        assert isinstance(record, dict)
        assert record.keys() >= STABLE_KEYS, line


def test_one_line_per_claim_in_the_files(records: list[dict[str, Any]]) -> None:
    claims = toml_claims()
    assert len(records) == len(claims)
    assert Counter((r["source"], r["quote"]) for r in records) == Counter(
        (c["source"], c["quote"]) for c in claims
    )


def test_one_line_per_statement_with_unique_ids(
    records: list[dict[str, Any]], factset: FactSet
) -> None:
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) == len(factset.statements)
    # As the files write them: a relationship's own records are loaded as <relationship>/<id>.
    assert {f"{r['relationship']}/{r['id']}" if r["id"] not in factset.statements else r["id"]
            for r in records} == set(factset.statements)  # fmt: skip
    # The free statements keep the ids their curators gave them.
    curated = {s["id"] for s in toml_files()["vietnam-laos/statements.toml"]["statements"]}
    assert curated <= set(ids)


def test_subject_is_the_first_thing_it_is_about(
    records: list[dict[str, Any]], factset: FactSet
) -> None:
    known = set(factset.entities) | set(factset.relationships)
    for record in records:
        subject = record["subject"]
        assert subject in known or f"{record['relationship']}/{subject}" in known, record["id"]
        if "about" in record:
            assert record["subject"] == record["about"][0]
    by_id = {r["id"]: r for r in records}
    for statement in toml_files()["vietnam-laos/statements.toml"]["statements"]:
        assert by_id[statement["id"]]["subject"] == statement["about"][0]
        assert by_id[statement["id"]]["text"] == statement["text"]


def test_source_fields_come_from_the_source_files(records: list[dict[str, Any]]) -> None:
    sources = toml_sources()
    for record in records:
        source = sources[record["source"]]
        assert record["source_outlet"] == source["outlet"]
        assert record["source_title"] == source["headline"]


def test_source_url_is_null_exactly_where_the_source_has_none(
    records: list[dict[str, Any]],
) -> None:
    sources = toml_sources()
    assert any("url" in s for s in sources.values())
    assert any("url" not in s for s in sources.values())
    for record in records:
        source = sources[record["source"]]
        if "url" in source:
            assert record["source_url"] == source["url"], record["id"]
        else:
            assert record["source_url"] is None, record["id"]
    used = {r["source"] for r in records}
    assert any("url" in sources[s] for s in used) and any("url" not in sources[s] for s in used)


def test_vietnamese_is_written_as_is(lines: list[str], records: list[dict[str, Any]]) -> None:
    claims = toml_claims()
    vietnamese_quotes = {c["quote"] for c in claims if "Tô Lâm" in c["quote"]}
    vietnamese_texts = {c["text"] for c in claims if "Việt Nam" in c.get("text", "")}
    assert vietnamese_quotes and vietnamese_texts, "the facts changed: pick other words"
    assert vietnamese_quotes <= {r["quote"] for r in records}
    assert vietnamese_texts <= {r["text"] for r in records}
    raw = "\n".join(lines)
    assert "\\u" not in raw
    assert "Tô Lâm" in raw and "Việt Nam" in raw


# --- Through the CLI ---------------------------------------------------------------------


def test_cli_export_prints_the_same_lines(tmp_path: Path, lines: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "facts", "export", str(FACTS)],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()
    output = done.stdout.decode("utf-8")
    assert output.endswith("\n")
    printed = output.splitlines()
    assert printed == lines
    ids = [json.loads(line)["id"] for line in printed]
    assert len(ids) == len(set(ids))
    assert "Tô Lâm" in output


def test_cli_export_uses_facts_dir_by_default(tmp_path: Path, lines: list[str]) -> None:
    env = clean_env() | {"FACTS_DIR": str(FACTS)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "facts", "export"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8").splitlines() == lines


def test_a_reader_that_closes_at_once_gets_no_traceback(tmp_path: Path) -> None:
    """The reader is gone before the first line is written: every write fails (EPIPE)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "facts", "export", str(FACTS)],
            cwd=tmp_path,
            env=clean_env(),
            stdout=write_end,
            stderr=subprocess.PIPE,
        )
    finally:
        os.close(write_end)
    _, stderr = process.communicate(timeout=60)
    text = stderr.decode()
    assert "Traceback" not in text
    assert "BrokenPipeError" not in text and "Exception ignored" not in text
    assert process.returncode == 0, text


def test_piping_into_head_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    command = f"{sys.executable} -m bot facts export {FACTS} | head -n 1"
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0
    text = done.stderr.decode()
    assert "Traceback" not in text and "Exception ignored" not in text, text
    printed = done.stdout.decode("utf-8").splitlines()
    assert len(printed) == 1
    assert json.loads(printed[0]).keys() >= STABLE_KEYS
