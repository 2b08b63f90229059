"""Writing files so that nothing a person wrote is lost: atomic replacement, refused conflicts, backups."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path

from seminar.core.errors import SeminarError, error

PRIVATE_DIR = (
    ".seminar"  # seminar's own files in a site: Jekyll skips dot-folders, a .gitignore keeps git out
)
# The backups kept within `recording_backups()`, by the path of the file backed up (None: not recording).
_BACKUPS: ContextVar[dict[Path, Path] | None] = ContextVar("seminar_backups", default=None)


def decode(data: bytes, path: Path) -> str:
    """UTF-8 bytes as text (a byte-order mark kept, as written); a SeminarError naming the line and byte
    of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as failure:
        line = data[: failure.start].count(b"\n") + 1
        byte = data[failure.start]
        raise SeminarError(
            error(f"not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8", file=path, line=line)
        ) from None


def read_text(path: Path) -> str:
    """A text file a person wrote, as UTF-8; OSError when it cannot be read, SeminarError when not UTF-8."""
    return decode(path.read_bytes(), path)


READ_LIMIT = 20 * 1024 * 1024  # bytes: far past any list or plan a person writes


def read_regular(path: Path, limit: int = READ_LIMIT) -> bytes:
    """The bytes of the regular file at `path`, read once the file is known to be one: a FIFO, a socket or a
    device (`/dev/zero`, which never ends; a FIFO, which waits for a writer) is a SeminarError naming it,
    as is a file of more than `limit` bytes. OSError (FileNotFoundError...) when it cannot be opened."""
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))  # a FIFO opens at once
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise SeminarError(error("is a folder, not a file", path))
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
            raise SeminarError(error(f"not a regular file ({kind}): give a file", path))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise SeminarError(error(f"larger than {limit // (1024 * 1024)} MB: not a file to read whole", path))
    return data


def write_atomic(path: Path, text: str, *, exclusive: bool = False) -> None:
    """Replace `path` in one step, so a crash leaves the old file or the new one, never half of either.

    With `exclusive`, an existing file is never replaced (someone else created it meanwhile).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        if exclusive:
            os.link(temp, path)  # fails if the file appeared since we looked
        else:
            os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def private_dir(site_root: Path) -> Path:
    """`.seminar/` in the site, made on first use with a .gitignore so that none of it is committed."""
    folder = site_root / PRIVATE_DIR
    if not (folder / ".gitignore").exists():
        write_atomic(folder / ".gitignore", "# seminar's backups and lock: local to this machine\n*\n")
    return folder


@contextmanager
def recording_backups() -> Iterator[dict[Path, Path]]:
    """Within it, each backup `keep_backup` keeps is recorded in the mapping it yields: the path of the file
    backed up (as given) to its backup's, so that a command can say where the old file went."""
    kept: dict[Path, Path] = {}
    token = _BACKUPS.set(kept)
    try:
        yield kept
    finally:
        _BACKUPS.reset(token)


def keep_backup(path: Path, site_root: Path) -> Path:
    """Copy `path` under `.seminar/backups/` (which Jekyll and git ignore) before it is overwritten; the
    backup's path (recorded too within `recording_backups()`). OSError when either cannot be read or
    written."""
    folder = private_dir(site_root) / "backups"
    relative = path.resolve().relative_to(site_root.resolve())
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = folder / relative.parent / f"{relative.name}.{stamp}"
    serial = 1
    while target.exists():
        serial += 1
        target = folder / relative.parent / f"{relative.name}.{stamp}-{serial}"
    write_atomic(target, path.read_text(encoding="utf-8"), exclusive=True)
    recording = _BACKUPS.get()
    if recording is not None:
        recording[path] = target
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
