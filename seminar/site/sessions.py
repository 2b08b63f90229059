"""Making a session from what the instructor asked for: readings resolved, defaults applied, post rendered."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from seminar.core.errors import SeminarError, display_path
from seminar.core.fileio import Written, write_text
from seminar.model.arxiv_ids import parse_arxiv_id
from seminar.model.papers import Paper, Session
from seminar.render.post import check_line, check_week_label, post_path, render_post
from seminar.sources.cache import ArxivCache
from seminar.sources.catalog import import_list, list_readings
from seminar.sources.config import SiteConfig
from seminar.sources.paperlist import read_list
from seminar.sources.readings import lookup_all
from seminar.sources.store import PaperStore


@dataclass(frozen=True)
class SessionRequest:
    """What `seminar new-session` was given; anything left out comes from the site's defaults."""

    week: str
    date: date | None = None
    title: str | None = None
    required: tuple[str, ...] = ()
    more: tuple[str, ...] = ()
    lecture: str | None = None
    extra_content: str | None = None
    notes: str | None = None
    video: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    from_list: str | None = None  # a paper list (file, or the name of one imported): with `topic`,
    topic: str | None = None  # its papers under that topic become the first required readings


@dataclass(frozen=True)
class PlannedPost:
    session: Session
    path: Path
    text: str
    warnings: tuple[str, ...] = ()


def plan_session(
    config: SiteConfig,
    store: PaperStore,
    request: SessionRequest,
    today: date,
    reasons: dict[str, str] | None = None,
) -> Session:
    """The session the request describes; every problem with it is reported before anything is written."""
    check_request(request)
    papers = lookup_all(store, [*request.required, *request.more], reasons)  # every missing one named
    _refuse_repeats(papers)
    required, more = papers[: len(request.required)], papers[len(request.required) :]
    return make_session(config, request, required, more, today)


def check_request(request: SessionRequest) -> None:
    """The week label and texts are usable in a post, named by the option that gave them."""
    check_week_label(request.week)
    texts = [
        ("--title", request.title),
        ("--lecture", request.lecture),
        ("--extra-content", request.extra_content),
        ("--notes", request.notes),
        ("--video", request.video),
        *(("--tags", tag) for tag in request.tags),
        *(("--categories", category) for category in request.categories),
    ]
    for option, value in texts:
        if value is not None:
            check_line(option, value)


def make_session(
    config: SiteConfig, request: SessionRequest, required: list[Paper], more: list[Paper], today: date
) -> Session:
    """The session with its readings found: what the request leaves out comes from the site's defaults."""
    when = request.date or today
    return Session(
        week=request.week,
        date=when,
        title=request.title or None,
        lecture_version="current" if when < today else "next",
        desc=f"{config.year or when.year}-{request.week}",
        term=config.term,
        layout=config.default_text("layout") or "post",
        lecture=_pick(request.lecture, config.default_text("lecture")),
        extra_content=_pick(request.extra_content, config.default_text("extraContent")),
        notes=_pick(request.notes, config.default_text("notes")),
        video=_pick(request.video, config.default_text("video")),
        tags=request.tags or config.default_list("tags"),
        categories=request.categories or config.default_list("categories"),
        required=tuple(required),
        more=tuple(more),
    )


def plan_post(
    config: SiteConfig, request: SessionRequest, cache: ArxivCache | None, store: PaperStore | None = None
) -> PlannedPost:
    """The post `new-session` would write, and what the instructor should know about it.

    Its uncached arXiv readings are fetched first, in one batch, through `cache`; without one (a dry run,
    which writes nothing, the store included) they are named as missing, unless `store` has them.
    """
    today = config.today()
    check_week_label(request.week)  # before any fetching
    if cache is not None:
        store = cache.store()
    elif store is None:
        store = PaperStore.load(config.store_path)
    request, store = with_list_readings(config, request, store, cache)
    store, reasons = gather_readings(config, [*request.required, *request.more], store, cache)
    session = plan_session(config, store, request, today, reasons)
    warnings = []
    if session.date > today and not config.future:
        warnings.append(
            f"{display_path(config.config_path)} lacks `future: true`: Jekyll will not publish this post "
            f"before {session.date.isoformat()}"
        )
    return PlannedPost(session, post_path(config, session), render_post(config, session), tuple(warnings))


def with_list_readings(
    config: SiteConfig, request: SessionRequest, store: PaperStore, cache: ArxivCache | None
) -> tuple[SessionRequest, PaperStore]:
    """The request with `--from-list`'s papers (as ids or titles) first among its required readings, and the
    store that holds them (a dry run's store has the list imported in memory only)."""
    if request.from_list is None and request.topic is None:
        return request, store
    references, store = _list_references(config, request, store, cache)
    return replace(request, required=(*references, *request.required), from_list=None, topic=None), store


def gather_readings(
    config: SiteConfig, references: list[str], store: PaperStore, cache: ArxivCache | None
) -> tuple[PaperStore, dict[str, str]]:
    """The store with these readings fetched (ids in one batch, titles by title search), and why any failed.

    Without a cache (a dry run or a check, which write nothing, the store included) nothing is fetched: what
    is not cached gets a reason saying how to cache it.
    """
    ids = [found.base for found in map(parse_arxiv_id, references) if found]
    titles = [reference for reference in references if parse_arxiv_id(reference) is None]
    if cache is None:
        where = display_path(config.store_path)
        hint = "this command fetches nothing: `seminar build`, `fetch-abstract` or `resolve` caches it"
        missing = [key for key in ids if not store.has_metadata(key)]
        missing += [title for title in titles if store.by_title(title) is None]
        return store, {key: f"not cached in {where}; {hint}" for key in missing}
    reasons = cache.ensure(ids).failures if ids else {}
    if titles:
        reasons.update(cache.resolve_titles(titles)[1])
    return cache.store(), reasons


def _list_references(
    config: SiteConfig, request: SessionRequest, store: PaperStore, cache: ArxivCache | None
) -> tuple[list[str], PaperStore]:
    """The readings `--from-list FILE --topic T` names, by arXiv id or title.

    A list given as a file is imported first (a no-op when unchanged), so its notes are the file's current
    ones; a dry run imports it into memory only. A bare name uses the list as imported before.
    """
    if request.from_list is None or request.topic is None:
        raise SeminarError("--from-list and --topic go together: the list's papers under that topic")
    path = Path(request.from_list)
    if path.is_file():
        parsed = read_list(path)
        if cache is None:
            import_list(store, parsed)
        else:
            with cache.updating() as locked:
                import_list(locked, parsed)
            store = cache.store()
    papers = list_readings(store, path.name, request.topic)
    return [paper.arxiv_id or paper.title for paper in papers], store


def write_post(config: SiteConfig, post: PlannedPost, *, force: bool) -> Written:
    return write_text(post.path, post.text, force=force, site_root=config.root)


def _pick(given: str | None, default: str | None) -> str | None:
    """An option given on the command line wins, even given empty (which blanks the site's default)."""
    return given if given is not None else default


def _refuse_repeats(papers: list[Paper]) -> None:
    seen: set[str] = set()
    problems = []
    for paper in papers:
        if paper.key in seen:
            problems.append(f"{paper.key}: listed more than once in this session")
        seen.add(paper.key)
    if problems:
        raise SeminarError(*problems)
