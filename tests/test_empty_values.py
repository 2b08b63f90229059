"""Empty values: a list option given empty means none (over the site's defaults), as a text option given
empty blanks; an empty item of a list (a tag '') is an error naming where it is, never an empty tag."""

from __future__ import annotations

import pytest
from plans import PLAN, TERM_HEADER, build, front_matter, line_of, plan_text

from conftest import Site

DEFAULTS = """\
seminar:
  term: 2025-seminarRead
  year: 2025
  defaults:
    tags: [Reading]
    categories: [FMBasic]
"""


@pytest.fixture(autouse=True)
def on_the_sessions_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is the day of the session these tests add: neither passed (a warning) nor to come (a warning
    about `future: true`, which this site lacks)."""
    monkeypatch.setenv("SEMINAR_NOW", "2025-01-07T12:00:00Z")


def new_session(site: Site, *options: str) -> tuple[int, str]:
    """`new-session` of session S1 on 2025-01-07 with these options, from the top of the site: the exit
    status and stderr."""
    result = site.run(
        "new-session", "--week", "S1", "--title", "A", "--date", "2025-01-07", *options, cwd=site.root
    )
    return result.exit_code, result.stderr


def post(site: Site) -> dict:
    return front_matter((site.posts / "2025-01-07-a.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("option", ["--tags", "--categories"])
def test_a_list_option_given_empty_means_none_over_the_sites_default(site: Site, option: str) -> None:
    site.write("_config.yml", DEFAULTS)
    assert new_session(site, option, "") == (0, "")
    key = option.removeprefix("--")
    values = post(site)
    assert values[key] is None  # blank, as Jekyll reads no tags; never `- ''`
    other = "categories" if key == "tags" else "tags"
    assert values[other] == (["FMBasic"] if other == "categories" else ["Reading"])
    assert f"    {key}: ''\n" in (site.root / PLAN).read_text(encoding="utf-8")


def test_a_list_option_given_empty_is_kept_by_the_next_build(site: Site) -> None:
    site.write("_config.yml", DEFAULTS)
    new_session(site, "--tags", "")
    before = site.snapshot()
    result = site.run("build", "--offline", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert site.snapshot() == before
    assert post(site)["tags"] is None


def test_an_empty_value_beside_others_in_a_list_option_is_refused(site: Site) -> None:
    before = site.snapshot()
    assert new_session(site, "--tags", "LLM", "--tags", "") == (
        1,
        'error: --tags: an empty item: give --tags "" alone for none\n',
    )
    assert site.snapshot() == before


@pytest.mark.parametrize(
    ("value", "code"), [("a\x00b", "0000"), ("a\x85b", "0085"), ("a\nb", "000A"), ("a\x9bb", "009B")]
)
def test_a_control_character_in_an_option_is_refused(site: Site, value: str, code: str) -> None:
    before = site.snapshot()
    assert new_session(site, "--tags", value) == (
        1,
        f"error: --tags {value!r}: control characters and line breaks are not allowed (U+{code})\n",
    )
    assert site.snapshot() == before


@pytest.mark.parametrize("tags", ["['']", "[LLM, '']", "['  ']"])
def test_an_empty_item_of_a_plan_list_is_an_error_naming_its_line(site: Site, tags: str) -> None:
    plan = TERM_HEADER + f"  - week: S1\n    title: One\n    tags: {tags}\n"
    site.write(PLAN, plan)
    before = site.snapshot()
    result = build(site)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{PLAN}:{line_of(plan, 'tags:')}: error: session S1: tags: an empty item: leave it out "
        "(tags: [] for none)\n"
    )
    assert site.snapshot() == before


def test_an_empty_item_of_a_block_list_is_named_at_its_own_line(site: Site) -> None:
    plan = TERM_HEADER + "  - week: S1\n    title: One\n    categories:\n      - Agents\n      - ''\n"
    site.write(PLAN, plan)
    result = build(site)
    assert result.exit_code == 1
    line = line_of(plan, "- ''")
    assert result.stderr == (
        f"{PLAN}:{line}: error: session S1: categories: an empty item: leave it out "
        "(categories: [] for none)\n"
    )


@pytest.mark.parametrize(
    ("written", "tags"),
    [("tags: []\n", None), ("tags: ''\n", None), ("tags:\n", ["Reading"]), ("", ["Reading"])],
    ids=["empty-list", "empty-text", "blank", "left-out"],
)
def test_a_plan_list_given_empty_means_none_and_a_blank_one_takes_the_default(
    site: Site, written: str, tags: list[str] | None
) -> None:
    site.write("_config.yml", DEFAULTS)
    site.write(PLAN, plan_text([], TERM_HEADER) + f"  - week: S1\n    title: One\n    {written}")
    result = build(site)
    assert result.exit_code == 0, result.output
    assert front_matter((site.posts / "2025-01-14-one.md").read_text(encoding="utf-8"))["tags"] == tags


def test_an_empty_item_in_the_sites_default_list_is_an_error_naming_its_line(site: Site) -> None:
    site.write("_config.yml", "seminar:\n  defaults:\n    tags: [Reading, '']\n")
    result = site.run("new-session", "--week", "S1", "--date", "2025-01-07", cwd=site.root)
    assert result.exit_code == 1
    assert result.stderr == (
        "_config.yml:3: error: seminar.defaults.tags: an empty item: leave it out (tags: [] for none)\n"
    )
