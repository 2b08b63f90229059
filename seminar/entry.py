"""The `seminar` program's entry point: the command line (`seminar.cli`), and a Ctrl-C that comes while it is
still being imported said in one line, as click says one that comes later (`Aborted!`, exit code 1)."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line; never a traceback for a Ctrl-C while it starts."""
    try:
        from seminar.cli import main as command_line
    except KeyboardInterrupt:
        sys.stderr.write("Aborted!\n")
        sys.exit(1)
    command_line()
