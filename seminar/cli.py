"""The `seminar` command line: each command parses its options, calls one function, and prints its result.

The functions are in `seminar.commands` (one module per command); each returns an `Outcome` that
`seminar.report` prints. Only click is imported at start-up; each command imports the module it runs, so
`seminar --help` stays fast.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from seminar import __version__
from seminar.options import (
    DAY,
    Group,
    day,
    dry_run_option,
    force_option,
    json_option,
    network_options,
    output_option,
    run,
    session_field_options,
    today_option,
    week_option,
)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    help="The Jekyll site (the folder with _config.yml). Default: found upward from here.",
)
@click.version_option(__version__, prog_name="seminar")
@click.pass_context
def main(ctx: click.Context, /, site: Path | None) -> None:
    """Write a reading seminar's Jekyll session posts from paper lists and arXiv metadata."""
    ctx.obj = site


@main.command("new-session")
@week_option(
    required=False,
    help="Week or stage label, e.g. S4 or W03.2 (desc becomes <year>-<week>). On a collection site: the "
    "file's name without .md, chosen to sort in place when left out.",
)
@click.option("--date", "when", type=DAY, help="YYYY-MM-DD. Default: the plan's next meeting day, or today.")
@click.option("--required", multiple=True, metavar="PAPER", help="A required reading: arXiv id or title.")
@click.option("--more", multiple=True, metavar="PAPER", help="An optional reading: arXiv id or title.")
@click.option("--background", multiple=True, metavar="PAPER", help="A background reading: arXiv id or title.")
@click.option(
    "--from-list", metavar="LIST", help="A paper list (file, or name of one imported), with --topic."
)
@click.option("--topic", help="The topic of --from-list whose papers become required readings.")
@session_field_options
@force_option
@dry_run_option
@network_options
@click.pass_context
def new_session(ctx: click.Context, /, week: str | None, when: datetime | None, **options: Any) -> None:
    """Add a session to the plan and write its post; readings not in the paper store are fetched first.

    \b
    seminar new-session --week S4 --title "multimodal FMs - video generation" \\
        --date 2025-03-18 --required 2409.11402 --required 2405.19334 --video team-2
    seminar new-session --week S2 --from-list PaperList_202404.md --topic Controllable
    """
    from seminar.model.session import SESSION_FIELDS

    fields = {spec.key: options.pop(spec.key) for spec in SESSION_FIELDS if spec.option}
    run("new_session", ctx.obj, week, day(when), fields, **options)


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
def fetch_abstract(ctx: click.Context, /, ids: tuple[str, ...], fmt: str, fetching: Any) -> None:
    """Print papers by arXiv id, fetching in one batch those not cached. `-` reads ids from stdin.

    \b
    seminar fetch-abstract 2409.11402 arXiv:2405.19334
    seminar fetch-abstract --format bibtex - < ids.txt
    """
    references = [line.strip() for line in sys.stdin if line.strip()] if ids == ("-",) else list(ids)
    run("fetch_abstract", ctx.obj, references, fmt, fetching)


@main.command("fetch")
@network_options
@click.pass_context
def fetch(ctx: click.Context, /, fetching: Any) -> None:
    """Fetch every arXiv paper the site's posts refer to that is not cached yet.

    \b
    seminar fetch
    """
    from seminar import report

    run("fetch", ctx.obj, fetching, report.progress)


@main.command("resolve")
@click.argument("titles", nargs=-1, required=True)
@click.option("--pick", metavar="ID", help="Settle one title by hand: this arXiv paper is the one it names.")
@network_options
@click.pass_context
def resolve(ctx: click.Context, /, titles: tuple[str, ...], pick: str | None, fetching: Any) -> None:
    """Find the arXiv paper each title names and remember it; weak or ambiguous matches are only reported.

    \b
    seminar resolve "LLoCO: Learning Long Contexts Offline"
    seminar resolve "A Title arXiv Has Twice" --pick 2404.07979
    """
    run("resolve", ctx.obj, titles, pick, fetching)


@main.command("import-list")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--resolve", is_flag=True, help="Then look up on arXiv the ids of papers listed by title only.")
@network_options
@click.pass_context
def import_list(ctx: click.Context, /, files: tuple[Path, ...], resolve: bool, fetching: Any) -> None:
    """Merge curated paper lists (markdown) into the site's paper store, with their notes.

    \b
    seminar import-list PaperList_202404.md VideoGeneration.md
    seminar import-list --resolve PaperList_202405.md
    """
    run("import_list", ctx.obj, files, resolve, fetching)


@main.command("papers")
@click.option(
    "--topic", help="Only papers under this topic (a topic containing these words, if none is spelt so)."
)
@click.option("--month", help="Only papers of this month, e.g. 2024-04.")
@click.option(
    "--search", metavar="WORDS", help="Only papers whose title, topic or notes hold every one of these words."
)
@json_option
@click.pass_context
def papers(ctx: click.Context, /, **filters: Any) -> None:
    """List the papers in the site's paper store: those imported from lists first, in list order.

    \b
    seminar papers --topic Controllable
    seminar papers --month 2024-04 --search diffusion --json
    """
    import shutil
    import sys

    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    run("papers", ctx.obj, width=width, **filters)


@main.command("build")
@today_option
@dry_run_option
@click.option("--prune", is_flag=True, help="Delete the posts whose session left the plan (backups kept).")
@force_option
@network_options
@click.pass_context
def build(ctx: click.Context, /, today: datetime | None, fetching: Any, **flags: Any) -> None:
    """Bring every session's post in line with the plan, _data/schedule.yml.

    \b
    seminar build
    seminar build --dry-run --today 2025-03-20
    """
    run("build", ctx.obj, day(today), fetching, **flags)


@main.command("add-reading")
@week_option()
@click.argument("reading")
@click.option("--more", is_flag=True, help="Add it to More Readings instead of Required Readings.")
@click.option("--background", is_flag=True, help="Add it to Background Readings instead.")
@force_option
@network_options
@click.pass_context
def add_reading(ctx: click.Context, /, week: str, reading: str, fetching: Any, **flags: Any) -> None:
    """Add a reading (arXiv id or title) to a session of the plan, and to its post.

    \b
    seminar add-reading --week S4 2409.11402
    seminar add-reading --week S4 --more "LLoCO: Learning Long Contexts Offline"
    """
    run("add_reading", ctx.obj, week, reading, fetching, **flags)


@main.command("move")
@week_option()
@click.option("--to", "to", required=True, type=DAY, help="Its new date, YYYY-MM-DD.")
@force_option
@network_options
@click.pass_context
def move(ctx: click.Context, /, week: str, to: datetime, fetching: Any, force: bool) -> None:
    """Reschedule a session: its date is fixed in the plan, and its post moves to the new date's file and URL.

    \b
    seminar move --week S4 --to 2025-03-20
    """
    run("move", ctx.obj, week, to.date(), fetching, force=force)


@main.group("export")
def export() -> None:
    """The term in other formats: a calendar to subscribe to, the readings as BibTeX."""


@export.command("ics")
@output_option
@network_options
@click.pass_context
def export_ics(ctx: click.Context, /, output: Path | None, fetching: Any) -> None:
    """An iCalendar file (RFC 5545) with one event per session, for students to subscribe to.

    \b
    seminar export ics -o assets/seminar.ics
    """
    run("export", ctx.obj, output, fetching, function="ics")


@export.command("bibtex")
@week_option(required=False, help="Only this session's readings.")
@output_option
@network_options
@click.pass_context
def export_bibtex(ctx: click.Context, /, week: str | None, output: Path | None, fetching: Any) -> None:
    """Every reading of the term (or of one session) as BibTeX, with eprint, archivePrefix and primaryClass.

    \b
    seminar export bibtex -o readings.bib
    seminar export bibtex --week S4
    """
    run("export", ctx.obj, week, output, fetching, function="bibtex")


@main.command("check")
@click.option("--build", "with_jekyll", is_flag=True, help="Also build the site with real Jekyll, strictly.")
@today_option
@json_option
@click.pass_context
def check(ctx: click.Context, /, today: datetime | None, **flags: Any) -> None:
    """Lint the posts as Jekyll reads them and against the plan; write nothing. Exit 1 on any error.

    \b
    seminar check
    seminar check --build
    seminar check --json
    """
    run("check", ctx.obj, day(today), **flags)


@main.command("publish")
@click.option("-m", "--message", "subject", help="The commit's subject. Default: the sessions changed.")
@click.option("--push", is_flag=True, help="Then push the current branch.")
@click.option(
    "--include-staged", is_flag=True, help="Commit the changes already staged along with seminar's."
)
@click.pass_context
def publish(ctx: click.Context, /, subject: str | None, **flags: Any) -> None:
    """Commit the files seminar wrote (posts, plan, paper store) and nothing else; refused when check errs.

    \b
    seminar publish
    seminar publish -m "Week 5 readings" --push
    """
    run("publish", ctx.obj, subject, **flags)


@main.command("adopt")
@click.option("--collection", help="The collection of the sessions. Default: the one that looks like it.")
@click.option("--first-day", "first_day", type=DAY, help="With --meets: date the sessions by this calendar.")
@click.option("--meets", metavar="DAYS", help="Meeting weekdays, e.g. Tue,Thu (when no page lists dates).")
@force_option
@dry_run_option
@click.pass_context
def adopt(ctx: click.Context, /, first_day: datetime | None, **flags: Any) -> None:
    """Make a plan of the site you already have: its profile, its sessions, their dates and readings.

    No session file is changed. Run it again: nothing changes.

    \b
    seminar adopt
    seminar adopt --dry-run        # print the plan it would write
    seminar adopt --first-day 2025-01-14 --meets Tue,Thu   # a site whose pages list no dates
    """
    run("adopt", ctx.obj, first_day=day(first_day), **flags)


@main.command("init")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--title", help='The site\'s title. Default: "Reading Seminar".')
@click.option("--term", help="The term label of every post. Default: <year>-seminarRead.")
@click.option("--year", metavar="YYYY", help="The year in desc: <year>-<week>. Default: this year.")
@click.pass_context
def init(ctx: click.Context, /, directory: Path | None, **values: Any) -> None:
    """Start a class site in DIRECTORY (default: here): write what it is missing, never over a file.

    \b
    seminar init my-seminar --term 2026-seminarRead --year 2026
    seminar init        # in an existing site: adds only what is missing
    """
    run("init", ctx.obj, directory, **values)
