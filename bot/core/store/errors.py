"""Storage faults as one line naming the file and the cause, checked before anything opens.

A red-team run found that a bad storage path (a garbage audit file, a folder where the
database should be, a read-only or full disk) gave a raw traceback at start-up, and that
some of them then hung the process forever: the bot was down but looked alive to its
supervisor. The operator needs the path and what to do, once, and a non-zero exit.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

__all__ = ["StorageError", "check_storage_paths", "storage_error"]


class StorageError(Exception):
    """`path: cause`, for the operator; the bot cannot run with this storage."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path, self.cause = path, cause


def check_storage_paths(*paths: str) -> None:
    """Raise `StorageError` for the first path that cannot hold an SQLite file we write.

    What SQLite itself would say ("unable to open database file") names neither the file
    nor the reason; these checks do, before any connection (and its thread) exists."""
    for path in paths:
        if path == ":memory:":
            continue
        if not path.strip():
            raise StorageError(repr(path), "is blank; name a file, such as data/attache.sqlite3")
        if path.startswith("file:"):
            raise StorageError(path, "is a URI; name a plain file, such as data/attache.sqlite3")
        target = Path(path)
        if path.endswith(("/", os.sep)) or target.name in ("", ".", "..") or target.is_dir():
            raise StorageError(path, "is a folder; name a file in it, such as attache.sqlite3")
        folder = target.parent
        for parent in (folder, *folder.parents):
            if parent.exists() and not parent.is_dir():
                raise StorageError(path, f"{parent} is a file, not a folder")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(path, f"cannot create its folder: {_os_cause(error)}") from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StorageError(
                path, f"cannot write in {folder} (the audit log of reloads is kept there)"
            )
        if target.exists() and not os.access(target, os.R_OK | os.W_OK):
            raise StorageError(path, "cannot read and write it: permission denied")


def storage_error(path: str, error: BaseException) -> StorageError:
    """`error` from opening or writing `path`, as a `StorageError` saying what to do."""
    if isinstance(error, StorageError):
        return error
    if isinstance(error, OSError):
        return StorageError(path, _os_cause(error))
    text = str(error) or type(error).__name__
    if isinstance(error, sqlite3.Error):
        lowered = text.lower()
        if "not a database" in lowered or "malformed" in lowered:
            return StorageError(
                path, f"{text}: not an SQLite file of this bot; move it away or delete it"
            )
        if "disk is full" in lowered or "disk i/o" in lowered:
            return StorageError(path, f"{text}: free some space on its disk")
        if "readonly" in lowered or "read-only" in lowered:
            return StorageError(path, f"{text}: make it (and its folder) writable")
        if "unable to open" in lowered:
            return StorageError(path, f"{text}: check that its folder exists and is writable")
    return StorageError(path, text)


def _os_cause(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "no space left on the disk"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return error.strerror or str(error)
