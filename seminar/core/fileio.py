"""Writing files so that nothing a person wrote is lost: atomic replacement, refused conflicts, backups."""

from __future__ import annotations

import enum
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from seminar.core.errors import SeminarError, display_path

PRIVATE_DIR = (
    ".seminar"  # seminar's own files in a site: Jekyll skips dot-folders, a .gitignore keeps git out
)


class Outcome(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Written:
    path: Path
    outcome: Outcome
    backup: Path | None = None


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


def write_text(path: Path, text: str, *, force: bool, site_root: Path) -> Written:
    """Write a generated file: refuse to replace a different file unless `force`, then keep the old one.

    A file that already holds exactly `text` is left alone, so re-running a command changes nothing.
    """
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = None
    if old == text:
        return Written(path, Outcome.UNCHANGED)
    if old is None:
        try:
            write_atomic(path, text, exclusive=True)
        except FileExistsError:
            raise _conflict(path) from None
        return Written(path, Outcome.CREATED)
    if not force:
        raise _conflict(path)
    backup = keep_backup(path, site_root)
    write_atomic(path, text)
    return Written(path, Outcome.UPDATED, backup)


def private_dir(site_root: Path) -> Path:
    """`.seminar/` in the site, made on first use with a .gitignore so that none of it is committed."""
    folder = site_root / PRIVATE_DIR
    if not (folder / ".gitignore").exists():
        write_atomic(folder / ".gitignore", "# seminar's backups and lock: local to this machine\n*\n")
    return folder


def keep_backup(path: Path, site_root: Path) -> Path:
    """Copy `path` under `.seminar/backups/` (which Jekyll and git ignore) before it is overwritten."""
    folder = private_dir(site_root) / "backups"
    relative = path.resolve().relative_to(site_root.resolve())
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = folder / relative.parent / f"{relative.name}.{stamp}"
    serial = 1
    while target.exists():
        serial += 1
        target = folder / relative.parent / f"{relative.name}.{stamp}-{serial}"
    write_atomic(target, path.read_text(encoding="utf-8"), exclusive=True)
    return target


def _conflict(path: Path) -> SeminarError:
    return SeminarError(
        f"{display_path(path)} already exists and differs; nothing written "
        "(--force overwrites it and keeps the old file as a backup)"
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
