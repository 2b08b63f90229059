"""The one exception the command line turns into plain error lines (no traceback)."""

import os


class SeminarError(Exception):
    """Bad input or a broken site: each problem is one line naming the file, line, key or id at fault."""

    def __init__(self, *problems: str) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as a person would type it from where they stand: relative when inside the current folder."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
