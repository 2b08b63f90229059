"""The plan (`_data/schedule.yml`) as `seminar build` checks it: each problem with its line, none written."""

from __future__ import annotations

import pytest
from arxiv_server import FakeArxiv
from plans import NVLM, PLAN, SURVEY, TERM_HEADER, build, line_of, plan_text, write_plan

from conftest import Site

TWO = [
    {"week": "S1", "title": "One", "required": [NVLM]},
    {"week": "S2", "title": "Two", "required": [SURVEY]},
]


def site_files(site: Site) -> dict[str, tuple[bytes, int]]:
    """Every file of the site but seminar's own lock and backups (a fetch takes the store's lock)."""
    return {name: file for name, file in site.snapshot().items() if not name.startswith(".seminar/")}


def refused(site: Site, plan: str, *, offline: bool = True) -> list[str]:
    """Build with this plan: it must fail (exit 1) writing nothing; the error lines (all errors)."""
    site.write(PLAN, plan)
    before = site_files(site)
    result = build(site, offline=offline)
    assert result.exit_code == 1, result.output
    assert site_files(site) == before
    lines = result.stderr.splitlines()
    assert all(": error: " in line for line in lines), lines
    return lines


def test_an_unknown_plan_key_is_named_with_its_line(site: Site) -> None:
    plan = plan_text(TWO, TERM_HEADER.replace("location:", "room: 204\nlocation:"))
    (error,) = refused(site, plan)
    assert error.startswith(f"{PLAN}:{line_of(plan, 'room:')}: error: room: unknown key (known: term, year,")


def test_an_unknown_session_key_is_named_with_its_line(site: Site) -> None:
    plan = plan_text([TWO[0], {**TWO[1], "slides": "deck-2"}])
    (error,) = refused(site, plan)
    assert error.startswith(f"{PLAN}:{line_of(plan, 'slides:')}: error: session S2: slides: unknown key")


def test_a_reading_arxiv_does_not_have_is_named_with_its_line(site: Site, arxiv: FakeArxiv) -> None:
    plan = plan_text([TWO[0], {**TWO[1], "more": ["2501.99999"]}])
    (error,) = refused(site, plan, offline=False)
    line = line_of(plan, "2501.99999")
    assert error.startswith(f"{PLAN}:{line}: error: session S2: 2501.99999: not on arXiv")


def test_two_sessions_on_one_date_are_refused(site: Site) -> None:
    plan = plan_text([TWO[0], {**TWO[1], "date": "2025-01-14"}])  # S1's date, by the calendar
    (error,) = refused(site, plan)
    line = line_of(plan, "week: S2")
    assert error == f"{PLAN}:{line}: error: session S2: falls on 2025-01-14, the date of session S1"


def test_a_session_before_the_first_day_is_refused(site: Site) -> None:
    plan = plan_text([{**TWO[0], "date": "2025-01-09"}, TWO[1]])
    (error,) = refused(site, plan)
    assert error == (
        f"{PLAN}:{line_of(plan, 'week: S1')}: error: session S1: is on 2025-01-09, "
        "before the term's first_day 2025-01-14"
    )


def test_a_session_the_calendar_puts_after_the_last_day_is_refused(site: Site) -> None:
    three = [*TWO, {"week": "S3", "title": "Three"}]
    plan = plan_text(three, TERM_HEADER.replace("last_day: 2025-05-01", "last_day: 2025-01-20"))
    (error,) = refused(site, plan)
    assert error == (
        f"{PLAN}:{line_of(plan, 'week: S3')}: error: session S3: falls on 2025-01-21, "
        "after the term's last_day 2025-01-20"
    )


def test_a_session_fixed_on_a_day_without_class_is_refused(site: Site) -> None:
    plan = plan_text([TWO[0], {**TWO[1], "date": "2025-03-11"}])
    (error,) = refused(site, plan)
    assert error == (
        f"{PLAN}:{line_of(plan, 'week: S2')}: error: session S2: is fixed on 2025-03-11, "
        "a day without class (spring break)"
    )


def test_a_week_planned_twice_is_refused_at_its_second_line(site: Site) -> None:
    plan = plan_text([*TWO, {"week": "S1", "title": "One again"}])
    first, second = line_of(plan, "week: S1"), line_of(plan, "week: S1", occurrence=2)
    (error,) = refused(site, plan)
    assert error == f"{PLAN}:{second}: error: session S1: week S1 is already the session at line {first}"


@pytest.mark.parametrize("first_day", ["next Tuesday", "2025-02-30", "2025-01-14 15:30"])
def test_a_first_day_that_is_not_a_date_is_refused(site: Site, first_day: str) -> None:
    plan = plan_text(TWO, TERM_HEADER.replace("first_day: 2025-01-14", f"first_day: {first_day}"))
    errors = refused(site, plan)
    assert f"{PLAN}:2: error: first_day: must be a date such as 2025-01-14, not '{first_day}'" in errors


def test_every_problem_of_a_plan_is_listed_at_once(site: Site) -> None:
    plan = plan_text(
        [
            {**TWO[0], "slides": "deck-1"},
            {**TWO[1], "date": "2025-03-13"},
            {"week": "S1", "title": "One again"},
        ],
        TERM_HEADER.replace("first_day: 2025-01-14", "first_day: 2025-01-14\nroom: 204"),
    )
    errors = refused(site, plan)
    assert sorted(errors) == sorted(
        [
            f"{PLAN}:{line_of(plan, 'room:')}: error: room: unknown key (known: term, year, first_day, "
            "last_day, meets, time, timezone, location, no_class, sessions)",
            f"{PLAN}:{line_of(plan, 'slides:')}: error: session S1: slides: unknown key (known: week, title, "
            "lead, lecture, extraContent, notes, tags, categories, desc, lectureVersion, required, more, "
            "background, date, file)",
            f"{PLAN}:{line_of(plan, 'week: S2')}: error: session S2: is fixed on 2025-03-13, "
            "a day without class (spring break)",
            f"{PLAN}:{line_of(plan, 'week: S1', occurrence=2)}: error: session S1: week S1 is already the "
            f"session at line {line_of(plan, 'week: S1')}",
        ]
    )


NEW_PAPER = {
    "2410.10000": {
        "arxiv_id": "2410.10000",
        "title": "A Paper Whose Id Ends in Zeros",
        "authors": ["Ada Lovelace"],
        "abstract": "An abstract.",
        "published": "2024-10-14",
        "abs_url": "https://arxiv.org/abs/2410.10000",
    }
}


@pytest.mark.parametrize(
    "readings",
    ["required:\n      - 2410.10000\n", "required: [2410.10000, 2409.11402]\n", "required: 2410.10000\n"],
    ids=["block-list", "flow-list", "alone"],
)
def test_an_unquoted_arxiv_id_is_read_as_written_not_as_a_number(site: Site, readings: str) -> None:
    site.add_papers(NEW_PAPER)
    site.write(PLAN, TERM_HEADER + f"  - week: S1\n    title: One\n    {readings}")
    result = build(site)
    assert result.exit_code == 0, result.output
    text = (site.posts / "2025-01-14-one.md").read_text(encoding="utf-8")
    assert "#### A Paper Whose Id Ends in Zeros\n" in text
    assert "https://arxiv.org/abs/2410.10000" in text


def test_a_missing_plan_is_a_one_line_error(site: Site) -> None:
    before = site.snapshot()
    result = build(site)
    assert result.exit_code == 1
    (error,) = result.stderr.splitlines()
    assert error.startswith(f"{PLAN}: error: no plan yet")
    assert site.snapshot() == before


def test_a_plan_without_problems_is_built(site: Site) -> None:
    write_plan(site, TWO)
    result = build(site)
    assert result.exit_code == 0, result.output
    assert site.post_files() == ["2025-01-14-one.md", "2025-01-16-two.md"]
