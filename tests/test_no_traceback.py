"""No traceback ever reaches the user: bad input met at the edge is one line naming the file, line or value
(exit 1, no file changed), and anything unexpected is one line asking for a report (exit 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from arxiv_server import FakeArxiv, Fault
from click.testing import Result
from plans import NVLM, PLAN, TERM_HEADER, build, line_of, write_plan

from conftest import Site

SESSION = {"week": "W01.1", "title": "Topic 01", "required": [NVLM]}


def refused(result: Result, *words: str) -> str:
    """The one line of stderr of a command refused with exit 1, which holds each of `words`."""
    assert result.exit_code == 1, (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "error: " in lines[0], lines
    assert all(word in lines[0] for word in words), lines
    return lines[0]


def test_a_nul_byte_in_posts_dir_is_refused_naming_the_setting(site: Site) -> None:
    site.write("_config.yml", 'seminar:\n  term: T\n  year: 2025\n  posts_dir: "_po\\0sts"\n')
    write_plan(site, [SESSION])
    before = site.snapshot()
    line = refused(build(site), "_config.yml", "posts_dir")
    assert "NUL" in line
    assert site.snapshot() == before


def test_a_first_day_past_year_9999_is_refused_naming_the_line(site: Site) -> None:
    header = TERM_HEADER.replace("first_day: 2025-01-14", "first_day: 9999-12-28").replace(
        "last_day: 2025-05-01\n", ""
    )  # Tue 28 and Thu 30 December are the last meeting days there are
    sessions = [{**SESSION, "week": f"W01.{n}", "title": f"Topic {n}"} for n in (1, 2, 3)]
    text = write_plan(site, sessions, header)
    before = site.snapshot()
    line = refused(build(site), f"{PLAN}:{line_of(text, 'W01.3')}:", "W01.3", "after 9999-12-31")
    assert line.endswith("move first_day, or give it `date:`")
    assert site.snapshot() == before


def test_a_paper_store_nested_too_deep_is_refused_naming_the_file(site: Site) -> None:
    site.write("_data/papers.json", "[" * 200_000 + "]" * 200_000)
    before = site.snapshot()
    refused(site.run("papers"), "_data/papers.json", "nested")
    assert site.snapshot() == before


BOMB = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
)


def test_a_yaml_alias_bomb_in_a_post_is_refused_naming_the_post(site: Site) -> None:
    write_plan(site, [SESSION])
    assert build(site).exit_code == 0
    (post,) = site.posts.glob("*.md")
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("---\n", f"---\n{BOMB}\n", 1), encoding="utf-8")
    before = site.snapshot()
    refused(build(site), post.name, "alias")
    assert site.snapshot() == before


def test_a_title_with_a_byte_that_is_not_utf8_is_refused_naming_the_option(site: Site) -> None:
    before = site.snapshot()
    # Python gives a byte of argv that is not UTF-8 as a lone surrogate (0xFF as U+DCFF)
    result = site.run("new-session", "--offline", "--date", "2025-01-14", "--title", "Bad \udcff title")
    refused(result, "--title", "not UTF-8")
    assert site.snapshot() == before


@pytest.mark.parametrize(
    "template", ["{{ 1/0 }}\n", '{% extends "session.md.j2" %}\n'], ids=["division", "extends-itself"]
)
def test_a_site_template_that_fails_is_refused_naming_the_template(site: Site, template: str) -> None:
    write_plan(site, [SESSION])
    site.write("templates/session.md.j2", template)
    before = site.snapshot()
    refused(build(site), "session.md.j2")
    assert site.snapshot() == before


def test_an_arxiv_answer_with_a_date_that_is_no_date_is_refused(site: Site, arxiv: FakeArxiv) -> None:
    body = (Path(__file__).parent / "fixtures" / "arxiv" / "id_2403.00101.xml").read_bytes()
    body = body.replace(b"<updated>2024-03-01T09:30:00Z</updated>", b"<updated>x</updated>")
    arxiv.faults.extend([Fault(body=body)] * 5)
    before = site.snapshot()
    line = refused(site.run("fetch-abstract", "2403.00101"), "2403.00101", "arXiv's answer could not be read")
    assert "Invalid isoformat string: 'x'" in line
    assert site.snapshot() == before  # the paper store is as it was, and nothing else is written


def test_import_list_refuses_a_device(site: Site) -> None:
    before = site.snapshot()
    refused(site.run("import-list", "/dev/zero"), "/dev/zero", "not a regular file")
    assert site.snapshot() == before


def test_import_list_refuses_a_fifo_without_waiting_for_it(site: Site, tmp_path: Path) -> None:
    fifo = tmp_path / "list.md"
    os.mkfifo(fifo)
    before = site.snapshot()
    refused(site.run("import-list", str(fifo)), "list.md", "not a regular file")
    assert site.snapshot() == before


def test_import_list_refuses_a_list_too_large(site: Site, tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: 21 MB that take no room
    before = site.snapshot()
    refused(site.run("import-list", str(big)), "big.md", "MB")
    assert site.snapshot() == before


def test_an_unexpected_failure_is_one_line_asking_for_a_report(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    import seminar.commands.papers

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(seminar.commands.papers, "run", broken)
    result = site.run("papers")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: internal error: ZeroDivisionError: division by zero (please report this")
    assert "with the command" in line


def test_an_interrupt_is_not_taken_for_an_internal_error(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    import seminar.commands.papers

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(seminar.commands.papers, "run", interrupted)
    result = site.run("papers")
    assert "internal error" not in result.stderr
    assert result.exit_code != 2


def _seminar(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    """`seminar` in a process of its own, which a read that blocks forever cannot stop the tests with."""
    return subprocess.run(
        [sys.executable, "-m", "seminar", "--site", str(site.root), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=site.root,
        check=False,
    )


@pytest.mark.parametrize("name", [PLAN, "_data/papers.json"])
@pytest.mark.parametrize("command", [("check",), ("sessions",), ("build", "--offline")])
def test_a_site_file_that_is_a_fifo_is_refused_not_waited_on(
    site: Site, name: str, command: tuple[str, ...]
) -> None:
    write_plan(site, [SESSION])
    (site.root / name).unlink()
    os.mkfifo(site.root / name)
    result = _seminar(site, *command)
    if command == ("sessions",) and name != PLAN:
        assert result.returncode == 0  # the table reads no paper store
        return
    assert result.returncode == 1
    assert result.stderr == f"{name}: error: not a regular file (a FIFO): give a file\n"


def test_a_paper_store_that_is_a_device_is_refused_not_read_without_end(site: Site) -> None:
    write_plan(site, [SESSION])
    store = site.root / "_data" / "papers.json"
    store.unlink()
    store.symlink_to("/dev/zero")
    result = _seminar(site, "check")
    assert result.returncode == 1
    assert result.stderr == "_data/papers.json: error: not a regular file (a device): give a file\n"


def test_ctrl_c_while_the_program_starts_is_one_line() -> None:
    interrupted_import = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'seminar.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from seminar.entry import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", interrupted_import], capture_output=True, text=True, timeout=60, check=False
    )
    assert (result.returncode, result.stderr) == (1, "Aborted!\n")
