"""The paper store as a cache of arXiv: only what is missing is fetched, once, by one process at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from seminar.core.errors import SeminarError, display_path, error
from seminar.model.papers import Paper
from seminar.sources.config import SiteConfig
from seminar.sources.store import PaperStore
from seminar.sources.title_match import Match, match_title

if TYPE_CHECKING:
    from seminar.sources.arxiv import ArxivSource


_OPEN = (Match.SUBTITLE, Match.WEAK, Match.NONE)  # what a looser search may still settle

# A progress display: given how many items a long fetch or search has and its label, a context in which
# its callback (or None, to show nothing) is told how many more are done.
Progress = Callable[[int, str], AbstractContextManager[Callable[[int], None] | None]]


@dataclass
class CacheReport:
    """What one `ensure` did: base ids already cached, fetched now, and failed with their reasons."""

    cached: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)


class ArxivCache:
    """Fetches through one arXiv client per run, created only when something must be fetched."""

    def __init__(
        self,
        config: SiteConfig,
        *,
        offline: bool = False,
        refresh: bool = False,
        on_retry: Callable[[str], None] | None = None,
        progress: Progress | None = None,
    ) -> None:
        """`on_retry` is called with what arXiv is asked again for and when (`arXiv answered 503; retrying
        in 4 s (3/5)`); `progress` is entered around a long fetch (more than one request of ids) or a
        search of several titles."""
        self.config = config
        self.offline = offline
        self.refresh = refresh
        self.on_retry = on_retry
        self.progress = progress
        self._source: ArxivSource | None = None
        self._store: PaperStore | None = None

    @property
    def requests(self) -> int:
        return self._source.requests if self._source is not None else 0

    def store(self) -> PaperStore:
        """The store as this run last read or saved it: read once, not once per step."""
        if self._store is None:
            self._store = PaperStore.load(self.config.store_path)
        return self._store

    def source(self) -> ArxivSource:
        if self._source is None:
            from seminar.sources.arxiv import ArxivSource  # the network, and its imports, only when needed

            self._source = ArxivSource(self.config.arxiv, self.on_retry)
        return self._source

    def ensure(self, base_ids: list[str]) -> CacheReport:
        """Make these papers cached: fetch (in batches) those missing, or all of them with `refresh`.

        Nothing is fetched offline: what is missing is reported as not cached."""
        asked = list(dict.fromkeys(base_ids))
        report = CacheReport()
        missing = self._missing(self.store(), asked)
        if not missing or self.offline:
            report.cached = [key for key in asked if key not in missing]
            where = display_path(self.config.store_path)
            reason = f"not cached in {where}, and --offline forbids fetching it"
            report.failures = dict.fromkeys(missing, reason)
            return report  # nothing to fetch: no lock taken, nothing written
        with self.updating() as store:
            missing = self._missing(store, asked)  # another process may have fetched some meanwhile
            report.cached = [key for key in asked if key not in missing]
            if missing:
                source = self.source()
                from seminar.sources.arxiv import BATCH_SIZE  # imported with the source just above

                with self._shown(len(missing), "fetching from arXiv", len(missing) > BATCH_SIZE) as done:
                    fetched = source.fetch(missing, done)
                for paper in fetched.papers.values():
                    store.put_fetched(paper)
                report.fetched = [key for key in missing if key in fetched.papers]
                report.failures = fetched.failures
        return report

    def resolve_titles(
        self, titles: list[str], *, research: bool = False
    ) -> tuple[dict[str, Paper], dict[str, str]]:
        """Papers for readings named by title: from the store, else found on arXiv by title search.

        A clear match is fetched with the search and remembered (a title-only entry of that title folds
        into it); a weak or ambiguous one is a problem naming its candidates, never a guess. With `research`,
        titles whose store entry has no arXiv id are searched too (so a title-only reading gets its id).
        """
        found: dict[str, Paper] = {}
        store = self.store()
        wanted = []
        for title in dict.fromkeys(titles):
            paper = store.by_title(title)
            if paper is not None and (paper.arxiv_id or not research) and not (research and self.refresh):
                found[title] = paper
            else:
                wanted.append(title)
        if not wanted:
            return found, {}
        if self.offline:
            where = display_path(self.config.store_path)
            return found, dict.fromkeys(
                wanted, f"not in {where}, and --offline forbids searching arXiv for it"
            )
        problems: dict[str, str] = {}
        with self.updating() as store:
            with self._shown(len(wanted), "searching arXiv by title", len(wanted) > 1) as done:
                candidates, problems = self.source().search_titles(wanted, progress=done)
            # An exact-phrase search finds no near miss: titles it did not settle are searched by their words.
            unsettled = [
                title for title, papers in candidates.items() if match_title(title, papers).match in _OPEN
            ]
            loose: dict[str, list[Paper]] = {}
            unreachable: dict[str, str] = {}
            if unsettled:
                with self._shown(len(unsettled), "searching arXiv by words", len(unsettled) > 1) as done:
                    loose, unreachable = self.source().search_titles(unsettled, loose=True, progress=done)
            for title, papers in loose.items():
                candidates[title] = [*candidates[title], *papers]
            for title, papers in candidates.items():
                resolution = match_title(title, papers)
                if resolution.paper is not None:
                    store.put_fetched(resolution.paper, asked_title=title)
                    found[title] = resolution.paper
                else:
                    problems[title] = unreachable.get(title) or resolution.problem()
        return found, problems

    def pick(self, title: str, base_id: str) -> Paper:
        """Settle a title by hand: the paper with this id (fetched if need be) answers to it from now on."""
        failure = self.ensure([base_id]).failures.get(base_id)
        if failure is not None:
            raise SeminarError(error(failure, key=base_id))
        with self.updating() as store:
            paper = store.get(base_id)
            assert paper is not None  # ensured just above; arXiv entries are never removed
            store.put_fetched(paper, asked_title=title)
        return paper

    @contextmanager
    def updating(self) -> Iterator[PaperStore]:
        """The store read afresh (a command before this one may have saved meanwhile), then kept."""
        with PaperStore.updating(self.config.store_path) as store:
            self._store = store
            yield store

    def _shown(
        self, count: int, label: str, long: bool
    ) -> AbstractContextManager[Callable[[int], None] | None]:
        """The progress display around a long fetch or search; nothing around a short one."""
        return self.progress(count, label) if long and self.progress is not None else nullcontext()

    def _missing(self, store: PaperStore, asked: list[str]) -> list[str]:
        return asked if self.refresh else [key for key in asked if not store.has_metadata(key)]
