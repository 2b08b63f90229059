"""The `seminar` command line: each command parses its options, calls one function, and prints its result.

The functions are in `seminar.commands` (one module per command) and return an `Outcome` that
`seminar.report` prints. Only click is imported at start-up; each command imports what it runs, so
`seminar --help` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from seminar import __version__

if TYPE_CHECKING:
    from seminar.commands.outcome import Fetching

F = TypeVar("F", bound=Callable[..., Any])
DAY = click.DateTime(["%Y-%m-%d"])

# Options shared by several commands, declared once.
force_option = click.option(
    "--force",
    is_flag=True,
    help="Replace what a person edited (a hand-edited reading list, a planned week); backups kept.",
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
    """`--offline` and `--refresh`, for every command that may fetch from arXiv."""
    command = click.option("--refresh", is_flag=True, help="Fetch again what is asked, even if cached.")(
        command
    )
    return click.option("--offline", is_flag=True, help="Never use the network; name what is not cached.")(
        command
    )


def fetching(offline: bool, refresh: bool) -> Fetching:
    from seminar import report
    from seminar.commands.outcome import Fetching

    return Fetching(offline=offline, refresh=refresh, on_wait=report.waiting)


class _Group(click.Group):
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


def show(outcome: Any) -> None:
    from seminar import report

    report.show(outcome)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    help="The Jekyll site (the folder with _config.yml). Default: found upward from here.",
)
@click.version_option(__version__, prog_name="seminar")
@click.pass_context
def main(ctx: click.Context, site: Path | None) -> None:
    """Write a reading seminar's Jekyll session posts from paper lists and arXiv metadata."""
    ctx.obj = site


def _session_field_options(command: F) -> F:
    """`--title`, `--lecture`, ... `--categories`: one option for each front-matter key the plan may set."""
    from seminar.model.session import SESSION_FIELDS

    for spec in reversed([spec for spec in SESSION_FIELDS if spec.option]):
        command = click.option(spec.option, spec.key, multiple=spec.kind == "list", help=spec.help)(command)
    return command


@main.command("new-session")
@week_option(help="Week or stage label, e.g. S4 or W03.2 (desc becomes <year>-<week>).")
@click.option("--date", "when", type=DAY, help="YYYY-MM-DD. Default: the plan's next meeting day, or today.")
@click.option("--required", multiple=True, metavar="PAPER", help="A required reading: arXiv id or title.")
@click.option("--more", multiple=True, metavar="PAPER", help="An optional reading: arXiv id or title.")
@click.option(
    "--from-list",
    metavar="LIST",
    help="A paper list (file, or name of one imported): with --topic, its papers.",
)
@click.option("--topic", help="The topic of --from-list whose papers become required readings.")
@_session_field_options
@force_option
@dry_run_option
@network_options
@click.pass_context
def new_session(ctx: click.Context, week: str, when: datetime | None, **options: Any) -> None:
    """Add a session to the plan and write its post; readings not in the paper store are fetched first.

    \b
    seminar new-session --week S4 --title "multimodal FMs - video generation" \\
        --date 2025-03-18 --required 2409.11402 --required 2405.19334 --video team-2
    seminar new-session --week S2 --from-list PaperList_202404.md --topic Controllable
    """
    from seminar.commands import new_session as command
    from seminar.model.session import SESSION_FIELDS
    from seminar.site.update import SessionRequest

    fields = {spec.key: options.pop(spec.key) for spec in SESSION_FIELDS if spec.option}
    request = SessionRequest(
        week=week,
        date=when.date() if when else None,
        fields={key: value for key, value in fields.items() if value not in (None, ())},
        required=options.pop("required"),
        more=options.pop("more"),
        from_list=options.pop("from_list"),
        topic=options.pop("topic"),
    )
    network = fetching(options.pop("offline"), options.pop("refresh"))
    show(command.run(ctx.obj, request, network, **options))


@main.command("fetch-abstract")
@click.argument("ids", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "json", "bibtex"]),
    default="md",
    show_default=True,
    help="md: a post's reading block; json: the store entries; bibtex: @misc entries with eprint fields.",
)
@network_options
@click.pass_context
def fetch_abstract(ctx: click.Context, ids: tuple[str, ...], fmt: Any, offline: bool, refresh: bool) -> None:
    """Print papers by arXiv id, fetching in one batch those not cached. `-` reads ids from stdin.

    \b
    seminar fetch-abstract 2409.11402 arXiv:2405.19334
    seminar fetch-abstract --format bibtex - < ids.txt
    """
    from seminar.commands import fetch_abstract as command

    stdin = click.get_text_stream("stdin")
    references = [line.strip() for line in stdin if line.strip()] if ids == ("-",) else list(ids)
    show(command.run(ctx.obj, references, fmt, fetching(offline, refresh)))


@main.command("fetch")
@network_options
@click.pass_context
def fetch(ctx: click.Context, offline: bool, refresh: bool) -> None:
    """Fetch every arXiv paper the site's posts refer to that is not cached yet.

    \b
    seminar fetch
    """
    from seminar import report
    from seminar.commands import fetch as command

    show(command.run(ctx.obj, fetching(offline, refresh), report.progress))


@main.command("resolve")
@click.argument("titles", nargs=-1, required=True)
@click.option("--pick", metavar="ID", help="Settle one title by hand: this arXiv paper is the one it names.")
@network_options
@click.pass_context
def resolve(
    ctx: click.Context, titles: tuple[str, ...], pick: str | None, offline: bool, refresh: bool
) -> None:
    """Find the arXiv paper each title names and remember it; weak or ambiguous matches are only reported.

    \b
    seminar resolve "LLoCO: Learning Long Contexts Offline"
    seminar resolve "A Title arXiv Has Twice" --pick 2404.07979
    """
    from seminar.commands import resolve as command

    show(command.run(ctx.obj, titles, pick, fetching(offline, refresh)))


@main.command("import-list")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--resolve", is_flag=True, help="Then look up on arXiv the ids of papers listed by title only.")
@click.pass_context
def import_list(ctx: click.Context, files: tuple[Path, ...], resolve: bool) -> None:
    """Merge curated paper lists (markdown) into the site's paper store, with their notes.

    \b
    seminar import-list PaperList_202404.md VideoGeneration.md
    seminar import-list --resolve PaperList_202405.md
    """
    from seminar.commands import import_list as command

    show(command.run(ctx.obj, files, resolve, fetching(offline=False, refresh=False)))


@main.command("papers")
@click.option(
    "--topic", help="Only papers under this topic (a topic containing these words, if none is spelt so)."
)
@click.option("--month", help="Only papers of this month, e.g. 2024-04.")
@click.option(
    "--search", metavar="WORDS", help="Only papers whose title or notes hold every one of these words."
)
@json_option
@click.pass_context
def papers(
    ctx: click.Context, topic: str | None, month: str | None, search: str | None, as_json: bool
) -> None:
    """List the papers in the site's paper store: those imported from lists first, in list order.

    \b
    seminar papers --topic Controllable
    seminar papers --month 2024-04 --search diffusion --json
    """
    import shutil
    import sys

    from seminar.commands import papers as command

    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    show(command.run(ctx.obj, topic, month, search, as_json, width))


@main.command("build")
@today_option
@dry_run_option
@click.option("--prune", is_flag=True, help="Delete the posts whose session left the plan (backups kept).")
@force_option
@network_options
@click.pass_context
def build(ctx: click.Context, today: datetime | None, offline: bool, refresh: bool, **flags: bool) -> None:
    """Bring every session's post in line with the plan, _data/schedule.yml.

    \b
    seminar build
    seminar build --dry-run --today 2025-03-20
    """
    from seminar.commands import build as command

    show(command.run(ctx.obj, today.date() if today else None, fetching(offline, refresh), **flags))


@main.command("add-reading")
@week_option()
@click.argument("reading")
@click.option("--more", is_flag=True, help="Add it to More Readings instead of Required Readings.")
@force_option
@network_options
@click.pass_context
def add_reading(
    ctx: click.Context, week: str, reading: str, offline: bool, refresh: bool, **flags: bool
) -> None:
    """Add a reading (arXiv id or title) to a session of the plan, and to its post.

    \b
    seminar add-reading --week S4 2409.11402
    seminar add-reading --week S4 --more "LLoCO: Learning Long Contexts Offline"
    """
    from seminar.commands import add_reading as command

    show(command.run(ctx.obj, week, reading, fetching(offline, refresh), **flags))


@main.command("move")
@week_option()
@click.option("--to", "to", required=True, type=DAY, help="Its new date, YYYY-MM-DD.")
@force_option
@network_options
@click.pass_context
def move(ctx: click.Context, week: str, to: datetime, offline: bool, refresh: bool, force: bool) -> None:
    """Reschedule a session: its date is fixed in the plan, and its post moves to the new date's file and URL.

    \b
    seminar move --week S4 --to 2025-03-20
    """
    from seminar.commands import move as command

    show(command.run(ctx.obj, week, to.date(), fetching(offline, refresh), force=force))


@main.group("export")
def export() -> None:
    """The term in other formats: a calendar to subscribe to, the readings as BibTeX."""


@export.command("ics")
@output_option
@network_options
@click.pass_context
def export_ics(ctx: click.Context, output: Path | None, offline: bool, refresh: bool) -> None:
    """An iCalendar file (RFC 5545) with one event per session, for students to subscribe to.

    \b
    seminar export ics -o assets/seminar.ics
    """
    from seminar.commands import export as command

    show(command.ics(ctx.find_root().obj, output, fetching(offline, refresh)))


@export.command("bibtex")
@week_option(required=False, help="Only this session's readings.")
@output_option
@network_options
@click.pass_context
def export_bibtex(
    ctx: click.Context, week: str | None, output: Path | None, offline: bool, refresh: bool
) -> None:
    """Every reading of the term (or of one session) as BibTeX, with eprint, archivePrefix and primaryClass.

    \b
    seminar export bibtex -o readings.bib
    seminar export bibtex --week S4
    """
    from seminar.commands import export as command

    show(command.bibtex(ctx.find_root().obj, week, output, fetching(offline, refresh)))


@main.command("check")
@click.option("--build", "with_jekyll", is_flag=True, help="Also build the site with real Jekyll, strictly.")
@today_option
@json_option
@click.pass_context
def check(ctx: click.Context, with_jekyll: bool, today: datetime | None, as_json: bool) -> None:
    """Lint the posts as Jekyll reads them and against the plan; write nothing. Exit 1 on any error.

    \b
    seminar check
    seminar check --build
    seminar check --json
    """
    from seminar.commands import check as command

    show(command.run(ctx.obj, today.date() if today else None, with_jekyll=with_jekyll, as_json=as_json))


@main.command("publish")
@click.option("-m", "--message", "subject", help="The commit's subject. Default: the sessions changed.")
@click.option("--push", is_flag=True, help="Then push the current branch.")
@click.option(
    "--include-staged", is_flag=True, help="Commit the changes already staged along with seminar's."
)
@click.pass_context
def publish(ctx: click.Context, subject: str | None, push: bool, include_staged: bool) -> None:
    """Commit the files seminar wrote (posts, plan, paper store) and nothing else; refused when check errs.

    \b
    seminar publish
    seminar publish -m "Week 5 readings" --push
    """
    from seminar.commands import publish as command

    show(command.run(ctx.obj, subject, push=push, include_staged=include_staged))
