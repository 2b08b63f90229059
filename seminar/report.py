"""Printing what commands return: one place, one format.

Diagnostics (errors and warnings) go to stderr as `file:line: level: message`; what a command produces (its
summary, a post, a diff, a calendar) goes to stdout. The exit status is 1 when anything failed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

import click

from seminar.commands.outcome import Outcome
from seminar.core.errors import Diagnostic


def diagnostics(found: Iterable[Diagnostic]) -> None:
    """Each diagnostic on its own line of stderr."""
    for diagnostic in found:
        click.echo(str(diagnostic), err=True)


def show(outcome: Outcome) -> None:
    """Print an outcome (stderr first, then stdout) and exit 1 if it failed."""
    diagnostics(outcome.diagnostics)
    for piece in outcome.out:
        click.echo(piece, nl=False)
    if outcome.data is not None:
        sys.stdout.buffer.write(outcome.data)
        sys.stdout.flush()
    if outcome.failed:
        sys.exit(1)


def waiting() -> None:
    """Said when another seminar process holds the paper store and this one waits for it."""
    click.echo("waiting for another seminar process to finish with the paper store...", err=True)


def progress(length: int) -> Callable[[int], None] | None:
    """A progress bar on stderr for a fetch of `length` papers, when stderr is a terminal."""
    if not sys.stderr.isatty() or length == 0:
        return None
    bar = click.progressbar(length=length, label="fetching", file=sys.stderr)
    bar.__enter__()

    def advance(done: int) -> None:
        bar.update(done)
        if bar.pos >= length:
            bar.__exit__(None, None, None)

    return advance
