"""A reload gives exactly what a fresh start on the same files gives: the safety net under an
incremental reload.

A reload may reuse anything from the snapshot before it (parsed files, validated records,
pieces of the fact set, the read view, the search and name indexes, a file's stat to skip
reading it); any piece reused when it should have been rebuilt makes the bot answer from
facts that are no longer in the files. So each case below copies a facts folder, starts the
service on it, then edits the files step by step (several edits between two reloads, or
several reloads in a row) and after EVERY reload checks the running snapshot against one
built from scratch from the same folder: the same outcome and problems, the same fact set in
the same order, and the same answers from the read view, search and name index, for every
id ever seen in the run (so that an entry left behind for a deleted id shows too).

Edits use the real shipped text; a quote must stay verbatim from its source's .txt.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from support.equivalence import answers, differences, fresh_start, ids_of, ordered_factset
from support.paths import FACTS, REPO
from support.running import running

from bot.core.facts.diff import diff_factsets
from bot.core.facts.factset import FactSet
from bot.core.service import Attache, ReloadOutcome, Who

TWO = REPO / "tests" / "fixtures" / "facts-two-relationships"

Mutation = Callable[[Path], None]
"""An edit of the facts folder whose root it is given."""


# --- edits --------------------------------------------------------------------------------


def edit(file: str, old: str, new: str) -> Mutation:
    """Replace `old`, which must occur exactly once (so a change to the shipped facts breaks
    the case loudly rather than turning it into a no-op)."""

    def apply(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{file}: {old!r} occurs {text.count(old)} times"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return apply


def insert_before(file: str, anchor: str, block: str) -> Mutation:
    return edit(file, anchor, block + anchor)


def append(file: str, text: str) -> Mutation:
    def apply(root: Path) -> None:
        path = root / file
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return apply


def write(file: str, text: str) -> Mutation:
    def apply(root: Path) -> None:
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        (root / file).write_text(text, encoding="utf-8")

    return apply


def delete(file: str) -> Mutation:
    def apply(root: Path) -> None:
        (root / file).unlink()

    return apply


def rename(old: str, new: str) -> Mutation:
    def apply(root: Path) -> None:
        (root / old).rename(root / new)

    return apply


def everywhere(old: str, new: str) -> Mutation:
    """Every reference to an id, in every TOML file."""

    def apply(root: Path) -> None:
        for path in sorted(root.rglob("*.toml")):
            text = path.read_text(encoding="utf-8")
            if old in text:
                path.write_text(text.replace(old, new), encoding="utf-8")

    return apply


def remove_block(file: str, line: str) -> Mutation:
    """The `[[...]]` block holding a line that starts with `line`, up to the next block or
    comment."""

    def apply(root: Path) -> None:
        path = root / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i, text in enumerate(lines) if text.startswith(line))
        start = max(i for i in range(at) if lines[i].startswith("[["))
        end = next(
            (i for i in range(at + 1, len(lines)) if lines[i].startswith(("[[", "#"))),
            len(lines),
        )
        path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")

    return apply


def restore(original: Path, file: str) -> Mutation:
    """Put a file back as the fixture has it (a regular file again, if it was replaced)."""

    def apply(root: Path) -> None:
        path = root / file
        if path.is_symlink() or path.exists():
            path.unlink()
        shutil.copyfile(original / file, path)

    return apply


def same_size_edit(file: str, old: str, new: str) -> Mutation:
    """An edit that keeps the size, the inode and (set back with os.utime) the mtime: only
    the content and the ctime tell it from the file before. A reload that trusts a file's
    stat to skip reading it must still see it."""
    assert len(old.encode()) == len(new.encode())

    def apply(root: Path) -> None:
        path = root / file
        before = path.stat()
        raw = path.read_bytes()
        assert raw.count(old.encode()) == 1, f"{file}: {old!r}"
        with path.open("r+b") as out:  # in place: the same inode
            out.write(raw.replace(old.encode(), new.encode()))
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = path.stat()
        assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
            before.st_size, before.st_mtime_ns, before.st_ino,
        )  # fmt: skip

    return apply


def comment_everywhere(root: Path) -> None:
    """A comment line at the end of every TOML file: new bytes, the same facts."""
    for path in sorted(root.rglob("*.toml")):
        with path.open("a", encoding="utf-8") as out:
            out.write("\n# reviewed again; nothing changed\n")


def symlink_outside(file: str) -> Mutation:
    """The file replaced by a link to the same text outside the facts folder."""

    def apply(root: Path) -> None:
        path = root / file
        outside = root.parent / "outside" / path.name
        outside.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, outside)
        path.unlink()
        path.symlink_to(outside)

    return apply


def not_utf8(file: str, text: str) -> Mutation:
    """`text` in the file saved as Latin-1 (an editor's wrong encoding): the file is no
    longer UTF-8."""

    def apply(root: Path) -> None:
        path = root / file
        raw = path.read_bytes()
        assert text.encode() in raw
        path.write_bytes(raw.replace(text.encode(), text.encode("latin-1"), 1))

    return apply


# --- the shipped facts' text, used by the edits ---------------------------------------------

STATEMENTS = "vietnam-laos/statements.toml"
VU = "people/nguyen-minh-vu.toml"
BORDER_EVENT = "vietnam-laos/events/border-delegations-34th-annual-meeting.toml"
BORDER_TEXT = "vietnam-laos/sources/vov-teaser-border-management.txt"
RELATIONSHIP = "vietnam-laos/relationship.toml"

KESTREL_STATEMENT = """[[statements]]
id = "stmt-kestrel-elevated"
about = ["to-lam-state-visit-laos-2025-12", "laos"]
text = "A kestrel-marked test statement: VOV says the two sides agreed in December 2025 to elevate their relationship."
text_vi = "Câu thử đánh dấu chim ưng: VOV cho biết tháng 12/2025 hai bên nhất trí nâng tầm quan hệ."
source = "vov-thongloun-state-visit"
quote = "during which the two sides agreed to elevate and further deepen their bilateral relationship"

"""  # noqa: E501

KESTREL_PERSON = """#:schema ../schemas/person.schema.json
name_en = "Bounthanh Kestrel"
name_vi = "Bounthanh Kestrel"
country = "laos"
"""

VIENTIANE_PILLAR = """name_en = "Vientiane cooperation"
name_vi = "Hợp tác Viêng Chăn"
order = 9

[summary]
text = "The border delegations met in Vientiane."
text_vi = "Đoàn đại biểu biên giới họp tại Viêng Chăn."
source = "vov-teaser-border-management"
quote = "co-chaired the 34th annual meeting between the Vietnamese and Lao border delegations in Vientiane, Laos"
"""  # noqa: E501

PARTY_EVENT = """name_en = "The 14th National Party Congress"
name_vi = "Đại hội Đảng lần thứ XIV"
kind = "meeting"
date = "before 2026-02-05"
participants = ["to-lam"]

[summary]
text = "To Lam spoke of the success of the 14th National Party Congress."
text_vi = "Tổng Bí thư Tô Lâm nói về thành công của Đại hội Đảng lần thứ XIV."
source = "vns-2026-02-05-community-vientiane"
quote = "following the success of the 14th National Party Congress"
"""

TO_LAM_ORGANISATION = """name_en = "Office of To Lam"
name_vi = "Văn phòng Tô Lâm"
kind = "other"
country = "vietnam"
"""

CAMBODIA_MEETING = """name_en = "Minister Sok Dara on the example partnership"
name_vi = "Bộ trưởng Sok Dara nói về quan hệ đối tác mẫu"
kind = "remarks"
date = "2026-03-10"
place = "phnom-penh"
participants = ["sok-dara"]
part_of = "phnom-penh-meeting"

[summary]
text = "Sok Dara called the meeting a useful test of the example partnership."
text_vi = "Ông Sok Dara gọi cuộc gặp là một phép thử hữu ích cho quan hệ đối tác mẫu."
source = "fixture-cambodia-visit"
quote = "Minister Sok Dara said the meeting was a useful test of the example partnership"
"""
"""vietnam-laos has an event with this id: each relationship has its own."""

ELEVATE = "2025 the two sides agreed to elevate"
"""In a statement's text, not its quote (which must stay verbatim)."""


# --- the cases --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """Edits, then `reloads` reloads in a row. `ok`: whether the folder must load (pinned, so a
    case meant to be rejected cannot drift into one that loads, or the other way round).
    `original`: the folder is back as it started, so the version must be the first one."""

    edits: tuple[Mutation, ...] = ()
    reloads: int = 1
    ok: bool = True
    original: bool = False


@dataclass(frozen=True)
class Case:
    """Steps on a copy of `facts`; `name` is the test id, saying what the edits do."""

    name: str
    steps: tuple[Step, ...]
    facts: Path = FACTS
    changes: frozenset[str] = field(default_factory=frozenset)
    """Kinds the first reload must report changed (a check that the edit did something)."""


def step(*edits: Mutation, reloads: int = 1, ok: bool = True, original: bool = False) -> Step:
    return Step(edits, reloads, ok, original)


# fmt: off
CASES: tuple[Case, ...] = (
    Case("statement-text-edited", (
        step(edit(STATEMENTS, "during To Lam's", "in the course of To Lam's")),
    ), changes=frozenset({"statement"})),
    Case("statement-added-in-the-middle", (
        step(insert_before(STATEMENTS, '[[statements]]\nid = "stmt-cohesion-added-feb-2026"',
                           KESTREL_STATEMENT)),
    ), changes=frozenset({"statement"})),
    Case("statement-removed", (
        step(remove_block(STATEMENTS, 'id = "stmt-strategic-alignment-wording"')),
    ), changes=frozenset({"statement"})),
    Case("statements-file-added-then-removed", (
        step(write("vietnam-laos/statements/kestrel.toml", KESTREL_STATEMENT)),
        step(delete("vietnam-laos/statements/kestrel.toml"), original=True),
    ), changes=frozenset({"statement"})),
    Case("event-outcome-text-edited", (
        step(edit(BORDER_EVENT, "(the report's summary names no agreement)",
                  "(the report's summary, a quokka of a text, names no agreement)")),
    ), changes=frozenset({"statement"})),
    Case("event-date-moves-it-first", (
        step(edit("vietnam-laos/events/mofa-announces-thongloun-visit.toml",
                  'date = "before 2026-01-26"', 'date = "2025-11-20"')),
        step(edit("vietnam-laos/events/to-lam-state-visit-laos-2025-12.toml",
                  'date = "2025-12"', 'date = "2026-03"')),
    ), changes=frozenset({"event"})),
    Case("person-alias-added", (
        step(edit(VU, 'name_vi = "Nguyễn Minh Vũ"\n',
                  'name_vi = "Nguyễn Minh Vũ"\naliases = ["Vu Nguyen Minh"]\n')),
    ), changes=frozenset({"person"})),
    Case("person-file-renamed-with-its-references", (
        step(rename(VU, "people/nguyen-minh-vu-mofa.toml"),
             everywhere('"nguyen-minh-vu"', '"nguyen-minh-vu-mofa"')),
    ), changes=frozenset({"person", "event", "statement"})),
    Case("person-file-added", (
        step(write("people/bounthanh-kestrel.toml", KESTREL_PERSON)),
    ), changes=frozenset({"person"})),
    Case("unreferenced-files-deleted", (
        step(delete("organisations/lprp-12th-national-congress.toml")),
        step(delete("vietnam-laos/events/tam-interview-vna.toml"),
             delete("vietnam-laos/topics/doi-moi.toml")),
    ), changes=frozenset({"organisation", "statement"})),
    Case("referenced-file-deleted", (
        step(delete(VU), ok=False),
        step(restore(FACTS, VU), original=True),
    )),
    Case("quote-no-longer-in-source-then-restored", (
        step(edit(BORDER_TEXT, "co-chaired the 34th", "co-hosted the 34th"), ok=False),
        step(restore(FACTS, BORDER_TEXT), original=True),
    )),
    Case("duplicate-statement-id", (
        step(append(STATEMENTS, "\n" + KESTREL_STATEMENT.replace(
            "stmt-kestrel-elevated", "stmt-dec-2025-visit-elevated-ties")), ok=False),
    )),
    Case("duplicate-id-across-kinds", (
        step(write("organisations/to-lam.toml", TO_LAM_ORGANISATION), ok=False),
    )),
    Case("scoped-pillar-hides-a-shared-place", (
        step(write("vietnam-laos/pillars/vientiane.toml", VIENTIANE_PILLAR), ok=False),
    )),
    Case("scoped-event-hides-a-shared-organisation", (
        step(write("vietnam-laos/events/communist-party-of-vietnam.toml", PARTY_EVENT), ok=False),
    )),
    Case("two-records-with-one-name", (
        step(edit("people/maythong-thammavongsa.toml", 'name_en = "Maythong Thammavongsa"',
                  'name_en = "Nguyen Minh Vu"'), ok=False),
    )),
    Case("relationship-languages-and-key-points", (
        step(edit(RELATIONSHIP, 'languages = ["en", "vi"]', 'languages = ["vi", "en"]')),
        step(edit(RELATIONSHIP, "Laos places top priority on its relations with Vietnam,",
                  "Laos gives top priority to its relations with Vietnam,")),
        step(remove_block(RELATIONSHIP, 'text = "According to Ambassador Nguyen Minh Tam, there')),
    ), changes=frozenset({"relationship"})),
    Case("comment-only-change-to-every-file", (
        step(comment_everywhere, reloads=2),
    )),
    Case("same-size-edits-with-mtime-set-back", (
        step(same_size_edit(STATEMENTS, ELEVATE, "2025 the two sides agreed to enhance")),
        step(same_size_edit(STATEMENTS, "agreed to enhance", "agreed to upgrade")),
        step(same_size_edit(STATEMENTS, "agreed to upgrade", "agreed to elevate"), original=True),
    ), changes=frozenset({"statement"})),
    Case("file-replaced-by-a-symlink-outside", (
        step(symlink_outside(VU), ok=False, reloads=2),
        step(restore(FACTS, VU), original=True),
    )),
    Case("empty-files", (
        step(write("vietnam-laos/statements/empty.toml", ""), ok=False),
        step(write(VU, ""), ok=False),
        step(restore(FACTS, VU), delete("vietnam-laos/statements/empty.toml"), original=True),
    )),
    Case("file-not-utf8-then-fixed", (
        step(not_utf8("people/to-lam.toml", "Tô Lâm"), ok=False),
        step(restore(FACTS, "people/to-lam.toml"), original=True),
    )),
    Case("bad-edit-rejected-then-fixed", (
        step(edit(STATEMENTS, ELEVATE, "2025 the two sides agreed to raise"),
             append(STATEMENTS, "\n[[statements]]\nid = = 1\n"), ok=False, reloads=2),
        step(restore(FACTS, STATEMENTS), original=True),
    )),
    Case("many-edits-then-several-reloads", (
        step(edit(STATEMENTS, "during To Lam's", "in the course of To Lam's"),
             edit(VU, 'name_vi = "Nguyễn Minh Vũ"\n',
                  'name_vi = "Nguyễn Minh Vũ"\naliases = ["Vu Nguyen Minh"]\n'),
             write("people/bounthanh-kestrel.toml", KESTREL_PERSON),
             delete("organisations/lprp-12th-national-congress.toml"),
             edit(BORDER_EVENT, 'date = "2025-12-25/2025-12-27"', 'date = "2026-03-01"'),
             reloads=3),
        step(),
        step(restore(FACTS, STATEMENTS), restore(FACTS, VU),
             delete("people/bounthanh-kestrel.toml"),
             restore(FACTS, "organisations/lprp-12th-national-congress.toml"),
             restore(FACTS, BORDER_EVENT), original=True),
    ), changes=frozenset({"statement", "person", "organisation", "event"})),
    Case("honorifics-title-added", (
        step(edit("honorifics.toml", '"Ambassador", ', '"Ambassador", "Envoy", ')),
    )),
    Case("honorifics-broken-then-fixed", (
        step(append("honorifics.toml", "\n[titles\n"), ok=False),
        step(restore(FACTS, "honorifics.toml"), original=True),
    )),
    # With two relationships: each one's part of the snapshot must follow too.
    Case("two-relationships: statement text edited", (
        step(edit("vietnam-cambodia/statements.toml", 'text = "Sok Dara said the meeting was',
                  'text = "Sok Dara said the quokka meeting was')),
    ), facts=TWO, changes=frozenset({"statement"})),
    Case("two-relationships: shared person's title removed", (
        step(edit("people/to-lam.toml", 'title = "General Secretary"\n',
                  'title = "Secretary General"\n')),
        step(remove_block("people/to-lam.toml", 'title = "Secretary General"')),
    ), facts=TWO, changes=frozenset({"person", "statement"})),
    Case("two-relationships: event moved to another place and date", (
        step(edit("vietnam-cambodia/events/phnom-penh-meeting.toml", 'date = "2026-03-10"',
                  'date = "2026-01-10"'),
             edit("vietnam-cambodia/events/phnom-penh-meeting.toml", 'place = "phnom-penh"',
                  'place = "vientiane"')),
    ), facts=TWO, changes=frozenset({"event"})),
    Case("two-relationships: statement added, then a shared person deleted", (
        step(append("vietnam-laos/statements.toml", "\n" + KESTREL_STATEMENT
                    .replace("to-lam-state-visit-laos-2025-12", "to-lam")
                    .replace("vov-thongloun-state-visit", "vns-2026-02-05-community-vientiane")
                    .replace("during which the two sides agreed to elevate and further deepen "
                             "their bilateral relationship", "Education - training remains a "
                             "bright spot in bilateral ties"))),
        step(delete("people/sok-dara.toml"), ok=False),
        step(restore(TWO, "people/sok-dara.toml")),
    ), facts=TWO, changes=frozenset({"statement"})),
    Case("two-relationships: one event id in both relationships", (
        step(write("vietnam-cambodia/events/community-meeting.toml", CAMBODIA_MEETING)),
        step(edit("vietnam-laos/events/community-meeting.toml", 'date = "2026-02-05"',
                  'date = "2026-03-11"')),
    ), facts=TWO, changes=frozenset({"event", "statement"})),
    Case("two-relationships: an alias of each relationship's person added", (
        step(edit("people/sok-dara.toml", 'name_vi = "Sok Dara"\n',
                  'name_vi = "Sok Dara"\naliases = ["Dara Sok"]\n')),
        step(edit("people/to-lam.toml", 'name_en = "To Lam"\n',
                  'name_en = "To Lam"\naliases = ["Lam To"]\n')),
    ), facts=TWO, changes=frozenset({"person"})),
    Case("two-relationships: key point edited, comment everywhere", (
        step(edit("vietnam-cambodia/relationship.toml", "The fictional article calls",
                  "The fictional quokka article calls"), comment_everywhere, reloads=2),
    ), facts=TWO, changes=frozenset({"relationship", "statement"})),
)
# fmt: on


# --- the check --------------------------------------------------------------------------------


@dataclass
class Run:
    """One service on a copied folder, and what a fresh start on that folder gave last."""

    root: Path
    attache: Attache
    good: FactSet
    """The fresh fact set of the last folder that loaded: what `changes` is reported against."""
    started: str
    seen: set[str]
    """Every id known so far, by either side: each is looked up in both, every time."""

    async def reload_and_compare(self, step: Step) -> ReloadOutcome:
        before = self.attache.state
        outcome = await self.attache.reload(Who("cli"))
        await self.attache.settled()
        fresh = fresh_start(self.root)
        problems = "\n".join(map(str, fresh.problems))
        assert outcome.ok == (fresh.state is not None), f"reload ok={outcome.ok}; {problems}"
        assert outcome.ok == step.ok, problems
        if fresh.state is None:
            assert outcome.problems == fresh.problems
            assert self.attache.state is before, "a rejected reload keeps the snapshot it had"
            assert (outcome.old_version, outcome.new_version) == (before.version, None)
            return outcome
        state, factset = self.attache.state, fresh.state.factset
        assert (outcome.old_version, outcome.new_version) == (before.version, factset.version)
        assert ordered_factset(state.factset) == ordered_factset(factset)
        assert outcome.changes == diff_factsets(self.good, factset)
        if step.original:
            assert state.version == self.started
        self.seen |= ids_of(state) | ids_of(fresh.state)
        got, want = answers(state, self.seen), answers(fresh.state, self.seen)
        assert not differences(got, want), "\n".join(differences(got, want))
        self.good = factset
        return outcome


@cache
def first_load(facts: Path) -> FactSet:
    """The fixture as a fresh start loads it (once: the copies all load the same)."""
    state = fresh_start(facts).state
    assert state is not None
    return state.factset


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_a_reload_answers_as_a_fresh_start_does(case: Case, tmp_path: Path) -> None:
    root = tmp_path / "facts"
    shutil.copytree(case.facts, root)
    attache = await Attache.start(root, str(tmp_path / "db.sqlite3"))
    try:
        first = first_load(case.facts)
        assert attache.state.version == first.version
        run = Run(root, attache, first, first.version, ids_of(attache.state))
        outcomes = []
        for each in case.steps:
            for mutate in each.edits:
                mutate(root)
            for _ in range(each.reloads):
                outcomes.append(await run.reload_and_compare(each))
        assert case.changes <= outcomes[0].changes.keys(), outcomes[0].changes
    finally:
        await attache.close()


async def test_an_edit_right_after_a_reload_is_seen(tmp_path: Path) -> None:
    """Two same-size edits with the mtime set back, the second straight after the reload that
    read the first (nothing in between, so both may share one timestamp tick on a coarse
    clock): a reload that trusts a file's stat must still read the second."""
    root = tmp_path / "facts"
    shutil.copytree(FACTS, root)
    async with running(root) as attache:
        words = ("enhance", "upgrade", "elevate", "enhance", "upgrade")
        current = "elevate"
        for word in words:
            same_size_edit(
                STATEMENTS,
                f"2025 the two sides agreed to {current}",
                f"2025 the two sides agreed to {word}",
            )(root)
            current = word
            assert (await attache.reload(Who("cli"))).ok
        fresh = fresh_start(root).state
        assert fresh is not None
        assert ordered_factset(attache.state.factset) == ordered_factset(fresh.factset)
        texts = [s.text for s in attache.state.factset.statements.values()]
        assert any("agreed to upgrade" in text for text in texts)
