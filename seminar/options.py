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
DAY_METAVAR = "YYYY-MM-DD"  # what a date option shows in --help (click's own would be `[%Y-%m-%d]`)
SITE_HELP = "The Jekyll site (the folder with _config.yml). Default: the nearest one up from here."
# What `--force` does where it rebuilds posts (build, add-reading, move, remove-session).
REBUILD_FORCE_HELP = (
    "Regenerate a post's reading list even where a person edited it (the old post is kept as a backup)."
)

# Options shared by several commands, declared once.
dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Show what would change; write and fetch nothing."
)
today_option = click.option(
    "--today",
    type=DAY,
    metavar=DAY_METAVAR,
    help="As if today were this day (the sessions before it are held).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE."
)


def force_option(help: str = REBUILD_FORCE_HELP) -> Callable[[F], F]:
    """`--force`: what it overrides differs by command, so each says it in `help`."""
    return click.option("--force", is_flag=True, help=help)


def no_empty_reading(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """The readings given, unchanged; a SeminarError naming the option (`PAPER` for an argument) when one of
    them is empty or blank, which no paper is, rather than a look-up of "" that can only fail."""
    if all(value.strip() for value in values):
        return values
    from seminar.core.errors import SeminarError, error

    name = param.opts[0] if isinstance(param, click.Option) else "PAPER"
    raise SeminarError(error("an empty reading: give an arXiv id or a title", key=name))


def given_once(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> str | None:
    """The one value of an option that may be given once (declared `multiple`, so that a second one is not
    silently taken for the first); a SeminarError naming the option when it is given twice."""
    if len(values) <= 1:
        return values[0] if values else None
    from seminar.core.errors import SeminarError, error

    name = param.opts[0] if isinstance(param, click.Option) else str(param.name)
    raise SeminarError(error("given more than once: one a command (run it again for another)", key=name))


def reading_options(command: F) -> F:
    """`--required`, `--more`, `--background`: readings by section, each repeated for more (none empty)."""
    from seminar.model.plan import READING_KEYS

    what = {
        "required": "A required reading",
        "more": "An optional reading, under More Readings",
        "background": "A background reading",
    }
    for section in reversed(READING_KEYS):
        command = click.option(
            f"--{section}",
            multiple=True,
            metavar="PAPER",
            callback=no_empty_reading,
            help=f"{what[section]}: arXiv id or title (repeat for more).",
        )(command)
    return command


def _choose_site(ctx: click.Context, _: click.Parameter, value: Path | None) -> Path | None:
    """`--site` given: the site of this command and of those under it (a subcommand's own wins)."""
    if value is not None:
        ctx.obj = value
    return value


def _site_settings(help: str) -> dict[str, Any]:
    return {
        "type": click.Path(file_okay=False, path_type=Path),
        "metavar": "DIR",
        "expose_value": False,
        "callback": _choose_site,
        "help": help,
    }


def site_parameter(help: str = SITE_HELP) -> click.Option:
    """`--site DIR`, taken before the command (`seminar --site DIR build`) and after it (`seminar build
    --site DIR`): `Group` gives it to every command. Its value becomes the context's `obj`."""
    return click.Option(["--site"], **_site_settings(help))


def site_option(help: str = SITE_HELP) -> Callable[[F], F]:
    """`--site` as a decorator, for a command whose `--site` says something of its own in `help`."""
    return click.option("--site", **_site_settings(help))


def week_option(
    required: bool = True, help: str = "The session, by its week label in the plan."
) -> Callable[[F], F]:
    return click.option("--week", required=required, metavar="WEEK", help=help)


def network_options(command: F) -> F:
    """`--offline` and `--refresh`, for every command that may fetch from arXiv, given to it as `fetching`."""

    @functools.wraps(command)
    def with_fetching(*args: Any, offline: bool, refresh: bool, **kwargs: Any) -> Any:
        from seminar import report
        from seminar.commands.outcome import Fetching

        fetching = Fetching(offline, refresh, on_retry=report.retrying, progress=report.progress)
        return command(*args, fetching=fetching, **kwargs)

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
    """Import `seminar.commands.<command>`, call its `function` with the site (`args[0]`) and the rest, and
    print the outcome. A command module that declares `WRITES_SITE = True` runs under the site's lock, its
    writes one transaction (`seminar.commands.outcome.running`)."""
    from importlib import import_module

    from seminar import report
    from seminar.commands.outcome import running

    module = import_module(f"seminar.commands.{command}")
    with running(args[0], writes=getattr(module, "WRITES_SITE", False), on_wait=report.site_busy) as notices:
        report.diagnostics(notices)
        outcome = getattr(module, function)(*args, **kwargs)
    report.show(outcome)


class Group(click.Group):
    """Reports seminar's errors and the system's as diagnostics with exit code 1, and anything unexpected as
    one line asking for a report with exit code 2: never a traceback (KeyboardInterrupt is left to click).

    Every command added to it (and to the groups under it, which are `Group`s too) takes `--site`, and is
    listed in `seminar --help` with the whole first sentence of its help, never cut short.
    """

    group_class = type  # `@main.group(...)` makes a `Group`

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any(param.name == "site" for param in cmd.params):
            cmd.params.append(site_parameter())
        if cmd.short_help is None and cmd.help:
            cmd.short_help = cmd.get_short_help_str(limit=1_000)  # the whole first sentence
        super().add_command(cmd, name)

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
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise  # click's own: its exit code, its usage message, its "Aborted!"
        except Exception as failure:  # the last resort: a bug, said in one line, never a traceback
            report.diagnostics([error(_internal_error(failure))])
            ctx.exit(2)
        ctx.exit(1)


def _internal_error(failure: Exception) -> str:
    """The one line for an exception seminar did not expect: its name and message (on one line), and where
    to report it (the package's `Issues` project URL when it declares one)."""
    from importlib import metadata

    where = "the seminar project's issue tracker"
    try:
        for entry in metadata.metadata("seminar").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in {"issues", "bug tracker", "tracker"}:
                where = url.strip()
    except metadata.PackageNotFoundError:
        pass
    message = " ".join(str(failure).split())
    name = type(failure).__name__
    return (
        f"internal error: {name}: {message} (please report this at {where}, with the command)"
        if message
        else f"internal error: {name} (please report this at {where}, with the command)"
    )


def session_field_options(command: F) -> F:
    """`--title`, `--lecture`, ... `--categories`: one option for each front-matter key the plan may set.

    A list option given empty (`--tags ""`) is "" (none, over the site's defaults), as a text option given
    empty is; otherwise a list option is the tuple of its values ((): not given)."""
    from seminar.model.session import SESSION_FIELDS

    def none_when_empty(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> object:
        return "" if values and not any(value.strip() for value in values) else values

    for spec in reversed(SESSION_FIELDS):
        if spec.option is not None:
            listed = spec.kind == "list"
            command = click.option(
                spec.option,
                spec.key,
                multiple=listed,
                callback=none_when_empty if listed else None,
                help=spec.help + (' Give "" alone for none.' if listed else ""),
            )(command)
    return command
