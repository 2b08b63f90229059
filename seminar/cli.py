"""The `seminar` command: a thin layer over functions that can be called from Python.

Only click is imported at start-up; each command imports what it needs, so `seminar --help` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from seminar import __version__

if TYPE_CHECKING:
    from seminar.site.build import BuildPlan, PostChange
    from seminar.site.update import Update
    from seminar.sources.cache import ArxivCache
    from seminar.sources.config import SiteConfig


class _Group(click.Group):
    """Reports seminar's errors and the system's as `Error: ...` lines with exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        from seminar.core.errors import SeminarError, display_path

        try:
            return super().invoke(ctx)
        except SeminarError as error:
            _report(error.problems)
        except OSError as error:
            where = f"{display_path(error.filename)}: " if error.filename else ""
            _report([f"{where}{error.strerror or error}"])
        ctx.exit(1)


def _report(problems: Iterable[str]) -> None:
    for problem in problems:
        click.echo(f"Error: {problem}", err=True)


def _site(ctx: click.Context) -> SiteConfig:
    """The site's configuration, found from `--site` or the current folder when a command needs it."""
    from seminar.sources.config import find_site, load_config

    return load_config(find_site(Path.cwd(), ctx.obj))


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


def _network_options(command):
    """`--offline` and `--refresh`, for every command that may fetch from arXiv."""
    command = click.option("--refresh", is_flag=True, help="Fetch again what is asked, even if cached.")(
        command
    )
    return click.option("--offline", is_flag=True, help="Never use the network; name what is not cached.")(
        command
    )


def _cache(config: SiteConfig, offline: bool, refresh: bool) -> ArxivCache:
    from seminar.sources.cache import ArxivCache

    return ArxivCache(config, offline=offline, refresh=refresh)


def _waiting() -> None:
    click.echo("waiting for another seminar process to finish with the paper store...", err=True)


@main.command("new-session")
@click.option(
    "--week", required=True, help="Week or stage label, e.g. S4 or W03.2 (desc becomes <year>-<week>)."
)
@click.option("--title", help="The session's title. Default: a placeholder to fill in.")
@click.option("--date", "when", type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD. Default: today.")
@click.option("--required", multiple=True, metavar="PAPER", help="A required reading: arXiv id or title.")
@click.option("--more", multiple=True, metavar="PAPER", help="An optional reading: arXiv id or title.")
@click.option(
    "--from-list",
    metavar="LIST",
    help="A paper list (file, or name of one imported): with --topic, its papers become required readings.",
)
@click.option("--topic", help="The topic of --from-list whose papers to take, e.g. Controllable.")
@click.option("--lecture", help="Slide deck file name, without .pdf.")
@click.option("--extra-content", help="An extra slide deck name.")
@click.option("--notes", help="A short note, e.g. the lead team.")
@click.option("--video", help="The presenting or lead team.")
@click.option("--tags", multiple=True, help="A tag (repeat for more).")
@click.option("--categories", multiple=True, help="A category (repeat for more).")
@click.option("--force", is_flag=True, help="Overwrite an existing post, keeping the old one as a backup.")
@click.option("--dry-run", is_flag=True, help="Print the path and the post; write nothing (fetch nothing).")
@_network_options
@click.pass_context
def new_session(
    ctx: click.Context,
    when: datetime | None,
    force: bool,
    dry_run: bool,
    offline: bool,
    refresh: bool,
    **options: object,
) -> None:
    """Write one session post; readings not in the paper store are fetched from arXiv first.

    \b
    seminar new-session --week S4 --title "multimodal FMs - video generation" \\
        --date 2025-03-18 --required 2409.11402 --required 2405.19334 --video team-2
    seminar new-session --week S2 --from-list PaperList_202404.md --topic Controllable
    """
    from seminar.core.errors import display_path
    from seminar.site.sessions import SessionRequest
    from seminar.site.update import new_session as add_to_plan
    from seminar.site.update import write_update

    config = _site(ctx)
    request = SessionRequest(date=when.date() if when else None, **options)
    post, update = add_to_plan(
        config, request, None if dry_run else _cache(config, offline, refresh), force=force
    )
    for warning in post.warnings:
        click.echo(f"Warning: {warning}", err=True)
    change = update.change(request.week)
    if dry_run:
        click.echo(f"would write {display_path(change.path)}:")
        click.echo(change.text, nl=False)
        return
    write_update(config, update, force=force)
    if update.edit is not None and update.edit.changed:
        click.echo(f"added session {request.week} to {display_path(update.edit.plan.path)}")
    readings = f"readings: {len(post.session.required)} required + {len(post.session.more)} more"
    _echo_changes(update.build, prune=False, besides=change)
    if change.kind == "unchanged":
        click.echo(f"{display_path(change.path)} is already up to date")
    else:
        click.echo(
            f"{'wrote' if change.kind == 'new' else 'updated'} {display_path(change.path)} ({readings})"
        )


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
@_network_options
@click.pass_context
def fetch_abstract(ctx: click.Context, ids: tuple[str, ...], fmt: str, offline: bool, refresh: bool) -> None:
    """Print papers by arXiv id, fetching in one batch those not cached. `-` reads ids from stdin.

    \b
    seminar fetch-abstract 2409.11402 arXiv:2405.19334
    seminar fetch-abstract --format bibtex - < ids.txt
    """
    import json

    from seminar.model.arxiv_ids import parse_arxiv_id
    from seminar.render.bibtex import bibtex
    from seminar.render.markdown import environment, render
    from seminar.sources.readings import lookup_each

    references = [line.strip() for line in sys.stdin if line.strip()] if ids == ("-",) else list(ids)
    config = _site(ctx)
    bases = [found.base for found in map(parse_arxiv_id, references) if found]
    cache = _cache(config, offline, refresh)
    report = cache.ensure(bases, on_wait=_waiting)
    store = cache.store()
    papers, problems = lookup_each(store, references, ids_only=True, reasons=report.failures)
    _report(problems)
    if fmt == "json":
        click.echo(json.dumps([store.entry(paper.key) for paper in papers], ensure_ascii=False, indent=2))
    elif fmt == "bibtex":
        click.echo(bibtex(papers), nl=False)
    else:
        env = environment(config.root)
        click.echo("\n".join(render(env, "reading.md.j2", paper=paper) for paper in papers), nl=False)
    if problems:
        sys.exit(1)


@main.command("fetch")
@_network_options
@click.pass_context
def fetch(ctx: click.Context, offline: bool, refresh: bool) -> None:
    """Fetch every arXiv paper the site's posts refer to that is not cached yet.

    \b
    seminar fetch
    """
    from seminar.render.post import referenced_ids

    config = _site(ctx)
    ids = referenced_ids(config)
    cache = _cache(config, offline, refresh)
    if sys.stderr.isatty():
        with click.progressbar(length=len(ids), label="fetching", file=sys.stderr) as bar:
            report = cache.ensure(ids, progress=bar.update, on_wait=_waiting)
    else:
        report = cache.ensure(ids, on_wait=_waiting)
    _report(f"{key}: {reason}" for key, reason in report.failures.items())
    requests = "request" if cache.requests == 1 else "requests"
    click.echo(
        f"{len(ids)} readings: {len(report.fetched)} fetched, {len(report.cached)} cached, "
        f"{len(report.failures)} failed in {cache.requests} {requests}"
    )
    if report.failures:
        sys.exit(1)


@main.command("resolve")
@click.argument("titles", nargs=-1, required=True)
@click.option("--pick", metavar="ID", help="Settle one title by hand: this arXiv paper is the one it names.")
@_network_options
@click.pass_context
def resolve(
    ctx: click.Context, titles: tuple[str, ...], pick: str | None, offline: bool, refresh: bool
) -> None:
    """Find the arXiv paper each title names and remember it; weak or ambiguous matches are only reported.

    \b
    seminar resolve "LLoCO: Learning Long Contexts Offline"
    seminar resolve "A Title arXiv Has Twice" --pick 2404.07979
    """
    from seminar.model.arxiv_ids import parse_arxiv_id

    config = _site(ctx)
    cache = _cache(config, offline, refresh)
    if pick is not None:
        found = parse_arxiv_id(pick)
        if len(titles) != 1 or found is None:
            raise click.UsageError("--pick takes one arXiv id and settles one title at a time")
        papers = {titles[0]: cache.pick(titles[0], found.base)}
        problems: dict[str, str] = {}
    else:
        papers, problems = cache.resolve_titles(list(titles), _waiting, research=True)
    for title in dict.fromkeys(titles):
        if title in papers:
            click.echo(f'"{title}" -> {papers[title].arxiv_id or "(no arXiv id)"} "{papers[title].title}"')
    _report(f"{title!r}: {problem}" for title, problem in problems.items())
    if problems:
        sys.exit(1)


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
    from seminar.core.errors import SeminarError
    from seminar.sources.catalog import import_list as merge
    from seminar.sources.paperlist import read_list

    config = _site(ctx)
    lists, failed = [], False
    for path in files:
        try:
            lists.append(read_list(path))
        except SeminarError as error:  # that file is reported and skipped; the others are imported
            _report(error.problems)
            failed = True
    cache = _cache(config, offline=False, refresh=False)
    if lists:
        with cache.updating(_waiting) as store:
            reports = [merge(store, parsed) for parsed in lists]
        for report in reports:
            click.echo(report.summary())
            for warning in report.warnings:
                click.echo(f"Warning: {report.file}:{warning.line}: {warning.message}", err=True)
    if resolve and lists:
        store = cache.store()
        titles = [
            listed.title
            for parsed in lists
            for listed in parsed.papers
            if (paper := store.by_title(listed.title)) is not None and paper.arxiv_id is None
        ]
        found, problems = cache.resolve_titles(titles, _waiting, research=True) if titles else ({}, {})
        click.echo(f"resolved {len(found)} of {len(titles)} titles listed without an arXiv id")
        for title, problem in problems.items():
            click.echo(f"Warning: {title!r}: {problem}", err=True)
    if failed:
        sys.exit(1)


@main.command("papers")
@click.option(
    "--topic", help="Only papers under this topic (a topic containing these words, if none is spelt so)."
)
@click.option("--month", help="Only papers of this month, e.g. 2024-04.")
@click.option(
    "--search", metavar="WORDS", help="Only papers whose title or notes hold every one of these words."
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@click.pass_context
def papers(
    ctx: click.Context, topic: str | None, month: str | None, search: str | None, as_json: bool
) -> None:
    """List the papers in the site's paper store: those imported from lists first, in list order.

    \b
    seminar papers --topic Controllable
    seminar papers --month 2024-04 --search diffusion --json
    """
    import json
    import shutil

    from seminar.core.errors import SeminarError
    from seminar.render.table import catalog_table
    from seminar.sources import catalog
    from seminar.sources.store import PaperStore

    config = _site(ctx)
    wanted = catalog.CatalogFilter(topic, catalog.parse_month(month) if month else None, search)
    readable, problems = PaperStore.load(config.store_path).papers()
    every = list(readable.values())
    for problem in problems:  # one broken entry is named, and the others still listed
        click.echo(f"Warning: {problem}", err=True)
    found = catalog.catalog(every, wanted)
    if topic is not None and not found:
        known = catalog.topics_of(every)
        raise SeminarError(f"no papers under topic {topic!r} (topics: {', '.join(known) or 'none yet'})")
    if as_json:
        click.echo(json.dumps([catalog.as_json(paper) for paper in found], ensure_ascii=False, indent=2))
        return
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    for line in catalog_table(found, width):
        click.echo(line)
    click.echo(f"{len(found)} paper" + ("" if len(found) == 1 else "s"))


@main.command("build")
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Build as if today were YYYY-MM-DD (sessions before it are held: lectureVersion current).",
)
@click.option("--dry-run", is_flag=True, help="Print a unified diff of what would change; write nothing.")
@click.option("--prune", is_flag=True, help="Delete the posts whose session left the plan (backups kept).")
@click.option(
    "--force", is_flag=True, help="Regenerate reading lists edited by hand, keeping the old posts as backups."
)
@_network_options
@click.pass_context
def build(
    ctx: click.Context,
    today: datetime | None,
    dry_run: bool,
    prune: bool,
    force: bool,
    offline: bool,
    refresh: bool,
) -> None:
    """Bring every session's post in line with the plan, _data/schedule.yml.

    \b
    seminar build
    seminar build --dry-run --today 2025-03-20
    """
    from seminar.core.errors import SeminarError, display_path
    from seminar.site import build as building
    from seminar.sources.plan import load_plan

    config = _site(ctx)
    plan = load_plan(config)
    day = today.date() if today else config.today()
    cache = None if dry_run else _cache(config, offline, refresh)
    sessions = building.plan_sessions(config, plan, cache, day)
    result = building.plan_build(config, plan, sessions, building.existing_posts(config))
    for change in result.changes:
        for edit in change.kept:
            click.echo(
                f"Warning: {display_path(change.path)}: {edit.key}: kept as edited ({edit.post!r}); "
                f"the plan says {edit.plan!r}",
                err=True,
            )
    if dry_run:
        click.echo(building.diff(result, config.root, prune=prune), nl=False)
        click.echo(f"would be: {result.summary()}")
        found = building.problems(result, force=force)
        if found:
            raise SeminarError(*found)
        return
    building.apply_build(config, result, prune=prune, force=force)
    _echo_changes(result, prune)
    click.echo(result.summary())


def _echo_changes(build: BuildPlan, prune: bool, besides: PostChange | None = None) -> None:
    """One line per post written, moved or left behind (but `besides`, which the caller reports itself)."""
    for change in (*build.changes, *build.left):
        if change.kind != "unchanged" and change is not besides:
            click.echo(_change_line(change, prune))


def _change_line(change: PostChange, prune: bool) -> str:
    """One line per post written, moved or left behind, as a person reads a build's work."""
    from seminar.core.errors import display_path

    where = display_path(change.path)
    if change.kind == "left":
        return (
            f"deleted {where} (its session left the plan)"
            if prune
            else f"left the plan: {where} (--prune deletes it)"
        )
    if change.renamed:
        return f"moved   {display_path(change.old_path)} -> {where}"
    return f"{change.kind:<8}{where}"


def _write_update(config: SiteConfig, update: Update, force: bool) -> None:
    """Write a plan edit and its build, then say what changed: the plan, and each post written or moved."""
    from seminar.core.errors import display_path
    from seminar.site.update import write_update

    write_update(config, update, force=force)
    if update.edit is not None and update.edit.changed:
        click.echo(f"updated {display_path(update.edit.plan.path)}")
    _echo_changes(update.build, prune=False)


@main.command("add-reading")
@click.option("--week", required=True, help="The session, by its week label in the plan.")
@click.argument("reading")
@click.option("--more", is_flag=True, help="Add it to More Readings instead of Required Readings.")
@click.option("--force", is_flag=True, help="Regenerate a reading list edited by hand (a backup is kept).")
@_network_options
@click.pass_context
def add_reading(
    ctx: click.Context, week: str, reading: str, more: bool, force: bool, offline: bool, refresh: bool
) -> None:
    """Add a reading (arXiv id or title) to a session of the plan, and to its post.

    \b
    seminar add-reading --week S4 2409.11402
    seminar add-reading --week S4 --more "LLoCO: Learning Long Contexts Offline"
    """
    from seminar.site.plan_edit import add_reading as adding
    from seminar.site.update import edited
    from seminar.sources.plan import load_plan

    config = _site(ctx)
    change = adding(load_plan(config), week, reading, more=more)
    update = edited(config, change, _cache(config, offline, refresh), config.today())
    _write_update(config, update, force)


@main.command("move")
@click.option("--week", required=True, help="The session, by its week label in the plan.")
@click.option(
    "--to", "to", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Its new date, YYYY-MM-DD."
)
@click.option("--force", is_flag=True, help="Regenerate reading lists edited by hand (backups are kept).")
@_network_options
@click.pass_context
def move(ctx: click.Context, week: str, to: datetime, force: bool, offline: bool, refresh: bool) -> None:
    """Reschedule a session: its date is fixed in the plan, and its post moves to the new date's file and URL.

    \b
    seminar move --week S4 --to 2025-03-20
    """
    from seminar.core.errors import display_path
    from seminar.site.plan_edit import move_session
    from seminar.site.update import edited
    from seminar.sources.plan import load_plan

    config = _site(ctx)
    dates = {session.week: session.date for session in load_plan(config).sessions}
    change = move_session(week, to.date(), dates)
    update = edited(config, change, _cache(config, offline, refresh), config.today())
    _write_update(config, update, force)
    moved = update.change(week)
    if moved.renamed:
        click.echo(
            f"{week} is now on {to.date().isoformat()}: its post and URL changed "
            f"(was {display_path(moved.old_path)}); links to the old URL no longer work"
        )


@main.group("export")
def export() -> None:
    """The term in other formats: a calendar to subscribe to, the readings as BibTeX."""


def _planned_sessions(ctx: click.Context, offline: bool, refresh: bool, week: str | None = None) -> tuple:
    """The site, its plan and its sessions (readings fetched in one batch unless --offline), or one week's."""
    from seminar.site.build import plan_sessions
    from seminar.sources.plan import load_plan

    config = _site(ctx)
    plan = load_plan(config)
    if week is not None:
        plan.session(week)  # an unknown week is named before anything is fetched
    sessions = [s for p, s in plan_sessions(config, plan, _cache(config, offline, refresh), config.today())]
    return config, plan, [session for session in sessions if week in (None, session.week)]


def _output(data: bytes, output: Path | None) -> None:
    """To stdout, or to a file written atomically, and only when it changed."""
    from seminar.core.errors import display_path
    from seminar.core.fileio import write_atomic

    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if output.is_file() and output.read_bytes() == data:
        click.echo(f"{display_path(output)} is already up to date")
        return
    write_atomic(output, data.decode("utf-8"))
    click.echo(f"wrote {display_path(output)}")


@export.command("ics")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@_network_options
@click.pass_context
def export_ics(ctx: click.Context, output: Path | None, offline: bool, refresh: bool) -> None:
    """An iCalendar file (RFC 5545) with one event per session, for students to subscribe to.

    \b
    seminar export ics -o assets/seminar.ics
    """
    from seminar.site.exports import calendar

    config, plan, sessions = _planned_sessions(ctx.parent, offline, refresh)
    _output(calendar(config, plan, sessions), output)


@export.command("bibtex")
@click.option("--week", help="Only this session's readings.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@_network_options
@click.pass_context
def export_bibtex(
    ctx: click.Context, week: str | None, output: Path | None, offline: bool, refresh: bool
) -> None:
    """Every reading of the term (or of one session) as BibTeX, with eprint, archivePrefix and primaryClass.

    \b
    seminar export bibtex -o readings.bib
    seminar export bibtex --week S4
    """
    from seminar.site.exports import bibliography

    _, _, sessions = _planned_sessions(ctx.parent, offline, refresh, week)
    _output(bibliography(sessions).encode("utf-8"), output)


@main.command("check")
@click.option("--build", "with_jekyll", is_flag=True, help="Also build the site with real Jekyll, strictly.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Check as if today were YYYY-MM-DD.")
@click.pass_context
def check(ctx: click.Context, with_jekyll: bool, today: datetime | None) -> None:
    """Lint the posts as Jekyll reads them and against the plan; write nothing. Exit 1 on any error.

    \b
    seminar check
    seminar check --build
    """
    from seminar.site.check import check_site
    from seminar.site.lint import jekyll_build_problems

    config = _site(ctx)
    problems = check_site(config, today.date() if today else config.today())
    if with_jekyll:
        problems += jekyll_build_problems(config)
    for problem in problems:
        click.echo(str(problem), err=problem.level == "error")
    errors = sum(problem.level == "error" for problem in problems)
    warnings = len(problems) - errors
    click.echo(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    if errors:
        sys.exit(1)


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
    from seminar.core.errors import SeminarError, display_path
    from seminar.site import git as git
    from seminar.site.check import check_site
    from seminar.site.publish import message, seminar_changes

    config = _site(ctx)
    errors = [problem for problem in check_site(config, config.today()) if problem.level == "error"]
    if errors:
        raise SeminarError(*map(str, errors), f"{len(errors)} errors from `seminar check`; nothing committed")
    repo = git.git_root(config.root)
    changes, weeks = seminar_changes(config, repo)
    if not changes:
        click.echo("nothing to publish: seminar's files are as committed")
    else:
        text = message(changes, weeks, repo, subject)
        commit = git.commit(repo, changes, text, include_staged=include_staged)
        click.echo(f"committed {commit}: {text.splitlines()[0]}")
        for change in changes:
            click.echo(f"  {change.kind.value:<9}{display_path(change.path)}")
    if push:
        click.echo(f"pushed {git.push(repo)}")
