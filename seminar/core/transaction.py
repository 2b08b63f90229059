"""A command's writes as one transaction: all of them land, or none does, even when the process is killed.

Each file a command writes or deletes is changed at once (so the command reads what it wrote), but only after
the journal (`.seminar/transaction/journal`, one JSON line per file) says where the file's old content is
kept: a hard link to it (a copy across file systems) beside the journal, made before the file is replaced,
or nothing when the file did not exist. New content is written to a staged file beside its target
(`.NAME.seminar-new`, which Jekyll and git skip) and renamed over it, so a file is always whole.

The command's end appends `commit` to the journal; only then are the old contents let go. A run that finds
a journal (the last one was killed, or lost power) finishes it: with `commit`, it deletes what was kept;
without, it puts every old file back and removes every new one, so the site is as it was before that
command.

A rule taken from write-ahead logging (the old state recorded before a change, recovery undoing what is not
committed). For the tests only: `SEMINAR_FAULT_AT=K` kills the process, as a crash would, just before the
K-th step of its transactions (with `SEMINAR_FAULT_AS=full`, the step fails as on a full disk instead), and
`SEMINAR_FAULT_TRACE=FILE` appends each step's name to FILE.
"""

from __future__ import annotations

import contextlib
import errno
import filecmp
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from seminar.core.errors import Diagnostic, SeminarError, error

JOURNAL_NAME = "journal"
STAGED_SUFFIX = ".seminar-new"
FAULT_AT = "SEMINAR_FAULT_AT"  # tests only: the step before which the process dies
FAULT_AS = "SEMINAR_FAULT_AS"  # tests only: `kill` (the default) or `full` (the disk is full there)
FAULT_TRACE = "SEMINAR_FAULT_TRACE"  # tests only: a file each step's name is appended to
_FAULT_EXIT = 86  # the exit status of a process killed by `FAULT_AT`

_ACTIVE: ContextVar[Transaction | None] = ContextVar("seminar_transaction", default=None)
_steps = 0  # steps taken by this process, counted for `FAULT_AT`


def staged_path(path: Path) -> Path:
    """Where new content for `path` is written before it is renamed over it: beside it, hidden."""
    return path.with_name(f".{path.name}{STAGED_SUFFIX}")


def active() -> Transaction | None:
    """The transaction of the running command, if it has one."""
    return _ACTIVE.get()


def _step(name: str) -> None:
    """A point where a crash may happen: the test hooks count it, record it, or die there."""
    global _steps
    _steps += 1
    trace = os.environ.get(FAULT_TRACE)
    if trace:
        with open(trace, "a", encoding="utf-8") as handle:
            handle.write(f"{name}\n")
    if os.environ.get(FAULT_AT) == str(_steps):
        if os.environ.get(FAULT_AS) == "full":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os._exit(_FAULT_EXIT)  # as a kill would: no cleanup, no finally


@dataclass(frozen=True)
class Entry:
    """One file the transaction changes: its path, its old content's keeper in the journal's folder (None:
    the file did not exist), and its staged file."""

    path: Path
    kept: str | None
    staged: Path

    def record(self) -> str:
        return json.dumps({"path": str(self.path), "kept": self.kept, "staged": str(self.staged)})


class Transaction:
    """The files one command changes, each recorded in the journal before its first change."""

    def __init__(self, folder: Path, prepare: Callable[[], object] = lambda: None) -> None:
        """Journaled in `folder`, which `prepare` readies (called once, before the first line)."""
        self.folder = folder
        self._prepare = prepare
        self.journal = folder / JOURNAL_NAME
        self._entries: dict[Path, Entry] = {}
        self._handle: IO[str] | None = None
        self._committed = False

    def _log(self, line: str) -> None:
        """Append a line to the journal and make it durable before the change it announces."""
        _step("journal")
        if self._handle is None:
            self._prepare()
            self.folder.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.journal, "a", encoding="utf-8")  # noqa: SIM115  # closed in `end`
        self._handle.write(line + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def _enter(self, path: Path) -> Entry:
        """The file's entry, journaled (and its old content kept) the first time the file is touched."""
        path = Path(os.path.abspath(path))
        if path in self._entries:
            return self._entries[path]
        exists = os.path.lexists(path)
        entry = Entry(path, str(len(self._entries)) if exists else None, staged_path(path))
        self._log(entry.record())
        if entry.kept is not None:
            _step("keep")
            _link_or_copy(path, self.folder / entry.kept)
        self._entries[path] = entry
        return entry

    def put(self, path: Path, data: bytes, *, exclusive: bool = False) -> None:
        """Write `data` to `path` now, as part of the transaction. With `exclusive`, FileExistsError when the
        file exists (someone made it meanwhile); OSError when it cannot be written."""
        if exclusive and os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "already exists", str(path))
        entry = self._enter(path)
        _step("stage")
        mode = file_mode(path)
        try:
            with open(entry.staged, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(entry.staged, mode)
            _step("place")
            os.replace(entry.staged, entry.path)
        except OSError as failure:  # named by the file being written, not by its staged copy
            raise OSError(failure.errno, failure.strerror, str(entry.path)) from None

    def remove(self, path: Path) -> None:
        """Delete `path` now, as part of the transaction (its content kept until the commit). OSError."""
        entry = self._enter(path)
        _step("remove")
        os.unlink(entry.path)

    def commit(self) -> None:
        """Every change stands: `commit` is journaled, then the kept contents and the journal go."""
        if self._handle is None:
            return  # nothing was written
        self._log(json.dumps({"commit": True}))
        self._committed = True
        with contextlib.suppress(OSError):  # the changes stand; the next run clears what is kept
            self._end()

    def undo(self) -> None:
        """Every file back as it was before the transaction (see `roll_back`), then the journal goes; nothing
        once it is committed."""
        if self._handle is None or self._committed:
            return
        entries = list(self._entries.values())
        self._close()
        roll_back(self.folder, entries)
        self._end()

    def _close(self) -> None:
        if self._handle is not None:
            self._handle.close()

    def _end(self) -> None:
        self._close()
        self._handle = None
        _step("clean")
        clear(self.folder)


def roll_back(folder: Path, entries: list[Entry]) -> int:
    """Undo `entries` (as journaled, in any state a crash left them): each staged file deleted, each file that
    existed given its kept content back (when it was kept: else it was never changed), each that did not
    exist deleted. The number of files put back or deleted. OSError when one cannot be."""
    undone = 0
    for entry in reversed(entries):
        try:
            if os.path.lexists(entry.staged):
                os.unlink(entry.staged)
            if entry.kept is None:
                if os.path.lexists(entry.path):
                    os.unlink(entry.path)
                    undone += 1
            elif os.path.lexists(kept := folder / entry.kept):
                if _unchanged(entry.path, kept):
                    os.unlink(kept)  # never changed: it may not even be changeable (`chattr +i`)
                else:
                    _move(kept, entry.path)
                    undone += 1
        except OSError as failure:  # named by the file a person knows, not by what the journal keeps
            raise OSError(failure.errno, failure.strerror, str(entry.path)) from None
    return undone


def _unchanged(path: Path, kept: Path) -> bool:
    """Whether `path` still holds what `kept` keeps of it: the very file (a link), or the same bytes."""
    try:
        if os.path.samefile(path, kept):
            return True
        return os.path.isfile(path) and filecmp.cmp(path, kept, shallow=False)
    except OSError:
        return False


def clear(folder: Path) -> None:
    """Delete the journal's folder and what it keeps."""
    if folder.exists():
        shutil.rmtree(folder)


def read_journal(folder: Path) -> tuple[list[Entry], bool] | None:
    """The entries a journal in `folder` records, and whether it was committed; None without a journal. A
    last line cut short by a crash is ignored: the change it announced was never begun."""
    try:
        text = (folder / JOURNAL_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    entries: list[Entry] = []
    committed = False
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            break
        if record.get("commit"):
            committed = True
        else:
            entries.append(Entry(Path(record["path"]), record["kept"], Path(record["staged"])))
    return entries, committed


@contextmanager
def transaction(folder: Path, prepare: Callable[[], object] = lambda: None) -> Iterator[Transaction]:
    """A transaction journaled in `folder` (readied by `prepare` before the first write): committed when
    the block ends, undone when it raises (the exception goes on). Within it, `active()` is this one."""
    current = Transaction(folder, prepare)
    token = _ACTIVE.set(current)
    try:
        yield current
        current.commit()
    except BaseException as failure:
        try:
            current.undo()
        except OSError as stuck:
            raise SeminarError(*_diagnostics(failure), _stuck(stuck)) from None
        raise
    finally:
        _ACTIVE.reset(token)


def _diagnostics(failure: BaseException) -> list[Diagnostic]:
    """What stopped a command, as diagnostics."""
    if isinstance(failure, SeminarError):
        return list(failure.diagnostics)
    if isinstance(failure, OSError):
        return [error(failure.strerror or str(failure), Path(failure.filename) if failure.filename else None)]
    return [error(f"{type(failure).__name__}: {failure}")]


def _stuck(failure: OSError) -> Diagnostic:
    """A file the undo could not put back: the journal stays, and the next command tries again."""
    where = Path(failure.filename) if failure.filename else None
    return error(
        f"could not be put back as it was before this command ({failure.strerror}); the next seminar command "
        "tries again once it can be written",
        where,
    )


def _link_or_copy(source: Path, target: Path) -> None:
    """`target` the same content as `source`: a hard link, or a copy where links cannot be made."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _move(source: Path, target: Path) -> None:
    """Rename `source` over `target`, copying first across file systems."""
    try:
        os.replace(source, target)
    except OSError as failure:
        if failure.errno != errno.EXDEV:
            raise
        staged = staged_path(target)
        shutil.copy2(source, staged, follow_symlinks=False)
        os.replace(staged, target)
        os.unlink(source)


def file_mode(path: Path) -> int:
    """The permissions a file written at `path` gets: those of the file there, else a new file's (0o666 less
    the umask, as `open` would give it)."""
    if os.path.exists(path):
        return os.stat(path).st_mode & 0o7777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
