"""Diagnostics: every error and warning seminar reports, as one data type printed in one format.

A diagnostic names what is at fault: a file and line where there is one, else the key, value or id (an arXiv
id, a command-line option, a plan key). It prints as compilers and linters print theirs, so editors can jump
to it: `_data/schedule.yml:12: error: session S4: 2501.00001: not cached`, or
`error: 2501.99999: not on arXiv` when no file is at fault. `SeminarError` carries the errors that stop a
command; the command line prints them and exits 1, never with a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One finding. `key` is the key, value or id at fault, printed before the message.

    `file` is a path (printed relative to the current folder when inside it), `line` is 1-based.
    """

    level: Level
    message: str
    file: Path | None = None
    line: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = None
        if self.file is not None:
            where = display_path(self.file) + (f":{self.line}" if self.line else "")
        head = f"{where}: {self.level}" if where else self.level
        return f"{head}: {self.key}: {self.message}" if self.key else f"{head}: {self.message}"

    def within(self, file: Path | None = None, line: int | None = None, key: str | None = None) -> Diagnostic:
        """The same finding placed in a file (and line) and under an outer key (`session S4`), where it
        was not placed already: the reader of a plan line adds where a reading's problem is."""
        keys = ": ".join(part for part in (key, self.key) if part)
        return replace(
            self,
            file=self.file if self.file is not None else file,
            line=self.line if self.file is not None else line,
            key=keys or None,
        )

    def as_json(self) -> dict[str, object]:
        """The diagnostic as `seminar check --json` prints it: file relative as printed, or null."""
        return {
            "level": self.level,
            "file": display_path(self.file) if self.file is not None else None,
            "line": self.line,
            "key": self.key,
            "message": self.message,
        }


def error(
    message: str, file: Path | None = None, line: int | None = None, key: str | None = None
) -> Diagnostic:
    return Diagnostic("error", message, file, line, key)


def warning(
    message: str, file: Path | None = None, line: int | None = None, key: str | None = None
) -> Diagnostic:
    return Diagnostic("warning", message, file, line, key)


class SeminarError(Exception):
    """Bad input or a broken site: one or more error diagnostics (a plain string is an unplaced error)."""

    def __init__(self, *problems: Diagnostic | str) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(
            problem if isinstance(problem, Diagnostic) else Diagnostic("error", problem)
            for problem in problems
        )
        super().__init__("\n".join(map(str, self.diagnostics)))

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as a person would type it from where they stand: relative when inside the current folder."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
