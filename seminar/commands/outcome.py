"""What every command shares: the `Outcome` it hands back, how it finds its site, how it may use arXiv.

Commands never print: they return an `Outcome` (text for stdout, diagnostics for stderr, an exit status),
and `seminar.report` prints it, so every command reports in one format and a command can be called from
Python and its result read. `site_config` finds the site as `--site` or the current folder says;
`Fetching` carries `--offline` and `--refresh`, and how a fetch shows what it waits for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from seminar.core.errors import Diagnostic, SeminarError
from seminar.core.fileio import interrupted, recover, site_lock, writing
from seminar.sources.cache import ArxivCache, Progress
from seminar.sources.config import SiteConfig, find_site, load_config


@dataclass
class Outcome:
    """`out` is printed to stdout in order (each piece as is), then `data` (bytes) as is; `diagnostics` go to
    stderr; `failed` makes the exit status 1."""

    out: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    data: bytes | None = None
    failed: bool = False

    def line(self, text: str) -> None:
        """A line of stdout."""
        self.out.append(text + "\n")

    def lines(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.line(text)

    def text(self, text: str) -> None:
        """Text for stdout as it is (a post, a diff, an entry), its line breaks its own."""
        self.out.append(text)

    def report(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Errors and warnings for stderr; any error makes the command fail."""
        for diagnostic in diagnostics:
            self.diagnostics.append(diagnostic)
            self.failed = self.failed or diagnostic.level == "error"

    def fail(self, failure: SeminarError) -> Outcome:
        """The outcome so far, with the error that stopped the command."""
        self.report(failure.diagnostics)
        return self


@contextmanager
def running(
    site: Path | None, *, writes: bool, on_wait: Callable[[], None] | None = None
) -> Iterator[list[Diagnostic]]:
    """The context a command runs in. A command that `writes` runs under its site's lock, with its writes one
    transaction (`seminar.core.fileio.writing`); any other only finishes, under the lock, what an
    interrupted command left. Yields the warnings saying what was finished. Where there is no site, the
    command runs as it is (and says so itself)."""
    try:
        root = find_site(Path.cwd(), site)
    except SeminarError:
        yield []
        return
    if writes:
        with writing(root, on_wait) as recovered:
            yield recovered
    elif interrupted(root):
        with site_lock(root, on_wait):
            recovered = recover(root)
        yield recovered
    else:
        yield []


def site_config(site: Path | None) -> SiteConfig:
    """The site's configuration: the one `--site` names, else the nearest site up from here."""
    return load_config(find_site(Path.cwd(), site))


@dataclass(frozen=True)
class Fetching:
    """How a command may use arXiv: `offline` never asks it, `refresh` asks again for what is cached.

    `on_retry` with what arXiv is asked again for and when (`arXiv answered 503; retrying in 4 s (3/5)`);
    `progress` is entered around a long fetch (more than one request of ids, or a search of several titles).
    """

    offline: bool = False
    refresh: bool = False
    on_retry: Callable[[str], None] | None = None
    progress: Progress | None = None

    def cache(self, config: SiteConfig) -> ArxivCache:
        """The run's arXiv cache: the site's paper store, fetched into only when needed."""
        return ArxivCache(
            config,
            offline=self.offline,
            refresh=self.refresh,
            on_retry=self.on_retry,
            progress=self.progress,
        )
