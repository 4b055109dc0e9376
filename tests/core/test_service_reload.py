"""Reloading the facts while the bot serves: `Attache.reload`, its snapshots and the audit log
(a real SQLite file in tmp_path).

Two fact sets are made from the shipped facts: A (unchanged) and B (a marker word, "quokka",
put into an alias, an event summary and a pillar's text). Every answer is then checked against
what it must say in the version its footer names, so an answer built from a mix of the two
(name index from one, read model or search index from the other) shows up.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.core.briefings.model import Briefing
from bot.core.commands import answer
from bot.core.facts.diff import Changes
from bot.core.facts.loader import load_facts
from bot.core.service import Attache, FactsState, Who
from bot.core.store.audit import audit_path_for

REPO = Path(__file__).resolve().parents[2]
MARKER = "quokka"

# (file, original text, text in fact set B): each puts the marker where one command shows it.
B_EDITS = (
    (
        "people/thongloun-sisoulith.toml",
        '"Thonglun Sisoulith"',
        f'"Thonglun {MARKER.title()} Sisoulith"',
    ),
    (
        "vietnam-laos/events/thongloun-state-visit-vietnam-2026-01.toml",
        "(our sources describe it in advance).",
        f"(our sources describe it in advance; {MARKER}).",
    ),
    (
        "vietnam-laos/pillars/defence-security.toml",
        "the two countries will continue to regard defence",
        f"the two {MARKER} countries will continue to regard defence",
    ),
)

# Lookups whose answer differs between A and B (the marker is shown iff the version is B).
LOOKUPS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("leader", {"name": "Thongloun"}),
    ("visit", {"query": "January 2026"}),
    ("search", {"text": MARKER[:-1]}),  # a prefix, so that the echoed query is no marker
    ("pillars", {}),
    ("pillars", {"pillar": "defence"}),
)

# Every command, for "a rejected reload changes no answer".
EVERY_COMMAND: tuple[tuple[str, dict[str, Any]], ...] = (
    *LOOKUPS,
    ("leader", {"name": "Tô Lâm"}),
    ("visit", {"query": "to-lam-state-visit-laos-2025-12"}),
    ("timeline", {}),
    ("timeline", {"year": 2026}),
    ("search", {"text": "strategic cohesion"}),
    ("about", {}),
    ("sources", {}),
    ("help", {}),
)

FOOTER_VERSION = re.compile(r"[0-9a-f]{12}")


# --- helpers ----------------------------------------------------------------------------


def copy_facts(target: Path) -> Path:
    shutil.copytree(REPO / "facts", target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def make_b(target: Path) -> Path:
    copy_facts(target)
    for name, old, new in B_EDITS:
        edit(target / name, old, new)
    return target


def version_of(folder: Path) -> str:
    result = load_facts(folder)
    assert result.factset is not None, [str(p) for p in result.problems]
    return result.factset.version


def all_text(briefing: Briefing) -> str:
    """Every string in the briefing (title, lines, sources, choices, footer), joined."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(dataclasses.asdict(briefing))
    return "\n".join(found)


def footer_version(briefing: Briefing) -> str:
    """The version that answered (members' footers show freshness, not the version)."""
    found = FOOTER_VERSION.fullmatch(briefing.version)
    assert found, f"no version on the briefing {briefing.version!r}"
    return found[0]


def audit_rows(database: Path) -> list[dict[str, Any]]:
    """The audit table read straight from its file with the sqlite3 module, oldest first."""
    path = Path(audit_path_for(str(database)))
    assert path.exists()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute("SELECT * FROM reloads ORDER BY id").fetchall()
    return [dict(row) for row in rows]


def tables(database: Path) -> set[str]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows} - {"sqlite_sequence"}


def answers_from(state: FactsState) -> tuple[str, int, int]:
    """What one snapshot says, read straight from its parts: version, search, read model."""
    hits = state.search.search("strategic cohesion")
    return state.version, len(hits), len(state.view.statements_about("vietnam"))


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture
def facts_a(tmp_path: Path) -> Path:
    return copy_facts(tmp_path / "facts-a")


@pytest.fixture
def facts_b(tmp_path: Path) -> Path:
    return make_b(tmp_path / "facts-b")


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "data" / "attache.sqlite3"


@pytest.fixture
async def attache(facts_a: Path, database: Path) -> AsyncIterator[Attache]:
    started = await Attache.start(facts_a, str(database))
    try:
        yield started
    finally:
        await started.close()


# --- consistency under load -------------------------------------------------------------


async def test_the_two_fact_sets_differ_visibly(facts_a: Path, facts_b: Path) -> None:
    """The premise of the consistency test: each lookup tells A from B."""
    assert version_of(facts_a) != version_of(facts_b)
    for folder, is_b in ((facts_a, False), (facts_b, True)):
        attache = await Attache.start(folder, ":memory:")
        try:
            for command, options in LOOKUPS:
                briefing = await answer(attache, command, options)
                assert (MARKER in all_text(briefing).lower()) is is_b, (folder.name, command)
        finally:
            await attache.close()


async def test_every_answer_comes_wholly_from_one_version_during_reloads(
    attache: Attache, facts_a: Path, facts_b: Path, database: Path
) -> None:
    version = {facts_a: version_of(facts_a), facts_b: version_of(facts_b)}
    is_b = {version[facts_a]: False, version[facts_b]: True}
    assert attache.state.version == version[facts_a]

    # What each lookup answers in each version, computed while nothing else runs.
    expected: dict[str, list[Briefing]] = {}
    for folder in (facts_b, facts_a):
        attache.facts_dir = folder
        assert (await attache.reload(Who("cli"))).ok
        expected[version[folder]] = [await answer(attache, c, o) for c, o in LOOKUPS]
    assert expected[version[facts_a]] != expected[version[facts_b]]

    # No timing: each reload runs as a task, and lookups go on, five at a time, until it has
    # finished, giving the loop a turn before each round. The reload's own awaits (its build
    # in a worker thread, its audit write after the swap) decide where the lookups fall: every
    # reload has some while it builds, and rounds are under way around its swap. (Random
    # sleeps used to scatter 1,000 lookups over 20 reloads, hoping some landed mid-reload;
    # now each of 10 reloads has lookups on both sides of its swap, a few thousand in all.)
    reloads = 10
    states = [attache.state]
    outcomes = []
    answers: list[tuple[int, Briefing, str]] = []
    while_building = 0  # lookups that ran while a reload was under way, before its swap

    async def lookup(number: int) -> tuple[int, Briefing, str]:
        which = number % len(LOOKUPS)
        command, options = LOOKUPS[which]
        briefing = await answer(attache, command, options)
        return which, briefing, attache.state.version

    for number in range(reloads):
        attache.facts_dir = facts_b if number % 2 == 0 else facts_a
        before = attache.state.version
        reloading = asyncio.create_task(attache.reload(Who("cli")))
        while True:
            await asyncio.sleep(0)  # the reload's turn (a turn of the loop, not a wait)
            if reloading.done():
                break
            started = len(answers)
            batch = await asyncio.gather(*(lookup(started + n) for n in range(5)))
            answers += batch
            while_building += sum(served == before for *_, served in batch)
        outcomes.append(await reloading)
        states.append(attache.state)
    answers += await asyncio.gather(*(lookup(len(answers) + n) for n in range(5)))

    assert while_building >= 5 * reloads, "every reload had lookups while it built"
    assert all(outcome.ok for outcome in outcomes)
    assert [o.new_version for o in outcomes] == [
        version[facts_b] if n % 2 == 0 else version[facts_a] for n in range(reloads)
    ]
    seen_versions = set()
    straddled = 0
    for which, briefing, version_after in answers:
        answered = footer_version(briefing)
        assert answered in is_b, f"footer names an unknown version: {briefing.footer!r}"
        seen_versions.add(answered)
        command = LOOKUPS[which][0]
        assert (MARKER in all_text(briefing).lower()) is is_b[answered], (command, answered)
        assert briefing == expected[answered][which], (command, answered)
        straddled += version_after != answered
    assert seen_versions == set(is_b), "both versions were served"
    # Lookups read one snapshot and never wait on I/O, so no swap can fall inside one; if a
    # briefing ever awaits again, the checks above still catch any answer that mixes versions.
    assert straddled == 0, "an answer spanned a swap: something in answer() now waits"

    # Every snapshot is whole and kept as built: even replaced ones still answer as before.
    assert len({id(state) for state in states}) == len(states)
    for state in states:
        assert answers_from(state)[0] == state.version
        assert answers_from(state)[1] > 0
    assert attache.state.version == version[facts_a]
    assert tables(database) == {"reloads"}, "the facts are never copied into DATABASE_PATH"


# --- a rejected reload ------------------------------------------------------------------


async def _answers(attache: Attache) -> list[Briefing]:
    return [await answer(attache, command, options) for command, options in EVERY_COMMAND]


@pytest.mark.parametrize("breakage", ["toml-syntax", "dangling-reference", "honorifics-syntax"])
async def test_a_broken_file_is_rejected_and_nothing_changes(
    attache: Attache, facts_a: Path, database: Path, breakage: str
) -> None:
    before = await _answers(attache)
    old_version = attache.state.version
    old_state = attache.state
    old_rows = audit_rows(database)

    if breakage == "toml-syntax":
        (facts_a / "vietnam-laos" / "events" / "broken.toml").write_text(
            "name_en = 'Broken'\nkind = = 'meeting'\n", encoding="utf-8"
        )
        bad_file, bad_line = "vietnam-laos/events/broken.toml", 2
    elif breakage == "honorifics-syntax":
        # The matching data beside the fact folders: a reload checks it too.
        (facts_a / "honorifics.toml").write_text("[titles]\nen = = []\n", encoding="utf-8")
        bad_file, bad_line = "honorifics.toml", 2
    else:
        statements = facts_a / "vietnam-laos" / "statements.toml"
        text = statements.read_text(encoding="utf-8").rstrip("\n")
        block = (
            "\n\n[[statements]]\n"
            'id = "stmt-dangling"\n'
            'about = ["vietnam"]\n'
            'text = "A statement citing a source nobody curated."\n'
            'source = "no-such-source"\n'
            'quote = "nobody curated"\n'
        )
        statements.write_text(text + block, encoding="utf-8")
        lines = (text + block).splitlines()
        bad_file = "vietnam-laos/statements.toml"
        bad_line = lines.index('source = "no-such-source"') + 1

    outcome = await attache.reload(Who("command", 42, "alice", 7))

    assert outcome.ok is False
    assert outcome.new_version is None
    assert outcome.old_version == old_version
    assert outcome.problems
    assert any(p.file == bad_file and p.line == bad_line for p in outcome.problems), [
        str(p) for p in outcome.problems
    ]
    if breakage == "dangling-reference":
        assert any("no-such-source" in str(p) for p in outcome.problems)

    assert attache.state is old_state
    assert attache.state.version == old_version
    assert await _answers(attache) == before

    latest = (await attache.audit.latest(1))[0]
    assert latest.ok is False
    assert latest.errors == len(outcome.problems) > 0
    assert latest.old_version == old_version
    assert latest.new_version is None
    assert (latest.how, latest.user_id, latest.user_name, latest.guild_id) == (
        "command", 42, "alice", 7,
    )  # fmt: skip
    assert bad_file in latest.summary
    rows = audit_rows(database)
    assert len(rows) == len(old_rows) + 1
    assert rows[-1]["ok"] == 0 and rows[-1]["old_version"] == old_version


# --- what a good reload reports ---------------------------------------------------------


async def test_a_good_reload_reports_what_was_added_and_changed(
    attache: Attache, facts_a: Path, database: Path
) -> None:
    old_version = attache.state.version
    (facts_a / "people" / "test-newcomer.toml").write_text(
        'name_en = "Test Newcomer"\ncountry = "laos"\n', encoding="utf-8"
    )
    edit(
        facts_a / "vietnam-laos" / "statements.toml",
        "in Laos as a tightly knit and model component",
        "in Laos as a tightly knit, model component",
    )

    outcome = await attache.reload(Who("cli"))

    assert outcome.ok, [str(p) for p in outcome.problems]
    assert outcome.changes == {
        "person": Changes(added=("test-newcomer",)),
        "statement": Changes(changed=("vietnam-laos/stmt-community-model-component",)),
    }
    assert outcome.old_version == old_version
    assert outcome.new_version == attache.state.version == version_of(facts_a) != old_version
    newcomer = await answer(attache, "leader", {"name": "Test Newcomer"})
    assert newcomer.status == "ok" and "Test Newcomer" in newcomer.title

    row = audit_rows(database)[-1]
    assert row["ok"] == 1 and row["errors"] == 0
    assert (row["old_version"], row["new_version"]) == (old_version, outcome.new_version)
    assert "person" in row["summary"] and "statement" in row["summary"]


async def test_a_reload_without_changes_reports_none(attache: Attache) -> None:
    version = attache.state.version
    outcome = await attache.reload(Who("cli"))
    assert outcome.ok
    assert outcome.changes == {}
    assert outcome.old_version == outcome.new_version == version


# --- the audit outlives the process -----------------------------------------------------


async def test_the_audit_survives_a_restart_and_keeps_growing(
    facts_a: Path, facts_b: Path, database: Path
) -> None:
    first = await Attache.start(facts_a, str(database))
    try:
        first.facts_dir = facts_b
        outcome = await first.reload(Who("command", 1001, "curator#1", 2002))
        assert outcome.ok
    finally:
        await first.close()
    assert audit_rows(database)[-1]["new_version"] == outcome.new_version

    # A new process on the same DATABASE_PATH.
    second = await Attache.start(facts_a, str(database))
    try:
        assert second.state.version == version_of(facts_a)
        kept = await second.audit.latest(10)
        assert len(kept) == 1
        entry = kept[0]
        assert (entry.how, entry.user_id, entry.user_name, entry.guild_id) == (
            "command", 1001, "curator#1", 2002,
        )  # fmt: skip
        assert entry.ok is True
        assert (entry.old_version, entry.new_version) == (
            version_of(facts_a),
            version_of(facts_b),
        )
        assert entry.errors == 0

        again = await second.reload(Who("signal"))
        assert again.ok
        latest = await second.audit.latest(10)
        assert [e.how for e in latest] == ["signal", "command"]
    finally:
        await second.close()

    rows = audit_rows(database)
    assert [(r["how"], r["user_id"], r["ok"]) for r in rows] == [
        ("command", 1001, 1),
        ("signal", None, 1),
    ]


# --- a running snapshot keeps its facts ------------------------------------------------


async def test_a_snapshot_held_across_reloads_still_answers_from_its_version(
    attache: Attache, facts_b: Path
) -> None:
    held = attache.state
    before = answers_from(held)
    attache.facts_dir = facts_b
    first = await attache.reload(Who("cli"))
    second = await attache.reload(Who("cli"))  # and one more, replacing the middle one
    assert first.ok and second.ok
    assert attache.state is not held
    assert answers_from(held) == before
    assert held.search.search("quokk") == [], "the old search index has no new words"
    assert attache.state.search.search("quokk"), "the new one has"
    assert attache.state.version == second.new_version


# --- DATABASE_PATH ---------------------------------------------------------------------------


async def test_an_older_database_is_tidied_and_its_audit_file_imported(
    facts_a: Path, database: Path
) -> None:
    """Older versions copied the facts into DATABASE_PATH and kept the audit log in a file
    beside it: the copy is dropped, the log's rows are carried over once."""
    database.parent.mkdir(parents=True)
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE statements (id TEXT PRIMARY KEY, text TEXT)")
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    legacy = database.with_name("attache.audit.sqlite3")
    with sqlite3.connect(legacy) as connection:
        connection.execute(
            "CREATE TABLE reloads (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, "
            "how TEXT NOT NULL, user_id INTEGER, user_name TEXT, guild_id INTEGER, "
            "ok INTEGER NOT NULL, old_version TEXT NOT NULL, new_version TEXT, "
            "errors INTEGER NOT NULL, summary TEXT NOT NULL)"
        )
        connection.execute(
            "INSERT INTO reloads (at, how, ok, old_version, new_version, errors, summary) "
            "VALUES ('2026-01-02T03:04:05+00:00', 'signal', 1, 'aaa', 'bbb', 0, 'old row')"
        )
    for _ in range(2):  # the second start imports nothing more
        started = await Attache.start(facts_a, str(database))
        await started.reload(Who("cli"))
        await started.close()
    assert tables(database) == {"reloads"}
    rows = audit_rows(database)
    assert [(r["how"], r["summary"]) for r in rows][:1] == [("signal", "old row")]
    assert len(rows) == 3


# --- the garbage collector ------------------------------------------------------------------


async def test_no_garbage_collection_runs_during_a_reload(attache: Attache, facts_b: Path) -> None:
    """A collection holds the GIL, so one in the reload's thread stalls the event loop too;
    a reload allocates enough to set off several, and so does freeing the snapshot it
    replaced. Afterwards collections run again, and the new snapshot is frozen out of their
    way."""
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    attache.facts_dir = facts_b
    frozen = gc.get_freeze_count()
    gc.callbacks.append(count)
    try:
        assert (await attache.reload(Who("cli"))).ok
        await attache.settled()  # the replaced snapshot is freed
        during = list(collections)
    finally:
        gc.callbacks.remove(count)
    assert during == []
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen


# --- what a reload reads again --------------------------------------------------------------


async def test_a_reload_parses_only_the_files_that_changed(attache: Attache, facts_a: Path) -> None:
    files = sum(1 for _ in (facts_a / "vietnam-laos").glob("*.toml"))
    assert files > 2
    assert (await attache.reload(Who("cli"))).ok
    assert attache._cache.parsed == 0, "nothing changed: nothing parsed"

    edit(
        facts_a / "vietnam-laos" / "statements.toml",
        "in Laos as a tightly knit and model component",
        "in Laos as a tightly knit, model component",
    )
    outcome = await attache.reload(Who("cli"))
    assert outcome.ok and outcome.changes == {
        "statement": Changes(changed=("vietnam-laos/stmt-community-model-component",))
    }
    assert attache._cache.parsed == 1
    fresh = load_facts(facts_a).factset
    assert fresh is not None and attache.state.version == fresh.version
    assert attache.state.factset.statements == fresh.statements
    assert attache.state.factset.entities == fresh.entities

    # A broken file, reloaded twice unchanged: the second time its problem comes from the
    # cache, the same as when it was parsed.
    statements = facts_a / "vietnam-laos" / "statements.toml"
    statements.write_text(
        statements.read_text(encoding="utf-8") + "\n[[statements]]\nid = = 1\n", encoding="utf-8"
    )
    first = await attache.reload(Who("cli"))
    assert attache._cache.parsed == 1
    second = await attache.reload(Who("cli"))
    assert attache._cache.parsed == 0
    assert not first.ok and first.problems == second.problems
