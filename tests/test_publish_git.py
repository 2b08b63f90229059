"""Publishing through git: exactly seminar's files are committed, nothing else of the tree or index moves."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import git, isolate_git
from seminar.core.errors import SeminarError
from seminar.site.git import Change, ChangeKind, commit, git_root, other_staged, pending_changes, push

POST = "_posts/2025-03-18-video-generation.md"


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A known identity, and none of this machine's git configuration or surrounding repository."""
    isolate_git(monkeypatch, tmp_path)


def write(repo: Path, relative: str, text: str = "text\n") -> Path:
    path = repo / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "--quiet", "--initial-branch=main")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A site repository with one commit: its config and an unrelated page."""
    root = new_repo(tmp_path / "site")
    write(root, "_config.yml", "title: Test seminar\n")
    write(root, "about.md", "About\n")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "Site")
    return root


def committed_files(repo: Path) -> list[str]:
    """The files the last commit touched, with how: ["A\tpath", ...]."""
    out = git(repo, "show", "--no-renames", "--name-status", "--format=", "HEAD")
    return sorted(out.splitlines())


def index_state(repo: Path) -> str:
    return git(repo, "ls-files", "--stage")


def test_commits_only_the_given_files_and_an_unrelated_edit_stays_unstaged(repo: Path) -> None:
    post = write(repo, POST)
    write(repo, "about.md", "About, edited by hand\n")
    changes = pending_changes(repo, [post])
    short = commit(repo, changes, "Session S4")
    assert committed_files(repo) == [f"A\t{POST}"]
    assert git(repo, "rev-parse", "--short", "HEAD").strip() == short
    assert git(repo, "status", "--porcelain") == " M about.md\n"


def test_pending_changes_tell_added_modified_and_deleted(repo: Path) -> None:
    write(repo, "_data/papers.json", "{}\n")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "Papers")
    write(repo, "_data/papers.json", '{"a": 1}\n')
    (repo / "about.md").unlink()
    post = write(repo, POST)
    changes = pending_changes(repo, [post, repo / "_data/papers.json", repo / "about.md"])
    assert changes == [
        Change(repo / "_data/papers.json", ChangeKind.MODIFIED),
        Change(repo / POST, ChangeKind.ADDED),
        Change(repo / "about.md", ChangeKind.DELETED),
    ]


def test_a_renamed_post_is_committed_as_the_old_path_deleted_and_the_new_one_added(repo: Path) -> None:
    old = write(repo, "_posts/2025-03-18-old-title.md", "The session\n")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "Old title")
    new = write(repo, "_posts/2025-03-18-new-title.md", "The session, retitled\n")
    old.unlink()
    changes = pending_changes(repo, [old, new])
    assert [change.kind for change in changes] == [ChangeKind.ADDED, ChangeKind.DELETED]
    commit(repo, changes, "Retitle")
    assert committed_files(repo) == ["A\t_posts/2025-03-18-new-title.md", "D\t_posts/2025-03-18-old-title.md"]
    assert git(repo, "status", "--porcelain") == ""


def test_refuses_when_an_unrelated_file_is_staged_and_commits_nothing(repo: Path) -> None:
    post = write(repo, POST)
    write(repo, "about.md", "About, staged by hand\n")
    git(repo, "add", "about.md")
    head, index = git(repo, "rev-parse", "HEAD"), index_state(repo)
    with pytest.raises(SeminarError, match=r"already staged.*about\.md.*--include-staged") as error:
        commit(repo, pending_changes(repo, [post]), "Session S4")
    assert "nothing committed" in str(error.value)
    assert git(repo, "rev-parse", "HEAD") == head
    assert index_state(repo) == index


def test_include_staged_commits_the_staged_file_along(repo: Path) -> None:
    post = write(repo, POST)
    write(repo, "about.md", "About, staged by hand\n")
    git(repo, "add", "about.md")
    assert other_staged(repo, [post]) == [repo / "about.md"]
    commit(repo, pending_changes(repo, [post]), "Session S4", include_staged=True)
    assert committed_files(repo) == [f"A\t{POST}", "M\tabout.md"]


def test_the_first_commit_of_an_empty_repository(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "site")
    post, config = write(root, POST), write(root, "_config.yml")
    write(root, "notes.txt")
    changes = pending_changes(root, [post, config])
    assert [change.kind for change in changes] == [ChangeKind.ADDED, ChangeKind.ADDED]
    commit(root, changes, "First session")
    assert git(root, "ls-tree", "-r", "--name-only", "HEAD").splitlines() == ["_config.yml", POST]
    assert git(root, "status", "--porcelain") == "?? notes.txt\n"


def test_a_site_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "course")
    site = root / "docs"
    write(root, "README.md")
    post = write(site, POST)
    assert git_root(site) == root.resolve()
    commit(git_root(site), pending_changes(git_root(site), [post]), "Session S4")
    assert git(root, "ls-tree", "-r", "--name-only", "HEAD").splitlines() == [f"docs/{POST}"]


def test_file_names_with_spaces_non_ascii_and_glob_characters(repo: Path) -> None:
    names = ["_posts/2025-03-18-vidéo génération.md", "_posts/[S4] *draft*?.md", "_data/日本語.json"]
    lookalike = write(repo, "_posts/S xdraftxy.md")  # what `[S4] *draft*?.md` matches as a glob
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "Lookalike")
    write(repo, lookalike.relative_to(repo).as_posix(), "edited by hand\n")
    paths = [write(repo, name) for name in names]
    changes = pending_changes(repo, paths)
    assert sorted(change.path for change in changes) == sorted(paths)
    commit(repo, changes, "Session S4")
    listed = git(repo, "-c", "core.quotePath=false", "show", "--name-only", "--format=", "HEAD")
    assert sorted(listed.splitlines()) == sorted(names)
    assert git(repo, "status", "--porcelain") == ' M "_posts/S xdraftxy.md"\n'


def test_nothing_pending_is_an_empty_list(repo: Path) -> None:
    assert pending_changes(repo, [repo / "_config.yml", repo / "_posts/never-written.md"]) == []


def test_a_new_file_the_site_ignores_is_never_pending(repo: Path) -> None:
    write(repo, ".gitignore", ".seminar/\n")
    backup = write(repo, ".seminar/backups/post.md")
    assert pending_changes(repo, [backup]) == []


def test_a_hook_rejecting_the_commit_is_shown_and_the_index_left_as_it_was(repo: Path) -> None:
    hook = write(repo, ".git/hooks/pre-commit", "#!/bin/sh\necho 'trailing whitespace in post' >&2\nexit 1\n")
    hook.chmod(0o755)
    post = write(repo, POST, "An earlier version, staged by hand\n")
    git(repo, "add", POST)
    write(repo, POST, "The version seminar wrote\n")
    head, index = git(repo, "rev-parse", "HEAD"), index_state(repo)
    with pytest.raises(SeminarError, match=r"git commit failed: trailing whitespace in post"):
        commit(repo, pending_changes(repo, [post]), "Session S4")
    assert git(repo, "rev-parse", "HEAD") == head
    assert index_state(repo) == index


def test_missing_identity_error_says_how_to_set_it(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.delenv(f"GIT_{role}_NAME")
        monkeypatch.delenv(f"GIT_{role}_EMAIL")
    monkeypatch.delenv("EMAIL", raising=False)
    git(repo, "config", "user.useConfigOnly", "true")  # no guessing an address from the host name
    post = write(repo, POST)
    index = index_state(repo)
    with pytest.raises(SeminarError, match=r'git config --global user.name "Your Name".*user.email'):
        commit(repo, pending_changes(repo, [post]), "Session S4")
    assert index_state(repo) == index


def test_a_folder_outside_any_git_repository_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SeminarError, match=r"not in a git repository"):
        git_root(tmp_path)


def test_missing_git_is_an_error(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(SeminarError, match=r"git is not installed"):
        git_root(repo)


def test_push_sets_the_upstream_the_first_time_and_pushes_again_later(repo: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    assert push(repo).startswith("main (")
    assert git(repo, "rev-parse", "--abbrev-ref", "main@{upstream}").strip() == "origin/main"
    post = write(repo, POST)
    short = commit(repo, pending_changes(repo, [post]), "Session S4")
    assert push(repo) == f"main ({short}) to origin/main"
    assert git(remote, "rev-parse", "--short", "main").strip() == short


def test_push_without_a_remote_is_an_error(repo: Path) -> None:
    with pytest.raises(SeminarError, match=r"no remote to push to: .*git remote add origin URL"):
        push(repo)


def test_push_from_a_detached_head_is_an_error(repo: Path) -> None:
    git(repo, "switch", "--quiet", "--detach")
    with pytest.raises(SeminarError, match=r"HEAD is detached"):
        push(repo)
