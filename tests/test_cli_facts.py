"""`python -m bot facts check|export` run for real, on the shipped facts and broken copies."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from support.cli import clean_env, run_bot

from bot.core.facts.loader import load_facts

REPO = Path(__file__).resolve().parents[1]
FACTS = REPO / "facts"
Breaker = Callable[[Path], tuple[str, int]]
"""Breaks a copy of facts/; returns the file (as shown) and line a problem must name."""
PROBLEM_LINE = re.compile(r"^(?P<file>[^:\s]+\.toml):(?P<line>\d+): ")


def run(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_bot(*args, cwd=cwd, env=clean_env(**(env or {})))


@pytest.fixture
def copy(shipped_facts: Path) -> Path:
    """A private copy of facts/ to break."""
    return shipped_facts


def line_of(path: Path, prefix: str) -> int:
    """1-based number of the first line starting with `prefix`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"no line starts with {prefix!r} in {path}")


def replace_line(path: Path, number: int, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[number - 1] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def break_a_source(folder: Path) -> tuple[str, int]:
    """statements.toml: point the first statement at a source that does not exist."""
    path = folder / "vietnam-laos" / "statements.toml"
    number = line_of(path, "source = ")
    replace_line(path, number, 'source = "no-such-source"')
    return "vietnam-laos/statements.toml", number


def break_toml_syntax(folder: Path) -> tuple[str, int]:
    """people/to-lam.toml: a line that is not TOML, where the name_vi was."""
    path = folder / "people" / "to-lam.toml"
    number = line_of(path, "name_vi = ")
    replace_line(path, number, "name_vi = Tô Lâm without quotes")
    return "people/to-lam.toml", number


def break_honorifics(folder: Path) -> tuple[str, int]:
    """honorifics.toml (matching data a reload also reads): a line that is not TOML."""
    path = folder / "honorifics.toml"
    number = line_of(path, "[titles]") + 1
    replace_line(path, number, "en = [General Secretary")
    return "honorifics.toml", number


# --- facts check -------------------------------------------------------------------------


def test_check_reports_a_broken_honorifics_file_as_a_reload_would(copy: Path) -> None:
    """`facts check` must not pass files a reload then rejects."""
    shown, number = break_honorifics(copy)
    done = run(copy.parent, "facts", "check", str(copy))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{shown}:{number}: TOML syntax" in done.stdout
    assert str(copy) not in done.stdout, "the file is named as in the folder, not by full path"


def test_check_on_the_shipped_facts_prints_one_ok_line(tmp_path: Path) -> None:
    done = run(tmp_path, "facts", "check", str(FACTS))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout
    assert lines[0].startswith("ok: ")
    assert "Traceback" not in done.stderr
    files = len([p for p in FACTS.rglob("*") if p.suffix in (".toml", ".txt")])
    assert f"{files} files" in lines[0]
    result = load_facts(FACTS)
    assert result.factset is not None
    assert result.factset.version in lines[0]
    assert f"{len(result.factset.statements)} statements" in lines[0]


def test_check_reads_facts_dir_when_no_folder_is_given(tmp_path: Path, copy: Path) -> None:
    ok = run(tmp_path, "facts", "check", env={"FACTS_DIR": str(copy)})
    assert ok.returncode == 0 and ok.stdout.startswith("ok: ")
    shown, number = break_a_source(copy)
    broken = run(tmp_path, "facts", "check", env={"FACTS_DIR": str(copy)})
    assert broken.returncode == 1
    assert f"{shown}:{number}: " in broken.stdout + broken.stderr


@pytest.mark.parametrize("breaker", [break_a_source, break_toml_syntax])
def test_check_on_a_broken_copy_exits_1_and_points_at_the_line(
    tmp_path: Path, copy: Path, breaker: Breaker
) -> None:
    shown, number = breaker(copy)
    done = run(tmp_path, "facts", "check", str(copy))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    output = done.stdout + done.stderr
    assert not output.startswith("ok:") and "\nok:" not in output
    problems = [m for line in output.splitlines() if (m := PROBLEM_LINE.match(line))]
    assert problems, output
    assert any(m["file"] == shown and int(m["line"]) == number for m in problems), output


def test_check_needs_no_archive_and_refuses_the_old_flag(tmp_path: Path) -> None:
    """Source texts live beside the facts: `--archive` is gone, not silently ignored."""
    done = run(tmp_path, "facts", "check", str(FACTS), "--archive", str(tmp_path))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "--archive" in done.stderr


def test_check_finds_a_tampered_quote_with_no_flags(tmp_path: Path, copy: Path) -> None:
    path = copy / "people" / "to-lam.toml"
    number = line_of(path, "quote = ")
    replace_line(path, number, 'quote = "Party General Secretary Tô Lâm said so"')
    done = run(tmp_path, "facts", "check", str(copy))
    assert done.returncode == 1
    assert f"people/to-lam.toml:{number}: titles[0].quote: quote not found in" in done.stdout


def test_check_on_a_missing_folder_exits_1(tmp_path: Path) -> None:
    done = run(tmp_path, "facts", "check", str(tmp_path / "nowhere"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "nowhere" in done.stdout + done.stderr


# --- facts export ------------------------------------------------------------------------


@pytest.mark.parametrize("breaker", [break_a_source, break_toml_syntax])
def test_export_on_a_broken_folder_exits_1_and_prints_nothing_on_stdout(
    tmp_path: Path, copy: Path, breaker: Breaker
) -> None:
    """stdout is the JSON Lines stream: problems belong on stderr, or a pipeline would read
    them as data."""
    shown, number = breaker(copy)
    done = run(tmp_path, "facts", "export", str(copy))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{shown}:{number}: " in done.stdout + done.stderr
    assert done.stdout == "", f"problems were printed on stdout:\n{done.stdout}"


def test_export_on_the_shipped_facts_exits_0(tmp_path: Path) -> None:
    done = run(tmp_path, "facts", "export", str(FACTS))
    assert done.returncode == 0, done.stderr
    result = load_facts(FACTS)
    assert result.factset is not None
    assert len(done.stdout.splitlines()) == len(result.factset.statements)
