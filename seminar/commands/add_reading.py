"""`seminar add-reading`: readings added to a session of the plan, and to its post."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from seminar.commands.changes import report_update, write
from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import Diagnostic, SeminarError, display_path, error
from seminar.model.arxiv_ids import parse_arxiv_id
from seminar.model.papers import Paper
from seminar.model.plan import READING_KEYS, PlanSession
from seminar.model.session import check_line
from seminar.model.titles import normalize_title
from seminar.site.plan_edit import add_readings, edit_plan
from seminar.site.sessions import gather_readings
from seminar.site.update import edited
from seminar.sources.plan import load_plan
from seminar.sources.readings import lookup, lookup_each
from seminar.sources.store import PaperStore

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)

_SECTION_OPTIONS = tuple(f"--{section}" for section in READING_KEYS)
LINK_SOURCE = "seminar add-reading --url"  # the paper store's `source` of a reading added by its link


def run(
    site: Path | None,
    week: str,
    fetching: Fetching,
    *,
    references: tuple[str, ...] = (),
    required: tuple[str, ...] = (),
    more: tuple[str, ...] = (),
    background: tuple[str, ...] = (),
    url: str | None = None,
    title: str | None = None,
    section: str | None = None,
    force: bool = False,
) -> Outcome:
    """Add readings to session `week`: `references` and `required` to its required readings, `more` and
    `background` to theirs (arXiv ids or titles, looked up and fetched in one batch), and a reading that is
    not on arXiv by its `url` and `title` to `section` (default required), put into the paper store.

    SeminarError, and nothing written, when a reading cannot be had, the session has it already or it is
    given twice, the week is not planned, a URL is not http(s), or the options do not go together. The
    paper store may keep what was fetched (and the `url` reading) when the posts then cannot be written
    (a hand-edited reading list, without `force`; with it, a warning names the old post's backup)."""
    named = _named(references, required, more, background)
    link = _link(url, title, section)
    wanted = [*named, *([(section or "required", link.title)] if link is not None else [])]
    if not wanted:
        raise SeminarError(
            error(
                "no reading given: name one (PAPER, --required, --more, --background), or --url with --title"
            )
        )
    config = site_config(site)
    session = load_plan(config).session(week)
    change = add_readings(week, wanted)
    edit_plan(config, change, existing=True)  # the week's readings are new to it, the plan stays valid
    cache = fetching.cache(config)
    asked = [reference for _, reference in named]
    store, reasons = gather_readings(config, asked, cache.store(), cache)
    papers, missing = lookup_each(store, asked, reasons=reasons)
    if missing:
        raise SeminarError(*missing)
    entry, new = _link_entry(store, link) if link is not None else (None, False)
    repeated = _repeated(store, session, wanted, [*papers, *([entry] if entry is not None else [])])
    if repeated:
        raise SeminarError(*repeated)
    if entry is not None and new:
        with cache.updating() as locked:  # the build finds it there: no arXiv search for its title
            locked.put(entry)
    update = edited(config, change, cache, config.today())
    backups = write(config, update, force=force)
    outcome = Outcome()
    report_update(outcome, update, backups=backups)
    return outcome


def _named(
    references: tuple[str, ...], required: tuple[str, ...], more: tuple[str, ...], background: tuple[str, ...]
) -> list[tuple[str, str]]:
    """The readings named by id or title, as (section, reference): a PAPER given alone is required.

    `--more --background X` (flags once) now gives `--more` the value `--background`: a one-line error."""
    by_section = {"required": (*references, *required), "more": more, "background": background}
    for option, values in zip(_SECTION_OPTIONS, (required, more, background), strict=True):
        for value in values:
            if value in _SECTION_OPTIONS:
                raise SeminarError(error(f"{option} and {value} go to different sections: give one"))
    return [(section, reference) for section in READING_KEYS for reference in by_section[section]]


def _link(url: str | None, title: str | None, section: str | None) -> Paper | None:
    """The reading `--url` and `--title` give (None without them), checked: an http(s) link, a one-line
    title that is not an arXiv id. SeminarError naming the value at fault."""
    if url is None and title is None:
        if section is not None:
            raise SeminarError(error("--section places the --url reading: give --url and --title with it"))
        return None
    if url is None or title is None:
        raise SeminarError(
            error("--url and --title go together: a reading not on arXiv is a link and a title")
        )
    link = url.strip()
    parts = urlsplit(link)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(map(str.isspace, link)):
        raise SeminarError(
            error("only http(s) links are accepted, such as https://example.org/post", key=f"--url {url!r}")
        )
    check_line("--title", title)
    if parse_arxiv_id(title) is not None:
        raise SeminarError(
            error("is an arXiv id: add it as a reading by its id, without --url", key=f"--title {title!r}")
        )
    if not normalize_title(title):
        raise SeminarError(error("has no letters or digits to name the reading by", key=f"--title {title!r}"))
    return Paper(title=title.strip(), url=link, source=LINK_SOURCE)


def _link_entry(store: PaperStore, link: Paper) -> tuple[Paper, bool]:
    """The paper store's entry for the `--url` reading, and whether it must be put there (it is new, or an
    entry of its title gets its link). SeminarError when the title is an arXiv paper's in the store, or the
    store gives it another link (never replaced silently)."""
    existing = store.by_title(link.title)
    if existing is None:
        return link, True
    where = display_path(store.path)
    if existing.arxiv_id:
        raise SeminarError(
            error(
                f"is arXiv {existing.arxiv_id}'s title in {where}: add it by its id, without --url",
                key=f"--title {link.title!r}",
            )
        )
    if existing.url is None:
        return replace(existing, url=link.url), True  # its notes and listings stay
    if existing.url != link.url:
        raise SeminarError(
            error(
                f"{where} links this reading to {existing.url}: give that link, or change it there first",
                key=f"--url {link.url!r}",
            )
        )
    return existing, False


def _repeated(
    store: PaperStore, session: PlanSession, wanted: list[tuple[str, str]], papers: list[Paper]
) -> list[Diagnostic]:
    """An error for each reading `wanted` names (its paper in `papers`) that the session has already (the
    same paper named otherwise, an id for a title) or that is given twice."""
    have: dict[str, str] = {}
    for group in READING_KEYS:
        for reading in getattr(session, group):
            try:
                have.setdefault(lookup(store, reading.reference).key, group)
            except SeminarError:
                continue  # the build names a reading it cannot find
    problems = []
    seen: set[str] = set()
    for (_, reference), paper in zip(wanted, papers, strict=True):
        if paper.key in have:
            problems.append(
                error(f"already a reading of session {session.week} ({have[paper.key]})", key=reference)
            )
        elif paper.key in seen:
            problems.append(error("given more than once", key=reference))
        seen.add(paper.key)
    return problems
