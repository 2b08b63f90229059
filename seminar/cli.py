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
from seminar.model.plan import READING_KEYS
from seminar.options import (
    DAY,
    DAY_METAVAR,
    Group,
    day,
    dry_run_option,
    force_option,
    given_once,
    json_option,
    network_options,
    no_empty_reading,
    output_option,
    reading_options,
    run,
    session_field_options,
    site_option,
    today_option,
    week_option,
)


def terminal_width() -> int | None:
    """The terminal's width when stdout is one (a table is cut to fit it); None when piped."""
    import shutil

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@site_option()
@click.version_option(__version__, prog_name="seminar")
def main() -> None:
    """Write a reading seminar's Jekyll session posts from paper lists and arXiv metadata.

    Every command takes --site DIR, before it or after it.
    """


@main.command("new-session")
@week_option(
    required=False,
    help="Week or stage label, e.g. S4 or W03.2 (desc becomes <year>-<week>). On a collection site: the "
    "file's name without .md, chosen to sort in place when left out.",
)
@click.option(
    "--date",
    "when",
    type=DAY,
    metavar=DAY_METAVAR,
    help="The session's day. Default: the plan's next meeting day when it has a calendar (first_day, "
    "meets), else today.",
)
@reading_options
@click.option(
    "--from-list", metavar="LIST", help="A paper list (file, or name of one imported), with --topic."
)
@click.option("--topic", help="The topic of --from-list whose papers become required readings.")
@session_field_options
@force_option(
    "Replace the session if its week is already planned (what the old entry had and the new one lacks is "
    "named; the old post is kept as a backup when a person edited it)."
)
@dry_run_option
@network_options
@click.pass_context
def new_session(ctx: click.Context, /, week: str | None, when: datetime | None, **options: Any) -> None:
    """Add a session to the plan and write its post.

    Readings not in the paper store are fetched first, in one batch.

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
    help="md (the default): a post's reading block; json: the store entries; bibtex: @misc entries with "
    "eprint fields.",
)
@json_option
@network_options
@click.pass_context
def fetch_abstract(
    ctx: click.Context, /, ids: tuple[str, ...], fmt: str | None, as_json: bool, fetching: Any
) -> None:
    """Print papers by arXiv id: a reading block, JSON or BibTeX.

    Those not cached are fetched first, in one batch. `-` reads the ids from stdin, one a line.

    \b
    seminar fetch-abstract 2409.11402 arXiv:2405.19334
    seminar fetch-abstract --json 2409.11402
    seminar fetch-abstract --format bibtex - < ids.txt
    """
    references = [line.strip() for line in sys.stdin if line.strip()] if ids == ("-",) else list(ids)
    run("fetch_abstract", ctx.obj, references, fmt, fetching, as_json=as_json)


@main.command("fetch")
@network_options
@click.pass_context
def fetch(ctx: click.Context, /, fetching: Any) -> None:
    """Fetch the arXiv papers the posts cite, those not cached yet.

    Every arXiv paper the site's posts link to (or cite as arXiv:ID), in batches.

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
    """Find the arXiv paper each title names, and remember it.

    A weak or ambiguous match is only reported, with its candidates; --pick settles it.

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
    """Merge curated paper lists into the paper store, notes and all.

    The lists are markdown files, in the shapes README.md describes.

    \b
    seminar import-list PaperList_202404.md VideoGeneration.md
    seminar import-list --resolve PaperList_202405.md
    """
    run("import_list", ctx.obj, files, resolve, fetching)


@main.command("papers")
@click.option(
    "--topic", help="Only papers under this topic (a topic containing these words, if none is spelt so)."
)
@click.option("--month", help="Only papers of this month: 2024-04, 202404 or April 2024.")
@click.option(
    "--search", metavar="WORDS", help="Only papers whose title, topic or notes hold every one of these words."
)
@json_option
@click.pass_context
def papers(ctx: click.Context, /, **filters: Any) -> None:
    """List the papers of the paper store, as a catalog.

    Those imported from lists come first, in list order. A table (cut to the terminal's width), or JSON
    with --json.

    \b
    seminar papers --topic Controllable
    seminar papers --month 2024-04 --search diffusion --json
    """
    run("papers", ctx.obj, width=terminal_width(), **filters)


@main.command("build")
@today_option
@dry_run_option
@click.option("--prune", is_flag=True, help="Delete the posts whose session left the plan (backups kept).")
@force_option()
@network_options
@click.pass_context
def build(ctx: click.Context, /, today: datetime | None, fetching: Any, **flags: Any) -> None:
    """Bring every session's post in line with the plan.

    The plan is _data/schedule.yml. Readings not cached are fetched first, in one batch.

    \b
    seminar build
    seminar build --dry-run --today 2025-03-20
    """
    run("build", ctx.obj, day(today), fetching, **flags)


@main.command("add-reading")
@week_option()
@click.argument("references", nargs=-1, metavar="[PAPER]...", callback=no_empty_reading)
@reading_options
@click.option(
    "--url",
    metavar="URL",
    multiple=True,
    callback=given_once,
    help="A reading that is not on arXiv (a blog post, a project page): its http(s) link, with --title.",
)
@click.option(
    "--title",
    metavar="TITLE",
    multiple=True,
    callback=given_once,
    help="The --url reading's title, as the post shows it.",
)
@click.option(
    "--section",
    type=click.Choice(READING_KEYS),
    metavar="SECTION",
    help="The --url reading's section: required (the default), more or background.",
)
@force_option()
@network_options
@click.pass_context
def add_reading(ctx: click.Context, /, week: str, fetching: Any, **options: Any) -> None:
    """Add readings to a session of the plan, and to its post.

    A PAPER given alone is a required reading. Every reading is looked up first (those not cached fetched in
    one batch); when one cannot be had, or the session has it already, nothing is written.

    \b
    seminar add-reading --week S4 2409.11402
    seminar add-reading --week S4 --required 2409.11402 --required "A title" --more 2405.19334
    seminar add-reading --week S4 --url https://example.org/post --title "A blog post" --section more
    """
    run("add_reading", ctx.obj, week, fetching, **options)


@main.command("move")
@week_option()
@click.option("--to", "to", required=True, type=DAY, metavar=DAY_METAVAR, help="Its new date.")
@force_option()
@network_options
@click.pass_context
def move(ctx: click.Context, /, week: str, to: datetime, fetching: Any, force: bool) -> None:
    """Reschedule a session; its post moves to the new date.

    Its post moves to the new date's file and URL. Its date is fixed in the plan; the sessions after it
    that follow the calendar shift with it, but a held one (dated before today) keeps its date. Every
    session that moves, and every URL that changes, is named. A day the class does not meet is a warning.

    \b
    seminar move --week S4 --to 2025-03-20
    """
    run("move", ctx.obj, week, to.date(), fetching, force=force)


@main.command("remove-session")
@week_option()
@force_option(
    "Also delete a session file seminar did not write (no seminar:readings markers), and regenerate a "
    "shifted post's reading list a person edited; backups kept."
)
@dry_run_option
@network_options
@click.pass_context
def remove_session(ctx: click.Context, /, week: str, fetching: Any, **flags: Any) -> None:
    """Take a session out of the plan and delete its post.

    A backup of the post is kept under .seminar/backups/.

    The sessions after it that follow the calendar shift up to take its place.

    \b
    seminar remove-session --week S4
    seminar remove-session --week S4 --dry-run
    """
    run("remove_session", ctx.obj, week, fetching, **flags)


@main.command("sessions")
@today_option
@json_option
@click.pass_context
def sessions(ctx: click.Context, /, today: datetime | None, as_json: bool) -> None:
    """List the plan's sessions: dates, titles, readings, files.

    A table (cut to the terminal's width), or JSON with --json. Reads only: nothing is fetched or written.

    \b
    seminar sessions
    seminar sessions --json --today 2025-03-20
    """
    run("sessions", ctx.obj, day(today), as_json=as_json, width=terminal_width())


@main.group("export")
def export() -> None:
    """Export the term as a calendar, or its readings as BibTeX."""


@export.command("ics")
@output_option
@network_options
@click.pass_context
def export_ics(ctx: click.Context, /, output: Path | None, fetching: Any) -> None:
    """Export the term as an iCalendar file (RFC 5545), one event per session.

    For students to subscribe to. To stdout, or to the file -o names. Exporting to stdout keeps a record in
    .seminar/calendar.json, so that a changed event's SEQUENCE grows.

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
    """Export every reading of the term (or of one session) as BibTeX.

    With eprint, archivePrefix and primaryClass fields. To stdout, or to the file -o names.

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
    """Lint the posts as Jekyll reads them, and against the plan.

    Nothing is written. Exit status 1 on any error.

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
    """Commit the files seminar wrote, and nothing else.

    The posts, the plan, the paper store, the files `seminar export ... -o FILE` wrote inside the site (and an
    adopted site's session files and schedule page).

    Refused when `seminar check` finds errors, or when other changes are staged.

    \b
    seminar publish
    seminar publish -m "Week 5 readings" --push
    """
    run("publish", ctx.obj, subject, **flags)


@main.command("adopt")
@click.option("--collection", help="The collection of the sessions. Default: the one that looks like it.")
@click.option(
    "--first-day",
    "first_day",
    type=DAY,
    metavar=DAY_METAVAR,
    help="With --meets: date the sessions by this calendar, from this day.",
)
@click.option("--meets", metavar="DAYS", help="Meeting weekdays, such as Tue,Thu (when no page lists dates).")
@force_option("Replace the plan already there when adopting the site gives another.")
@click.option("--dry-run", is_flag=True, help="Print the plan it would write; write nothing.")
@click.pass_context
def adopt(ctx: click.Context, /, first_day: datetime | None, **flags: Any) -> None:
    """Make a plan of the site you already have.

    Its profile, its sessions, their dates and readings; no session file is changed. Run it again: nothing
    changes.

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
@site_option("The folder to start the site in, when DIRECTORY is not given. Default: here.")
@click.pass_context
def init(ctx: click.Context, /, directory: Path | None, **values: Any) -> None:
    """Start a class site, adding only the files it lacks.

    In DIRECTORY (default: here). A file that is there is never changed.

    \b
    seminar init my-seminar --term 2026-seminarRead --year 2026
    seminar init        # in an existing site: adds only what is missing
    """
    run("init", ctx.obj, directory, **values)
