"""`seminar sessions`: the plan's sessions listed with their dates, readings, held or not, and files."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

from arxiv_server import FakeArxiv
from plans import LLOCO, NVLM, PLAN, RULER, SURVEY, plan_text

from conftest import REPO, Site

SESSIONS = [
    {"week": "S1", "title": "Intro", "required": [NVLM, SURVEY], "more": [LLOCO]},  # Tue 14 Jan 2025
    {"week": "S2", "title": "Long context", "required": [LLOCO], "background": [RULER]},  # Thu 16 Jan
    {"week": "S3", "required": [SURVEY]},  # Tue 21 Jan, no title yet
]


def built(site: Site) -> None:
    site.write(PLAN, plan_text(SESSIONS))
    result = site.run("build", "--offline")
    assert result.exit_code == 0, result.output


def test_sessions_prints_a_table_of_the_plans_sessions(site: Site) -> None:
    built(site)
    result = site.run("sessions", "--today", "2025-01-17")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "week  date        title         readings  held  file",
        "S1    2025-01-14  Intro         2+1       yes   _posts/2025-01-14-intro.md",
        "S2    2025-01-16  Long context  1+0+1     yes   _posts/2025-01-16-long-context.md",
        "S3    2025-01-21  TBA           1+0       no    _posts/2025-01-21-s3.md",
        "3 sessions, 2 held",
    ]


def test_a_session_held_is_one_dated_before_today(site: Site) -> None:
    built(site)
    result = site.run("sessions", "--json", "--today", "2025-01-16")
    assert [session["held"] for session in json.loads(result.stdout)] == [True, False, False]


def test_a_session_not_written_yet_has_no_file(site: Site) -> None:
    site.write(PLAN, plan_text(SESSIONS))
    result = site.run("sessions", "--today", "2025-01-01")
    assert result.exit_code == 0, result.output
    assert [line.split()[-1] for line in result.stdout.splitlines()[1:-1]] == ["-", "-", "-"]


def test_json_gives_each_session_with_its_readings_as_the_plan_names_them(site: Site) -> None:
    site.write("_config.yml", (site.root / "_config.yml").read_text() + "url: https://seminar.example.edu\n")
    built(site)
    result = site.run("sessions", "--json", "--today", "2025-01-15")
    assert result.exit_code == 0, result.output
    first, _, third = json.loads(result.stdout)
    assert first == {
        "week": "S1",
        "date": "2025-01-14",
        "title": "Intro",
        "required": [NVLM, SURVEY],
        "more": [LLOCO],
        "background": [],
        "held": True,
        "file": "_posts/2025-01-14-intro.md",
        "url": "https://seminar.example.edu/2025/01/14/intro.html",
    }
    assert third["title"] is None


def test_json_has_no_file_or_url_for_a_session_not_written_yet(site: Site) -> None:
    site.write(PLAN, plan_text(SESSIONS))
    (first, *_) = json.loads(site.run("sessions", "--json").stdout)
    assert (first["file"], first["url"]) == (None, None)


def test_the_file_is_the_one_the_session_has_even_when_out_of_step_with_the_plan(site: Site) -> None:
    built(site)
    renamed = [{**SESSIONS[0], "title": "Welcome"}, *SESSIONS[1:]]
    site.write(PLAN, plan_text(renamed))  # `seminar build` would move it to 2025-01-14-welcome.md
    (first, *_) = json.loads(site.run("sessions", "--json").stdout)
    assert (first["title"], first["file"]) == ("Welcome", "_posts/2025-01-14-intro.md")


def test_sessions_reads_only_and_fetches_nothing(site: Site, arxiv: FakeArxiv) -> None:
    site.write(PLAN, plan_text([*SESSIONS, {"week": "S4", "required": ["2501.00001"]}]))  # not cached
    before = site.snapshot()
    result = site.run("sessions")
    assert result.exit_code == 0, result.output
    assert arxiv.requests == []
    assert site.snapshot() == before


def test_without_a_plan_it_says_how_to_make_one(site: Site) -> None:
    result = site.run("sessions")
    assert result.exit_code == 1
    assert "no plan yet" in result.stderr and "Traceback" not in result.output


def in_terminal(site: Site, columns: int, *args: str) -> str:
    """`seminar ARGS` run as a real process whose output is a terminal `columns` wide."""
    reader, writer = pty.openpty()
    environment = {**os.environ, "COLUMNS": str(columns), "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "seminar", "--site", str(site.root), *args]
    subprocess.run(command, stdout=writer, env=environment, check=True, timeout=60)
    os.close(writer)
    output = b""
    while True:
        try:
            chunk = os.read(reader, 4096)
        except OSError:  # the terminal is closed once everything is read
            break
        if not chunk:
            break
        output += chunk
    os.close(reader)
    return output.decode("utf-8").replace("\r\n", "\n")


def test_at_a_terminal_the_table_fits_its_width(site: Site) -> None:
    long_title = "Diffusion - guidance and controllable generation, with a very long subtitle"
    site.write(PLAN, plan_text([{"week": "S1", "title": long_title, "required": [NVLM]}]))
    lines = in_terminal(site, 60, "sessions", "--today", "2025-01-01").splitlines()
    assert all(len(line) <= 60 for line in lines), lines
    assert lines[1] == "S1    2025-01-14  Diffusion - guidanc…  1+0       no    -"


def test_a_plan_whose_calendar_cannot_be_read_is_refused_naming_its_line(site: Site) -> None:
    built(site)
    plan = site.root / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("meets: [Tue, Thu]", "meets: [T, Thu]"))
    for command in (("sessions",), ("remove-session", "--week", "S2")):
        before = site.snapshot()
        result = site.run(*command)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.stderr.splitlines() == [
            f"{plan}:4: error: meets: 'T' is not a weekday: write Tue, Thu, ... (any unambiguous start of a "
            "day name)"
        ]
        assert site.snapshot() == before
