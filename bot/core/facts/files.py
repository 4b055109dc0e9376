"""Read fact files safely: whatever sits in the facts folder, reading it is bounded in time
and memory, and every fault becomes a `Problem` naming the file.

A reload runs while the bot serves users, and the facts folder is edited by people and their
editors. So a `*.toml` that is a named pipe (opening it for reading would block forever), a
device (`/dev/zero` never ends), a folder, a link out of the facts folder, a file too big, an
unreadable file or one that vanished between listing and opening (an editor's `.#x.toml`
lock link) is each reported as a problem with that file, never a traceback and never a hang.

API for the loader (and anything caching by content):
- `fact_files(folder)`: the fact files of one folder, in a stable order;
- `read_fact_file(root, path)`: the bytes, or a `Problem`.

What changed since the last load, and whether a folder changed while it was read, is for
scan.py to tell.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from bot.core.facts.problems import Problem

__all__ = ["MAX_FILE_BYTES", "fact_files", "read_fact_file", "shown"]

MAX_FILE_BYTES = 2_000_000
_CHUNK = 1 << 16
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def shown(root: Path, path: Path) -> str:
    """`path` as curators see it: relative to the facts folder, with forward slashes.

    The loader builds every path as `root / ...`, so cutting the root's text off the front
    gives the same answer as `relative_to`, without its cost (a quarter of reading the
    files of 50k statements)."""
    text, base = str(path), str(root)
    if os.sep == "/" and len(text) > len(base) + 1 and text.startswith(base + "/"):
        return text[len(base) + 1 :]
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def fact_files(folder: Path) -> list[Path]:
    """`*.toml` entries of `folder`, sorted; hidden names (`.#people.toml`, an Emacs lock
    link that exists while a curator has unsaved edits) are editors' files, not facts.

    Entries are listed, not checked: a folder or pipe named `x.toml` is returned so that
    `read_fact_file` reports it rather than it being silently skipped."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(folder / name for name in names if name.endswith(".toml") and name[0] != ".")


def read_fact_file(
    root: Path, path: Path, limit: int = MAX_FILE_BYTES, folders: dict[str, str] | None = None
) -> bytes | Problem:
    """The content of `path` (at most `limit` bytes), or why it cannot be a fact file.

    `folders` (one dict for one load) keeps the real path of each folder already found
    inside the facts folder: a file that is not itself a link is then opened there at once,
    without resolving every part of its path again (that was a tenth of a 10k reload)."""
    if folders is not None:
        fast = _read_in_known_folder(root, path, limit, folders)
        if fast is not None:
            return fast
    name = shown(root, path)
    try:
        real = _inside(root, path)
    except _Refused as refused:
        return Problem(name, None, "", refused.reason)
    return _read_real(name, real, limit)


def _read_in_known_folder(
    root: Path, path: Path, limit: int, folders: dict[str, str]
) -> bytes | Problem | None:
    """`read_fact_file` when the file's folder is known to be inside the facts folder and
    the file is no link (opening a link with O_NOFOLLOW fails); None: take the long way,
    which also says why a file cannot be read."""
    key, name = os.path.split(path)
    folder = folders.get(key)
    if folder is None:
        try:
            folder = folders[key] = _inside(root, path.parent)
        except _Refused:
            return None
    try:
        fd = os.open(os.path.join(folder, name), _OPEN_FLAGS | _NO_FOLLOW)
    except OSError:
        return None
    return _read_open(shown(root, path), fd, limit)


def _read_real(name: str, real: str, limit: int) -> bytes | Problem:
    try:
        fd = os.open(real, _OPEN_FLAGS | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        return Problem(name, None, "", _os_reason(error))
    return _read_open(name, fd, limit)


def _read_open(name: str, fd: int, limit: int) -> bytes | Problem:
    """Read an open file and close it."""
    try:
        info = os.fstat(fd)
        kind = _not_regular(info.st_mode)
        if kind:
            return Problem(name, None, "", f"{kind}, not a regular file; remove or rename it")
        if info.st_size > limit:
            return Problem(name, None, "", f"file is larger than {limit:,} bytes")
        data = _read_at_most(fd, limit + 1)
    except OSError as error:
        return Problem(name, None, "", _os_reason(error))
    finally:
        os.close(fd)
    if len(data) > limit:  # grew after fstat
        return Problem(name, None, "", f"file is larger than {limit:,} bytes")
    return data


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _inside(root: Path, path: Path) -> str:
    """The resolved path, if it stays inside the facts folder: a link pointing elsewhere
    would serve, as our facts, text no curator of this folder reviewed."""
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        kind = "a link to nothing" if path.is_symlink() else "the file"
        raise _Refused(
            f"cannot read: {kind} vanished (deleted or renamed while reading?)"
        ) from None
    except (OSError, RuntimeError) as error:  # a link loop, or a folder we may not enter
        reason = _os_reason(error) if isinstance(error, OSError) else "a link loop"
        raise _Refused(reason) from None
    base = root.resolve()
    if real != base and base not in real.parents:
        raise _Refused(f"a link to {real}, outside the facts folder; copy the file in instead")
    return str(real)


def _not_regular(mode: int) -> str:
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _read_at_most(fd: int, count: int) -> bytes:
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = os.read(fd, min(_CHUNK, left))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _os_reason(error: OSError) -> str:
    code = error.errno
    if code in (errno.EACCES, errno.EPERM):
        return "cannot read: permission denied"
    if code == errno.ENOENT:
        return "cannot read: the file vanished (deleted or renamed while reading?)"
    if code == errno.EISDIR:
        return "a folder, not a regular file; remove or rename it"
    if code == errno.ELOOP:
        return "cannot read: a link loop, or the file was replaced by a link while reading"
    if code == errno.EAGAIN:
        return "cannot read: the file is not ready (a pipe or device?)"
    return f"cannot read: {error.strerror or error}"
