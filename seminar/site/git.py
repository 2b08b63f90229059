"""The git side of `seminar publish`: commit exactly the files seminar wrote, and push them.

Everything goes through the `git` command line. Paths travel NUL-separated or as `:(literal)` pathspecs, so
names with spaces, accents or glob characters are never mangled, and nothing of the working tree or of the
index other than the files given is ever touched.
"""

from __future__ import annotations

import enum
import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from seminar.core.errors import SeminarError, display_path, error


class ChangeKind(enum.Enum):
    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"


@dataclass(frozen=True)
class Change:
    """One file that differs from the last commit; `path` is absolute, inside the repository."""

    path: Path
    kind: ChangeKind


def git_root(site_root: Path) -> Path:
    """The top of the repository holding the site, which may be a subfolder of it."""
    result = _run(site_root, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise SeminarError(
            error(
                f"not in a git repository ({_gist(result.stderr)}); publishing commits the site with git: "
                "clone the site's repository, or run git init there",
                site_root,
            )
        )
    return Path(os.fsdecode(result.stdout.rstrip(b"\n")))


def pending_changes(repo: Path, paths: Iterable[Path]) -> list[Change]:
    """Of `paths` (absolute, or from the current folder), those whose file differs from the last commit.

    New, changed or gone, sorted by path. The working tree is compared with HEAD, whatever is staged, since
    the working tree is what gets committed.
    A new file the repository's .gitignore excludes is left out: the site said it is not to be committed.
    """
    names = sorted({_relative(repo, path) for path in paths})
    committed = _committed_blobs(repo, names)
    present = [name for name in names if (repo / name).is_file()]
    current = dict(zip(present, _hashes(repo, present), strict=True))
    ignored = _ignored(repo, [name for name in present if name not in committed])
    changes = []
    for name in names:
        kind = _kind(committed.get(name), current.get(name))
        if kind is not None and name not in ignored:
            changes.append(Change(repo / name, kind))
    return changes


def other_staged(repo: Path, paths: Iterable[Path]) -> list[Path]:
    """Files already staged that are not among `paths`: a plain commit would carry them along unnoticed."""
    return [change.path for change in other_staged_changes(repo, paths)]


_STAGED_KINDS = {"A": ChangeKind.ADDED, "D": ChangeKind.DELETED}  # any other status (M, T) modifies


def other_staged_changes(repo: Path, paths: Iterable[Path]) -> list[Change]:
    """The staged changes (the index against HEAD) to files not among `paths`, sorted by path: what a
    commit with `include_staged` carries along besides `paths`. A rename is its old path deleted and its new
    one added."""
    ours = {_relative(repo, path) for path in paths}
    fields = _split(_git(repo, "diff", "--cached", "--name-status", "--no-renames", "-z"))
    staged = zip(fields[::2], fields[1::2], strict=True)  # -z: the status, then the path, each NUL-ended
    return sorted(
        (
            Change(repo / name, _STAGED_KINDS.get(status[:1], ChangeKind.MODIFIED))
            for status, name in staged
            if name not in ours
        ),
        key=lambda change: change.path,
    )


def commit(repo: Path, changes: Sequence[Change], message: str, *, include_staged: bool = False) -> str:
    """Commit exactly `changes` (plus what was already staged, if `include_staged`); the new short hash.

    Without `include_staged`, other staged files are refused rather than committed, and the commit is
    limited to the changed paths (`--only`) so nothing else can slip in. If git fails, the index is put
    back as it was.
    """
    if not changes:
        raise SeminarError("nothing to commit: every file seminar wrote matches the last commit")
    names = sorted({_relative(repo, change.path) for change in changes})
    if not include_staged:
        _refuse_other_staged(repo, [change.path for change in changes])
    _require_identity(repo)
    saved = _git(repo, "ls-files", "--stage", "-z", "--", *_literal(names))
    _git(repo, "update-index", "--add", "--remove", "-z", "--stdin", input=_nul(names))
    limit = [] if include_staged else ["--only", "--", *_literal(names)]
    try:
        _git(repo, "commit", "--quiet", "-m", message, *limit)
    except SeminarError:
        _restore_index(repo, names, saved)
        raise
    return _git(repo, "rev-parse", "--short", "HEAD").decode().strip()


def push(repo: Path) -> str:
    """Push the current branch to its upstream or, the first time, to `origin`, which becomes its upstream."""
    branch = _current_branch(repo)
    if not _has_commit(repo):
        raise SeminarError("nothing to push: the repository has no commit yet")
    short = _git(repo, "rev-parse", "--short", "HEAD").decode().strip()
    upstream = _upstream(repo, branch)
    if upstream:
        _git(repo, "push", "--quiet")
        return f"{branch} ({short}) to {upstream}"
    _require_origin(repo, branch)
    _git(repo, "push", "--quiet", "--set-upstream", "origin", branch)
    return f"{branch} ({short}) to {_upstream(repo, branch)}, now its upstream"


def _kind(committed: str | None, current: str | None) -> ChangeKind | None:
    if committed == current:
        return None
    if committed is None:
        return ChangeKind.ADDED
    return ChangeKind.DELETED if current is None else ChangeKind.MODIFIED


def _committed_blobs(repo: Path, names: list[str]) -> dict[str, str]:
    """The blob id of each name in HEAD; none at all in a repository without a commit yet."""
    if not names or not _has_commit(repo):
        return {}
    blobs = {}
    for record in _split(_git(repo, "ls-tree", "-r", "-z", "HEAD", "--", *_literal(names))):
        info, name = record.split("\t", 1)
        _mode, kind, blob = info.split(" ")
        if kind == "blob":
            blobs[name] = blob
    return blobs


def _hashes(repo: Path, names: list[str]) -> list[str]:
    """The blob id each file would get if added now (same filters and line endings as `git add`)."""
    if not names:
        return []
    return _git(repo, "hash-object", "--", *names).decode().split()


def _ignored(repo: Path, names: list[str]) -> set[str]:
    if not names:
        return set()
    result = _run(repo, "check-ignore", "-z", "--stdin", input=_nul(names))
    if result.returncode not in (0, 1):  # 1: none of them is ignored
        raise _failure("check-ignore", result)
    return set(_split(result.stdout))


def _refuse_other_staged(repo: Path, paths: list[Path]) -> None:
    others = other_staged(repo, paths)
    if others:
        listed = ", ".join(display_path(path) for path in others)
        raise SeminarError(
            f"already staged, and would be committed too: {listed}; nothing committed "
            "(unstage them with git restore --staged FILE, or publish them as well with --include-staged)"
        )


def _require_identity(repo: Path) -> None:
    """Fail before anything is staged when git does not know whom to record as the commit's author."""
    for ident in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
        result = _run(repo, "var", ident)
        if result.returncode != 0:
            reason = _lines(result.stderr)[-1:] or ["unknown identity"]
            raise SeminarError(
                f"git does not know who you are ({reason[0]}): set it with "
                'git config --global user.name "Your Name" and git config --global user.email you@example.org'
            )


def _restore_index(repo: Path, names: list[str], saved: bytes) -> None:
    """Put back the index entries of `names` as `git ls-files --stage` recorded them, absent ones absent."""
    _git(repo, "update-index", "--force-remove", "-z", "--stdin", input=_nul(names))
    if saved:
        _git(repo, "update-index", "-z", "--index-info", input=saved)


def _current_branch(repo: Path) -> str:
    result = _run(repo, "symbolic-ref", "--quiet", "--short", "HEAD")
    if result.returncode != 0:
        raise SeminarError(
            "HEAD is detached, not on a branch: nothing to push to; switch to the site's branch first "
            "(git switch BRANCH)"
        )
    return result.stdout.decode().strip()


def _upstream(repo: Path, branch: str) -> str:
    """The branch's upstream as `remote/branch`, or "" when it has none."""
    return _git(repo, "for-each-ref", "--format=%(upstream:short)", f"refs/heads/{branch}").decode().strip()


def _require_origin(repo: Path, branch: str) -> None:
    remotes = _git(repo, "remote").decode().split()
    if not remotes:
        raise SeminarError(
            "no remote to push to: add the site's repository (git remote add origin URL) and publish again"
        )
    if "origin" not in remotes:
        raise SeminarError(
            f"branch {branch} has no upstream and there is no remote named origin (remotes: "
            f"{', '.join(remotes)}): push it once with git push --set-upstream REMOTE {branch}"
        )


def _has_commit(repo: Path) -> bool:
    return _run(repo, "rev-parse", "--quiet", "--verify", "HEAD").returncode == 0


def _relative(repo: Path, path: Path) -> str:
    """`path` as git names it: relative to the repository's top, with forward slashes."""
    absolute = Path(os.path.abspath(path))
    try:
        return (absolute.parent.resolve() / absolute.name).relative_to(repo.resolve()).as_posix()
    except ValueError:
        raise SeminarError(
            error(f"outside the git repository at {display_path(repo)}, cannot commit it", path)
        ) from None


def _literal(names: list[str]) -> list[str]:
    """Pathspecs that match exactly these names, even those holding `*`, `?` or `[`."""
    return [f":(literal){name}" for name in names]


def _nul(names: list[str]) -> bytes:
    return b"".join(os.fsencode(name) + b"\0" for name in names)


def _split(output: bytes) -> list[str]:
    return [os.fsdecode(item) for item in output.split(b"\0") if item]


def _git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    """Run git in `repo` and return its output; a failure becomes one line quoting git's own words."""
    result = _run(repo, *args, input=input)
    if result.returncode != 0:
        raise _failure(args[0], result)
    return result.stdout


def _run(repo: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], input=input, capture_output=True, check=False)
    except FileNotFoundError:
        raise SeminarError("git is not installed (or not on PATH), and publishing needs it") from None


def _failure(command: str, result: subprocess.CompletedProcess[bytes]) -> SeminarError:
    """git's first lines (a hook's, when a hook refused), on one line: enough to see what went wrong."""
    detail = _gist(result.stderr) or _gist(result.stdout) or f"exit status {result.returncode}"
    return SeminarError(f"git {command} failed: {detail}")


def _gist(output: bytes) -> str:
    return " | ".join(_lines(output)[:3])


def _lines(output: bytes) -> list[str]:
    return [line.strip() for line in output.decode(errors="replace").splitlines() if line.strip()]


def removed_since_head(repo: Path, folder: Path) -> dict[Path, str]:
    """Files under `folder` that HEAD has and the working tree no longer does, with their committed text.

    A post seminar moved or pruned is such a file; its old text tells whether it was seminar's to commit.
    """
    if not _has_commit(repo) or not folder.exists():
        return {}
    names = _split(_git(repo, "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", _relative(repo, folder)))
    return {
        repo / name: _git(repo, "show", f"HEAD:{name}").decode("utf-8", "replace")
        for name in names
        if not (repo / name).exists()
    }
