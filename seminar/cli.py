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
@click.option("--dry-run", is_flag=True, help="Print the path and the post; write nothing.")
@click.pass_context
def new_session(
    ctx: click.Context, when: datetime | None, force: bool, dry_run: bool, **options: object
) -> None:
    """Write one session post with its readings from the paper store.

    \b
    seminar new-session --week S4 --title "multimodal FMs - video generation" \\
        --date 2025-03-18 --required 2409.11402 --required 2405.19334 --video team-2
    """
    from seminar.errors import display_path
    from seminar.fileio import Outcome
    from seminar.sessions import SessionRequest, plan_post, write_post

    config = _site(ctx)
    request = SessionRequest(date=when.date() if when else None, **options)
    post = plan_post(config, request)
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
    type=click.Choice(["md", "json"]),
    default="md",
    show_default=True,
    help="md: the reading block of a post; json: the store entries.",
)
@click.pass_context
def fetch_abstract(ctx: click.Context, ids: tuple[str, ...], fmt: str) -> None:
    """Print papers by arXiv id, as a post's reading block or as JSON.

    \b
    seminar fetch-abstract 2409.11402 arXiv:2405.19334
    """
    import json

    from seminar.readings import lookup_each
    from seminar.render import environment, render
    from seminar.store import PaperStore

    config = _site(ctx)
    store = PaperStore.load(config.store_path)
    papers, problems = lookup_each(store, list(ids), ids_only=True)
    _report(problems)
    if fmt == "json":
        click.echo(json.dumps([store.entry(paper.key) for paper in papers], ensure_ascii=False, indent=2))
    else:
        env = environment(config.root)
        click.echo("\n".join(render(env, "reading.md.j2", paper=paper) for paper in papers), nl=False)
    if problems:
        sys.exit(1)
