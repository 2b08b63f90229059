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
    from seminar.cache import ArxivCache
    from seminar.config import SiteConfig


class _Group(click.Group):
    """Reports seminar's errors and the system's as `Error: ...` lines with exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        from seminar.errors import SeminarError, display_path

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
    from seminar.config import find_site, load_config

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
    from seminar.cache import ArxivCache

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
    """
    from seminar.errors import display_path
    from seminar.fileio import Outcome
    from seminar.sessions import SessionRequest, plan_post, write_post

    config = _site(ctx)
    request = SessionRequest(date=when.date() if when else None, **options)
    post = plan_post(config, request, None if dry_run else _cache(config, offline, refresh))
    for warning in post.warnings:
        click.echo(f"Warning: {warning}", err=True)
    where = display_path(post.path)
    if dry_run:
        click.echo(f"would write {where}:")
        click.echo(post.text, nl=False)
        return
    written = write_post(config, post, force=force)
    readings = f"readings: {len(post.session.required)} required + {len(post.session.more)} more"
    if written.outcome is Outcome.CREATED:
        click.echo(f"wrote {where} ({readings})")
    elif written.outcome is Outcome.UPDATED:
        click.echo(f"overwrote {where} ({readings}); the old file is kept as {display_path(written.backup)}")
    else:
        click.echo(f"{where} is already up to date")


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

    from seminar.arxiv_ids import parse_arxiv_id
    from seminar.bibtex import bibtex
    from seminar.readings import lookup_each
    from seminar.render import environment, render

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
    from seminar.posts import referenced_ids

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
    from seminar.arxiv_ids import parse_arxiv_id

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
