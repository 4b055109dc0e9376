"""The layers as written in pyproject.toml's import-linter contracts hold. `.ci/run` runs
`lint-imports` too; this test makes the landing checks (which run pytest) enforce them."""

from __future__ import annotations

import pytest
from support.paths import REPO

# Installed with the dev extras; a venv made before they listed it skips until reinstalled.
lint_imports = pytest.importorskip("importlinter.cli").lint_imports


def test_the_import_contracts_are_kept(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    code = lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 broken" in out and " kept" in out, out
