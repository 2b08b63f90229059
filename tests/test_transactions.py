"""A command's writes are one transaction under the site's lock: all of them or none, whatever happens.

Each test runs `seminar` in real processes. The fault-injection tests kill a command (or fail it as a full
disk would) at every step of its writes, through the hook only tests set (`SEMINAR_FAULT_AT`, see
`seminar.core.transaction`), and check that the next run leaves the site as before the command or as after
it: never between, never a file with lost text, never debris.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from plans import NVLM, PLAN, SURVEY, plan_text

from conftest import Site

NOW = "2025-01-02T12:00:00Z"  # before every session of the plans below: none is held
KILLED = 86  # the exit status of a process the hook kills
PAPERS = {
    f"2501.{n:05d}": {
        "arxiv_id": f"2501.{n:05d}",
        "title": f"Paper number {n}",
        "authors": ["Ada Quill"],
        "published": "2025-01-02",
    }
    for n in range(1, 21)
}


def seminar(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`seminar --site ROOT ARGS...` in a process of its own, at the fixed clock, with `env` added."""
    return subprocess.run(
        [sys.executable, "-m", "seminar", "--site", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SEMINAR_NOW": NOW, **env},
        cwd=root,
        check=False,
    )


def contents(root: Path) -> dict[str, bytes]:
    """Every file of the site by its path, but the backups (named for the moment they were taken)."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".seminar/backups" not in str(path.relative_to(root))
    }


def debris(root: Path) -> list[str]:
    """Staged or temporary files a write left behind, and the journal's folder."""
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.name.endswith((".seminar-new", ".tmp", ".seminar-move")) or path.name == "transaction"
    )


@pytest.fixture
def built(site: Site) -> Site:
    site.add_papers(PAPERS)
    sessions = [{"week": f"S{n}", "title": f"Topic {n}", "required": [NVLM]} for n in range(1, 5)]
    site.write(PLAN, plan_text(sessions))
    assert seminar(site.root, "build", "--offline").returncode == 0
    for post in site.posts.glob("*.md"):  # each post's author adds text of their own below the readings
        post.write_text(post.read_text(encoding="utf-8") + f"\nNotes by the presenter of {post.name}.\n")
    return site


def test_twenty_commands_at_once_each_land_in_the_plan_and_the_posts(built: Site) -> None:
    adds = [("add-reading", "--offline", "--week", f"S{n % 4 + 1}", f"2501.{n:05d}") for n in range(1, 11)]
    news = [
        ("new-session", "--offline", "--week", f"N{n}", "--title", f"New {n}", "--required", f"2501.{n:05d}")
        for n in range(11, 21)
    ]
    env = {**os.environ, "SEMINAR_NOW": NOW}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "seminar", "--site", str(built.root), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for command in adds + news
    ]
    failures = [process.communicate()[1] for process in processes if process.wait() != 0]
    assert failures == []
    sessions = yaml.safe_load((built.root / PLAN).read_text(encoding="utf-8"))["sessions"]
    readings = {session["week"]: [str(item) for item in session["required"]] for session in sessions}
    for command in adds:
        assert command[-1] in readings[command[3]]
    for command in news:
        assert readings[command[3]] == [command[-1]]
    posts = "".join(post.read_text(encoding="utf-8") for post in built.posts.glob("*.md"))
    for n in range(1, 21):
        assert f"arxiv.org/abs/2501.{n:05d}" in posts
    assert posts.count("Notes by the presenter") == 4  # no author's text lost
    assert seminar(built.root, "build", "--offline").stdout == "14 sessions: 0 new, 0 updated, 14 unchanged\n"


def _swap_dates(site: Site) -> None:
    """S1 and S2, both titled "Review", trade places in the plan by hand: their posts must trade names."""
    sessions = [
        {"week": "S2", "title": "Review", "required": [SURVEY]},
        {"week": "S1", "title": "Review", "required": [NVLM]},
        {"week": "S3", "title": "Topic 3", "required": [NVLM]},
    ]
    site.write(PLAN, plan_text(sessions))


COMMANDS = {
    "new-session": (
        None,
        ("new-session", "--offline", "--week", "S5", "--title", "Five", "--required", "2501.00001"),
    ),
    "add-reading": (None, ("add-reading", "--offline", "--week", "S2", "--more", "2501.00002")),
    "move": (None, ("move", "--offline", "--week", "S1", "--to", "2025-01-21")),
    "remove-session": (None, ("remove-session", "--offline", "--week", "S2", "--force")),
    "build swapping two posts": (_swap_dates, ("build", "--offline", "--prune", "--force")),
    "export ics": (None, ("export", "ics", "--offline", "-o", "calendar.ics")),
}


@pytest.fixture
def reviews(site: Site) -> Site:
    """A built site whose S1 and S2 are both "Review" (so that their posts can trade names), with text of
    each presenter's own below the readings."""
    site.add_papers(PAPERS)
    sessions = [
        {"week": "S1", "title": "Review", "required": [NVLM]},
        {"week": "S2", "title": "Review", "required": [SURVEY]},
        {"week": "S3", "title": "Topic 3", "required": [NVLM]},
    ]
    site.write(PLAN, plan_text(sessions))
    assert seminar(site.root, "build", "--offline").returncode == 0
    for post in site.posts.glob("*.md"):
        post.write_text(post.read_text(encoding="utf-8") + f"\nNotes by the presenter of {post.name}.\n")
    return site


def _prepared(site: Site, name: str, copy: Path) -> tuple[Path, tuple[str, ...]]:
    """A copy of the site at `copy`, made ready for command `name`; the command's arguments."""
    prepare, args = COMMANDS[name]
    shutil.copytree(site.root, copy)
    if prepare is not None:
        prepare(Site(copy))
    return copy, args


def _steps(site: Site, name: str, tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes], int]:
    """The site before the command, after it (run whole), and the number of steps its writes take."""
    root, args = _prepared(site, name, tmp_path / "whole")
    before = contents(root)
    trace = tmp_path / "trace"
    result = seminar(root, *args, SEMINAR_FAULT_TRACE=str(trace))
    assert result.returncode == 0, result.stderr
    steps = len(trace.read_text(encoding="utf-8").splitlines())
    assert steps > 0
    return before, contents(root), steps


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_killed_at_any_write_leaves_the_site_as_before_or_after_it(
    reviews: Site, name: str, tmp_path: Path
) -> None:
    before, after, steps = _steps(reviews, name, tmp_path)
    for step in range(1, steps + 1):
        root, args = _prepared(reviews, name, tmp_path / f"killed-{step}")
        assert seminar(root, *args, SEMINAR_FAULT_AT=str(step)).returncode == KILLED
        recovered = Site(root).run("sessions")  # in this process: the next command, whichever it is
        assert recovered.exit_code == 0, recovered.output
        if step > 1:  # killed before its first step, the command had begun nothing to finish
            assert "was interrupted" in recovered.stderr
        state = contents(root)
        assert state in (before, after), f"killed before step {step}: neither before nor after"
        assert debris(root) == []


@pytest.mark.parametrize("name", ["new-session", "build swapping two posts", "remove-session"])
def test_a_command_failing_at_any_write_changes_nothing_and_says_why_in_one_line(
    reviews: Site, name: str, tmp_path: Path
) -> None:
    before, _, steps = _steps(reviews, name, tmp_path)
    for step in range(1, steps + 1):
        root, args = _prepared(reviews, name, tmp_path / f"full-{step}")
        result = seminar(root, *args, SEMINAR_FAULT_AT=str(step), SEMINAR_FAULT_AS="full")
        if step == steps:  # the last step (letting go of the old contents) comes after the commit
            assert result.returncode == 0
            continue
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "No space left on device" in result.stderr
        assert contents(root) == before, f"failed at step {step}"
        assert debris(root) == []


def test_a_killed_command_is_undone_by_the_next_command_that_writes(reviews: Site) -> None:
    before = contents(reviews.root)
    args = COMMANDS["new-session"][1]
    assert seminar(reviews.root, *args, SEMINAR_FAULT_AT="6").returncode == KILLED
    result = seminar(reviews.root, *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(".seminar/transaction/journal: warning: the last seminar command")
    assert "were undone (1 file put back as before it)" in result.stderr.splitlines()[0]
    assert contents(reviews.root) != before
    assert debris(reviews.root) == []


def test_a_read_only_command_finds_nothing_to_finish_and_writes_nothing(reviews: Site) -> None:
    before = {
        path: (data, (reviews.root / path).stat().st_mtime_ns)
        for path, data in contents(reviews.root).items()
    }
    result = seminar(reviews.root, "sessions")
    assert result.returncode == 0 and result.stderr == ""
    after = {
        path: (data, (reviews.root / path).stat().st_mtime_ns)
        for path, data in contents(reviews.root).items()
    }
    assert after == before


def test_a_command_writing_to_a_device_writes_through_it(reviews: Site) -> None:
    result = seminar(reviews.root, "export", "ics", "--offline", "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("BEGIN:VCALENDAR")
    assert Path("/dev/stdout").is_symlink() or not Path("/dev/stdout").is_file()


def test_temporary_files_an_earlier_version_left_are_deleted_by_the_next_command_that_writes(
    reviews: Site,
) -> None:
    debris = [
        reviews.posts / ".2025-01-14-review.md.k3j_9x2a.tmp",
        reviews.root / "_data" / ".papers.json.a1b2c3d4.tmp",
    ]
    for path in debris:
        path.write_text("half a file\n", encoding="utf-8")
    result = reviews.run("build", "--offline")
    assert result.exit_code == 0, result.output
    assert [path for path in debris if path.exists()] == []
    assert result.stderr.count("warning: deleted: a temporary file an interrupted write left") == 2


def test_a_post_an_interrupted_build_set_aside_goes_back_to_its_name(reviews: Site) -> None:
    post = reviews.posts / "2025-01-16-review.md"
    post.rename(reviews.posts / ".2025-01-16-review.md.seminar-move")
    result = reviews.run("build", "--offline")
    assert result.exit_code == 0, result.output
    assert "_posts/2025-01-16-review.md: warning: put back: an interrupted build had set this post aside" in (
        result.stderr
    )
    assert "Notes by the presenter of 2025-01-16-review.md." in post.read_text(encoding="utf-8")


EXPORT = ("export", "ics", "--offline", "-o")


def test_a_calendar_written_to_a_name_under_proc_goes_where_that_name_points(
    reviews: Site, tmp_path: Path
) -> None:
    redirected = tmp_path / "out.ics"
    with redirected.open("wb") as stdout:  # `seminar export ics -o /proc/self/fd/1 > out.ics`
        process = subprocess.run(
            [sys.executable, "-m", "seminar", "--site", str(reviews.root), *EXPORT, "/proc/self/fd/1"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            env={**os.environ, "SEMINAR_NOW": NOW},
            check=False,
        )
    assert process.returncode == 0, process.stderr
    assert redirected.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


@pytest.fixture
def immutable(reviews: Site) -> Iterator[Path]:
    """S1's post made immutable (`chattr +i`: not even root can replace or delete it), made mutable after."""
    post = reviews.posts / "2025-01-14-review.md"
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(post)], capture_output=True).returncode != 0:
        pytest.skip("needs `chattr +i` (e2fsprogs, run as root, on a file system that has the flag)")
    yield post
    subprocess.run([chattr, "-i", str(post)], check=True)


def test_a_post_that_cannot_be_renamed_stops_the_build_which_undoes_the_rest(
    reviews: Site, immutable: Path
) -> None:
    before = contents(reviews.root)
    plan = reviews.root / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("Review", "Retrieval", 1), encoding="utf-8")
    before[PLAN] = plan.read_bytes()
    result = seminar(reviews.root, "build", "--offline")
    assert result.returncode == 1
    assert result.stderr == "_posts/2025-01-14-review.md: error: Operation not permitted\n"
    assert contents(reviews.root) == before
    assert debris(reviews.root) == []
    assert seminar(reviews.root, "check").stderr.count("error") == 0


def test_a_calendar_sent_to_a_device_gets_the_next_sequence_when_an_event_changes(
    reviews: Site, tmp_path: Path
) -> None:
    def export() -> str:
        redirected = tmp_path / "out.ics"
        with redirected.open("wb") as stdout:
            subprocess.run(
                [sys.executable, "-m", "seminar", "--site", str(reviews.root), *EXPORT, "/proc/self/fd/1"],
                stdout=stdout,
                env={**os.environ, "SEMINAR_NOW": NOW},
                check=True,
            )
        return redirected.read_text(encoding="utf-8")

    assert "SEQUENCE:" not in export()
    plan = reviews.root / PLAN
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("Rice Hall 130", "Rice Hall 340"), encoding="utf-8"
    )
    assert "SEQUENCE:1" in export()


def test_a_command_waits_for_the_one_writing_and_says_so(reviews: Site) -> None:
    holder = os.open(reviews.root, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # as another seminar command writing to the site holds it
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "seminar", "--site", str(reviews.root), "build", "--offline"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "SEMINAR_NOW": NOW},
        )
        assert process.stderr is not None
        said = process.stderr.readline()  # said before it waits: the lock is still held here
        assert process.poll() is None
    finally:
        os.close(holder)
    assert said == "waiting for another seminar command to finish with this site...\n"
    assert process.wait(timeout=60) == 0
