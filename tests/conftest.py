"""Marks for the whole suite: `slow` is what the edit–test loop skips (`pytest -m "not slow"`).

A test is slow when it starts a new Python process: the bot (the console, or the Discord bot
against the double in tests/e2e), its command line (`python -m bot …`) or a benchmark. Each
such start costs 0.3-1 s of CPU (the interpreter, discord.py, the models), and together they
are most of the suite's time; the tests that run inside pytest's own process are quick.

Slow by rule rather than by list, so a new test is classified without editing this file. The
rule is read from the code: a test is slow if its function, its fixtures, or the helpers they
name (functions, classes and modules under tests/, followed as far as they go) mention
`sys.executable`, which is how every test here starts Python. And the rule is checked as the
tests run: a test not marked slow that starts Python fails, saying so, so the quick subset
stays quick. `pytest` with no marker runs everything, as CI does.

Also here: a run of the whole suite uses every CPU (`pytest_cmdline_main`), and every run ends
with one line giving its wall and CPU time (`pytest_terminal_summary`).
"""

from __future__ import annotations

import inspect
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import CodeType, FunctionType, ModuleType
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent
STARTED = time.monotonic()
STARTS_PYTHON = "executable"
"""The name that starts Python, as in `[sys.executable, "-m", "bot", …]`."""


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """A run of the whole suite (no file or test named: `pytest`, `pytest -m "not slow"`)
    uses one process per CPU (pytest-xdist `-n auto`), a module's tests in the same process
    so that its fixtures are made once. A run of named files or tests (paths, or `-k`) stays
    in this process, which starts at once (each worker collects the whole suite first); `-n`
    given says how many either way, and `--pdb` or `-n0` keeps everything here. Runs before
    xdist reads the option."""
    if hasattr(config, "workerinput") or not config.pluginmanager.hasplugin("xdist"):
        return
    named = config.option.keyword or config.args_source is not pytest.Config.ArgsSource.TESTPATHS
    whole_suite = not named
    if config.option.numprocesses is None and whole_suite and not config.option.usepdb:
        config.option.numprocesses = "auto"
        if config.option.dist == "no":
            config.option.dist = "loadscope"


def _under_tests(obj: Any) -> bool:
    try:
        where = inspect.getfile(obj)
    except TypeError:  # a built-in
        return False
    return TESTS in Path(where).resolve().parents


class _Reader:
    """Follows names from code to the functions, classes and modules under tests/ they name,
    and says whether any of them mentions STARTS_PYTHON. Each object is read once."""

    def __init__(self) -> None:
        self.known: dict[int, bool] = {}

    def starts_python(self, obj: Any) -> bool:
        key = id(obj)
        if key not in self.known:
            self.known[key] = False  # a cycle (a helper naming itself) adds nothing
            self.known[key] = any(self._mentions(part) for part in self._parts(obj))
        return self.known[key]

    def _parts(self, obj: Any) -> Iterator[tuple[CodeType, dict[str, Any]]]:
        obj = inspect.unwrap(obj) if callable(obj) else obj
        if isinstance(obj, FunctionType) and _under_tests(obj):
            yield obj.__code__, obj.__globals__
        elif isinstance(obj, type) and _under_tests(obj):
            for member in vars(obj).values():
                member = getattr(member, "__func__", member)  # static and class methods
                if isinstance(member, FunctionType):
                    yield member.__code__, member.__globals__

    def _mentions(self, part: tuple[CodeType, dict[str, Any]]) -> bool:
        code, names = part
        if STARTS_PYTHON in code.co_names:
            return True
        nested = [c for c in code.co_consts if isinstance(c, CodeType)]  # lambdas, inner defs
        if any(self._mentions((inner, names)) for inner in nested):
            return True
        for name in code.co_names:
            found = names.get(name)
            if isinstance(found, ModuleType) and _under_tests(found):
                # `e2e_support.BotProcess`: the attributes this code names, in that module
                attributes = (getattr(found, n, None) for n in code.co_names)
                if any(self.starts_python(a) for a in attributes if a is not None):
                    return True
            elif found is not None and self.starts_python(found):
                return True
        return False


def _fixture_functions(item: pytest.Item) -> Iterator[Any]:
    info = getattr(item, "_fixtureinfo", None)
    for definitions in getattr(info, "name2fixturedefs", {}).values():
        for definition in definitions:
            if definition.argname != "_quick_tests_start_no_python":  # the check, below
                yield definition.func


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reader = _Reader()
    for item in items:
        function = getattr(item, "function", None)
        code = [function, *_fixture_functions(item)] if function is not None else []
        if any(reader.starts_python(part) for part in code):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _quick_tests_start_no_python(request: pytest.FixtureRequest) -> Iterator[None]:
    """The rule above, checked: a test not marked slow that starts Python fails."""
    if request.node.get_closest_marker("slow") is not None:
        yield
        return
    started: list[str] = []
    real = subprocess.Popen.__init__

    def spy(self: subprocess.Popen[Any], args: Any, *more: Any, **options: Any) -> None:
        program = args[0] if isinstance(args, list | tuple) else args
        path = os.fspath(program)
        if path == sys.executable or os.path.basename(path).startswith("python"):
            started.append(" ".join(map(str, args)))
        real(self, args, *more, **options)

    subprocess.Popen.__init__ = spy  # type: ignore[method-assign]
    try:
        yield
    finally:
        subprocess.Popen.__init__ = real  # type: ignore[method-assign]
    assert not started, (
        f"this test starts Python ({started[0]}) but is not marked slow: the quick subset "
        "(`pytest -m 'not slow'`) would run it. Reach the process through a helper or fixture "
        "under tests/ that names sys.executable, or mark the test `@pytest.mark.slow`."
    )


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """The run's cost in one line, CPU beside wall: on a shared machine the wall time says as
    much about the neighbours as about the suite, the CPU time does not. It counts pytest,
    its workers and every process they started (the bots, the CLI runs, the benchmarks)."""
    if hasattr(config, "workerinput"):
        return
    cpu = sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF),
                      resource.getrusage(resource.RUSAGE_CHILDREN))
    )  # fmt: skip
    workers = getattr(config.option, "numprocesses", None) or 0
    where = f"{workers} worker processes" if workers else "one process"
    hint = "" if config.option.markexpr else '; `pytest -m "not slow"` is the quick subset'
    terminalreporter.write_line(
        f"suite: {time.monotonic() - STARTED:.0f} s wall, {cpu:.0f} s CPU ({where}{hint})"
    )


SHIPPED_FACTS = Path(__file__).resolve().parents[1] / "facts"


@pytest.fixture
def shipped_facts(tmp_path: Path) -> Path:
    """A private copy of the shipped facts/ (`tmp_path/facts`), to edit or break."""
    copy = tmp_path / "facts"
    shutil.copytree(SHIPPED_FACTS, copy)
    return copy
