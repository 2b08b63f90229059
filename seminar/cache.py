"""The paper store as a cache of arXiv: only what is missing is fetched, once, by one process at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from seminar.config import SiteConfig
from seminar.errors import display_path
from seminar.fileio import private_dir
from seminar.store import PaperStore

if TYPE_CHECKING:
    from seminar.arxiv_source import ArxivSource


@dataclass
class CacheReport:
    """What one `ensure` did: base ids already cached, fetched now, and failed with their reasons."""

    cached: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)


class ArxivCache:
    """Fetches through one arXiv client per run, created only when something must be fetched."""

    def __init__(self, config: SiteConfig, *, offline: bool = False, refresh: bool = False) -> None:
        self.config = config
        self.offline = offline
        self.refresh = refresh
        self._source: ArxivSource | None = None

    @property
    def requests(self) -> int:
        return self._source.requests if self._source is not None else 0

    def source(self) -> ArxivSource:
        if self._source is None:
            from seminar.arxiv_source import ArxivSource  # the network, and its imports, only when needed

            self._source = ArxivSource(self.config.arxiv)
        return self._source

    def ensure(
        self,
        base_ids: list[str],
        progress: Callable[[int], None] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> CacheReport:
        """Make these papers cached: fetch (in batches) those missing, or all of them with `refresh`."""
        asked = list(dict.fromkeys(base_ids))
        report = CacheReport()
        missing = self._missing(PaperStore.load(self.config.store_path), asked)
        if not missing or self.offline:
            report.cached = [key for key in asked if key not in missing]
            where = display_path(self.config.store_path)
            reason = f"not cached in {where}, and --offline forbids fetching it"
            report.failures = dict.fromkeys(missing, reason)
            return report  # nothing to fetch: no lock taken, nothing written
        lock = private_dir(self.config.root) / "papers.lock"
        with PaperStore.updating(self.config.store_path, lock, on_wait) as store:
            missing = self._missing(store, asked)  # another process may have fetched some meanwhile
            report.cached = [key for key in asked if key not in missing]
            if missing:
                fetched = self.source().fetch(missing, progress)
                for paper in fetched.papers.values():
                    store.put_fetched(paper)
                report.fetched = [key for key in missing if key in fetched.papers]
                report.failures = fetched.failures
        return report

    def _missing(self, store: PaperStore, asked: list[str]) -> list[str]:
        return asked if self.refresh else [key for key in asked if key not in store]
