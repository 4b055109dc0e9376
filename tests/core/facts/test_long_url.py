"""A source URL longer than Discord allows in an embed fails `facts check` (red-team F-11:
it passed, and every answer citing the source then failed with "something went wrong")."""

from __future__ import annotations

from pathlib import Path

import pytest
from facts_fixture import REL, source, write_root
from support.cli import clean_env, run_bot

from bot.core.facts.loader import load_facts
from bot.core.facts.models import MAX_URL_LENGTH

BASE = "https://news.example.com/a?"


def url_of(length: int) -> str:
    return BASE + "x" * (length - len(BASE))


@pytest.mark.parametrize(
    ("length", "problem"),
    [
        pytest.param(MAX_URL_LENGTH, None, id="at-the-limit"),
        pytest.param(
            MAX_URL_LENGTH + 1,
            "the URL is 2,049 characters long; Discord allows 2,048",
            id="one-over",
        ),
        pytest.param(
            2100, "the URL is 2,100 characters long; Discord allows 2,048", id="red-team-case"
        ),
    ],
)
def test_a_source_url_over_discords_limit_is_a_problem(
    tmp_path: Path, length: int, problem: str | None
) -> None:
    root = write_root(tmp_path, source('published = "2026"', f'url = "{url_of(length)}"'))
    result = load_facts(root)
    if problem is None:
        assert result.problems == []
        return
    assert [(p.file, p.line, p.reason) for p in result.problems] == [
        (f"{REL}/sources/src-new.toml", 4, problem)
    ]


def test_facts_check_fails_on_it(tmp_path: Path) -> None:
    root = write_root(tmp_path, source('published = "2026"', f'url = "{url_of(2100)}"'))
    done = run_bot("facts", "check", str(root), cwd=tmp_path, env=clean_env(), timeout=30)
    assert done.returncode == 1
    assert "the URL is 2,100 characters long; Discord allows 2,048" in done.stdout
