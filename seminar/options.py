"""The command line's shared parts: options several commands take (declared once), and how a command runs.

`run` imports the command's module from `seminar.commands` only when the command is invoked, calls it, and
prints the outcome through `seminar.report`; `Group` turns errors into diagnostics with exit code 1.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
DAY = click.DateTime(["%Y-%m-%d"])

# Options shared by several commands, declared once.
force_option = click.option(
    "--force",
    is_flag=True,
    help="Replace what a person edited (a reading list, a planned week); backups kept.",
)
dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Show what would change; write and fetch nothing."
)
today_option = click.option(
    "--today", type=DAY, help="As if today were YYYY-MM-DD (earlier sessions are held)."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE."
)


def week_option(
    required: bool = True, help: str = "The session, by its week label in the plan."
) -> Callable[[F], F]:
    return click.option("--week", required=required, help=help)


def network_options(command: F) -> F:
    """`--offline` and `--refresh`, for every command that may fetch from arXiv, given to it as `fetching`."""

    @functools.wraps(command)
    def with_fetching(*args: Any, offline: bool, refresh: bool, **kwargs: Any) -> Any:
        from seminar import report
        from seminar.commands.outcome import Fetching

        return command(*args, fetching=Fetching(offline, refresh, report.waiting), **kwargs)

    with_fetching = click.option(
        "--refresh", is_flag=True, help="Fetch again what is asked, even if cached."
    )(with_fetching)
    return click.option("--offline", is_flag=True, help="Never use the network; name what is not cached.")(
        with_fetching
    )  # type: ignore[return-value]  # click.option returns the callback typed as its own argument type


def day(value: datetime | None) -> date | None:
    """A date option's value as a date."""
    return value.date() if value else None


def run(command: str, *args: Any, function: str = "run", **kwargs: Any) -> None:
    """Import `seminar.commands.<command>`, call its `function`, and print the outcome."""
    from importlib import import_module

    from seminar import report

    report.show(getattr(import_module(f"seminar.commands.{command}"), function)(*args, **kwargs))


class Group(click.Group):
    """Reports seminar's errors and the system's as diagnostics with exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from seminar import report
        from seminar.core.errors import SeminarError, error

        try:
            return super().invoke(ctx)
        except SeminarError as failure:
            report.diagnostics(failure.diagnostics)
        except OSError as failure:
            place = Path(failure.filename) if failure.filename else None
            report.diagnostics([error(failure.strerror or str(failure), place)])
        ctx.exit(1)


def session_field_options(command: F) -> F:
    """`--title`, `--lecture`, ... `--categories`: one option for each front-matter key the plan may set."""
    from seminar.model.session import SESSION_FIELDS

    for spec in reversed(SESSION_FIELDS):
        if spec.option is not None:
            command = click.option(spec.option, spec.key, multiple=spec.kind == "list", help=spec.help)(
                command
            )
    return command
