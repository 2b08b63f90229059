"""The plan's sessions made whole: readings fetched and looked up, defaults applied, dates and versions set.

Every command that writes or exports posts goes through `plan_sessions`: one batch fetch for the whole plan,
then one `Session` per plan session, with each unresolved reading named by its plan line. `reading_hints`
then names the readings a build writes with less than they could show, and how to fix each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from seminar.core.errors import Diagnostic, SeminarError, display_path, error, warning
from seminar.model.arxiv_ids import parse_arxiv_id
from seminar.model.papers import Paper
from seminar.model.plan import Plan, PlanSession
from seminar.model.session import DEFAULT_LAYOUT, PLAN_FIELDS, FieldValue, Session, desc_of
from seminar.render.markers import START_LINE
from seminar.sources.cache import ArxivCache
from seminar.sources.config import SiteConfig
from seminar.sources.readings import awaits_metadata, lookup
from seminar.sources.store import PaperStore

if TYPE_CHECKING:
    from seminar.site.build import PostChange


@dataclass(frozen=True)
class PlannedSession:
    """A plan session and the session its post is made from; `unfetched` says, by arXiv id, why a reading
    known by an id whose metadata is missing could not be fetched this time (offline, not on arXiv, ...)."""

    planned: PlanSession
    session: Session
    unfetched: Mapping[str, str] = field(default_factory=dict)


def current_store(
    config: SiteConfig, cache: ArxivCache | None, store: PaperStore | None = None
) -> PaperStore:
    """The paper store a run works from: the cache's (read once per run), else `store`, else the site's."""
    if cache is not None:
        return cache.store()
    return store if store is not None else PaperStore.load(config.store_path)


def plan_sessions(
    config: SiteConfig, plan: Plan, cache: ArxivCache | None, today: date, store: PaperStore | None = None
) -> list[PlannedSession]:
    """Every session of the plan with its readings, fetched in one batch; every unresolved one named.

    Without a cache nothing is fetched: readings come from `store` (a dry run's, in memory) or the site's.
    A title whose entry knows its arXiv id but not its metadata is fetched with the ids; when arXiv cannot be
    asked (offline, unreachable) the entry is taken as it is (its title and link), and `reading_hints` says
    so for the posts written.
    Raises SeminarError listing the plan's problems and each reading that cannot be found, in line order.
    """
    references = [reading.reference for s in plan.sessions for reading in s.readings]
    store, reasons = gather_readings(
        config, list(dict.fromkeys(references)), current_store(config, cache, store), cache
    )
    sessions: list[PlannedSession] = []
    problems: list[Diagnostic] = []
    for planned in plan.sessions:
        papers = _papers(plan, planned, store, reasons, problems, session_file(config, planned) is None)
        if plan.problems:  # a plan with problems is only checked, its readings too
            continue
        required = papers[: len(planned.required)]
        more = papers[len(required) : len(required) + len(planned.more)]
        background = papers[len(required) + len(more) :]
        session = make_session(config, plan, planned, required, more, today, background)
        unfetched = {
            paper.arxiv_id: reasons[paper.arxiv_id]
            for paper in papers
            if paper.arxiv_id in reasons and awaits_metadata(paper)
        }
        sessions.append(PlannedSession(planned, session, unfetched))
    plan.refuse(problems)
    return sessions


def make_session(
    config: SiteConfig,
    plan: Plan,
    planned: PlanSession,
    required: list[Paper],
    more: list[Paper],
    today: date,
    background: list[Paper] | None = None,
) -> Session:
    """The session with its readings found: what the plan leaves out comes from the site's defaults, and the
    derived keys (desc, lectureVersion) from its week and date.

    A value the plan gives empty (a text "", a list [] or "") blanks the site's default.
    """
    assert planned.date is not None  # the plan reader dates every session of a plan without problems
    values: dict[str, FieldValue] = {}
    for spec in PLAN_FIELDS:
        if spec.derived:
            continue
        given = planned.fields.get(spec.key)
        if spec.kind == "list":
            values[spec.attribute] = given if given is not None else config.default_list(spec.key)
        else:
            values[spec.attribute] = given if given is not None else config.default_text(spec.key)
    version = planned.fields.get("lectureVersion")
    desc = planned.fields.get("desc")
    return Session(
        week=planned.week,
        date=planned.date,
        lecture_version=version
        if isinstance(version, str)
        else ("current" if planned.date < today else "next"),
        desc=desc
        if isinstance(desc, str)
        else desc_of(plan.year or config.year or planned.date.year, planned.week),
        term=plan.term or config.term,
        layout=config.default_text("layout") or DEFAULT_LAYOUT,
        required=tuple(required),
        more=tuple(more),
        background=tuple(background or ()),
        file=session_file(config, planned),
        **values,  # type: ignore[arg-type]
    )


def session_file(config: SiteConfig, planned: PlanSession) -> str | None:
    """The session's file relative to the site when it is fixed: the plan's `file`, or in a collection the
    week label's file (`_contents/S0-L07.md`); None for a post, whose name follows its date and title."""
    if planned.file is not None:
        return planned.file
    if config.collection is not None:
        return f"{config.posts_dir}/{planned.week}.md"
    return None


def _papers(
    plan: Plan,
    planned: PlanSession,
    store: PaperStore,
    reasons: Mapping[str, str],
    problems: list[Diagnostic],
    once: bool = True,
) -> list[Paper]:
    """The session's papers; each reading not found, and (with `once`) each listed twice, is a problem.

    A session file seminar did not write may list a reading twice: that is its author's to keep.
    """
    papers: list[Paper] = []
    for reading in planned.readings:
        where = f"session {planned.week}"
        try:
            paper = lookup(store, reading.reference, reasons=reasons)
        except SeminarError as failure:
            problems.extend(found.within(plan.path, reading.line, where) for found in failure.diagnostics)
            continue
        if once and any(paper.key == other.key for other in papers):
            problems.append(
                error(
                    "listed twice in this session", plan.path, reading.line, f"{where}: {reading.reference}"
                )
            )
        papers.append(paper)
    return papers


def gather_readings(
    config: SiteConfig, references: list[str], store: PaperStore, cache: ArxivCache | None
) -> tuple[PaperStore, dict[str, str]]:
    """The store with these readings fetched (ids in one batch, titles by title search), and why any failed.

    A title whose entry knows its arXiv id but not its metadata is fetched in the ids' batch; when it cannot
    be (offline, arXiv unreachable), its entry is kept as it is: a post can still show its title and link,
    and a warning (`reading_hints`) says the metadata is missing. Without a cache (a dry run or a check,
    which write nothing, the store included) nothing is fetched: what is not cached gets a reason saying how
    to cache it, and a title's entry is taken as it is.
    """
    titles = [reference for reference in references if parse_arxiv_id(reference) is None]
    if cache is None:
        where = display_path(config.store_path)
        hint = "this command fetches nothing: `seminar build`, `fetch-abstract` or `resolve` caches it"
        missing = [found.base for found in map(parse_arxiv_id, references) if found]
        missing = [key for key in missing if not store.has_metadata(key)]
        missing += [title for title in titles if store.by_title(title) is None]
        return store, {key: f"not cached in {where}; {hint}" for key in missing}
    ids = arxiv_ids(references, store)
    reasons = cache.ensure(ids).failures if ids else {}
    if titles:
        reasons.update(cache.resolve_titles(titles)[1])
    return cache.store(), reasons


def arxiv_ids(references: Iterable[str], store: PaperStore) -> list[str]:
    """The base arXiv ids these readings need fetched, once each in order: the ids given, and those of the
    titles whose store entry knows the id but not yet its metadata."""
    ids = []
    for reference in references:
        found = parse_arxiv_id(reference)
        key = found.base if found is not None else store.awaiting_metadata(reference)
        if key is not None:
            ids.append(key)
    return list(dict.fromkeys(ids))


def _lacking(changes: Iterable[PostChange], written_only: bool) -> Iterator[tuple[str, Paper, bool]]:
    """(week, paper, awaiting) for each reading seminar writes that shows less than it could: `awaiting` an
    arXiv id whose metadata was never fetched, else a title alone (no link, no abstract). Only reading lists
    between seminar's markers are looked at, and with `written_only` only the posts a build writes."""
    for change in changes:
        session = change.session
        if session is None or change.error is not None or not START_LINE.search(change.text or ""):
            continue
        if written_only and change.kind not in ("new", "updated"):
            continue
        for paper in {paper.key: paper for paper in session.papers}.values():
            if awaits_metadata(paper):
                yield session.week, paper, True
            elif paper.arxiv_id is None and paper.link is None and not paper.abstract:
                yield session.week, paper, False


def _awaiting(week: str, paper: Paper, why: str | None = None) -> Diagnostic:
    """The warning for a reading whose arXiv id has no metadata: why it could not be fetched, when a fetch was
    tried, else that the next build or fetch fetches it."""
    fix = why or "`seminar build` (or `seminar fetch`) fetches it"
    return warning(
        f"has an arXiv id ({paper.arxiv_id}) but no metadata yet: {fix}",
        key=f"session {week}: {paper.title!r}",
    )


# Up to this many readings known by a title alone are named one a line, with the command that finds each;
# more are summed up in one line, which would otherwise bury the other warnings of the command.
NAMED_TITLES_ALONE = 3


def reading_hints(
    changes: Iterable[PostChange], unfetched: Mapping[str, str] | None = None
) -> list[Diagnostic]:
    """What a command that writes posts says of their readings that show less than they could:

    - an arXiv id whose metadata was never fetched (a paper list or an adopted site named the id): a warning
      each, `seminar build` (or `seminar fetch`) fetches it;
    - a title alone, with no link and no abstract: a warning each naming its session and title, with
      `seminar resolve "TITLE"`, which finds it on arXiv (a paper not on arXiv needs its `url` in the store);
      more than `NAMED_TITLES_ALONE` of them, one warning summing them up.

    A build with nothing to write says nothing; a session file a person wrote keeps its own readings.
    `changes` are a build's (`site.build.PostChange`); `unfetched` says why an id could not be fetched
    (`BuildPlan.unfetched`).
    """
    return _reading_warnings(changes, written_only=True, named=NAMED_TITLES_ALONE, unfetched=unfetched)


def reading_summary(changes: Iterable[PostChange]) -> list[Diagnostic]:
    """What `seminar check` says of every reading seminar writes that shows less than it could: a warning per
    arXiv id not fetched yet, and one warning for all the readings known by a title alone (how many, in
    which sessions, and the fix), so that a term of title-only readings is one line, not one a reading."""
    return _reading_warnings(changes, written_only=False, named=0)


def _reading_warnings(
    changes: Iterable[PostChange],
    *,
    written_only: bool,
    named: int,
    unfetched: Mapping[str, str] | None = None,
) -> list[Diagnostic]:
    """The warnings of `reading_hints` and `reading_summary`: titles alone named one a line up to `named`."""
    found: list[Diagnostic] = []
    alone: list[tuple[str, Paper]] = []
    for week, paper, awaiting in _lacking(changes, written_only=written_only):
        if awaiting:
            found.append(_awaiting(week, paper, (unfetched or {}).get(paper.arxiv_id or "")))
        else:
            alone.append((week, paper))
    if 0 < len(alone) <= named:
        found.extend(
            warning(
                f"a title alone (no link, no abstract): `seminar resolve {_shell_quoted(paper.title)}` finds "
                "it on arXiv; a paper not on arXiv needs its link as `url` in the paper store",
                key=f"session {week}: {paper.title!r}",
            )
            for week, paper in alone
        )
    elif alone:
        weeks = list(dict.fromkeys(week for week, _ in alone))
        many = len(alone) != 1
        found.append(
            warning(
                f"{len(alone)} reading{'s' * many} of session{'s' * (len(weeks) != 1)} {', '.join(weeks)} "
                f"{'are titles' if many else 'is a title'} alone (no link, no abstract): `seminar resolve "
                "TITLE` finds a paper on arXiv; a paper not on arXiv needs its link as `url` in the paper "
                "store"
            )
        )
    return found


def fetch_pending(changes: Iterable[PostChange]) -> bool:
    """Whether a reading seminar writes has an arXiv id whose metadata is not fetched yet: a build that can
    reach arXiv would change its post, so such a build is never taken as having nothing to do."""
    return any(awaiting for _, _, awaiting in _lacking(changes, written_only=False))


def _shell_quoted(text: str) -> str:
    """`text` in double quotes, as a POSIX shell reads it back (`"`, `\\`, `$` and backquotes escaped)."""
    return '"' + "".join("\\" + char if char in '"\\$`' else char for char in text) + '"'


def list_references(
    config: SiteConfig, from_list: str, topic: str, store: PaperStore, cache: ArxivCache | None
) -> tuple[list[str], PaperStore]:
    """The readings `--from-list FILE --topic T` names (arXiv ids, else titles), and the store holding them.

    A list given as a file is imported first (a no-op when unchanged), so its notes are the file's current
    ones; without a cache (a dry run) it is imported into memory only. A bare name uses the list as imported
    before. SeminarError when the list or topic is unknown.
    """
    from seminar.sources.catalog import (  # the list reader, only when a list is used
        import_list,
        list_readings,
    )
    from seminar.sources.paperlist import read_list

    path = Path(from_list)
    if path.is_file():
        parsed = read_list(path)
        if cache is None:
            import_list(store, parsed)
        else:
            with cache.updating() as locked:
                import_list(locked, parsed)
            store = cache.store()
    papers = list_readings(store, path.name, topic)
    return [paper.arxiv_id or paper.title for paper in papers], store
