"""`seminar adopt`: a class site someone already runs becomes a plan, and no session file is rewritten.

Adopting writes the site profile (the `seminar:` block of `_config.yml`), the plan (`_data/schedule.yml`) and
the paper store (`_data/papers.json`), and says what it found. Afterwards `seminar build` keeps the files in
step: it writes nothing when nothing changed, rewrites only the schedule page's positional lists when dates
change, and adds a new reading to an adopted session file as one block in the site's own style.

The three sites of `../shared/sites` are copied into a temporary folder first; the tiny sites of
`tests/sites.py` run the same kinds of checks on a fresh clone.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from arxiv_server import FakeArxiv
from sites import (
    COLLECTION_SITES,
    LOG_PLAN,
    PLAN,
    SCHEDULE_PAGES,
    SHARED_SITES,
    STORE,
    TALKS_PLAN,
    adopted_sessions,
    changed_files,
    changed_lines,
    copy_shared,
    expected,
    inserted_lines,
    jekyll_site,
    log_site,
    plan_of,
    profile_of,
    schedule_rows,
    summary_counts,
    talks_site,
)

from conftest import Site

SOCKS = "2403.00101"  # a made-up paper of the local arXiv stand-in (tests/fixtures/arxiv)
SOCKS_TITLE = "Sorting Socks at Scale: Pairing Heuristics for Unlabelled Laundry"
KETTLES = {  # a reading with no arXiv record, put in the paper store as a person would
    "a made up reading about kettles": {
        "title": "A Made-Up Reading About Kettles",
        "url": "https://example.org/kettles",
    }
}
KETTLES_TITLE = "A Made-Up Reading About Kettles"
ADOPTED_ALREADY = "nothing to change: the site is adopted already"
# What adopt writes: the profile, the plan, the paper store, and seminar's private folder's .gitignore.
ADOPT_WRITES = {"_config.yml", PLAN, STORE, ".seminar/.gitignore"}


def adopted(site: Site) -> Site:
    result = site.run("adopt")
    assert result.exit_code == 0, result.output
    return site


def ok(site: Site, *args: str) -> str:
    result = site.run(*args)
    assert result.exit_code == 0, result.output
    return result.output


def front_matter(text: str) -> dict:
    """The front matter as Jekyll reads it (YAML 1.1, like PyYAML), in its order."""
    _, block, _ = text.split("---\n", 2)
    return yaml.safe_load(block)


def plan_weeks(site: Site) -> list[str]:
    return [session["week"] for session in plan_of(site)["sessions"]]


def expected_sessions(site: Site) -> list[dict]:
    """EXPECTED.json's sessions, with the fields adopt is compared on."""
    keys = ("section", "title", "arxiv_id", "url")
    return [
        {
            "path": session["path"],
            "title": session["title"],
            "desc": session["desc"],
            "date": session["date"],
            "readings": [{key: reading[key] for key in keys} for reading in session["readings"]],
        }
        for session in expected(site)["sessions"]
    ]


@pytest.fixture(scope="module")
def built_before(shared: Path, jekyll: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each shared site's schedule page as Jekyll builds it before seminar has touched the site."""
    pages = {}
    for name in SHARED_SITES:
        folder = tmp_path_factory.mktemp(f"before-{name}")
        site = copy_shared(shared, name, folder)
        built = jekyll_site(jekyll, site.root, folder / "_site")
        pages[name] = (built / SCHEDULE_PAGES[name]).read_text(encoding="utf-8")
    return pages


# --- 1. what adopt finds on the shared sites ---------------------------------------------------------------


@pytest.mark.parametrize("name", SHARED_SITES)
def test_adopt_plans_the_expected_sessions_in_order(shared: Path, tmp_path: Path, name: str) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    assert adopted_sessions(site) == expected_sessions(site)


@pytest.mark.parametrize("name", SHARED_SITES)
def test_adopt_summary_counts_are_the_expected_counts(shared: Path, tmp_path: Path, name: str) -> None:
    site = copy_shared(shared, name, tmp_path)
    output = ok(site, "adopt")
    counts = expected(site)["counts"]
    keys = ("sessions", "readings", "required", "more", "background", "with_arxiv_id", "non_arxiv_links")
    assert summary_counts(output) == {key: counts[key] for key in (*keys, "no_link")}


@pytest.mark.parametrize("name", SHARED_SITES)
def test_adopt_writes_the_profile_plan_and_store_and_no_session_file(
    shared: Path, tmp_path: Path, name: str
) -> None:
    site = copy_shared(shared, name, tmp_path)
    before = site.snapshot()
    adopted(site)
    assert changed_files(before, site.snapshot()) == ADOPT_WRITES
    config = (site.root / "_config.yml").read_text(encoding="utf-8")
    old_config = before["_config.yml"][0].decode("utf-8")
    assert config.startswith(old_config)  # the site's own settings stay, byte for byte
    assert profile_of(site)["term"] == expected(site)["term"]


# --- 2, 3. adopting again, building and checking change nothing --------------------------------------------


@pytest.mark.parametrize("name", SHARED_SITES)
def test_adopting_again_changes_no_file_and_says_so(shared: Path, tmp_path: Path, name: str) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    before = site.snapshot()
    output = ok(site, "adopt")
    assert site.snapshot() == before
    assert ADOPTED_ALREADY in output.splitlines()


@pytest.mark.parametrize("name", SHARED_SITES)
def test_build_after_adopt_changes_no_file(shared: Path, tmp_path: Path, name: str) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    before = site.snapshot()
    output = ok(site, "build", "--offline")
    assert site.snapshot() == before
    count = len(expected(site)["sessions"])
    assert f"{count} sessions: 0 new, 0 updated, {count} unchanged" in output


@pytest.mark.parametrize("name", SHARED_SITES)
def test_check_after_adopt_reports_no_error(shared: Path, tmp_path: Path, name: str) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    result = site.run("check")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output and ": error:" not in result.output


# --- 4. what Jekyll builds stays the same ------------------------------------------------------------------


@pytest.mark.jekyll
@pytest.mark.parametrize("name", SHARED_SITES)
def test_jekyll_builds_the_same_schedule_page_after_adopt_and_build(
    shared: Path, jekyll: str, built_before: dict[str, str], tmp_path: Path, name: str
) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    ok(site, "build", "--offline")
    built = jekyll_site(jekyll, site.root, tmp_path / "_site")
    assert (built / SCHEDULE_PAGES[name]).read_text(encoding="utf-8") == built_before[name]


# --- 5. a new session on a collection site -----------------------------------------------------------------

# A date a week after each collection site's last session, whose slot in the date list holds another date.
LAST = {"contents-site": "2025-03-04", "sessions-site": "2026-02-17"}
# The week of that date, counted as the sites count (W1 is the week of the first session).
LAST_WEEK = {"contents-site": "W8", "sessions-site": "W6"}
# The tests of what follows name the sessions-site's file themselves, with one that sorts last.
WEEK_GIVEN = {"contents-site": (), "sessions-site": ("--week", "W16")}
NEW_NAME = {"contents-site": "S0-L10", "sessions-site": "W16"}


@pytest.mark.parametrize("name", COLLECTION_SITES)
def test_new_session_after_the_last_is_named_to_sort_last(shared: Path, tmp_path: Path, name: str) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    folder = site.root / f"_{profile_of(site)['collection']}"
    names = sorted(path.name for path in folder.glob("*.md"))
    ok(site, "new-session", "--title", "A New Topic", "--date", LAST[name], "--offline")
    (new,) = {path.name for path in folder.glob("*.md")} - set(names)
    assert sorted([*names, new], key=lambda file: file.encode()) == [*names, new]  # Jekyll's order
    assert plan_weeks(site)[-1] == new.removesuffix(".md")
    assert new == {"contents-site": "S0-L10.md", "sessions-site": "W15.1.md"}[name]  # the next number


@pytest.mark.parametrize("name", COLLECTION_SITES)
def test_new_session_is_written_in_the_site_style(shared: Path, tmp_path: Path, name: str) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    profile = profile_of(site)
    ok(
        site, "new-session", *WEEK_GIVEN[name], "--title", "A New Topic", "--date", LAST[name],
        "--required", "Attention Is All You Need", "--offline",
    )  # fmt: skip
    text = (site.root / f"_{profile['collection']}" / f"{NEW_NAME[name]}.md").read_text(encoding="utf-8")
    assert list(front_matter(text)) == profile["front_matter"]
    lines = text.splitlines()
    assert profile["headings"]["required"] in lines
    reading = {
        "contents-site": "#### Attention Is All You Need",  # reading_level 4, as the site's readings
        "sessions-site": "+ a. Attention Is All You Need",  # lettered, as the site's readings
    }[name]
    assert reading in lines


def test_new_session_heading_names_no_other_session_topic(shared: Path, tmp_path: Path) -> None:
    site = adopted(copy_shared(shared, "sessions-site", tmp_path))
    topics = {
        line
        for path in (site.root / "_sessions").glob("*.md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("## Required Readings:") and line.split(":", 1)[1].strip()
    }
    when = LAST["sessions-site"]
    ok(site, "new-session", "--week", "W16", "--title", "A New Topic", "--date", when, "--offline")
    written = (site.root / "_sessions" / "W16.md").read_text(encoding="utf-8").splitlines()
    assert not topics & set(written)


@pytest.mark.parametrize("name", COLLECTION_SITES)
def test_a_new_last_session_and_build_change_only_the_index_date_and_week_lists(
    shared: Path, tmp_path: Path, name: str
) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    index = site.root / "index.html"
    old_index = index.read_text(encoding="utf-8")
    before = site.snapshot()
    ok(site, "new-session", *WEEK_GIVEN[name], "--title", "A New Topic", "--date", LAST[name], "--offline")
    ok(site, "build", "--offline")
    new_file = f"_{profile_of(site)['collection']}/{NEW_NAME[name]}.md"
    changed = {name for name in changed_files(before, site.snapshot()) if not name.startswith(".seminar/")}
    assert changed == {new_file, PLAN, "index.html"}  # (and seminar's private records)
    removed, added = changed_lines(old_index, index.read_text(encoding="utf-8"))
    assert len(removed) == len(added) == 2 and all("{% assign" in line for line in removed)
    assert [line.split("=")[0] for line in added] == [line.split("=")[0] for line in removed]
    day = date.fromisoformat(LAST[name])
    assert f"{day:%m%d}" in added[0] and LAST_WEEK[name] in added[1]
    settled = site.snapshot()
    ok(site, "build", "--offline")
    assert site.snapshot() == settled


@pytest.mark.jekyll
@pytest.mark.parametrize("name", COLLECTION_SITES)
def test_a_new_last_session_gets_its_row_and_every_other_row_stays(
    shared: Path, jekyll: str, built_before: dict[str, str], tmp_path: Path, name: str
) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    ok(site, "new-session", *WEEK_GIVEN[name], "--title", "A New Topic", "--date", LAST[name], "--offline")
    ok(site, "build", "--offline")
    rows = schedule_rows((jekyll_site(jekyll, site.root, tmp_path / "_site") / "index.html").read_text())
    old_rows = schedule_rows(built_before[name])
    assert rows[:-1] == old_rows
    new = rows[-1]
    day = date.fromisoformat(LAST[name])
    assert (new.date, new.week, new.title) == (f"{day:%m%d}", LAST_WEEK[name], "A New Topic")
    assert new.link.endswith(f"/{profile_of(site)['collection']}/{NEW_NAME[name]}/")


# A date between two sessions of each collection site, and the name that sorts between their files.
BETWEEN = {
    "contents-site": ("2025-02-03", "S0-L04", "S0-L05.0", "S0-L05"),
    "sessions-site": ("2026-01-21", "W02.1.morealign", "W02.2.0", "W02.2"),
}


@pytest.mark.parametrize("name", COLLECTION_SITES)
def test_a_session_dated_between_two_is_named_to_sort_between_them(
    shared: Path, tmp_path: Path, name: str
) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    when, before, new, after = BETWEEN[name]
    ok(site, "new-session", "--title", "A Guest Talk", "--date", when, "--offline")
    weeks = plan_weeks(site)
    assert weeks[weeks.index(new) - 1 : weeks.index(new) + 2] == [before, new, after]
    folder = site.root / f"_{profile_of(site)['collection']}"
    names = sorted((path.name for path in folder.glob("*.md")), key=lambda file: file.encode())
    assert names[names.index(f"{new}.md") - 1 : names.index(f"{new}.md") + 2] == [
        f"{before}.md",
        f"{new}.md",
        f"{after}.md",
    ]


@pytest.mark.jekyll
@pytest.mark.parametrize("name", COLLECTION_SITES)
def test_rows_after_a_session_put_between_shift_and_keep_their_planned_dates(
    shared: Path, jekyll: str, built_before: dict[str, str], tmp_path: Path, name: str
) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    when, _, new, _ = BETWEEN[name]
    ok(site, "new-session", "--title", "A Guest Talk", "--date", when, "--offline")
    ok(site, "build", "--offline")
    rows = schedule_rows((jekyll_site(jekyll, site.root, tmp_path / "_site") / "index.html").read_text())
    planned = plan_of(site)["sessions"]
    assert [row.date for row in rows] == [f"{session['date']:%m%d}" for session in planned]
    at = [session["week"] for session in planned].index(new)
    old_rows = schedule_rows(built_before[name])
    shown = [(row.title, row.link) for row in rows]
    assert shown[:at] + shown[at + 1 :] == [(row.title, row.link) for row in old_rows]
    assert rows[at].title == "A Guest Talk" and rows[at].link.endswith(f"/{new}/")


# --- 6. a reading added to an adopted session file ---------------------------------------------------------

# Per collection site: the session, its file, the next line after its required readings, and how the site
# writes the first line of the reading added (the next letter after a, b on the sessions site).
ADD = {
    "contents-site": ("S0-L03", "_contents/S0-L03.md", "### more readings", "#### {title}"),
    "sessions-site": (
        "W02.1.morealign",
        "_sessions/W02.1.morealign.md",
        "## Background Readings: ",  # as the site writes it, with a trailing space
        "+ c. {title}",
    ),
}
DETAIL = {"contents-site": "+ ", "sessions-site": "\t- "}  # how the site writes a reading's other lines


def added_block(site: Site, relative: str, *command: str) -> tuple[list[str], str]:
    """Run the command; the lines it added to the file, which must be its only change (only `+` lines), with
    blank lines left out, and the first line with text after them."""
    path = site.root / relative
    old = path.read_text(encoding="utf-8")
    ok(site, *command)
    new = path.read_text(encoding="utf-8")
    start, block = inserted_lines(old, new)
    following = next(line for line in new.splitlines()[start + len(block) :] if line.strip())
    return [line for line in block if line.strip()], following


@pytest.mark.parametrize("name", COLLECTION_SITES)
def test_add_reading_by_arxiv_id_adds_one_block_in_the_site_style(
    shared: Path, arxiv: FakeArxiv, tmp_path: Path, name: str
) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    week, relative, next_heading, first = ADD[name]
    block, following = added_block(site, relative, "add-reading", "--week", week, SOCKS)
    title = SOCKS_TITLE + (" (March 2024)" if name == "sessions-site" else "")
    assert block[0] == first.format(title=title)
    assert all(line.startswith(DETAIL[name]) for line in block[1:])
    assert any(f"https://arxiv.org/abs/{SOCKS}" in line for line in block)
    assert following == next_heading  # the block comes after the section's last reading
    required = next(session for session in plan_of(site)["sessions"] if session["week"] == week)["required"]
    assert required[-1] == SOCKS  # the plan names it as it was asked for


@pytest.mark.parametrize("name", COLLECTION_SITES)
def test_add_reading_by_title_adds_one_block_in_the_site_style(
    shared: Path, tmp_path: Path, name: str
) -> None:
    site = adopted(copy_shared(shared, name, tmp_path))
    site.add_papers(KETTLES)
    week, relative, next_heading, first = ADD[name]
    block, following = added_block(site, relative, "add-reading", "--week", week, KETTLES_TITLE, "--offline")
    assert block[0] == first.format(title=KETTLES_TITLE)
    assert all(line.startswith(DETAIL[name]) for line in block[1:])
    assert any("https://example.org/kettles" in line for line in block)
    assert following == next_heading


def test_add_reading_takes_the_letter_after_the_last_one_shown(
    shared: Path, arxiv: FakeArxiv, tmp_path: Path
) -> None:
    site = adopted(copy_shared(shared, "sessions-site", tmp_path))  # W02.2's required readings: a, a, b
    block, _ = added_block(site, "_sessions/W02.2.md", "add-reading", "--week", "W02.2", SOCKS)
    assert block[0].startswith(f"+ c. {SOCKS_TITLE}")


# --- 7. two tiny sites of our own, so a fresh clone runs the same checks -----------------------------------

TINY = [
    pytest.param(talks_site, TALKS_PLAN, id="talks-site"),
    pytest.param(log_site, LOG_PLAN, id="log-site"),
]


@pytest.mark.parametrize(("make", "plan"), TINY)
def test_tiny_site_adopt_plans_its_sessions_dates_and_readings(tmp_path: Path, make, plan) -> None:
    site = make(tmp_path)
    before = site.snapshot()
    adopted(site)
    assert adopted_sessions(site) == plan
    assert changed_files(before, site.snapshot()) == ADOPT_WRITES


def test_tiny_collection_site_profile_says_where_sessions_are_and_how_they_look(tmp_path: Path) -> None:
    profile = profile_of(adopted(talks_site(tmp_path)))
    assert profile["collection"] == "talks" and profile["file_name"] == "T{n:02}"
    assert profile["schedule_index"] == "index.html"
    assert profile["headings"] == {"required": "## Required Readings:", "more": "## More Readings:"}
    assert (profile["reading_style"], profile["reading_level"]) == ("heading", 4)


def test_tiny_posts_site_profile_leaves_the_layout_to_the_defaults(tmp_path: Path) -> None:
    profile = profile_of(adopted(log_site(tmp_path)))
    assert "collection" not in profile and "schedule_index" not in profile
    assert profile["front_matter"][0] == "title" and "layout" not in profile["front_matter"]
    assert profile["headings"] == {"required": "## Required Readings:", "more": "## More readings"}
    assert (profile["reading_style"], profile["reading_level"]) == ("heading", 3)


@pytest.mark.parametrize(("make", "plan"), TINY)
def test_tiny_site_adopting_again_changes_no_file(tmp_path: Path, make, plan) -> None:
    site = adopted(make(tmp_path))
    before = site.snapshot()
    assert ADOPTED_ALREADY in ok(site, "adopt")
    assert site.snapshot() == before


@pytest.mark.parametrize(("make", "plan"), TINY)
def test_tiny_site_build_after_adopt_changes_no_file_and_check_passes(tmp_path: Path, make, plan) -> None:
    site = adopted(make(tmp_path))
    before = site.snapshot()
    ok(site, "build", "--offline")
    assert site.snapshot() == before
    ok(site, "check")


@pytest.mark.parametrize(
    ("make", "week", "relative", "first"),
    [
        pytest.param(talks_site, "T02", "_talks/T02.md", f"#### {SOCKS_TITLE}", id="talks-site"),
        pytest.param(log_site, "L02", "_posts/2024-01-23-L02.md", f"### {SOCKS_TITLE}", id="log-site"),
    ],
)
def test_tiny_site_add_reading_adds_one_block_after_the_last_required_reading(
    arxiv: FakeArxiv, tmp_path: Path, make, week: str, relative: str, first: str
) -> None:
    site = adopted(make(tmp_path))
    block, following = added_block(site, relative, "add-reading", "--week", week, SOCKS)
    assert block[0] == first
    assert all(line.startswith("+ ") for line in block[1:])
    assert following.startswith("## More")


@pytest.mark.parametrize(
    ("when", "name"),
    [("2025-01-28", "T04"), ("2025-01-15", "T02.0")],
    ids=["after-the-last", "between-T01-and-T02"],
)
def test_tiny_collection_new_session_is_named_to_sort_where_its_date_falls(
    tmp_path: Path, when: str, name: str
) -> None:
    site = adopted(talks_site(tmp_path))
    ok(site, "new-session", "--title", "A Guest Talk", "--date", when, "--offline")
    files = sorted((path.name for path in (site.root / "_talks").glob("*.md")), key=str.encode)
    names = [file.removesuffix(".md") for file in files]
    assert names == plan_weeks(site)  # Jekyll's order (by file name, byte by byte) is the plan's
    assert name in names
    dates = [session["date"].isoformat() for session in plan_of(site)["sessions"]]
    assert dates == sorted(dates) and dates[names.index(name)] == when


def test_tiny_collection_new_session_rewrites_only_the_index_lists(tmp_path: Path) -> None:
    site = adopted(talks_site(tmp_path))
    index = site.root / "index.html"
    old = index.read_text(encoding="utf-8")
    ok(site, "new-session", "--title", "A Guest Talk", "--date", "2025-01-15", "--offline")
    ok(site, "build", "--offline")
    assert changed_lines(old, index.read_text(encoding="utf-8")) == (
        [
            '{% assign ddates = "0114,0116,0121,0123" | split: "," %}',
            '{% assign wlabels = "W1,W1,W2,W2" | split: "," %}',
        ],
        [  # 0123, a date planned ahead that no session has taken, stays after the sessions
            '{% assign ddates = "0114,0115,0116,0121,0123" | split: "," %}',
            '{% assign wlabels = "W1,W1,W1,W2,W2" | split: "," %}',
        ],
    )


def test_a_session_on_a_date_planned_ahead_takes_it_from_the_index_lists(tmp_path: Path) -> None:
    site = adopted(talks_site(tmp_path))
    index = site.root / "index.html"
    old = index.read_text(encoding="utf-8")
    ok(site, "new-session", "--title", "A Guest Talk", "--date", "2025-01-23", "--offline")
    assert index.read_text(encoding="utf-8") == old  # its 0123 is now the new session's date, not twice


@pytest.mark.jekyll
def test_tiny_collection_site_builds_the_same_schedule_after_adopt_and_build(
    jekyll: str, tmp_path: Path
) -> None:
    site = talks_site(tmp_path)
    before = (jekyll_site(jekyll, site.root, tmp_path / "before") / "index.html").read_text()
    adopted(site)
    ok(site, "build", "--offline")
    after = (jekyll_site(jekyll, site.root, tmp_path / "after") / "index.html").read_text()
    assert after == before
    assert [row.date for row in schedule_rows(after)] == ["0114", "0116", "0121"]


# --- 8. what adopt refuses ---------------------------------------------------------------------------------


def test_a_collection_site_with_no_page_listing_dates_is_refused(tmp_path: Path) -> None:
    site = talks_site(tmp_path)
    (site.root / "index.html").unlink()
    before = site.snapshot()
    result = site.run("adopt")
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert "error: no page of the site lists the dates of site.talks by position" in line
    assert line.endswith("with --first-day YYYY-MM-DD --meets Tue,Thu")
    assert site.snapshot() == before


def test_a_collection_site_with_no_page_listing_dates_is_dated_by_the_calendar_given(tmp_path: Path) -> None:
    site = talks_site(tmp_path)
    (site.root / "index.html").unlink()
    ok(site, "adopt", "--first-day", "2025-01-14", "--meets", "Tue,Thu")
    plan = yaml.safe_load((site.root / "_data" / "schedule.yml").read_text(encoding="utf-8"))
    assert [session["date"] for session in plan["sessions"]] == [
        date(2025, 1, 14),
        date(2025, 1, 16),
        date(2025, 1, 21),
    ]
    assert (plan["first_day"], plan["meets"]) == (date(2025, 1, 14), ["Tue", "Thu"])
    again = site.snapshot()
    ok(site, "adopt")  # the plan's calendar dates them again: nothing changes
    assert site.snapshot() == again


def test_adopt_takes_first_day_and_meets_together(tmp_path: Path) -> None:
    site = talks_site(tmp_path)
    result = site.run("adopt", "--first-day", "2025-01-14")
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == "error: --first-day and --meets go together: the calendar that dates the sessions"
    )


OTHER_PLAN = """\
term: 2025-seminarRead
sessions:
- week: X1
  date: 2025-01-14
  title: A plan made some other way
"""


def test_an_existing_different_plan_is_refused_without_force(tmp_path: Path) -> None:
    site = talks_site(tmp_path)
    site.write(PLAN, OTHER_PLAN)
    before = site.snapshot()
    result = site.run("adopt")
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert "error: a plan already exists" in line and "--force" in line
    assert site.snapshot() == before


def test_force_replaces_an_existing_different_plan(tmp_path: Path) -> None:
    site = talks_site(tmp_path)
    site.write(PLAN, OTHER_PLAN)
    ok(site, "adopt", "--force")
    assert adopted_sessions(site) == TALKS_PLAN
    assert ADOPTED_ALREADY in ok(site, "adopt")
