"""Writing files so that nothing a person wrote is lost: atomic replacement, refused conflicts, backups."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path

from seminar.core import transaction
from seminar.core.errors import Diagnostic, SeminarError, error, warning

PRIVATE_DIR = (
    ".seminar"  # seminar's own files in a site: Jekyll skips dot-folders, a .gitignore keeps git out
)
TRANSACTION_DIR = "transaction"  # in PRIVATE_DIR: the journal of the command writing, and what it keeps
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
    """A text file a person wrote (a site's config, plan, paper store, post), as UTF-8: OSError when it cannot
    be read; SeminarError when it is not UTF-8, or not a regular file (a FIFO would block forever, a device
    never end), or larger than `STORE_LIMIT` (see `read_regular`)."""
    return decode(read_regular(path, STORE_LIMIT), path)


READ_LIMIT = 20 * 1024 * 1024  # bytes: far past any list or plan a person writes
STORE_LIMIT = 512 * 1024 * 1024  # bytes: far past a paper store of every paper a field has listed


def read_regular(path: Path, limit: int = READ_LIMIT) -> bytes:
    """The bytes of the regular file at `path`, read once the file is known to be one: a FIFO, a socket or a
    device (`/dev/zero`, which never ends; a FIFO, which waits for a writer) is a SeminarError naming it,
    as is a file of more than `limit` bytes. OSError (FileNotFoundError...) when it cannot be opened."""
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


def write_atomic(path: Path, text: str | bytes, *, exclusive: bool = False) -> None:
    """Replace `path` in one step, so a crash leaves the old file or the new one, never half of either; within
    a command's transaction (`writing`), as part of it (`seminar.core.transaction`).

    With `exclusive`, an existing file is never replaced (FileExistsError: someone else created it
    meanwhile). A path that is not a regular file, or is named under `/dev` or `/proc` (`/dev/stdout`, a
    FIFO: `written_in_place`), is written to, never replaced. OSError when it cannot be written.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    if not exclusive and written_in_place(path):
        with open(path, "ab") as handle:  # at the end: after what a shell's `>>` redirect keeps
            handle.write(data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    current = transaction.active()
    if current is not None:
        current.put(path, data, exclusive=exclusive)
        return
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, transaction.file_mode(path))
        if exclusive:
            os.link(temp, path)  # fails if the file appeared since we looked
        else:
            os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def written_in_place(path: Path) -> bool:
    """Whether `path` names something to write to rather than a file to replace: a device or a pipe
    (`/dev/stdout`, a FIFO), or any name under `/dev` or `/proc` (`/dev/stdout` redirected to a file is a
    link to that file, and replacing the link would break it for every process)."""
    absolute = os.path.abspath(path)
    if absolute.startswith(("/dev/", "/proc/")):
        return True
    return os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode)


def remove_file(path: Path) -> None:
    """Delete `path`; within a command's transaction, as part of it (kept until it commits). OSError."""
    current = transaction.active()
    if current is not None:
        current.remove(path)
    else:
        path.unlink()


@contextmanager
def writing(site_root: Path, on_wait: Callable[[], None] | None = None) -> Iterator[list[Diagnostic]]:
    """Run a command that writes to the site: under the site's lock (`site_lock`; `on_wait` is called when
    another seminar process holds it and this one waits), after finishing what an interrupted command
    left (`recover`, whose warnings it yields), with its writes one transaction, committed when the block
    ends and undone when it raises. Two commands on one site so take turns, each reading what the other
    wrote."""
    with site_lock(site_root, on_wait):
        recovered = recover(site_root)
        with transaction.transaction(
            site_root / PRIVATE_DIR / TRANSACTION_DIR, lambda: private_dir(site_root)
        ):
            yield recovered


@contextmanager
def site_lock(site_root: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """The site's lock, held for the block (see `writing`): an advisory lock (`flock(2)`) on the site's
    folder itself, so that taking it creates and changes no file. It goes when the process does, however
    it ends. OSError when the folder cannot be opened."""
    import fcntl

    fd = os.open(site_root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # lets the lock go


def interrupted(site_root: Path) -> bool:
    """Whether a command on this site was interrupted with its transaction open (`recover` finishes it)."""
    return (site_root / PRIVATE_DIR / TRANSACTION_DIR / transaction.JOURNAL_NAME).exists()


def recover(site_root: Path) -> list[Diagnostic]:
    """Finish what an interrupted command left, under the site's lock: a committed transaction's kept files
    deleted, an uncommitted one undone (every file as before that command); then the debris of writes by
    earlier versions of seminar (`sweep`). A warning for each thing done. OSError when a file cannot be put
    back (the journal stays for next time)."""
    folder = site_root / PRIVATE_DIR / TRANSACTION_DIR
    found = transaction.read_journal(folder)
    said: list[Diagnostic] = []
    journal = folder / transaction.JOURNAL_NAME
    if found is None:
        transaction.clear(folder)  # what a crash before the first journal line left
    elif found[1]:
        transaction.clear(folder)
        said.append(
            warning(
                "the last seminar command on this site was interrupted after its changes were all written; "
                "they stand",
                journal,
            )
        )
    else:
        try:
            undone = transaction.roll_back(folder, found[0])
        except OSError as failure:
            where = Path(failure.filename) if failure.filename else None
            message = (
                f"the last seminar command on this site was interrupted, and this file could not be put back "
                f"as it was before it ({failure.strerror}); make it writable and run seminar again"
            )
            raise SeminarError(error(message, where)) from None
        transaction.clear(folder)
        said.append(
            warning(
                f"the last seminar command on this site was interrupted before it finished; its changes were "
                f"undone ({undone} file{'' if undone == 1 else 's'} put back as before it)",
                journal,
            )
        )
    return said + sweep(site_root)


# What earlier versions of seminar left when killed mid-write: a temporary file beside its target
# (`.NAME.XXXXXXXX.tmp`, Python's `tempfile.mkstemp` names), a post set aside while two posts swapped names.
# Only for the kinds of file seminar writes, so that another program's temporary files are left alone.
_TEMPORARY = re.compile(r"\.(?P<name>.+\.(?:md|markdown|ya?ml|json|html|ics|bib))\.[a-z0-9_]{8}\.tmp")
_ASIDE = re.compile(r"\.(?P<name>.+)\.seminar-move")


def sweep(site_root: Path) -> list[Diagnostic]:
    """Clear what writes killed by earlier versions of seminar left in the site's folder, its `_` folders
    (where posts, collections and data are) and `.seminar/`: temporary files are deleted; a post set aside
    goes back to its name when that is free (else it stays, named in the warning). A warning for each."""
    folders = [site_root, site_root / PRIVATE_DIR]
    with contextlib.suppress(OSError):
        folders += [entry for entry in site_root.iterdir() if entry.name.startswith("_") and entry.is_dir()]
    said: list[Diagnostic] = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if not entry.is_file(follow_symlinks=False):
                continue
            if _TEMPORARY.fullmatch(entry.name):
                path.unlink()
                said.append(warning("deleted: a temporary file an interrupted write left", path))
            elif aside := _ASIDE.fullmatch(entry.name):
                home = path.with_name(aside["name"])
                if os.path.lexists(home):
                    said.append(
                        warning(f"a post an interrupted build set aside; compare it with {home.name}", path)
                    )
                else:
                    os.replace(path, home)
                    said.append(warning("put back: an interrupted build had set this post aside", home))
    return said


def private_dir(site_root: Path) -> Path:
    """`.seminar/` in the site, made on first use with a .gitignore so that none of it is committed."""
    folder = site_root / PRIVATE_DIR
    ignore = folder / ".gitignore"
    if not ignore.exists():  # written as it is, outside any transaction: it says the same every time
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError), open(ignore, "x", encoding="utf-8") as handle:
            handle.write("# seminar's backups and records: local to this machine\n*\n")
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
    write_atomic(target, path.read_bytes(), exclusive=True)  # byte for byte, UTF-8 or not
    recording = _BACKUPS.get()
    if recording is not None:
        recording[path] = target
    return target
