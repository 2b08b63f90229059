"""What `seminar publish` commits: seminar's files of the site, with a message naming the sessions changed.

Seminar's files are the plan, the paper store, the schedule page whose lists it keeps, the session files
(those holding its markers, and those the plan names), including posts it moved or pruned since the last
commit, and the files it exported into the site (`export ics -o FILE`, `export bibtex -o FILE`, as recorded by
`site.export_record`) when they are new or changed. Anything else in the repository is the instructor's, and
is never committed by seminar.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from seminar.core.errors import SeminarError
from seminar.site.export_record import exported_files
from seminar.site.git import Change, ChangeKind, pending_changes, removed_since_head
from seminar.site.posts import SitePost, parse_post
from seminar.site.sessions import session_file
from seminar.sources.config import SiteConfig
from seminar.sources.plan import load_plan, plan_path


def seminar_changes(
    config: SiteConfig, repo: Path, site_posts: Sequence[SitePost]
) -> tuple[list[Change], dict[Path, str]]:
    """seminar's files that differ from HEAD (new, modified or deleted), and each session post's week.

    `site_posts` are the site's posts as read; posts deleted since HEAD are read from git. An exported file
    that is gone was removed by a person (seminar never removes one), and that is not seminar's to commit.
    SeminarError when the record of the exports cannot be read.
    """
    named = planned_files(config)
    posts = {post.path: post.desc for post in site_posts if post.marked or post.path in named}
    removed = removed_since_head(repo, config.posts_path).items()
    gone = [path for path, text in removed if parse_post(path, text).marked]
    data = [plan_path(config), config.store_path]
    if config.profile.schedule_index is not None:  # its date and week lists are seminar's
        data.append(config.root / config.profile.schedule_index)
    weeks = {path: desc.split("-", 1)[-1] for path, desc in posts.items() if desc}
    exports = {path.resolve() for path in exported_files(config)}
    changes = [
        change
        for change in pending_changes(repo, [*data, *posts, *gone, *exports])
        if not (change.kind is ChangeKind.DELETED and change.path.resolve() in exports)
    ]
    return changes, weeks


def planned_files(config: SiteConfig) -> frozenset[Path]:
    """The session files the plan names (an adopted site's, whose readings seminar adds to); none without
    a plan that reads."""
    try:
        plan = load_plan(config)
    except SeminarError:
        return frozenset()
    files = (session_file(config, session) for session in plan.sessions)
    return frozenset(config.root / file for file in files if file is not None)


def message(changes: list[Change], weeks: Mapping[Path, str], repo: Path, subject: str | None) -> str:
    """A subject naming the sessions changed (or the one given), then one line per file."""
    changed = [weeks[change.path] for change in changes if change.path in weeks]
    if subject is None:
        subject = f"Update sessions {', '.join(changed)}" if changed else "Update the schedule data"
    body = [f"{change.kind.value:<9}{change.path.relative_to(repo).as_posix()}" for change in changes]
    return subject + "\n\n" + "\n".join(body) + "\n"
