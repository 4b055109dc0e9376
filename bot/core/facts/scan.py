"""One look at every entry of the facts folder (name, type, inode, size, times), taken
before a load reads anything: what tells a reload which files it must read again.

A file whose entry is as it was when its content was last read is not read again, as `make`
and git trust a file's status. Two things make that safe:

* Times are kept to the nanosecond, with the inode and size, and the change time (ctime),
  which no tool can set back: a file rewritten and given its old modification time back
  (`touch -d`, `rsync -t`, a checkout) still shows a new ctime.
* A clock ticks coarsely (a few ms on Linux, 2 s on FAT): two writes in one tick can leave
  the same times. So an entry is trusted only if its file was already older than
  `SETTLED_NS` when it was read (git's "racy" rule); a file read while fresh is read again
  each time until it has settled, and compared by content.

A load that read any file takes a second look afterwards (`Scan.still`): if anything moved
meanwhile, a save was in progress, and the load is done again rather than mixing before and
after. The folders it read from are looked at whole again; the others only listed (names and
inodes, no stat: a tenth of the cost), which sees files added, removed or replaced (editors
and git save by writing a new file and renaming it over the old); a file rewritten in place
in a folder nothing was read from, in the milliseconds of the first look, is seen by the
next reload.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SETTLED_NS", "Entry", "Scan", "scan"]

SETTLED_NS = 2_000_000_000
"""How old a file must be, when read, for its entry to vouch for its content later: more
than any file system's timestamp step (FAT's 2 s is the coarsest in use)."""

_MAX_DEPTH = 2
"""facts/<relationship>/<kind>/<id>.toml: the deepest the layout goes."""

Entry = tuple[str, int, int, int, int, int, int]
"""(name, mode, inode, size, mtime_ns, ctime_ns, the inode the folder listing gives): the two
inodes differ on some file systems (overlayfs, as in a container), so a listing is only ever
compared with a listing."""


@dataclass(frozen=True, slots=True)
class Scan:
    started_ns: int
    """The wall clock when the look began: entries older than this by `SETTLED_NS` are
    settled."""
    folders: dict[str, tuple[Entry, ...] | None]
    """Folder path (as the loader joins it) -> its entries by name; None: not listable."""
    _named: dict[str, dict[str, Entry]] = field(default_factory=dict)

    def entries(self, folder: str) -> dict[str, Entry]:
        named = self._named.get(folder)
        if named is None:
            found = self.folders.get(folder)
            named = self._named[folder] = {entry[0]: entry for entry in found} if found else {}
        return named

    def mode(self, path: Path) -> int | None:
        """The entry's type and permissions (a link's own), or None if the look did not see
        it (deeper than the layout, or made since)."""
        folder, name = os.path.split(path)
        found = self.entries(folder).get(name)
        return found[1] if found is not None else None

    def is_file(self, path: Path) -> bool:
        """`path.is_file()` as the look found it (a link is followed, as that does)."""
        mode = self.mode(path)
        return path.is_file() if mode is None or stat.S_ISLNK(mode) else stat.S_ISREG(mode)

    def is_dir(self, path: Path) -> bool:
        mode = self.mode(path)
        return path.is_dir() if mode is None or stat.S_ISLNK(mode) else stat.S_ISDIR(mode)

    def settled(self, entry: Entry) -> bool:
        """Whether a file read now with this entry may later be trusted by its entry alone."""
        settled = self.started_ns - SETTLED_NS
        return stat.S_ISREG(entry[1]) and entry[4] < settled and entry[5] < settled

    def still(self, read_in: set[str]) -> bool:
        """Whether the folder is still as this look found it: `read_in`, the folders files
        were read from, entry by entry; the others by their names and inodes."""
        for folder, entries in self.folders.items():
            if folder in read_in:
                if _entries(folder) != entries:
                    return False
                continue
            try:
                with os.scandir(folder) as listing:
                    names = sorted((e.name, e.inode()) for e in listing if e.name[0] != ".")
            except OSError:
                names = None
            if names != (None if entries is None else [(e[0], e[6]) for e in entries]):
                return False
        return True


def scan(root: str) -> Scan:
    """Every non-hidden entry down to the layout's depth, links not followed for files (a link
    is reported by the loader) but followed for folders, as the loader reads them."""
    started = time.time_ns()
    folders: dict[str, tuple[Entry, ...] | None] = {}
    todo = [(root, 0)]
    while todo:
        folder, depth = todo.pop()
        entries = folders[folder] = _entries(folder)
        if depth < _MAX_DEPTH and entries:
            for entry in entries:
                path = os.path.join(folder, entry[0])
                if stat.S_ISDIR(entry[1]) or (stat.S_ISLNK(entry[1]) and os.path.isdir(path)):
                    todo.append((path, depth + 1))
    return Scan(started, folders)


def _entries(folder: str) -> tuple[Entry, ...] | None:
    """A folder's non-hidden entries by name (links not followed); None: cannot be listed."""
    try:
        listing = os.scandir(folder)
    except OSError:
        return None
    with listing:
        entries = [(item, _stat(item)) for item in listing if item.name[0] != "."]
    return tuple(sorted(
        (item.name, info.st_mode, info.st_ino, info.st_size, info.st_mtime_ns,
         info.st_ctime_ns, item.inode())
        if not stat.S_ISDIR(info.st_mode)
        # A folder by what it is, not by its times: those move when an editor leaves a
        # hidden lock file in it, and what is in it is looked at on its own.
        else (item.name, info.st_mode, info.st_ino, 0, 0, 0, item.inode())
        for item, info in entries if info is not None
    ))  # fmt: skip


def _stat(item: os.DirEntry[str]) -> os.stat_result | None:
    try:
        return item.stat(follow_symlinks=False)
    except OSError:  # vanished meanwhile: the loader reports it if it matters
        return None
