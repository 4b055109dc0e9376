"""The layers as written in pyproject.toml's import-linter contracts hold. `.ci/run` runs
`lint-imports` too; this test makes the landing checks (which run pytest) enforce them."""

from __future__ import annotations

import logging

import pytest
from support.paths import REPO

# Installed with the dev extras; a venv made before they listed it skips until reinstalled.
lint_imports = pytest.importorskip("importlinter.cli").lint_imports


def test_the_import_contracts_are_kept(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    # import-linter configures logging with disable_existing_loggers: every logger made so far
    # (bot.core.service's among them) would stay silent for the rest of the test session.
    enabled = [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and not logger.disabled
    ]
    try:
        code = lint_imports(
            config_filename=str(REPO / "pyproject.toml"), no_cache=True, no_logo=True
        )
    finally:
        for logger in enabled:
            logger.disabled = False
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 broken" in out and " kept" in out, out
