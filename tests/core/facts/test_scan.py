"""A reload trusts a file's folder entry (size, times, inode) to skip reading it only once
the file has settled, sees a file rewritten with its old size and modification time, and
takes a second look when it read anything, so a save in progress is never half-loaded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from facts_fixture import REL, write_root

from bot.core.facts import scan as scan_module
from bot.core.facts.loader import ParseCache, load_facts
from bot.core.facts.scan import scan

PERSON = "people/to-lam.toml"


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled as soon as they are written (the real rule waits 2 s)."""
    monkeypatch.setattr(scan_module, "SETTLED_NS", 0)


def test_the_look_sees_every_entry_but_editors_hidden_files(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    before = scan(str(root))
    (root / "people" / ".#to-lam.toml").symlink_to("curator@host")
    assert scan(str(root)).folders == before.folders
    person = root / PERSON
    person.write_text(person.read_text() + "\n")
    assert scan(str(root)).folders != before.folders
    text = root / REL / "sources" / "src-main.txt"
    text.write_text(text.read_text() + "\n")  # a source's text counts too
    assert scan(str(root)).entries(str(text.parent))["src-main.txt"][3] == text.stat().st_size


def test_a_file_written_just_now_has_not_settled(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    look = scan(str(root))
    entry = look.entries(str(root / "people"))["to-lam.toml"]
    assert not look.settled(entry)  # written within the last 2 s: read it again next time
    old = look.started_ns - 10 * scan_module.SETTLED_NS
    aged = (entry[0], entry[1], entry[2], entry[3], old, old, entry[6])
    assert look.settled(aged)
    folder = look.entries(str(root))["people"]
    assert not look.settled((*folder[:4], old, old, folder[6]))  # a folder is never vouched for


def test_a_settled_unchanged_folder_is_not_read_again(
    tmp_path: Path, settled_at_once: None
) -> None:
    root = write_root(tmp_path)
    cache = ParseCache()
    first = load_facts(root, cache)
    assert first.ok and cache.read_in  # the first load reads everything

    again = load_facts(root, cache, first.factset)
    assert again.factset is first.factset
    assert cache.read_in == set() and cache.parsed == 0

    person = root / PERSON
    person.write_text(person.read_text().replace("To Lam", "To  Lam", 1))
    edited = load_facts(root, cache, first.factset)
    assert edited.ok and edited.factset is not first.factset
    assert cache.read_in == {str(root / "people")} and cache.parsed == 1


def test_a_rewrite_with_the_same_size_and_modification_time_is_seen(
    tmp_path: Path, settled_at_once: None
) -> None:
    """`touch -d`, `rsync -t` or a checkout can give a file its old mtime back: the change
    time (which no tool sets) still moves, and the file is read again."""
    root = write_root(tmp_path)
    cache = ParseCache()
    first = load_facts(root, cache)
    person = root / PERSON
    text = person.read_text()
    assert 'name_vi = "Tô Lâm"' in text
    info = person.stat()
    person.write_text(text.replace("Tô Lâm", "Tô Lân"))  # the same number of bytes
    os.utime(person, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert person.stat().st_size == info.st_size
    assert person.stat().st_mtime_ns == info.st_mtime_ns

    again = load_facts(root, cache, first.factset)
    assert cache.read_in == {str(root / "people")}
    assert again.factset is not None and first.factset is not None
    assert again.factset.version != first.factset.version


def test_a_file_changed_after_the_first_look_makes_the_load_look_again(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    look = scan(str(root))
    people, sources = str(root / "people"), str(root / REL / "sources")
    assert look.still({people})
    person = root / PERSON
    person.write_text(person.read_text() + "# saved meanwhile\n")
    assert not look.still({people})  # a folder read from: every entry compared
    assert look.still({sources})  # elsewhere only names and inodes: an in-place edit is not seen

    look = scan(str(root))
    person.rename(root / "people" / "to-lam.toml.bak")  # how editors save: a new inode
    (root / "people" / "to-lam.toml").write_text(person.with_suffix(".toml.bak").read_text())
    assert not look.still(set())
