"""`seminar check` warns of a paper that is a reading of two sessions (revisiting one can be deliberate, so it
is a warning, not an error), on the plan's line that names it the second time."""

from __future__ import annotations

from plans import LLOCO, NVLM, PLAN, SURVEY, line_of, write_plan

from conftest import Site

NVLM_TITLE = "NVLM: Open Frontier-Class Multimodal LLMs"


def check(site: Site) -> tuple[int, list[str]]:
    """check's exit status and its warnings about repeated readings."""
    result = site.run("check", "--today", "2025-01-01", cwd=site.root)
    return result.exit_code, [line for line in result.stderr.splitlines() if "is a reading of both" in line]


def test_a_paper_in_two_sessions_is_a_warning_naming_it_and_both_on_the_second_ones_line(site: Site) -> None:
    plan = write_plan(
        site,
        [
            {"week": "W10.1", "title": "Multimodal LLMs", "required": [NVLM]},
            {"week": "S4", "title": "Video generation", "required": [SURVEY], "more": [NVLM]},
        ],
    )
    status, warnings = check(site)
    assert status == 0
    assert warnings == [f"{PLAN}:{line_of(plan, NVLM, 2)}: warning: {NVLM} is a reading of both W10.1 and S4"]


def test_a_paper_named_by_its_id_in_one_session_and_its_title_in_another_is_one_paper(site: Site) -> None:
    plan = write_plan(
        site,
        [
            {"week": "S1", "title": "Multimodal LLMs", "required": [NVLM]},
            {"week": "S2", "title": "Again", "required": [NVLM_TITLE]},
        ],
    )
    _, warnings = check(site)
    assert warnings == [f"{PLAN}:{line_of(plan, NVLM_TITLE)}: warning: {NVLM} is a reading of both S1 and S2"]


def test_a_paper_without_an_arxiv_id_is_named_by_its_title(site: Site) -> None:
    write_plan(
        site,
        [
            {"week": "S1", "title": "Long context", "required": [LLOCO]},
            {"week": "S2", "title": "Long context, again", "more": [LLOCO]},
        ],
    )
    _, warnings = check(site)
    assert [line.split(": warning: ")[1] for line in warnings] == [
        f"{LLOCO!r} is a reading of both S1 and S2"
    ]


def test_a_paper_in_three_sessions_is_a_warning_at_each_later_one_naming_the_first(site: Site) -> None:
    write_plan(site, [{"week": f"S{n}", "title": f"Topic {n}", "required": [NVLM]} for n in (1, 2, 3)])
    _, warnings = check(site)
    assert [line.split(": warning: ")[1] for line in warnings] == [
        f"{NVLM} is a reading of both S1 and S2",
        f"{NVLM} is a reading of both S1 and S3",
    ]


def test_papers_read_once_each_give_no_such_warning(site: Site) -> None:
    write_plan(
        site,
        [
            {"week": "S1", "title": "Multimodal LLMs", "required": [NVLM]},
            {"week": "S2", "title": "Video generation", "required": [SURVEY]},
        ],
    )
    assert check(site) == (0, [])
