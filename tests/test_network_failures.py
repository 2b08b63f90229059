"""Fetching when arXiv cannot be reached, or is slow: fail fast with a reason, say what is waited for.

No answer at all (a closed port, a host name that does not resolve) is tried twice and then named, suggesting
`--offline`, and nothing more is asked in that run. A live server's 429, 503 and timeouts keep the polite
backoff; on a terminal each retry says what it waits for and how long, and a long fetch shows a progress bar.
The terminal is a real pseudo-terminal given to `seminar` as its stderr; nothing here reaches the internet.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import threading

import pytest
from arxiv_server import OURS, FakeArxiv, Fault
from plans import build, write_plan

from conftest import REPO, Site

PAPER = OURS.paper  # a made-up paper of the local arXiv stand-in
REFUSED = "connection refused by 127.0.0.1:9"  # SEMINAR_ARXIV_API is this closed port in every test
OFFLINE_HINT = "without a network, --offline works from the paper store alone"
UNREACHABLE = f"cannot reach arXiv (ConnectionError); gave up after 2 tries: {REFUSED}; {OFFLINE_HINT}"
RETRY_UNREACHABLE = f"cannot reach arXiv ({REFUSED}); retrying in 1 s (2/2)"
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # a terminal's control sequences (clear line, hide cursor)


def on_a_terminal(site: Site, *args: str, stdin: str | None = None) -> tuple[int, str]:
    """`seminar --site ROOT ARGS...` in a new process whose stderr is a terminal: its exit status and the
    lines the terminal was left showing (each line as last redrawn after a carriage return, control
    sequences such as "clear the line" left out)."""
    main, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "seminar", "--site", str(site.root), *args],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    shown: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(main, 4096)
            except OSError:  # the last writer closed the terminal
                return
            if not data:
                return
            shown.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    process.communicate((stdin or "").encode(), timeout=120)
    reader.join(30)
    os.close(main)
    text = CONTROL.sub("", b"".join(shown).decode("utf-8", "replace").replace("\r\n", "\n"))
    return process.returncode, "\n".join(line.rsplit("\r", 1)[-1] for line in text.split("\n"))


def synthetic_ids(arxiv: FakeArxiv, count: int) -> list[str]:
    ids = [f"2501.{number:05d}" for number in range(1, count + 1)]
    for number, key in enumerate(ids, 1):
        arxiv.add_paper(key, f"Synthetic Paper Number {number}")
    return ids


def cite(site: Site, ids: list[str]) -> None:
    """A post citing these papers, for `seminar fetch` to find."""
    site.write("_posts/2025-01-07-a.md", "---\n---\n" + "".join(f"arXiv:{key}\n" for key in ids))


# No answer at all: tried twice, then named, and nothing more is asked


def test_a_refused_connection_is_tried_twice_then_named_with_offline_suggested(site: Site) -> None:
    result = site.run("fetch-abstract", PAPER)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [RETRY_UNREACHABLE, f"error: {PAPER}: {UNREACHABLE}"]


def test_a_host_name_that_does_not_resolve_is_named(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "SEMINAR_ARXIV_API", "http://seminar-test.invalid/api/query"
    )  # .invalid never resolves
    result = site.run("fetch-abstract", PAPER)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "cannot reach arXiv (cannot resolve seminar-test.invalid); retrying in 1 s (2/2)",
        f"error: {PAPER}: cannot reach arXiv (ConnectionError); gave up after 2 tries: cannot resolve "
        f"seminar-test.invalid; {OFFLINE_HINT}",
    ]


def test_after_arxiv_could_not_be_reached_the_later_batches_are_not_tried(site: Site) -> None:
    ids = [f"2501.{number:05d}" for number in range(1, 251)]  # three requests' worth
    cite(site, ids)
    result = site.run("fetch")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        RETRY_UNREACHABLE,  # the first request only: the later batches are not tried
        *(f"error: {key}: {UNREACHABLE}" for key in ids),
    ]
    assert result.stdout == "250 readings: 0 fetched, 0 cached, 250 failed in 2 requests\n"


def test_a_build_with_an_id_and_a_title_tries_arxiv_twice_in_all(site: Site) -> None:
    write_plan(site, [{"week": "S1", "title": "X", "required": [PAPER], "more": ["A Title Nobody Cached"]}])
    status, shown = on_a_terminal(site, "build")
    assert status == 1
    assert shown.count("retrying in") == 1 and RETRY_UNREACHABLE in shown  # the title search never asked
    assert f"session S1: {PAPER}: {UNREACHABLE}" in shown
    assert f"session S1: 'A Title Nobody Cached': {UNREACHABLE}" in shown
    assert site.post_files() == []


def test_offline_nothing_is_tried_and_each_uncached_reading_is_named(site: Site) -> None:
    write_plan(site, [{"week": "S1", "title": "X", "required": [PAPER]}])
    result = build(site)
    assert result.exit_code == 1
    assert "--offline forbids fetching it" in result.stderr and "cannot reach" not in result.stderr


# A live server that is busy or slow: the polite backoff, said on a terminal


def test_a_503_says_on_a_terminal_what_it_waits_for(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.faults.append(Fault(status=503, headers={"Retry-After": "1"}))
    status, shown = on_a_terminal(site, "fetch-abstract", PAPER)
    assert status == 0
    assert shown == "arXiv answered 503; retrying in 1 s (2/5)\n"
    assert len(arxiv.requests) == 2


def test_a_stall_says_on_a_terminal_that_arxiv_did_not_answer(
    site: Site, arxiv: FakeArxiv, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_ARXIV_TIMEOUT", "0.5")
    arxiv.faults.append(Fault(stall=2.0))
    status, shown = on_a_terminal(site, "fetch-abstract", PAPER)
    assert status == 0
    assert shown == "arXiv did not answer; retrying in 1 s (2/5)\n"


def test_a_busy_server_keeps_the_polite_backoff(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.faults.extend([Fault(status=429)] * 2)
    status, shown = on_a_terminal(site, "fetch-abstract", PAPER)
    assert status == 0 and len(arxiv.requests) == 3  # more than the two tries of an unreachable arXiv
    assert shown.splitlines() == [
        "arXiv answered 429; retrying in 1 s (2/5)",
        "arXiv answered 429; retrying in 2 s (3/5)",
    ]


def test_retries_are_said_on_stderr_when_it_is_not_a_terminal_too(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.faults.append(Fault(status=503, headers={"Retry-After": "1"}))
    result = site.run("fetch-abstract", PAPER)
    assert result.exit_code == 0
    assert result.stderr == "arXiv answered 503; retrying in 1 s (2/5)\n"  # a CI log shows the wait too
    assert len(arxiv.requests) == 2


# Progress bars: on a terminal, for long fetches only


def test_a_fetch_of_more_than_one_request_shows_a_progress_bar_on_a_terminal(
    site: Site, arxiv: FakeArxiv
) -> None:
    ids = synthetic_ids(arxiv, 150)
    status, shown = on_a_terminal(site, "fetch-abstract", "-", stdin="\n".join(ids))
    assert status == 0 and len(arxiv.requests) == 2
    assert "fetching from arXiv" in shown and "100%" in shown


def test_a_fetch_of_one_request_shows_no_progress_bar(site: Site, arxiv: FakeArxiv) -> None:
    ids = synthetic_ids(arxiv, 3)
    status, shown = on_a_terminal(site, "fetch-abstract", *ids)
    assert status == 0 and shown == ""


def test_a_long_fetch_shows_no_progress_bar_when_stderr_is_not_a_terminal(
    site: Site, arxiv: FakeArxiv
) -> None:
    ids = synthetic_ids(arxiv, 150)
    cite(site, ids)
    result = site.run("fetch")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == "150 readings: 150 fetched, 0 cached, 0 failed in 2 requests\n"


def test_a_search_of_several_titles_shows_a_progress_bar_on_a_terminal(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.add_paper("2501.00001", "Kettles That Sing")
    arxiv.add_paper("2501.00002", "Teacups That Hum")
    status, shown = on_a_terminal(site, "resolve", "Kettles That Sing", "Teacups That Hum")
    assert status == 0
    assert "searching arXiv by title" in shown and "100%" in shown


def test_a_search_of_one_title_shows_no_progress_bar(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.add_paper("2501.00001", "Kettles That Sing")
    status, shown = on_a_terminal(site, "resolve", "Kettles That Sing")
    assert status == 0 and shown == ""
