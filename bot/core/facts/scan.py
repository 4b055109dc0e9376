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

A load that read any file takes a second look afterwards (`load_facts`): if anything moved
meanwhile, a save was in progress, and the load is done again rather than mixing before and
after.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass

__all__ = ["SETTLED_NS", "Entry", "Scan", "scan"]

SETTLED_NS = 2_000_000_000
"""How old a file must be, when read, for its entry to vouch for its content later: more
than any file system's timestamp step (FAT's 2 s is the coarsest in use)."""

_MAX_DEPTH = 2
"""facts/<relationship>/<kind>/<id>.toml: the deepest the layout goes."""

Entry = tuple[str, int, int, int, int, int]
"""(name, mode, inode, size, mtime_ns, ctime_ns)."""


@dataclass(frozen=True, slots=True)
class Scan:
    started_ns: int
    """The wall clock when the look began: entries older than this by `SETTLED_NS` are
    settled."""
    folders: dict[str, tuple[Entry, ...] | None]
    """Folder path (as the loader joins it) -> its entries by name; None: not listable."""

    def entries(self, folder: str) -> dict[str, Entry]:
        found = self.folders.get(folder)
        return {entry[0]: entry for entry in found} if found else {}

    def settled(self, entry: Entry) -> bool:
        """Whether a file read now with this entry may later be trusted by its entry alone."""
        settled = self.started_ns - SETTLED_NS
        return stat.S_ISREG(entry[1]) and entry[4] < settled and entry[5] < settled

    def same(self, other: Scan) -> bool:
        return self.folders == other.folders


def scan(root: str) -> Scan:
    """Every non-hidden entry down to the layout's depth, links not followed for files (a link
    is reported by the loader) but followed for folders, as the loader reads them."""
    started = time.time_ns()
    folders: dict[str, tuple[Entry, ...] | None] = {}
    todo = [(root, 0)]
    while todo:
        folder, depth = todo.pop()
        try:
            listing = os.scandir(folder)
        except OSError:
            folders[folder] = None
            continue
        entries: list[Entry] = []
        with listing:
            for item in listing:
                name = item.name
                if name[0] == ".":
                    continue
                try:
                    info = item.stat(follow_symlinks=False)
                    if depth < _MAX_DEPTH and item.is_dir():
                        todo.append((os.path.join(folder, name), depth + 1))
                except OSError:  # vanished meanwhile: the loader reports it if it matters
                    continue
                entries.append((name, info.st_mode, info.st_ino, info.st_size,
                                info.st_mtime_ns, info.st_ctime_ns))  # fmt: skip
        entries.sort()
        folders[folder] = tuple(entries)
    return Scan(started, folders)
