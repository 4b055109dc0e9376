"""A reload that finds every file as it was checks and builds nothing again; one changed
file, even changed back and forth, is checked again on its own, and a mistake in it is
still reported as a full check reports it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.facts import validate
from bot.core.service import Attache, Who

PERSON = "people/thongloun-sisoulith.toml"
EVENT = "vietnam-laos/events/thongloun-state-visit-vietnam-2026-01.toml"
EVENT_TEXT = "(our sources describe it in advance)."


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times every record was checked across records (not only a changed file's)."""
    calls: list[int] = []
    real = validate._validated

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "_validated", counting)
    return calls


async def test_nothing_changed_means_nothing_is_checked_or_built_again(
    tmp_path: Path, shipped_facts: Path, counted: list[int]
) -> None:
    facts = shipped_facts
    attache = await Attache.start(facts, str(tmp_path / "db.sqlite3"))
    try:
        before = attache.state
        counted.clear()

        outcome = await attache.reload(Who("cli"))

        assert outcome.ok and outcome.changes == {}
        assert counted == []
        after = attache.state
        assert after.factset is before.factset and after.index is before.index
        assert after.version == before.version
        assert after.loaded_at >= before.loaded_at

        event = facts / EVENT
        told = event.read_text(encoding="utf-8")
        event.write_text(told.replace(EVENT_TEXT, EVENT_TEXT + " (edited)"), encoding="utf-8")
        edited = await attache.reload(Who("cli"))
        assert edited.ok and edited.new_version != before.version
        assert attache.state.index is before.index  # no name changed: the same index
        event.write_text(told, encoding="utf-8")
        assert (await attache.reload(Who("cli"))).ok
        counted.clear()

        path = facts / PERSON
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"Thonglun Sisoulith"', '"Thonglun X Sisoulith"'))
        changed = await attache.reload(Who("cli"))
        assert changed.ok and changed.new_version != before.version
        assert counted == []  # only the changed file's records were checked
        assert attache.state.factset is not before.factset
        assert (
            "Thonglun X Sisoulith"
            in attache.state.factset.entities["thongloun-sisoulith"].all_names()
        )

        path.write_text(text)  # back as it was: a change again, checked again
        back = await attache.reload(Who("cli"))
        assert back.ok and back.new_version == before.version
        assert counted == []
        assert (
            "Thonglun X Sisoulith"
            not in attache.state.factset.entities["thongloun-sisoulith"].all_names()
        )

        path.write_text(text.replace('country = "laos"', 'country = "loas"'))
        wrong = await attache.reload(Who("cli"))
        assert not wrong.ok and counted == [1]  # a mistake: everything checked, to report it
        assert [(p.file, p.reason) for p in wrong.problems] == [
            (PERSON, "refers to 'loas', but no country has that id; did you mean 'laos'?")
        ]
    finally:
        await attache.close()


async def test_a_broken_file_is_still_refused_after_an_unchanged_reload(
    tmp_path: Path, shipped_facts: Path
) -> None:
    facts = shipped_facts
    attache = await Attache.start(facts, str(tmp_path / "db.sqlite3"))
    try:
        assert (await attache.reload(Who("cli"))).ok
        before = attache.state
        (facts / PERSON).write_text('id = "oops"\nname_en = [\n')
        outcome = await attache.reload(Who("cli"))
        assert not outcome.ok and outcome.problems
        assert attache.state is before
    finally:
        await attache.close()
