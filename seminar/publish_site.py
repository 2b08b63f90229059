"""What `seminar publish` commits: seminar's files of the site, with a message naming the sessions changed.

Seminar's files are the plan, the paper store, the calendar data and the session posts (those holding its
markers), including posts it moved or pruned since the last commit. Anything else in the repository is the
instructor's, and is never committed by seminar.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from seminar.build import existing_posts
from seminar.config import SiteConfig
from seminar.frontmatter_edit import jekyll_view
from seminar.markers import split_post
from seminar.publish import Change, ChangeKind, pending_changes, removed_since_head
from seminar.schedule import plan_path


def seminar_changes(config: SiteConfig, repo: Path) -> list[Change]:
    """seminar's files that differ from HEAD: new, modified, or deleted."""
    posts = [post.path for post in existing_posts(config) if post.marked]
    gone = [path for path, text in removed_since_head(repo, config.posts_path).items() if _is_session(text)]
    data = [plan_path(config), config.store_path]
    return pending_changes(repo, [*data, *posts, *gone])


def message(changes: list[Change], repo: Path, subject: str | None) -> str:
    """A subject naming the sessions changed (or the one given), then one line per file."""
    weeks = [week for change in changes if (week := _week(change))]
    if subject is None:
        subject = f"Update sessions {', '.join(weeks)}" if weeks else "Update the schedule data"
    body = [f"{change.kind.value:<9}{change.path.relative_to(repo).as_posix()}" for change in changes]
    return subject + "\n\n" + "\n".join(body) + "\n"


def _week(change: Change) -> str | None:
    if change.kind is ChangeKind.DELETED or change.path.suffix not in (".md", ".markdown", ".html"):
        return None
    return _desc(change.path.read_text(encoding="utf-8", errors="replace"))


def _is_session(text: str) -> bool:
    parts = split_post(text)
    return parts is not None and parts.record is not None


def _desc(text: str) -> str | None:
    parts = split_post(text)
    try:
        desc = jekyll_view(parts.yaml).get("desc") if parts else None
    except (ValueError, yaml.YAMLError):
        return None
    return desc.split("-", 1)[-1] if isinstance(desc, str) else None
