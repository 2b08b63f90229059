"""What `seminar publish` commits: seminar's files of the site, with a message naming the sessions changed.

Seminar's files are the plan, the paper store, the calendar data and the session posts (those holding its
markers), including posts it moved or pruned since the last commit. Anything else in the repository is the
instructor's, and is never committed by seminar.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from seminar.render.markers import split_post
from seminar.site.build import existing_posts
from seminar.site.git import Change, pending_changes, removed_since_head
from seminar.sources.config import SiteConfig
from seminar.sources.plan import plan_path


def seminar_changes(config: SiteConfig, repo: Path) -> tuple[list[Change], dict[Path, str]]:
    """seminar's files that differ from HEAD (new, modified or deleted), and each session post's week."""
    posts = {post.path: post.desc for post in existing_posts(config) if post.marked}
    gone = [path for path, text in removed_since_head(repo, config.posts_path).items() if _is_session(text)]
    data = [plan_path(config), config.store_path]
    weeks = {path: desc.split("-", 1)[-1] for path, desc in posts.items() if desc}
    return pending_changes(repo, [*data, *posts, *gone]), weeks


def message(changes: list[Change], weeks: Mapping[Path, str], repo: Path, subject: str | None) -> str:
    """A subject naming the sessions changed (or the one given), then one line per file."""
    changed = [weeks[change.path] for change in changes if change.path in weeks]
    if subject is None:
        subject = f"Update sessions {', '.join(changed)}" if changed else "Update the schedule data"
    body = [f"{change.kind.value:<9}{change.path.relative_to(repo).as_posix()}" for change in changes]
    return subject + "\n\n" + "\n".join(body) + "\n"


def _is_session(text: str) -> bool:
    parts = split_post(text)
    return parts is not None and parts.record is not None
