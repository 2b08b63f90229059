"""`seminar build`: every session's post brought in line with the plan, and nothing else touched.

A post is tied to its session by `desc` (`<year>-<week>`). Building works out every change first — new
posts, updated ones, posts that move to another date's file, posts whose session left the plan — and refuses
the whole build when any post has a conflict (a hand edit inside the generated reading list, a post that
cannot be adopted), so a build is written completely or not at all. A post that would come out the same is
not written: its bytes and modification time stay.

Every change of a published URL is worked out with the build, whatever caused it (a date, a title, a
category, `--force`, or `permalink:`/`baseurl:` in `_config.yml`): each session file's URL before (its old
name and front matter, under the URL settings the posts were last written under, recorded in
`.seminar/url-settings.json` by every write) and after, as Jekyll computes them (`seminar.site.urls`).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from seminar.core.errors import Diagnostic, SeminarError, display_path, error, warning
from seminar.core.fileio import keep_backup, remove_file, write_atomic
from seminar.core.yamlio import EditError
from seminar.model.plan import Plan, PlanSession
from seminar.model.session import DERIVED_KEYS, PLAN_FIELDS, POST_NAME, Session
from seminar.render.markers import wrap
from seminar.render.post import EXCERPT, front_matter, post_path, render_post, render_region
from seminar.site.collection_names import document_order_key
from seminar.site.frontmatter_edit import KeptEdit, merge_front_matter
from seminar.site.posts import (
    PostParts,
    SitePost,
    edited_region,
    last_start_marker,
    marked_region,
    parse_post,
    unix_lines,
)
from seminar.site.sessions import PlannedSession
from seminar.site.urls import (
    URLSettings,
    record_url_settings,
    recorded_url_settings,
    session_file_url,
    site_url_settings,
)
from seminar.sources.config import SiteConfig

if TYPE_CHECKING:
    from seminar.site.schedule_index import IndexChange

# Keys every build sets, from the plan or else from the session's date, week and term.
ALWAYS_SET = DERIVED_KEYS
_READINGS_START = ("In this session, our readings cover:", "## Required Readings:")


@dataclass(frozen=True)
class PostChange:
    """What building does to one post: `text` None removes it.

    `conflict` says why writing it needs --force (a person's text would be replaced; a backup is kept);
    `error` why it cannot be written at all; `pruned_first` why it needs --prune (its file is the post of a
    session that left the plan, which the build deletes first then).
    """

    week: str | None
    path: Path
    old_path: Path | None = None
    old_text: str | None = None
    text: str | None = None
    kept: tuple[KeptEdit, ...] = ()
    conflict: Diagnostic | None = None
    error: Diagnostic | None = None
    session: Session | None = None
    pruned_first: Diagnostic | None = None

    @property
    def kind(self) -> str:
        if self.old_path is None:
            return "new"
        if self.text is None:
            return "left"
        if self.text == self.old_text and self.path == self.old_path:
            return "unchanged"
        return "updated"

    @property
    def renamed(self) -> bool:
        return self.old_path is not None and self.text is not None and self.path != self.old_path


@dataclass(frozen=True)
class URLChange:
    """A session file's published URL before the build and after it (the same when only its name or text
    changed in a way its URL does not show)."""

    week: str
    path: Path  # the session's file after the build
    old: str
    new: str


@dataclass(frozen=True)
class URLHandover:
    """A URL that was one session's before the build and is another's after it."""

    url: str
    was: str  # the week whose URL it was
    now: str  # the week whose URL it becomes
    path: Path  # that session's file


@dataclass(frozen=True)
class BuildPlan:
    changes: tuple[PostChange, ...]  # one per session, in plan order
    left: tuple[PostChange, ...]  # posts whose session is no longer in the plan
    index: IndexChange | None = None  # the schedule page's positional lists, when the profile names one
    # What is wrong with the site as a whole: a session shown out of date order, a session file the plan
    # does not name (errors stop the build where the schedule page dates sessions by position).
    site_problems: tuple[Diagnostic, ...] = ()
    # The URL of each session file that changes (its name, its text, or the site's URL settings) before and
    # after, where seminar can tell both; and the URLs that pass from one session to another.
    urls: tuple[URLChange, ...] = ()
    handovers: tuple[URLHandover, ...] = ()
    url_settings: URLSettings | None = None  # `_config.yml`'s, which the posts are written under
    recorded_urls: URLSettings | None = None  # those the posts were last written under (None: unknown)
    # Why a reading known by an arXiv id without metadata could not be fetched, by id (`PlannedSession`).
    unfetched: Mapping[str, str] = field(default_factory=dict)

    @property
    def url_changes(self) -> tuple[URLChange, ...]:
        """The session files whose published URL changes."""
        return tuple(change for change in self.urls if change.old != change.new)

    def url_warnings(self, *, dry_run: bool = False) -> tuple[Diagnostic, ...]:
        """A warning on the new file for each URL that changes, and for each that passes to another
        session; worded as what would happen with `dry_run`."""
        would = "would " if dry_run else ""
        changed = tuple(
            warning(
                f"{change.week}'s URL {'would change' if dry_run else 'changed'} from {change.old} to "
                f"{change.new}: links to the old URL {would}no longer work",
                change.path,
            )
            for change in self.url_changes
        )
        handed = tuple(
            warning(
                f"{handover.url} was {handover.was}'s URL and {'would be' if dry_run else 'is now'} "
                f"{handover.now}'s: links to it {would}lead to {handover.now}'s post",
                handover.path,
            )
            for handover in self.handovers
        )
        return changed + handed

    def count(self, kind: str) -> int:
        return sum(change.kind == kind for change in self.changes)

    def summary(self) -> str:
        sessions = f"{len(self.changes)} session{'s' * (len(self.changes) != 1)}"
        line = (
            f"{sessions}: {self.count('new')} new, {self.count('updated')} updated, "
            f"{self.count('unchanged')} unchanged"
        )
        return line + (f", {len(self.left)} left the plan" if self.left else "")

    def report_lines(self, prune: bool = False) -> tuple[str, ...]:
        """What `seminar build` prints: a line per post written, moved or left behind, then the summary."""
        return (*self.change_lines(prune), self.summary())

    def change_lines(self, prune: bool = False, *, dry_run: bool = False) -> tuple[str, ...]:
        """A line per post written, moved or left behind, and for the schedule page; each worded as what
        would happen with `dry_run` (`would move a -> b`). Pruned posts come first: they are deleted first."""
        order = (*self.left, *self.changes) if prune else (*self.changes, *self.left)
        changed = (change for change in order if change.kind != "unchanged")
        return (
            *(change_line(change, prune, dry_run=dry_run) for change in changed),
            *self.index_lines(dry_run=dry_run),
        )

    def index_lines(self, *, dry_run: bool = False) -> tuple[str, ...]:
        """The line saying the schedule page's lists were rewritten, when they were."""
        if self.index is None or not self.index.changed:
            return ()
        verb = "would update" if dry_run else "updated"
        return (f"{verb} {display_path(self.index.path)} (its schedule's date and week lists)",)

    def settled(self, *, prune: bool) -> BuildPlan:
        """This build as the next one finds it once written: every session's post as written (unchanged),
        and the posts whose session left the plan still there unless pruned."""
        changes = tuple(
            replace(change, old_path=change.path, old_text=change.text) for change in self.changes
        )
        index = replace(self.index, old_text=self.index.text) if self.index is not None else None
        return BuildPlan(
            changes,
            () if prune else self.left,
            index,
            self.site_problems,
            url_settings=self.url_settings,
            recorded_urls=self.url_settings,
        )


def left_line(path: Path, prune: bool, *, dry_run: bool = False) -> str:
    """What a build says of a post whose session left the plan."""
    where = display_path(path)
    if prune:
        return f"{'would delete' if dry_run else 'deleted'} {where} (its session left the plan)"
    return f"left the plan: {where} (--prune deletes it)"


_WOULD = {"new": "would write", "updated": "would update"}


def change_line(change: PostChange, prune: bool, *, dry_run: bool = False) -> str:
    """`new     _posts/x.md`, `moved   a -> b`, `left the plan: ...`: a post's change as a person reads it;
    with `dry_run`, as what would happen (`would write`, `would update`, `would move a -> b`)."""
    where = display_path(change.path)
    if change.kind == "left":
        return left_line(change.path, prune, dry_run=dry_run)
    if change.renamed and change.old_path is not None:
        return f"{'would move' if dry_run else 'moved  '} {display_path(change.old_path)} -> {where}"
    return f"{_WOULD[change.kind]} {where}" if dry_run else f"{change.kind:<8}{where}"


def given_keys(planned: PlanSession) -> frozenset[str]:
    """The front-matter keys the plan sets for this session; the others are filled in once, then left be."""
    return frozenset(spec.key for spec in PLAN_FIELDS if spec.key in planned.fields) | frozenset(ALWAYS_SET)


def plan_build(
    config: SiteConfig,
    plan: Plan,
    sessions: Sequence[PlannedSession],
    posts: Sequence[SitePost],
    removing: tuple[Path, str] | None = None,
) -> BuildPlan:
    """Every post's change; problems are recorded on the changes, not raised, so all can be reported.

    A session whose file is fixed (the plan's `file`, a collection's document) is the post at that path;
    any other is the post whose `desc` is the session's. `removing` is the file of a session a command
    takes out of the plan, and its week: then that file is the only post leaving the plan (deleted first
    when written with `prune`, whether seminar wrote it or not), and its URL passing to another session is
    said; posts that left the plan before are left alone.
    """
    by_path = {post.path: post for post in posts}
    fixed = {config.root / one.session.file for one in sessions if one.session.file is not None}
    by_desc: dict[str, list[SitePost]] = {}
    for post in posts:
        if post.desc and post.path not in fixed:
            by_desc.setdefault(post.desc, []).append(post)
    changes: list[PostChange] = []
    claimed: set[Path] = set()
    descs: dict[str, str] = {}  # the desc of each session tied to its post by desc, and whose it is
    for one in sessions:
        if one.session.file is not None:
            path = config.root / one.session.file
            found = [by_path[path]] if path in by_path else _renamed(path, by_path)
        else:
            desc = one.session.desc
            if desc in descs:
                message = (
                    f"desc {desc} is session {descs[desc]}'s too, and a post is tied to its session by desc: "
                    "give each its own (or name each session's file with file:)"
                )
                path = post_path(config, one.session)
                changes.append(
                    PostChange(one.session.week, path, error=error(message, plan.path, one.planned.line))
                )
                continue
            descs[desc] = one.session.week
            found = by_desc.get(desc, [])
        claimed.update(post.path for post in found)
        changes.append(_change(config, one.planned, one.session, found))
    left = tuple(
        # A post that is not UTF-8 cannot be deleted with a backup that keeps its bytes: an error to prune.
        PostChange(None, post.path, post.path, post.text, None, error=None if post.decoded else post.problem)
        for post in posts
        if (post.path == removing[0] if removing else post.marked and post.path not in claimed)
        and (removing or plan.term is None or post.term == plan.term)
    )
    if removing is not None:
        claimed.add(removing[0])  # not a session file the plan forgot: one this command removes
    changes = _check_targets(changes, by_path, {change.path for change in left})
    settings = site_url_settings(config.root)
    recorded = recorded_url_settings(config.root)
    urls, handovers = _url_changes(
        config.collection, changes, by_path, recorded or settings, settings, removing
    )
    shown = shown_order(config, sessions, by_path)
    return BuildPlan(
        tuple(changes),
        left,
        _index_change(config, shown),
        tuple(
            found
            for found in (
                order_problem(config, shown),
                *unplanned(config, plan, posts, claimed, any(one.planned.file for one in sessions)),
            )
            if found
        ),
        urls,
        handovers,
        settings,
        recorded,
        {key: why for one in sessions for key, why in one.unfetched.items()},
    )


def _url_changes(
    collection: str | None,
    changes: Sequence[PostChange],
    posts: Mapping[Path, SitePost],
    before: URLSettings,
    now: URLSettings,
    removing: tuple[Path, str] | None = None,
) -> tuple[tuple[URLChange, ...], tuple[URLHandover, ...]]:
    """Each existing session file's URL before (its old name and front matter under the settings `before`)
    and after (its new ones under `now`), for the files that change (all of them when the settings did);
    and the URLs that pass from one session to another: a session's old URL (or that of the file of the
    session `removing` names) that another session's file (moved, or new) takes."""
    compared: list[URLChange] = []
    for change in changes:
        if change.week is None or change.error or change.old_path is None or change.text is None:
            continue
        if change.kind == "unchanged" and before == now:
            continue
        post = posts.get(change.old_path)
        if post is None or post.problem is not None:
            continue
        old = session_file_url(before, collection, change.old_path, post.values)
        if change.text == post.text:
            new = session_file_url(now, collection, change.path, post.values)
        else:
            new = _url_of(now, collection, change)
        if old is not None and new is not None:
            compared.append(URLChange(change.week, change.path, old, new))
    moved = [change for change in compared if change.old != change.new]
    if not moved:
        return tuple(compared), ()
    was = {change.old: change.week for change in moved}
    gone = posts.get(removing[0]) if removing is not None else None
    if removing is not None and gone is not None and gone.problem is None:
        url = session_file_url(before, collection, gone.path, gone.values)
        if url is not None:
            was.setdefault(url, removing[1])
    taking = [(change.week, change.new, change.path) for change in moved]
    for change in changes:
        if change.kind == "new" and change.week is not None and not change.error:
            url = _url_of(now, collection, change)
            if url is not None:
                taking.append((change.week, url, change.path))
    handovers = tuple(
        URLHandover(url, was[url], week, path) for week, url, path in taking if was.get(url, week) != week
    )
    return tuple(compared), handovers


def _url_of(settings: URLSettings, collection: str | None, change: PostChange) -> str | None:
    """The URL of a change's file as the build writes it; None when seminar cannot tell."""
    assert change.text is not None
    written = parse_post(change.path, change.text)
    if written.problem is not None:
        return None
    return session_file_url(settings, collection, change.path, written.values)


def _index_change(config: SiteConfig, shown: Sequence[Session]) -> IndexChange | None:
    """The schedule page's lists rewritten for the sessions as shown; read only on a site whose profile
    names such a page (the page reader is imported then, not at every start)."""
    if config.profile.schedule_index is None:
        return None
    from seminar.site.schedule_index import index_change

    return index_change(config, [session.date for session in shown])


def unplanned(
    config: SiteConfig, plan: Plan, posts: Sequence[SitePost], claimed: set[Path], adopted: bool
) -> list[Diagnostic]:
    """Session files no session of the plan names that seminar did not write (those it wrote have left the
    plan, and `--prune` deletes them): a collection's (renamed or added by hand, or dropped from the plan),
    which the site shows as sessions, taking a row and the next row's date where dates go by position, an
    error then; and, on a site whose plan names its posts by file (`adopted`), the posts of its term."""
    if config.collection is not None:
        problem = error if config.profile.schedule_index else warning
        where = "which the site shows among them"
    elif adopted:
        problem, where = warning, "of this term"
    else:
        return []
    return [
        problem(
            f"a session file {where} that no session of the plan names: name it in the plan (a "
            "collection's week label is its file's name; `file:` for any other), rename it back, or delete "
            "it (seminar deletes only the files it wrote)",
            post.path,
        )
        for post in posts
        if post.path not in claimed
        and post.is_session
        and not post.marked
        and (config.collection is not None or plan.term is None or post.term == plan.term)
    ]


def order_problem(config: SiteConfig, shown: Sequence[Session]) -> Diagnostic | None:
    """A session the site shows out of date order (a collection orders its documents by file name): an
    error when the schedule page gives dates by position, since rows would then show dates out of order."""
    for before, after in pairwise(shown):
        if after.date < before.date:
            problem = error if config.profile.schedule_index else warning
            return problem(
                f"the site shows session {before.week} ({before.date}) before {after.week} ({after.date}), "
                "as it orders files by name: rename one so that the names sort in date order, or keep the "
                "dates in this order",
                config.root / (before.file or ""),
            )
    return None


def _renamed(path: Path, posts: Mapping[Path, SitePost]) -> list[SitePost]:
    """The post a plan's `file:` names after a move renamed it: the one post beside it whose name differs from
    the file's only by its date."""
    wanted = POST_NAME.fullmatch(path.name)
    if wanted is None:
        return []
    same = [
        post
        for post in posts.values()
        if post.path.parent == path.parent
        and (found := POST_NAME.fullmatch(post.path.name))
        and found.group("slug", "ext") == wanted.group("slug", "ext")
    ]
    return same if len(same) == 1 else []


def shown_order(
    config: SiteConfig, sessions: Sequence[PlannedSession], posts: Mapping[Path, SitePost]
) -> list[Session]:
    """The sessions in the order the site shows them: a collection's as Jekyll orders its documents (by
    their `sort_by` key, else by file name: `seminar.site.collection_names`), posts by date. `posts` are
    the session files as read, by path."""
    if config.collection is None:
        return sorted((one.session for one in sessions), key=lambda session: session.date)

    def order(session: Session) -> tuple[object, ...]:
        path = config.root / (session.file or "")
        values = posts[path].values if path in posts else {}
        return document_order_key(config.sort_by, session.file or "", values)

    return sorted((one.session for one in sessions), key=order)


def _change(config: SiteConfig, planned: PlanSession, session: Session, found: list[SitePost]) -> PostChange:
    path = post_path(config, session)
    if not found:
        return PostChange(session.week, path, text=render_post(config, session), session=session)
    post = found[0]
    unchanged = PostChange(session.week, path, post.path, post.text, post.text, session=session)
    if len(found) > 1:
        names = ", ".join(display_path(other.path) for other in found)
        message = f"{len(found)} posts have desc {session.desc}: keep one of them ({names})"
        return replace(unchanged, error=error(message, post.path))
    values = front_matter(config, session)
    try:
        if session.file is not None and post.parts is not None and post.parts.region is None:
            from seminar.site.appended import appended_readings  # only for files seminar did not write

            front, kept = merged_front_matter(post, values, given_keys(planned), config.profile.front_matter)
            text, conflict = front + appended_readings(config, post, session), None
        else:
            region = render_region(config, session)
            text, kept, conflict = updated_post(
                post, values, given_keys(planned), region, config.profile.front_matter
            )
    except SeminarError as failure:
        return replace(unchanged, error=failure.first)
    return replace(unchanged, text=text, kept=tuple(kept), conflict=conflict)


def merged_front_matter(
    post: SitePost, values: dict[str, object], given: frozenset[str], keys: tuple[str, ...]
) -> tuple[str, list[KeptEdit]]:
    """The post's `---` block with the plan's values merged (unchanged text when nothing changes), and the
    edits kept against the plan. `keys` are the profile's, in the order the start marker records them.

    A post that cannot be updated at all (no front matter, front matter Jekyll cannot read) is a SeminarError.
    """
    parts = post.parts
    if parts is None:
        raise SeminarError(error("has no front matter (--- block) to update", post.path))
    if post.problem is not None and not post.decoded:  # rewriting it would replace the bytes it holds
        raise SeminarError(post.problem)
    if post.problem is not None:
        raise SeminarError(replace(post.problem, message=f"{post.problem.message}; fix it first"))
    record = parts.record.key_hashes(keys) if parts.record else None
    try:
        new_yaml, kept = merge_front_matter(parts.yaml, post.values, values, record, given)
    except EditError as failure:
        line = post.nodes[failure.key][0] if failure.key in post.nodes else None
        raise SeminarError(error(f"front matter {failure}", post.path, line)) from None
    kept = [replace(edit, line=post.nodes[edit.key][0] if edit.key in post.nodes else None) for edit in kept]
    if new_yaml is None:
        return parts.front_matter, kept
    # Only the changed values' text changes: the opening line (a byte-order mark before it), the closing
    # line and the blank lines after it stay as they were.
    return parts.opening + new_yaml + parts.closing, kept


def updated_post(
    post: SitePost, values: dict[str, object], given: frozenset[str], region: str, keys: tuple[str, ...]
) -> tuple[str, list[KeptEdit], Diagnostic | None]:
    """The post with its front matter merged and its reading list regenerated, the edits kept against the
    plan, and the conflict writing it would be (a person's text replaced), if any.

    A post that cannot be updated at all (no front matter, front matter Jekyll cannot read) is a SeminarError.
    """
    front, kept = merged_front_matter(post, values, given, keys)
    parts = post.parts
    assert parts is not None  # merged_front_matter refuses a post without front matter
    if parts.region is not None:
        conflict = None
        if edited_region(parts):
            first = _line_of(post.text, parts.front_matter + parts.before)
            conflict = error(
                "the reading list between seminar's markers was edited by hand; nothing written (move your "
                "text outside the markers, or --force regenerates it and keeps the old file as a backup)",
                post.path,
                first,
            )
        return front + parts.before + marked_region(parts, region, values) + parts.after, kept, conflict
    body, conflict = _adopted(post, parts, region, values)
    return front + body, kept, conflict


def _adopted(
    post: SitePost, parts: PostParts, region: str, values: dict[str, object]
) -> tuple[str, Diagnostic | None]:
    """The body of a post made before markers, with markers put around its reading list, and the conflict.

    The reading list runs from its first line to the excerpt marker (or the end); it must read as the
    plan's does now, else replacing it is a conflict: regenerating it blind could drop someone's words.
    """
    body = parts.before
    starts = [body.find(line) for line in _READINGS_START if line in body]
    start = min(starts) if starts else -1
    if start >= 0 and (start == 0 or body[start - 1] == "\n"):
        end = body.find(EXCERPT, start)
        end = len(body) if end < 0 else end
        marker = last_start_marker(body[:start])  # one left behind when its end marker was deleted
        begin = marker.start() if marker and not body[marker.end() : start].strip() else start
        newline = parts.newline
        adopted = (
            body[:begin] + wrap(region, values, newline) + (newline if end < len(body) else "") + body[end:]
        )
        if unix_lines(body[start:end]).strip() == region.strip():
            return adopted, None
        first = _line_of(post.text, parts.front_matter + body[:start])
        last = _line_of(post.text, parts.front_matter + body[:end].rstrip())  # its last line with text
        return adopted, error(
            f"a reading list without seminar's markers (lines {first}-{last}) that differs from the plan's; "
            "nothing written (--force replaces those lines and keeps a backup)",
            post.path,
            first,
        )
    return parts.newline + wrap(region, values, parts.newline) + body, error(
        "no reading list found to adopt; nothing written (--force puts the plan's reading list at the top "
        "of the post and keeps a backup)",
        post.path,
    )


def _check_targets(
    changes: list[PostChange], posts: Mapping[Path, SitePost], left: Collection[Path]
) -> list[PostChange]:
    """A post may only go to a file that is free, or that another post of this build is leaving, or (with
    --prune) the post of a session that left the plan (`left`). A file in the way whose front matter cannot
    be read is named with why: it may well be the session's own post; so is a post elsewhere whose broken
    front matter has a `desc:` line naming the session's desc, so that no second post is written for it."""
    leaving = {change.old_path for change in changes if change.renamed}
    broken = {post.unread_desc: post for post in posts.values() if post.unread_desc is not None}
    checked = []
    for change in changes:
        moves = change.kind == "new" or change.renamed
        desc = change.session.desc if change.session is not None and change.kind == "new" else None
        own = broken.get(desc) if desc is not None else None
        if own is not None and own.problem is not None and own.path != change.path and change.error is None:
            message = (
                f"is session {change.week}'s post (desc: {desc}), and its {own.problem.message}; nothing "
                "written (fix it)"
            )
            change = replace(change, error=error(message, own.path, own.problem.line))
        elif moves and change.error is None and change.path in left and change.path not in leaving:
            message = (
                f"is the post of a session that left the plan, and session {change.week}'s post goes to its "
                "name: `seminar build --prune` deletes it first (a backup kept); nothing written"
            )
            change = replace(change, pruned_first=error(message, change.path))
        elif moves and change.path.exists() and change.path not in leaving:
            unread = posts[change.path].problem if change.path in posts else None
            if unread is not None and not posts[change.path].decoded:
                why = f"already exists and is {unread.message}"
                taken = error(f"{why} (or rename or remove it); nothing written", change.path, unread.line)
            elif unread is not None:
                why = f"already exists, and its {unread.message}"
                taken = error(
                    f"{why}; nothing written (fix it, rename or remove it)", change.path, unread.line
                )
            else:
                why = f"already exists and is not session {change.week}'s post"
                taken = error(f"{why}; nothing written (rename or remove it)", change.path)
            change = replace(change, error=change.error or taken)
        checked.append(change)
    return checked


def problems(build: BuildPlan, *, force: bool, prune: bool = False) -> list[Diagnostic]:
    """What stops the build: every error, the conflicts unless forced, and the posts that must leave a file
    a post goes to unless pruned."""
    found = [
        problem
        for change in build.changes
        for problem in (
            change.error,
            None if force else change.conflict,
            None if prune else change.pruned_first,
        )
        if problem
    ]
    found += [change.error for change in build.left if prune and change.error]
    return found + [problem for problem in build.site_problems if problem.level == "error"]


def apply_build(config: SiteConfig, build: BuildPlan, *, prune: bool, force: bool) -> list[Path]:
    """Write the build; the files written or removed. Backups are kept of what a person could miss."""
    found = problems(build, force=force, prune=prune)
    if found:
        raise SeminarError(*found)
    written: list[Path] = []
    if prune:  # first: a post may move to the name of one whose session left the plan
        for change in build.left:
            keep_backup(change.path, config.root)
            remove_file(change.path)
            written.append(change.path)
    pending = [change for change in build.changes if change.kind != "unchanged"]
    for change in pending:
        if change.conflict and change.old_path is not None:
            keep_backup(change.old_path, config.root)
    vacated = {change.old_path for change in pending if change.renamed}  # two posts may swap names
    for change in pending:
        assert change.text is not None  # only `left` changes remove a post, and those are not pending
        moves_in = change.kind == "new" or change.renamed
        write_atomic(change.path, change.text, exclusive=moves_in and change.path not in vacated)
        if change.renamed and change.old_path is not None:
            written.append(change.old_path)
        written.append(change.path)
    targets = {change.path for change in pending}
    for change in pending:  # a renamed post's old file goes once its new one is written
        if change.renamed and change.old_path is not None and change.old_path not in targets:
            remove_file(change.old_path)
    if build.index is not None and build.index.changed:
        write_atomic(build.index.path, build.index.text)
        written.append(build.index.path)
    settings = build.url_settings
    if settings is not None and settings != build.recorded_urls and (written or build.recorded_urls):
        written.append(record_url_settings(config.root, settings))  # said once: the next build knows
    return written


def diff(build: BuildPlan, root: Path, *, prune: bool) -> str:
    """A unified diff of every change the build would make (paths relative to the site)."""
    chunks: list[str] = []
    for change in (*build.changes, *(build.left if prune else ())):
        if change.kind == "unchanged":
            continue
        old = change.old_text.splitlines(keepends=True) if change.old_text else []
        new = change.text.splitlines(keepends=True) if change.text else []
        before = f"a/{_relative(change.old_path, root)}" if change.old_path else "/dev/null"
        after = f"b/{_relative(change.path, root)}" if change.text is not None else "/dev/null"
        chunks.extend(difflib.unified_diff(old, new, before, after))
    if build.index is not None and build.index.changed:
        where = _relative(build.index.path, root)
        chunks.extend(
            difflib.unified_diff(
                build.index.old_text.splitlines(keepends=True),
                build.index.text.splitlines(keepends=True),
                f"a/{where}",
                f"b/{where}",
            )
        )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in chunks
    )


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _line_of(text: str, prefix: str) -> int:
    """The 1-based line at which `prefix` (a start of `text`) ends."""
    assert text.startswith(prefix)
    return prefix.count("\n") + 1
