"""`seminar publish`: the files seminar wrote committed (and pushed), refused while `seminar check` errs."""

from __future__ import annotations

from pathlib import Path

from seminar.commands.outcome import Outcome, site_config
from seminar.core.errors import SeminarError, display_path, error
from seminar.site import git
from seminar.site.check import check_site, counted
from seminar.site.posts import read_posts
from seminar.site.publish import message, seminar_changes

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)


def run(site: Path | None, subject: str | None, *, push: bool, include_staged: bool) -> Outcome:
    """Commit seminar's files that differ from HEAD (the plan, the paper store, the session posts, the files
    it exported into the site), and nothing else; with `include_staged`, what was already staged too. The
    files committed are listed, in the output and in the commit message alike.

    SeminarError (nothing committed) when `seminar check` finds errors, when a post is out of step with the
    plan (`seminar build` first), or when git refuses.
    """
    config = site_config(site)
    posts = read_posts(config.posts_path)
    found = check_site(config, config.today(), posts, unbuilt=True)  # a plan and posts out of step: refused
    errors = [problem for problem in found if problem.level == "error"]
    if errors:
        count = counted(len(errors), "error")
        raise SeminarError(*errors, error(f"{count} from `seminar check`; nothing committed"))
    repo = git.git_root(config.root)
    changes, weeks = seminar_changes(config, repo, posts)
    outcome = Outcome()
    if not changes:
        outcome.line("nothing to publish: seminar's files are as committed")
    else:
        staged = git.other_staged_changes(repo, [change.path for change in changes]) if include_staged else []
        committed = sorted([*changes, *staged], key=lambda change: change.path)
        text = message(committed, weeks, repo, subject)
        commit = git.commit(repo, changes, text, include_staged=include_staged)
        outcome.line(f"committed {commit}: {text.splitlines()[0]}")
        outcome.lines(f"  {change.kind.value:<9}{display_path(change.path)}" for change in committed)
    if push:
        try:
            outcome.line(f"pushed {git.push(repo)}")
        except SeminarError as failure:  # what was committed is said all the same
            return outcome.fail(failure)
    return outcome
