"""Printing what commands return: one place, one format.

Diagnostics (errors and warnings) go to stderr as `file:line: level: message`; what a command produces (its
summary, a post, a diff, a calendar) goes to stdout. The exit status is 1 when anything failed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

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


def site_busy() -> None:
    """Said when another seminar command is writing to the site and this one waits for it to finish."""
    click.echo("waiting for another seminar command to finish with this site...", err=True)


def retrying(message: str) -> None:
    """What a fetch waits for before asking arXiv again, and how long (`arXiv answered 503; retrying in 4 s
    (3/5)`), on a line of stderr (on a terminal, over a progress bar's line), so that a slow fetch is never
    silent."""
    click.echo(("\r\x1b[K" if sys.stderr.isatty() else "") + message, err=True)


@contextmanager
def progress(length: int, label: str = "fetching") -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for a fetch or search of `length` items, when stderr is a terminal: its
    `update`, given how many more were done; None elsewhere. The bar ends however the fetch does."""
    if not sys.stderr.isatty() or length == 0:
        yield None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar.update
