"""The plan's bytes survive an edit: `new-session`, `add-reading`, `move` and `remove-session` change only the
lines their edit is about. Every other line of `_data/schedule.yml` comes out as it went in — its trailing
spaces, comments, quotes and line break — new lines are indented as the plan indents its lists and end as
its lines do (CRLF stays CRLF), and a byte-order mark stays."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plans import LLOCO, NVLM, PLAN, SURVEY

from conftest import Site

SPACES = "   "  # trailing spaces a person left

# The same term written two ways: lists indented under their key, and lists flush with it. Trailing spaces
# (after `Intro"`, on S1's reading, on the blank line after S1), comments and quotes are a person's.
INDENTED = f"""\
# Our term's plan.{SPACES}
term: 2025-seminarRead
first_day: 2025-01-14
meets: [Tue, Thu]{SPACES}
no_class:
  - {{from: 2025-03-10, to: 2025-03-14, why: spring break}}
sessions:
  # Week 1
  - week: S1
    title: "Intro"    # the first session
    required:
      - {NVLM}{SPACES}
{SPACES}
  - week: S2
    title: 'Long context'
    lead: team-1
    required:
      - "{LLOCO}"
  # Week 2
  - week: S3
    title: Video generation
    required:
      - {SURVEY}
"""
FLUSH = f"""\
# Our term's plan.{SPACES}
term: 2025-seminarRead
first_day: 2025-01-14
meets: [Tue, Thu]{SPACES}
no_class:
- {{from: 2025-03-10, to: 2025-03-14, why: spring break}}
sessions:
# Week 1
- week: S1
  title: "Intro"    # the first session
  required:
  - {NVLM}{SPACES}
{SPACES}
- week: S2
  title: 'Long context'
  lead: team-1
  required:
  - "{LLOCO}"
# Week 2
- week: S3
  title: Video generation
  required:
  - {SURVEY}
"""
STYLES = {"indented": INDENTED, "flush": FLUSH}


@pytest.fixture(autouse=True)
def before_the_term(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is before every session: none is held, so no edit pins a session's date."""
    monkeypatch.setenv("SEMINAR_NOW", "2025-01-01T12:00:00Z")


def edited(site: Site, style: str, newline: str, *command: str) -> tuple[bytes, bytes]:
    """The plan's bytes before and after `command`, the plan written in `style` with `newline` line breaks."""
    before = STYLES[style].replace("\n", newline).encode()
    (site.root / PLAN).parent.mkdir(parents=True, exist_ok=True)
    (site.root / PLAN).write_bytes(before)
    result = site.run(*command, "--offline")
    assert result.exit_code == 0, result.output
    return before, (site.root / PLAN).read_bytes()


def changes(before: bytes, after: bytes) -> list[str]:
    """The lines the edit took out (`- line`) and put in (`+ line`), as a line diff shows them."""
    diff = difflib.ndiff(before.decode().splitlines(True), after.decode().splitlines(True))
    return [line for line in diff if line[0] in "+-"]


# What each command changes, in either style: the new lines indented as the plan's lists are.
ADD_READING = ("add-reading", "--week", "S1", SURVEY)
ADDED_READING = {"indented": [f"+       - '{SURVEY}'"], "flush": [f"+   - '{SURVEY}'"]}
MOVE = ("move", "--week", "S3", "--to", "2025-01-28")
MOVED = {"indented": ["+     date: 2025-01-28"], "flush": ["+   date: 2025-01-28"]}
REMOVE = ("remove-session", "--week", "S2")
REMOVED = {
    "indented": [
        "-   - week: S2", "-     title: 'Long context'", "-     lead: team-1", "-     required:",
        f'-       - "{LLOCO}"',
    ],
    "flush": [
        "- - week: S2", "-   title: 'Long context'", "-   lead: team-1", "-   required:", f'-   - "{LLOCO}"',
    ],
}  # fmt: skip
NEW_SESSION = ("new-session", "--week", "S4", "--title", "Agents", "--required", NVLM)
NEW = {
    "indented": ["+   - week: S4", "+     title: Agents", "+     required:", f"+       - '{NVLM}'"],
    "flush": ["+ - week: S4", "+   title: Agents", "+   required:", f"+   - '{NVLM}'"],
}
EDITS = {
    "add-reading": (ADD_READING, ADDED_READING),
    "move": (MOVE, MOVED),
    "remove-session": (REMOVE, REMOVED),
    "new-session": (NEW_SESSION, NEW),
}


@pytest.mark.parametrize("command", EDITS)
@pytest.mark.parametrize("style", STYLES)
def test_an_edit_changes_only_its_own_lines_indented_as_the_plan_is(
    site: Site, style: str, command: str
) -> None:
    args, expected = EDITS[command]
    before, after = edited(site, style, "\n", *args)
    assert [line.rstrip("\n") for line in changes(before, after)] == expected[style]


@pytest.mark.parametrize("command", EDITS)
@pytest.mark.parametrize("style", STYLES)
def test_a_crlf_plan_stays_crlf_on_every_line(site: Site, style: str, command: str) -> None:
    args, expected = EDITS[command]
    before, after = edited(site, style, "\r\n", *args)
    assert all(line.endswith(b"\r\n") for line in after.splitlines(True))
    assert [line.rstrip("\r\n") for line in changes(before, after)] == expected[style]


def test_a_byte_order_mark_stays(site: Site) -> None:
    site.write(PLAN, "\ufeff" + INDENTED)
    result = site.run(*ADD_READING, "--offline")
    assert result.exit_code == 0, result.output
    after = (site.root / PLAN).read_text(encoding="utf-8")
    assert after.startswith("\ufeff# Our term's plan.") and after.count("\ufeff") == 1
    assert after == "\ufeff" + INDENTED.replace(f"{NVLM}{SPACES}\n", f"{NVLM}{SPACES}\n      - '{SURVEY}'\n")


def test_a_plan_without_a_final_line_break_keeps_having_none(site: Site) -> None:
    site.write(PLAN, INDENTED.removesuffix("\n"))
    result = site.run(*NEW_SESSION, "--offline")
    assert result.exit_code == 0, result.output
    after = (site.root / PLAN).read_text(encoding="utf-8")
    assert after == INDENTED + "  - week: S4\n    title: Agents\n    required:\n      - '2409.11402'"


def test_a_reading_added_goes_above_the_comment_heading_the_next_session(site: Site) -> None:
    site.write(PLAN, INDENTED)
    result = site.run("add-reading", "--week", "S2", NVLM, "--offline")
    assert result.exit_code == 0, result.output
    after = (site.root / PLAN).read_text(encoding="utf-8")
    assert after == INDENTED.replace(f'"{LLOCO}"\n', f"\"{LLOCO}\"\n      - '{NVLM}'\n")


def test_a_session_added_before_another_goes_above_the_comment_heading_that_one(site: Site) -> None:
    site.write(PLAN, INDENTED)
    result = site.run(
        "new-session", "--week", "S0", "--title", "Warm-up", "--date", "2025-01-21", "--offline"
    )
    assert result.exit_code == 0, result.output
    after = (site.root / PLAN).read_text(encoding="utf-8")
    new = "  - week: S0\n    title: Warm-up\n    date: 2025-01-21\n"
    assert after == INDENTED.replace("  # Week 2\n", new + "  # Week 2\n")


# Sessions flush with `sessions:`, each session's readings indented under their key.
MIXED = f"""\
first_day: 2025-01-14
meets: [Tue, Thu]
sessions:
- week: S1
  title: Intro
  required:
    - {NVLM}
- week: S2
  title: Long context
  required:
    - "{LLOCO}"
"""


def test_a_plan_indenting_its_lists_two_ways_keeps_both(site: Site) -> None:
    site.write(PLAN, MIXED)
    assert site.run("add-reading", "--week", "S1", SURVEY, "--offline").exit_code == 0
    assert site.run(*NEW_SESSION, "--offline").exit_code == 0
    added = MIXED.replace(f"{NVLM}\n", f"{NVLM}\n    - '{SURVEY}'\n")
    new = f"- week: S4\n  title: Agents\n  required:\n    - '{NVLM}'\n"
    assert (site.root / PLAN).read_text(encoding="utf-8") == added + new


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_session_added_then_removed_gives_the_plan_back_byte_for_byte(site: Site, newline: str) -> None:
    before = INDENTED.replace("\n", newline).encode()
    (site.root / PLAN).parent.mkdir(parents=True, exist_ok=True)
    (site.root / PLAN).write_bytes(before)
    assert site.run(*NEW_SESSION, "--offline").exit_code == 0
    assert site.run("remove-session", "--week", "S4", "--offline").exit_code == 0
    assert (site.root / PLAN).read_bytes() == before


# Any line may end with spaces or a tab (a blank line: with a space; YAML allows no tab there), and be
# followed by a comment line, indented any way.
TRAILING = st.sampled_from(["", " ", "   ", "\t", " \t "])
COMMENT = st.one_of(
    st.none(),
    st.builds("{}# {}".format, st.sampled_from(["", "  ", "    ", "      "]), st.text("ab -:", max_size=8)),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(TRAILING, COMMENT), min_size=len(INDENTED.splitlines()), max_size=len(INDENTED.splitlines())
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from([("S1", SURVEY), ("S2", SURVEY), ("S3", NVLM)]),
)
def test_adding_a_reading_adds_its_line_and_changes_no_other_byte(
    site: Site, decorations: list[tuple[str, str | None]], newline: str, added: tuple[str, str]
) -> None:
    lines = [
        line + (trailing if line.strip() else " ") + newline + ("" if comment is None else comment + newline)
        for line, (trailing, comment) in zip(INDENTED.splitlines(), decorations, strict=True)
    ]
    before = "".join(lines).encode()
    (site.root / PLAN).parent.mkdir(parents=True, exist_ok=True)
    (site.root / PLAN).write_bytes(before)
    week, reading = added
    result = site.run("add-reading", "--week", week, reading, "--offline")
    assert result.exit_code == 0, result.output
    after = (site.root / PLAN).read_bytes()
    assert [line.rstrip("\r\n") for line in changes(before, after)] == [f"+       - '{reading}'"]
    assert all(line.endswith(newline.encode()) for line in after.splitlines(True))


def test_tabs_between_values_which_ruamel_refuses_do_not_stop_an_edit_and_stay(site: Site) -> None:
    plan = INDENTED.replace("lead: team-1", "lead: team-1\t# a tab, then a comment").replace(
        "meets: [Tue, Thu]", "meets: [Tue,\tThu]\t"
    )
    site.write(PLAN, plan)
    result = site.run(*ADD_READING, "--offline")
    assert result.exit_code == 0, result.output
    after = (site.root / PLAN).read_text(encoding="utf-8")
    assert after == plan.replace(f"{NVLM}{SPACES}\n", f"{NVLM}{SPACES}\n      - '{SURVEY}'\n")


def test_a_plan_of_only_comments_keeps_them_above_the_first_session(site: Site) -> None:
    site.write(PLAN, "# Spring term: sessions to come.\r\n")
    result = site.run("new-session", "--week", "S1", "--title", "Intro", "--date", "2025-01-14", "--offline")
    assert result.exit_code == 0, result.output
    assert (site.root / PLAN).read_bytes() == (
        b"# Spring term: sessions to come.\r\n"
        b"# The term's plan: `seminar build` writes every session's post from it "
        b'(README.md, "The plan").\r\n'
        b"sessions:\r\n  - week: S1\r\n    title: Intro\r\n    date: 2025-01-14\r\n"
    )
