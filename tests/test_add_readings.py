"""`seminar add-reading` with several readings at once, by section, and a reading that is not on arXiv."""

from __future__ import annotations

import json

import pytest
import yaml
from arxiv_server import FakeArxiv
from plans import LLOCO, NVLM, PLAN, RULER, SURVEY, plan_text

from conftest import Site
from seminar.model.titles import normalize_title

SESSIONS = [
    {"week": "S1", "title": "Intro", "required": [NVLM]},
    {"week": "S2", "title": "Video generation", "required": [SURVEY]},
]
POST = "2025-01-14-intro.md"
SURVEY_TITLE = "LLMs Meet Multimodal Generation and Editing: A Survey"
BLOG = "https://lilianweng.github.io/posts/2021-07-11-diffusion-models/"
BLOG_TITLE = "What are Diffusion Models?"


@pytest.fixture
def built(site: Site) -> Site:
    site.write(PLAN, plan_text(SESSIONS))
    result = site.run("build", "--offline")
    assert result.exit_code == 0, result.output
    return site


def planned(site: Site, week: str = "S1") -> dict:
    """A session of the plan, its readings as text (YAML reads an unquoted arXiv id as a number)."""
    sessions = yaml.safe_load((site.root / PLAN).read_text(encoding="utf-8"))["sessions"]
    found = next(session for session in sessions if session["week"] == week)
    return {key: list(map(str, value)) if isinstance(value, list) else value for key, value in found.items()}


def section(site: Site, heading: str) -> str:
    """The text of one reading section of S1's post, up to the next section or the end marker."""
    text = (site.posts / POST).read_text(encoding="utf-8")
    after = text.split(f"## {heading}:\n", 1)[1]
    return after.split("\n## ", 1)[0].split("<!-- seminar:readings end -->", 1)[0]


def store(site: Site) -> dict:
    return json.loads((site.root / "_data" / "papers.json").read_text(encoding="utf-8"))


def test_readings_go_to_the_sections_their_options_name(built: Site) -> None:
    result = built.run(
        "add-reading",
        "--week",
        "S1",
        "--required",
        SURVEY,
        "--more",
        LLOCO,
        "--background",
        RULER,
        "--offline",
    )
    assert result.exit_code == 0, result.output
    assert planned(built) == {
        "week": "S1",
        "title": "Intro",
        "required": [NVLM, SURVEY],
        "more": [LLOCO],
        "background": [RULER],
    }
    assert f"#### {SURVEY_TITLE}" in section(built, "Required Readings")
    assert f"#### {LLOCO}" in section(built, "More Readings")
    assert "#### RULER" in section(built, "Background Readings")


def test_a_reading_given_alone_is_required_beside_the_section_options(built: Site) -> None:
    result = built.run("add-reading", "--week", "S1", SURVEY, "--more", LLOCO, "--offline")
    assert result.exit_code == 0, result.output
    assert planned(built)["required"] == [NVLM, SURVEY] and planned(built)["more"] == [LLOCO]


def test_readings_of_one_section_keep_the_order_given(built: Site) -> None:
    result = built.run("add-reading", "--week", "S1", "--more", RULER, "--more", LLOCO, "--offline")
    assert result.exit_code == 0, result.output
    assert planned(built)["more"] == [RULER, LLOCO]


def test_readings_not_cached_are_fetched_in_one_request(built: Site, arxiv: FakeArxiv) -> None:
    arxiv.add_paper("2501.00011", "A First Paper Nobody Cached")
    arxiv.add_paper("2501.00012", "A Second Paper Nobody Cached")
    result = built.run("add-reading", "--week", "S1", "--required", "2501.00011", "--more", "2501.00012")
    assert result.exit_code == 0, result.output
    assert arxiv.asked_ids() == [["2501.00011", "2501.00012"]]
    assert "#### A Second Paper Nobody Cached" in section(built, "More Readings")


def test_a_reading_that_cannot_be_had_is_named_alone_and_nothing_is_written(built: Site) -> None:
    before = built.snapshot()
    result = built.run(
        "add-reading", "--week", "S1", "--required", SURVEY, "--more", "2501.00001", "--offline"
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("error: 2501.00001: not cached in ")  # no plan line: it is not planned
    assert result.stderr.count("\n") == 1
    assert built.snapshot() == before


def test_a_reading_the_session_has_under_another_name_is_refused(built: Site) -> None:
    before = built.snapshot()
    result = built.run("add-reading", "--week", "S2", "--more", SURVEY_TITLE, "--offline")
    assert result.exit_code == 1
    assert result.stderr == f"error: {SURVEY_TITLE}: already a reading of session S2 (required)\n"
    assert built.snapshot() == before


def test_a_reading_given_twice_is_refused(built: Site) -> None:
    before = built.snapshot()
    result = built.run("add-reading", "--week", "S1", "--required", SURVEY, "--more", f"arXiv:{SURVEY}v1")
    assert result.exit_code == 1
    assert result.stderr == f"error: arXiv:{SURVEY}v1: given more than once\n"
    assert built.snapshot() == before


def test_no_reading_at_all_is_a_one_line_error(built: Site) -> None:
    result = built.run("add-reading", "--week", "S1")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no reading given: name one (PAPER, --required, --more, --background), or --url with --title\n"
    )


def test_more_then_background_as_once_written_is_a_one_line_error(built: Site) -> None:
    result = built.run("add-reading", "--week", "S1", "--more", "--background", SURVEY, "--offline")
    assert result.exit_code == 1
    assert result.stderr == "error: --more and --background go to different sections: give one\n"


# --- a reading that is not on arXiv: --url and --title ------------------------------------------------------


def test_a_link_reading_goes_into_the_paper_store_the_plan_and_the_post(
    built: Site, arxiv: FakeArxiv
) -> None:
    result = built.run(
        "add-reading", "--week", "S1", "--url", BLOG, "--title", BLOG_TITLE, "--section", "more"
    )
    assert result.exit_code == 0, result.output
    assert arxiv.requests == []  # a link is never searched for on arXiv
    assert store(built)["what are diffusion models"] == {
        "title": BLOG_TITLE,
        "url": BLOG,
        "source": "seminar add-reading --url",
    }
    assert planned(built)["more"] == [BLOG_TITLE]
    assert section(built, "More Readings") == f"\n#### {BLOG_TITLE}\n+ [{BLOG}]({BLOG})\n\n"


def test_a_link_reading_is_required_unless_a_section_is_given(built: Site) -> None:
    result = built.run("add-reading", "--week", "S1", "--url", BLOG, "--title", BLOG_TITLE, "--offline")
    assert result.exit_code == 0, result.output
    assert planned(built)["required"] == [NVLM, BLOG_TITLE]


def test_a_link_reading_comes_with_the_others_in_one_command(built: Site) -> None:
    result = built.run(
        "add-reading", "--week", "S1", "--more", LLOCO, "--url", BLOG, "--title", BLOG_TITLE, "--offline"
    )
    assert result.exit_code == 0, result.output
    assert planned(built)["more"] == [LLOCO] and planned(built)["required"] == [NVLM, BLOG_TITLE]


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/notes", "example.org/post", "javascript:alert(1)", "https://", "https://a b.org/"],
)
def test_only_http_links_are_accepted(built: Site, url: str) -> None:
    before = built.snapshot()
    result = built.run("add-reading", "--week", "S1", "--url", url, "--title", BLOG_TITLE, "--offline")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: --url {url!r}: only http(s) links are accepted, such as https://example.org/post\n"
    )
    assert built.snapshot() == before


def test_url_without_title_is_a_one_line_error(built: Site) -> None:
    result = built.run("add-reading", "--week", "S1", "--url", BLOG, "--offline")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "error: --url and --title go together: a reading not on arXiv is a link and a title\n"
    )


def test_a_link_for_a_title_only_entry_gives_it_the_link_and_keeps_the_rest(built: Site) -> None:
    old = store(built)[normalize_title(LLOCO)]
    result = built.run("add-reading", "--week", "S1", "--url", "https://example.org/lloco", "--title", LLOCO)
    assert result.exit_code == 0, result.output
    assert store(built)[normalize_title(LLOCO)] == {**old, "url": "https://example.org/lloco"}


def test_a_link_the_store_gives_another_address_is_refused(built: Site) -> None:
    assert built.run("add-reading", "--week", "S1", "--url", BLOG, "--title", BLOG_TITLE).exit_code == 0
    before = built.snapshot()
    result = built.run("add-reading", "--week", "S2", "--url", "https://example.org/x", "--title", BLOG_TITLE)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --url 'https://example.org/x': ") and BLOG in result.stderr
    assert built.snapshot() == before


def test_an_arxiv_papers_title_is_refused_as_a_link(built: Site) -> None:
    before = built.snapshot()
    result = built.run("add-reading", "--week", "S2", "--url", BLOG, "--title", SURVEY_TITLE.upper())
    assert result.exit_code == 1
    assert f"is arXiv {SURVEY}'s title in " in result.stderr
    assert built.snapshot() == before


def test_adding_the_same_link_again_is_refused_and_changes_nothing(built: Site) -> None:
    assert built.run("add-reading", "--week", "S1", "--url", BLOG, "--title", BLOG_TITLE).exit_code == 0
    before = built.snapshot()
    result = built.run("add-reading", "--week", "S1", "--url", BLOG, "--title", BLOG_TITLE)
    assert result.exit_code == 1
    assert result.stderr == f"error: {BLOG_TITLE}: already a reading of session S1 (required)\n"
    assert built.snapshot() == before


def test_a_second_url_and_title_is_refused_rather_than_taken_for_the_first(built: Site) -> None:
    site = built
    before = site.snapshot()
    result = site.run(
        "add-reading", "--week", "S1", "--url", "https://example.org/a", "--title", "Foo",
        "--url", "https://example.org/b", "--title", "Bar", "--offline",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == "error: --url: given more than once: one a command (run it again for another)\n"
    assert site.snapshot() == before
