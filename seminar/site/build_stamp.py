"""The build stamp: a no-op `seminar build` recognised without doing the build again.

After a build that wrote posts, `.seminar/build-stamp.json` (seminar's private folder, which git and Jekyll
ignore) records a digest of everything a build reads: `_config.yml`, the plan, the paper store, the site's
and seminar's templates, every file of the posts folder (names and bytes), and seminar's own code; with the
days over which the posts' `lectureVersion`s stay as they are, and what the next build would print. The next
build with the same digest on such a day has nothing to do: it prints that and reads nothing else. Any byte
changed anywhere (a post edited, the plan, a template, the store) changes the digest, and the build is done
in full. Contents are compared, not modification times, so an edit is never missed; only the libraries
seminar renders with are recognised by their installed files' size and modification time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from seminar import __version__
from seminar.core.fileio import PRIVATE_DIR, private_dir, write_atomic
from seminar.model.plan import Plan
from seminar.render.markdown import package_templates
from seminar.site.build import BuildPlan, left_line
from seminar.site.posts import post_files
from seminar.sources.config import SiteConfig
from seminar.sources.plan import plan_path

STAMP_NAME = "build-stamp.json"
# What renders and writes a post besides seminar: templates, escaping, slugs, YAML, front-matter reading.
_LIBRARIES = ("jinja2", "markupsafe", "slugify", "text_unidecode", "yaml", "ruamel.yaml", "frontmatter")
_FORMAT = 1


@dataclass(frozen=True)
class Stamp:
    """A build's inputs (`digest`), the days `first`..`last` (None: no end) on which its output stands, and
    what a build with nothing to do reports: the posts whose session left the plan (relative to the site,
    POSIX form) and the summary."""

    digest: str
    first: date
    last: date | None
    left: tuple[str, ...]
    summary: str

    def holds(self, digest: str, today: date) -> bool:
        return digest == self.digest and self.first <= today and (self.last is None or today <= self.last)


def nothing_to_do(config: SiteConfig, today: date) -> tuple[str, ...] | None:
    """What a build as of `today` would print when the last build's stamp shows it has nothing to do; None
    when it may have something to do (no stamp, another input, or a day that changes a `lectureVersion`)."""
    stamp = read_stamp(config)
    if stamp is None or not stamp.holds(inputs_digest(config), today):
        return None
    return (*(left_line(config.root / name, prune=False) for name in stamp.left), stamp.summary)


def stamp_build(config: SiteConfig, plan: Plan, build: BuildPlan, today: date, *, prune: bool) -> None:
    """After `build` was written: record what the next build would find, unless it would have more to say
    than its summary (a hand edit kept against the plan warns every time)."""
    if any(change.kept for change in build.changes):
        return
    settled = build.settled(prune=prune)
    first, last = same_days((session.date for session in plan.sessions if session.date), today)
    left = tuple(change.path.relative_to(config.root).as_posix() for change in settled.left)
    write_stamp(config, Stamp(inputs_digest(config), first, last, left, settled.summary()))


def inputs_digest(config: SiteConfig) -> str:
    """A digest of every file a build reads, by name and content (the site's and seminar's templates folders
    whole, includes and all), of seminar's own code by content, and of the libraries that shape a post by
    their installed files' size and modification time (an upgrade rewrites them)."""
    sha = hashlib.sha256(f"seminar {__version__} stamp {_FORMAT}\n".encode())
    templates = [config.root / "templates", package_templates()]
    files = [config.config_path, plan_path(config), config.store_path]
    if config.profile.schedule_index is not None:
        files.append(config.root / config.profile.schedule_index)
    files += [path for folder in templates if folder.is_dir() for path in sorted(folder.rglob("*"))]
    files += post_files(config.posts_path)
    files += sorted(Path(__file__).resolve().parents[1].rglob("*.py"))  # seminar's own code
    for path in files:  # named relative to the site where they are in it, so a copied site keeps its stamp
        if path.is_dir():
            continue
        name = path.relative_to(config.root) if path.is_relative_to(config.root) else path
        sha.update(f"\0{name}\0".encode())
        try:
            sha.update(path.read_bytes())
        except FileNotFoundError:
            sha.update(b"\0absent")
    for library in _LIBRARIES:
        spec = importlib.util.find_spec(library)
        origin = spec.origin if spec is not None else None
        status = os.stat(origin) if origin else None
        sha.update(f"\0{library}\0{origin}\0{status and (status.st_size, status.st_mtime_ns)}".encode())
    return sha.hexdigest()


def read_stamp(config: SiteConfig) -> Stamp | None:
    """The stamp the last build left, or None (none, or not one this version can read)."""
    try:
        data = json.loads((config.root / PRIVATE_DIR / STAMP_NAME).read_text(encoding="utf-8"))
        last = data["last"]
        return Stamp(
            str(data["digest"]),
            date.fromisoformat(data["first"]),
            None if last is None else date.fromisoformat(last),
            tuple(str(name) for name in data["left"]),
            str(data["summary"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_stamp(config: SiteConfig, stamp: Stamp) -> None:
    """Record the stamp (atomically) in the site's private folder."""
    data = {
        "format": _FORMAT,
        "digest": stamp.digest,
        "first": stamp.first.isoformat(),
        "last": None if stamp.last is None else stamp.last.isoformat(),
        "left": list(stamp.left),
        "summary": stamp.summary,
    }
    write_atomic(private_dir(config.root) / STAMP_NAME, json.dumps(data, indent=2) + "\n")


def same_days(dates: Iterable[date], today: date) -> tuple[date, date | None]:
    """The days on which every session's `lectureVersion` is what it is `today`: from today up to the first
    session on or after it (a session is held, `current`, once its day has passed)."""
    upcoming = [day for day in dates if day >= today]
    return today, min(upcoming) if upcoming else None
