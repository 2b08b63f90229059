"""A plan with problems: `build`, `check` and a plan edit (`new-session`) report every one in one run, in
line order, each once, and none that only follows from another (a calendar that cannot be read is said
once, not again as every session's date). Nothing is written."""

from __future__ import annotations

import re

import pytest
from arxiv_server import FakeArxiv
from click.testing import Result
from plans import BEFORE_TERM, NVLM, PLAN, SURVEY, TERM_HEADER, build, line_of, plan_text

from conftest import Site

HEADER = """\
term: 2025-seminarRead
first_day: 2025-01-14
last_day: 2025-01-30
meets: [Tue, Thu]
no_class:
  - {date: 2025-01-21, why: snow day}
sessions:
"""

# Four date problems, each a session's own: Tuesdays and Thursdays from 14 January, 21 January off.
DATES = (
    HEADER
    + """\
  - week: S1
    title: One
    date: 2025-01-09            # before first_day
  - week: S2
    title: Two                  # the calendar's first day, 2025-01-14
  - week: S3
    title: Three
    date: 2025-01-14            # S2's day
  - week: S4
    title: Four
    date: 2025-01-21            # a day without class
  - week: S5
    title: Five                 # 01-23
  - week: S6
    title: Six                  # 01-28
  - week: S7
    title: Seven                # 01-30
  - week: S8
    title: Eight                # 02-04, after last_day
"""
)

# Keys and values: an unknown key of the plan and of a session, a year that is no year, a week label that
# cannot name a file, a title with a control character, an empty tag, a title and a lead that are no text.
VALUES = """\
term: 2025-seminarRead
year: twenty-five
first_day: 2025-01-14
meets: [Tue, Thu]
room: 204
sessions:
  - week: S1
    title: "One\\x85more"
    required: [2409.11402]
  - week: ../S2
    title: Two
  - week: S3
    title: Three
    slides: deck-3
    tags:
      - LLM
      - ''
  - week: S4
    title: [Four]
    lead: 7
"""

# Readings and weeks: a reading arXiv does not have, a reading listed twice, a week planned twice, a reading
# that is neither an id nor a title, and an unknown key.
READINGS = (
    TERM_HEADER
    + f"""\
  - week: S1
    title: One
    required:
      - {NVLM}
      - 2501.99999
  - week: S2
    title: Two
    required:
      - {SURVEY}
      - {SURVEY}
  - week: S1
    title: One again
    more:
      - ''
  - week: S4
    title: Four
    slide: x
"""
)


def files(site: Site) -> dict[str, tuple[bytes, int]]:
    """Every file of the site but seminar's own lock and backups (a fetch takes the store's lock)."""
    return {name: file for name, file in site.snapshot().items() if not name.startswith(".seminar/")}


def run(site: Site, command: str) -> Result:
    """`build`, `check` or `new-session` (a session added to the plan), from the top of the site, offline."""
    arguments = {
        "build": ("build", "--offline", "--today", BEFORE_TERM),
        "check": ("check", "--today", BEFORE_TERM),
        "new-session": (
            "new-session",
            "--week",
            "S9",
            "--title",
            "Nine",
            "--date",
            "2025-05-01",
            "--offline",
        ),
    }[command]
    return site.run(*arguments, cwd=site.root)


def refused(site: Site, plan: str, command: str, *, counted: bool = True) -> list[str]:
    """Run `command` on this plan: exit 1, nothing written; the lines of stderr. `check` counts them on
    stdout when it gets as far as the site (`counted`), past its configuration."""
    site.write(PLAN, plan)
    before = files(site)
    result = run(site, command)
    assert result.exit_code == 1, result.output
    assert files(site) == before
    assert "Traceback" not in result.output
    if command == "check" and counted:
        errors = len(result.stderr.splitlines())
        assert result.stdout == f"{errors} error{'s' * (errors != 1)}, 0 warnings\n"
    return result.stderr.splitlines()


def at(plan: str, needle: str, message: str, occurrence: int = 1) -> str:
    """The error line of the plan line holding `needle`."""
    return f"{PLAN}:{line_of(plan, needle, occurrence)}: error: {message}"


COMMANDS = ["build", "check", "new-session"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_date_problem_is_reported_at_once_in_line_order(site: Site, command: str) -> None:
    assert refused(site, DATES, command) == [
        at(DATES, "week: S1", "session S1: is on 2025-01-09, before the term's first_day 2025-01-14"),
        at(DATES, "week: S3", "session S3: falls on 2025-01-14, the date of session S2"),
        at(DATES, "week: S4", "session S4: is fixed on 2025-01-21, a day without class (snow day)"),
        at(DATES, "week: S8", "session S8: falls on 2025-02-04, after the term's last_day 2025-01-30"),
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_bad_key_and_value_is_reported_at_once_in_line_order(site: Site, command: str) -> None:
    assert refused(site, VALUES, command) == [
        at(VALUES, "year:", "year: must be a year such as 2025, not 'twenty-five'"),
        at(
            VALUES,
            "room:",
            "room: unknown key (known: term, year, first_day, last_day, meets, time, timezone, location, "
            "no_class, sessions)",
        ),
        at(
            VALUES,
            "One\\x85more",
            "session S1: title: control characters and line breaks are not allowed (U+0085)",
        ),
        at(
            VALUES,
            "week: ../S2",
            "session ../S2: week label '../S2' is not usable: use up to 32 letters, digits, '.', '-' or '_' "
            "starting with a letter or digit, like S4 or W03.2",
        ),
        at(
            VALUES,
            "slides:",
            "session S3: slides: unknown key (known: week, title, lead, lecture, extraContent, notes, tags, "
            "categories, desc, lectureVersion, required, more, background, date, file)",
        ),
        at(VALUES, "- ''", "session S3: tags: an empty item: leave it out (tags: [] for none)"),
        at(VALUES, "[Four]", "session S4: title: must be text, not ['Four'] (quote it)"),
        at(VALUES, "lead: 7", "session S4: lead: must be text, not 7 (quote it)"),
    ]


def test_build_reports_the_readings_that_do_not_resolve_with_the_plans_other_problems(
    site: Site, arxiv: FakeArxiv
) -> None:
    site.write(PLAN, READINGS)
    before = files(site)
    result = site.run("build", "--today", BEFORE_TERM, cwd=site.root)
    assert result.exit_code == 1, result.output
    assert files(site) == before
    assert result.stderr.splitlines() == [
        at(READINGS, "2501.99999", "session S1: 2501.99999: not on arXiv (no paper has this id)"),
        at(READINGS, SURVEY, f"session S2: {SURVEY}: listed twice in this session", occurrence=2),
        at(
            READINGS,
            "week: S1",
            f"session S1: week S1 is already the session at line {line_of(READINGS, 'week: S1')}",
            occurrence=2,
        ),
        at(READINGS, "- ''", "session S1: more: must be an arXiv id or a title, not ''"),
        at(
            READINGS,
            "slide:",
            "session S4: slide: unknown key (known: week, title, lead, lecture, extraContent, notes, tags, "
            "categories, desc, lectureVersion, required, more, background, date, file)",
        ),
    ]


def test_check_reports_the_readings_it_cannot_find_with_the_plans_other_problems(site: Site) -> None:
    errors = refused(site, READINGS, "check")
    assert errors[0] == at(
        READINGS,
        "2501.99999",
        "session S1: 2501.99999: not cached in _data/papers.json; this command fetches nothing: "
        "`seminar build`, `fetch-abstract` or `resolve` caches it",
    )
    assert errors[1:] == refused(site, READINGS, "build")[1:]


def test_a_plan_edit_on_a_plan_with_problems_reports_the_plans_own_problems(site: Site) -> None:
    # An edit is refused on the plan as it is, each problem at its line in the file; its readings are looked
    # up by `build` and `check` (the two first problems `build` reports).
    assert refused(site, READINGS, "new-session") == refused(site, READINGS, "build")[2:]


# Nothing that only follows from another problem


def test_a_first_day_that_cannot_be_read_gives_no_session_a_date_problem(site: Site) -> None:
    plan = plan_text(
        [
            {"week": "S1", "title": "One"},
            {"week": "S2", "title": "Two", "date": "2025-03-11"},
            {"week": "S3", "title": "Three"},
        ],
        TERM_HEADER.replace("first_day: 2025-01-14", "first_day: 2025-01-41"),
    )
    assert refused(site, plan, "build") == [
        at(plan, "first_day:", "first_day: must be a date such as 2025-01-14, not '2025-01-41'"),
        at(plan, "week: S2", "session S2: is fixed on 2025-03-11, a day without class (spring break)"),
    ]


def test_meets_t_is_ambiguous_and_said_once_with_the_spellings_accepted(site: Site) -> None:
    # Read as Thursdays alone, the term's sessions would run past last_day: that is not said.
    plan = plan_text(
        [{"week": f"S{n}", "title": f"Session {n}"} for n in range(1, 5)],
        TERM_HEADER.replace("last_day: 2025-05-01", "last_day: 2025-01-23").replace(
            "meets: [Tue, Thu]", "meets: [T, Th]"
        ),
    )
    assert refused(site, plan, "build") == [
        at(
            plan,
            "meets:",
            "meets: 'T' is not a weekday: write Tue, Thu, ... (any unambiguous start of a day name)",
        )
    ]


def test_meets_written_as_one_text_is_said_to_be_a_list(site: Site) -> None:
    plan = plan_text([{"week": "S1", "title": "One"}], TERM_HEADER.replace("[Tue, Thu]", "Tue, Thu"))
    assert refused(site, plan, "build") == [
        at(plan, "meets:", "meets: must be a list of weekdays such as [Tue, Thu], not 'Tue, Thu'")
    ]


def test_unambiguous_single_letters_name_weekdays(site: Site) -> None:
    site.write(
        PLAN, plan_text([{"week": "S1", "title": "One"}], TERM_HEADER.replace("[Tue, Thu]", "[M, W, F]"))
    )
    result = build(site)
    assert result.exit_code == 0, result.output
    assert site.post_files() == ["2025-01-15-one.md"]  # the Wednesday after first_day, a Tuesday


def test_a_session_whose_date_cannot_be_read_gets_that_error_only(site: Site) -> None:
    # S3 follows S2, whose day is unknown: nothing is said of S3's date; S4's own date is still checked.
    plan = plan_text(
        [
            {"week": "S1", "title": "One"},
            {"week": "S2", "title": "Two", "date": "2025-02-30"},
            {"week": "S3", "title": "Three"},
            {"week": "S4", "title": "Four", "date": "2025-03-13"},
        ],
        TERM_HEADER.replace("last_day: 2025-05-01", "last_day: 2025-01-16"),
    )
    assert refused(site, plan, "build") == [
        at(plan, "2025-02-30", "session S2: date: must be a date such as 2025-01-14, not '2025-02-30'"),
        at(plan, "week: S4", "session S4: falls on 2025-03-13, after the term's last_day 2025-01-16"),
        at(plan, "week: S4", "session S4: is fixed on 2025-03-13, a day without class (spring break)"),
    ]


def test_a_day_off_with_a_misspelt_key_is_said_once(site: Site) -> None:
    plan = plan_text(
        [{"week": "S1", "title": "One"}],
        TERM_HEADER.replace("{from: 2025-03-10", "{form: 2025-03-10"),
    )
    assert refused(site, plan, "build") == [
        at(plan, "form:", "no_class[1].form: unknown key (known: date, from, to, why)")
    ]


def test_a_last_day_before_the_first_day_is_said_once(site: Site) -> None:
    plan = plan_text(
        [{"week": "S1", "title": "One"}, {"week": "S2", "title": "Two"}],
        TERM_HEADER.replace("last_day: 2025-05-01", "last_day: 2024-05-01"),
    )
    assert refused(site, plan, "build") == [at(plan, "last_day:", "last_day: is before first_day 2025-01-14")]


def test_a_plan_without_a_calendar_names_each_session_without_a_date(site: Site) -> None:
    plan = "sessions:\n  - week: S1\n    title: One\n  - week: S2\n    title: Two\n    date: 2025-01-16\n"
    message = "has no date: give it `date:`, or give the plan `first_day` and `meets`"
    assert refused(site, plan, "build") == [at(plan, "week: S1", f"session S1: {message}")]


@pytest.mark.parametrize("command", ["build", "check"])
def test_meets_that_names_no_weekday_is_said_once_not_as_every_sessions(site: Site, command: str) -> None:
    plan = plan_text([{"week": "S1", "title": "One"}, {"week": "S2", "title": "Two"}], TERM_HEADER)
    plan = plan.replace("meets: [Tue, Thu]", "meets: []")
    message = "meets: names no weekday: the calendar needs one to date the 2 sessions without `date:`"
    assert refused(site, plan, command) == [at(plan, "meets:", message)]


def test_a_first_day_without_meets_is_said_once_at_first_day(site: Site) -> None:
    plan = plan_text([{"week": "S1", "title": "One"}], TERM_HEADER.replace("meets: [Tue, Thu]\n", ""))
    message = "first_day: the calendar needs `meets` too, to date the 1 session without `date:`"
    assert refused(site, plan, "build") == [at(plan, "first_day:", message)]


# Control characters: they would reach the page's HTML


@pytest.mark.parametrize(
    ("escaped", "code"),
    [("\\0", "0000"), ("\\x85", "0085"), ("\\n", "000A"), ("\\x9b", "009B"), ("\\u2028", "2028")],
    ids=["NUL", "NEL", "newline", "C1", "line-separator"],
)
@pytest.mark.parametrize(
    ("key", "entry"),
    [
        ("title", '    title: "A{}B"\n'),
        ("tags", '    title: A\n    tags: [LLM, "A{}B"]\n'),
        ("lead", '    title: A\n    lead: "team{}1"\n'),
        ("more", '    title: A\n    more: ["A{}B"]\n'),
    ],
)
def test_a_control_character_in_a_text_of_the_plan_is_named_with_its_line(
    site: Site, key: str, entry: str, escaped: str, code: str
) -> None:
    plan = TERM_HEADER + "  - week: S1\n" + entry.format(escaped)
    (error,) = refused(site, plan, "build")
    message = f"control characters and line breaks are not allowed (U+{code})"
    assert error == f"{PLAN}:{len(plan.splitlines())}: error: session S1: {key}: {message}"


@pytest.mark.parametrize("key", ["term", "location", "timezone"])
def test_a_control_character_in_a_calendar_text_is_named_with_its_line(site: Site, key: str) -> None:
    written = f'{key}: "a\\tb"'  # YAML's escape for a tab
    header = re.sub(rf"^{key}: .*$", lambda _: written, TERM_HEADER, count=1, flags=re.MULTILINE)
    plan = plan_text([{"week": "S1", "title": "One"}], header)
    (error,) = refused(site, plan, "build")
    assert error == at(plan, f"{key}:", f"{key}: control characters and line breaks are not allowed (U+0009)")


# The configuration the plan depends on: every problem of `_config.yml` at once too

CONFIG = """\
title: Test seminar
timezone: America/NewYork
future: true
seminar:
  term: [2025, seminarRead]
  year: twenty
  defaults:
    tags: [Reading, '']
    video: "team\\x001"
"""


@pytest.mark.parametrize("command", COMMANDS)
def test_every_problem_of_the_config_is_reported_at_once_in_line_order(site: Site, command: str) -> None:
    site.write("_config.yml", CONFIG)
    assert refused(site, plan_text([{"week": "S1", "title": "One"}]), command, counted=False) == [
        "_config.yml:2: error: timezone: unknown time zone 'America/NewYork'",
        "_config.yml:5: error: seminar.term: must be text, not a list",
        "_config.yml:6: error: seminar.year: must be a year such as 2025, not 'twenty'",
        "_config.yml:8: error: seminar.defaults.tags: an empty item: leave it out (tags: [] for none)",
        "_config.yml:9: error: seminar.defaults.video: control characters and line breaks are not allowed "
        "(U+0000)",
    ]
