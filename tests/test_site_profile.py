"""The site profile (`seminar:` in `_config.yml`) and what seminar does on a site it describes.

A bad profile value is one line naming `_config.yml`, its line and the key; a good one shapes what
`new-session` writes (its keys, headings, reading style). On a collection site new files are named to sort
where the plan puts them, `check` knows documents need no date in their names, and a session the site would
show out of date order is refused where the schedule page dates sessions by position. On an adopted posts
site `move` renames the plan's `file:`; on an adopted collection site `build` rewrites only the slots of the
schedule page's date and week lists that changed. Everything runs through the command line, offline.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from sites import LOG_CONFIG, PLAN, changed_files, changed_lines, log_site, plan_of, talks_site

from conftest import SITE_CONFIG, Site

NVLM = "2409.11402"  # cached arXiv papers of the demo store
SURVEY = "2405.19334"
NVLM_TITLE = "NVLM: Open Frontier-Class Multimodal LLMs"  # first version September 2024
SURVEY_TITLE = "LLMs Meet Multimodal Generation and Editing: A Survey"  # first version May 2024
LLOCO = "LLoCO: Learning Long Contexts Offline"  # a title-only entry of the demo store
KETTLES = {  # a reading with no arXiv record, whose note has sub-items
    "a made up reading about kettles": {
        "title": "A Made-Up Reading About Kettles",
        "url": "https://example.org/kettles",
        "notes": [{"text": "Two ways to boil:", "items": ["Method A: on the stove", "Method B: electric"]}],
    }
}
KETTLES_TITLE = "A Made-Up Reading About Kettles"

# A collection site of the `site` fixture's shape: sessions are documents of `talks`, numbered T01, T02, ...
TALKS_CONFIG = """\
title: Test seminar
future: true
collections:
  talks:
    output: true
seminar:
  term: 2025-seminarRead
  year: 2025
  collection: talks
  file_name: T{n:02}
"""
ORDER = "the site shows session T01 (2025-01-17) before T02 (2025-01-16)"
INDEX_LISTS = "updated index.html (its schedule's date and week lists)"
DDATES = '{% assign ddates = "DATES" | split: "," %}'
WLABELS = '{% assign wlabels = "WEEKS" | split: "," %}'


def ok(site: Site, *args: str, cwd: Path | None = None) -> Result:
    result = site.run(*args, cwd=cwd)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def one_error_line(result: Result) -> str:
    """The one line a refused command prints: exit 1, no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # not a crash: no traceback
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    return line


def front_matter(text: str) -> dict:
    """The front matter as Jekyll reads it (YAML 1.1, like PyYAML), in its order."""
    _, block, _ = text.split("---\n", 2)
    return yaml.safe_load(block)


def profiled(site: Site, profile: str) -> Site:
    """The `site` fixture's configuration with `profile` (lines indented under `seminar:`) added."""
    site.write("_config.yml", SITE_CONFIG + profile)
    return site


def the_post(site: Site) -> str:
    (post,) = site.posts.glob("*.md")
    return post.read_text(encoding="utf-8")


def talks(site: Site) -> Site:
    """The `site` fixture made a collection site: sessions are the documents of `_talks/`."""
    site.write("_config.yml", TALKS_CONFIG)
    return site


def talk_names(site: Site) -> list[str]:
    """The collection's file names without `.md`, in Jekyll's order (by name, byte by byte)."""
    names = sorted((path.name for path in (site.root / "_talks").glob("*.md")), key=str.encode)
    return [name.removesuffix(".md") for name in names]


def adopted(site: Site) -> Site:
    ok(site, "adopt")
    return site


def without_stamp(snapshot: dict[str, tuple[bytes, int]]) -> dict[str, tuple[bytes, int]]:
    """A snapshot without seminar's private folder (the build stamp), to compare the site's own files."""
    return {name: value for name, value in snapshot.items() if not name.startswith(".seminar/")}


# --- 1. the site profile: each bad value is one line naming _config.yml, its line and the key --------------


def refused_config(site: Site, config: str) -> str:
    """Write `config` as `_config.yml`; `new-session` is refused with one line and writes nothing."""
    site.write("_config.yml", config)
    before = site.snapshot()
    line = one_error_line(site.run("new-session", "--week", "S1", "--date", "2025-01-14", "--offline"))
    assert site.snapshot() == before
    return line


def test_a_collection_not_among_the_sites_collections_is_refused(site: Site) -> None:
    config = "collections:\n  talks:\n    output: true\nseminar:\n  collection: lectures\n"
    line = refused_config(site, config)
    assert "_config.yml:5: error: seminar.collection: 'lectures' is not one of the site's" in line
    assert "`collections:`" in line


def test_a_collection_given_with_posts_dir_is_refused(site: Site) -> None:
    config = "collections:\n  talks:\n    output: true\nseminar:\n  posts_dir: _posts\n  collection: talks\n"
    line = refused_config(site, config)
    assert "_config.yml:5: error: seminar.posts_dir: give either posts_dir or collection, not both" in line


_TRACEBACK = "a file_name whose field is not a plain {week} or {n} crashes with a traceback"


@pytest.mark.parametrize(
    "pattern",
    [
        "{x}",
        "a/b{n}",
        "{week",
        ".{n}",
        "{week.x}",
        "{n[0]}",
        "T01",  # the same name for every session
    ],
)
def test_a_file_name_that_is_not_a_pattern_is_refused(site: Site, pattern: str) -> None:
    line = refused_config(site, f"seminar:\n  term: x\n  file_name: {pattern!r}\n")
    assert "_config.yml:3: error: seminar.file_name: must be a file name pattern using {week} or {n}" in line


@pytest.mark.parametrize(
    ("keys", "said"),
    [
        pytest.param("[title, colour]", "(not colour)", id="unknown-key"),
        pytest.param("[title, desc, title]", "must list each key once", id="repeated-key"),
        pytest.param("[desc, term]", "title included", id="without-title"),
        pytest.param("title", "must be a list of front-matter keys", id="not-a-list"),
    ],
)
def test_a_bad_front_matter_list_is_refused(site: Site, keys: str, said: str) -> None:
    line = refused_config(site, f"seminar:\n  term: x\n  front_matter: {keys}\n")
    assert "_config.yml:3: error: seminar.front_matter: " in line and said in line


def test_headings_with_an_unknown_section_are_refused(site: Site) -> None:
    config = "seminar:\n  headings:\n    required: '## Readings:'\n    extra: '## Extra readings'\n"
    line = refused_config(site, config)
    assert "_config.yml:4: error: seminar.headings.extra: unknown section" in line


@pytest.mark.parametrize("heading", ["'Required Readings:'", "3", '"## Readings:\\n## More"'])
def test_a_heading_that_is_not_one_markdown_heading_line_is_refused(site: Site, heading: str) -> None:
    line = refused_config(site, f"seminar:\n  headings:\n    more: '## More'\n    required: {heading}\n")
    assert "_config.yml:4: error: seminar.headings.required: must be a markdown heading line" in line


@pytest.mark.parametrize("level", ["0", "7", "true", "4.0", "'4'"])
def test_a_reading_level_outside_one_to_six_is_refused(site: Site, level: str) -> None:
    line = refused_config(site, f"seminar:\n  reading_level: {level}\n")
    assert "_config.yml:2: error: seminar.reading_level: must be 1 to 6" in line


def test_an_unknown_reading_style_is_refused(site: Site) -> None:
    line = refused_config(site, "seminar:\n  term: x\n  reading_style: fancy\n")
    assert "_config.yml:3: error: seminar.reading_style: must be one of heading, lettered" in line
    assert "not 'fancy'" in line


# --- 1. a valid profile is taken ---------------------------------------------------------------------------

# Every key but `layout` and `video`, in an order of the site's own.
KEYS = ["title", "desc", "term", "lecture", "lectureVersion", "extraContent", "notes", "tags", "categories"]


def test_front_matter_without_layout_and_video_writes_exactly_those_keys_in_that_order(site: Site) -> None:
    profiled(site, f"  front_matter: [{', '.join(KEYS)}]\n")
    ok(site, "new-session", "--week", "S1", "--title", "Intro", "--date", "2025-01-14",
       "--video", "team-1", "--tags", "LLM", "--required", NVLM, "--offline")  # fmt: skip
    values = front_matter(the_post(site))
    assert list(values) == KEYS
    assert values["title"] == "Intro" and values["desc"] == "2025-S1" and values["tags"] == ["LLM"]


def test_front_matter_profile_post_is_clean_for_check_and_build(site: Site) -> None:
    profiled(site, f"  front_matter: [{', '.join(KEYS)}]\n")
    ok(site, "new-session", "--week", "S1", "--title", "Intro", "--date", "2025-01-14", "--offline")
    before = site.snapshot()
    result = ok(site, "check")
    assert ": error:" not in result.output and ": warning:" not in result.output
    assert "1 session: 0 new, 0 updated, 1 unchanged" in ok(site, "build", "--offline").output
    assert site.snapshot() == before


def test_headings_and_reading_level_3_are_used_in_the_post(site: Site) -> None:
    headings = "  headings:\n    required: '## Readings:'\n    more: '### Extra readings'\n"
    profiled(site, headings + "  reading_level: 3\n")
    ok(site, "new-session", "--week", "S1", "--title", "Intro", "--date", "2025-01-14",
       "--required", NVLM, "--more", SURVEY, "--offline")  # fmt: skip
    lines = the_post(site).splitlines()
    assert "## Readings:" in lines and "### Extra readings" in lines
    assert f"### {NVLM_TITLE}" in lines and f"### {SURVEY_TITLE}" in lines
    assert lines.index("## Readings:") < lines.index(f"### {NVLM_TITLE}") < lines.index("### Extra readings")
    assert lines.index("### Extra readings") < lines.index(f"### {SURVEY_TITLE}")
    assert "## Required Readings:" not in lines and "## More Readings:" not in lines
    assert not any(line.startswith("#### ") for line in lines)


def reading_blocks(text: str) -> dict[str, list[str]]:
    """Each lettered reading's first line and the lines under it, up to the next blank line."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if re.match(r"\+ [a-z]+\. ", line):
            current = blocks.setdefault(line, [])
        elif not line.strip():
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_lettered_readings_are_lettered_bullets_with_tab_indented_items(site: Site) -> None:
    profiled(site, "  reading_style: lettered\n")
    ok(site, "new-session", "--week", "S1", "--title", "Intro", "--date", "2025-01-14",
       "--required", NVLM, "--required", SURVEY, "--more", LLOCO, "--offline")  # fmt: skip
    text = the_post(site)
    blocks = reading_blocks(text)
    assert list(blocks) == [
        f"+ a. {NVLM_TITLE} (September 2024)",
        f"+ b. {SURVEY_TITLE} (May 2024)",
        f"+ a. {LLOCO}",  # letters count per section; no date without arXiv's
    ]
    items = ("\t- ", "\t\t- ")  # a note's own items one level deeper
    assert all(block and all(line.startswith(items) for line in block) for block in blocks.values())
    nvlm = blocks[f"+ a. {NVLM_TITLE} (September 2024)"]
    assert f"\t- arXiv: [https://arxiv.org/abs/{NVLM}](https://arxiv.org/abs/{NVLM})" in nvlm
    assert not any(line.startswith("#### ") for line in text.splitlines())


def test_lettered_readings_keep_the_sub_items_of_their_notes(site: Site) -> None:
    profiled(site, "  reading_style: lettered\n")
    site.add_papers(KETTLES)
    ok(site, "new-session", "--week", "S1", "--title", "Intro", "--date", "2025-01-14",
       "--required", KETTLES_TITLE, "--offline")  # fmt: skip
    text = the_post(site)
    assert "Two ways to boil:" in text
    assert "Method A: on the stove" in text and "Method B: electric" in text


# --- 2. --desc ---------------------------------------------------------------------------------------------


def test_desc_given_is_written_to_the_post_and_the_plan(site: Site) -> None:
    ok(site, "new-session", "--week", "S5", "--title", "Agents", "--date", "2025-03-25",
       "--desc", "2025-S4", "--offline")  # fmt: skip
    assert front_matter(the_post(site))["desc"] == "2025-S4"
    (session,) = plan_of(site)["sessions"]
    assert session["week"] == "S5" and session["desc"] == "2025-S4"


def test_two_sessions_may_share_a_desc_on_a_collection_site(site: Site) -> None:
    talks(site)
    for title, when in (("One", "2025-01-14"), ("Two", "2025-01-16")):
        ok(site, "new-session", "--title", title, "--date", when, "--desc", "2025-S4", "--offline")
    for name in ("T01", "T02"):
        text = (site.root / "_talks" / f"{name}.md").read_text(encoding="utf-8")
        assert front_matter(text)["desc"] == "2025-S4"
    assert [session["desc"] for session in plan_of(site)["sessions"]] == ["2025-S4", "2025-S4"]
    built = ok(site, "build", "--offline")
    assert "2 sessions: 0 new, 0 updated, 2 unchanged" in built.output and "error" not in built.output
    checked = ok(site, "check")
    assert ": error:" not in checked.output and "0 errors" in checked.output


def test_a_desc_taken_on_a_posts_site_does_not_replace_the_other_sessions_post(site: Site) -> None:
    ok(site, "new-session", "--week", "S1", "--title", "One", "--date", "2025-01-14", "--desc", "2025-S4",
       "--offline")  # fmt: skip
    first = (site.posts / "2025-01-14-one.md").read_text(encoding="utf-8")
    site.run("new-session", "--week", "S2", "--title", "Two", "--date", "2025-01-16", "--desc", "2025-S4",
             "--offline")  # fmt: skip
    assert (site.posts / "2025-01-14-one.md").read_text(encoding="utf-8") == first


# --- 3. collection sites -----------------------------------------------------------------------------------


def test_new_session_without_week_takes_the_file_name_patterns_next_number(site: Site) -> None:
    talks(site)
    for title, when, name in (("One", "2025-01-14", "T01"), ("Two", "2025-01-16", "T02"),
                              ("Three", "2025-01-21", "T03")):  # fmt: skip
        result = ok(site, "new-session", "--title", title, "--date", when, "--offline")
        assert f"added session {name} to " in result.output
    assert talk_names(site) == ["T01", "T02", "T03"]
    assert [session["week"] for session in plan_of(site)["sessions"]] == ["T01", "T02", "T03"]


@pytest.mark.parametrize(
    ("week", "when", "suggested"),
    [
        pytest.param("A01", "2025-01-28", "T03", id="sorts-before-the-last-dated-after-it"),
        pytest.param("T09", "2025-01-16", "T02.0", id="sorts-after-the-next-dated-before-it"),
    ],
)
def test_a_week_that_would_sort_elsewhere_than_its_date_is_refused_with_a_name_that_fits(
    site: Site, week: str, when: str, suggested: str
) -> None:
    talks(site)
    ok(site, "new-session", "--title", "One", "--date", "2025-01-14", "--offline")
    ok(site, "new-session", "--title", "Two", "--date", "2025-01-21", "--offline")
    before = site.snapshot()
    line = one_error_line(
        site.run("new-session", "--week", week, "--title", "X", "--date", when, "--offline")
    )
    assert f"error: --week {week}: {week}.md would not sort between " in line
    assert f"({suggested})" in line
    assert site.snapshot() == before


def test_a_session_dated_between_two_gets_the_next_ones_name_with_0(site: Site) -> None:
    talks(site)
    ok(site, "new-session", "--title", "One", "--date", "2025-01-14", "--offline")
    ok(site, "new-session", "--title", "Two", "--date", "2025-01-21", "--offline")
    result = ok(site, "new-session", "--title", "Guest", "--date", "2025-01-16", "--offline")
    assert "added session T02.0 to " in result.output
    assert talk_names(site) == ["T01", "T02.0", "T02"]  # Jekyll's order is the plan's
    assert [session["week"] for session in plan_of(site)["sessions"]] == ["T01", "T02.0", "T02"]


def test_check_does_not_ask_collection_documents_for_a_date_in_their_names(site: Site) -> None:
    talks(site)
    ok(site, "new-session", "--title", "One", "--date", "2025-01-14", "--offline")
    ok(site, "new-session", "--title", "Two", "--date", "2025-01-16", "--offline")
    result = ok(site, "check")
    assert "Jekyll skips this file silently" not in result.output
    assert "0 errors" in result.output


def test_check_reports_two_documents_claiming_one_url(site: Site) -> None:
    talks(site)
    ok(site, "new-session", "--title", "One", "--date", "2025-01-14", "--offline")
    ok(site, "new-session", "--title", "Two", "--date", "2025-01-16", "--offline")
    for name in ("T01", "T02"):
        path = site.root / "_talks" / f"{name}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\npermalink: /same/\n", 1))
    result = site.run("check")
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert any("share the URL /same/" in line and "_talks/T01.md" in line and "_talks/T02.md" in line
               for line in errors), result.stderr  # fmt: skip


# --- 4. a collection site shows sessions in file order ----------------------------------------------------


def hand_moved_t01(site: Site) -> None:
    """The plan edited by hand as `move --week T01 --to 2025-01-17` would: T01 after T02, in date order."""
    plan = plan_of(site)
    first, second, *rest = plan["sessions"]
    first["date"] = first["date"].replace(day=17)
    plan["sessions"] = [second, first, *rest]
    site.write(PLAN, yaml.safe_dump(plan, sort_keys=False, allow_unicode=True))


def test_move_past_the_next_sessions_date_is_refused_where_the_index_dates_by_position(
    tmp_path: Path,
) -> None:
    site = adopted(talks_site(tmp_path))
    before = site.snapshot()
    line = one_error_line(site.run("move", "--week", "T01", "--to", "2025-01-17", "--offline"))
    assert f"error: {ORDER}" in line and "orders files by name" in line
    assert site.snapshot() == before  # plan, files and index unchanged


def test_check_reports_a_plan_the_site_shows_out_of_date_order_as_an_error(tmp_path: Path) -> None:
    site = adopted(talks_site(tmp_path))
    hand_moved_t01(site)
    result = site.run("check")
    assert result.exit_code == 1, result.output
    assert any(f"error: {ORDER}" in line for line in result.stderr.splitlines()), result.stderr


def test_check_reports_it_as_a_warning_without_schedule_index(tmp_path: Path) -> None:
    site = adopted(talks_site(tmp_path))
    config = site.root / "_config.yml"
    text = config.read_text(encoding="utf-8")
    assert "  schedule_index: index.html\n" in text
    config.write_text(text.replace("  schedule_index: index.html\n", ""), encoding="utf-8")
    hand_moved_t01(site)
    result = ok(site, "check")
    assert any(f"warning: {ORDER}" in line for line in result.stderr.splitlines()), result.stderr
    assert ": error:" not in result.output


# --- 5. posts named by the plan's `file:` -----------------------------------------------------------------


def log(tmp_path: Path, permalink: str | None = None) -> Site:
    """The tiny reading-log site, adopted; with another `permalink:` when given."""
    site = log_site(tmp_path)
    if permalink is not None:
        site.write("_config.yml", LOG_CONFIG.replace("/:categories/:title/", permalink))
    return adopted(site)


def test_move_renames_the_post_to_the_new_dates_name_and_updates_file(tmp_path: Path) -> None:
    site = log(tmp_path)
    old = (site.posts / "2024-01-18-L01.md").read_text(encoding="utf-8")
    result = ok(site, "move", "--week", "L01", "--to", "2024-01-20", "--offline")
    assert "2024-01-18-L01.md -> " in result.output and "2024-01-20-L01.md" in result.output
    assert not (site.posts / "2024-01-18-L01.md").exists()
    assert (site.posts / "2024-01-20-L01.md").read_text(encoding="utf-8") == old  # its text carried along
    (session,) = [session for session in plan_of(site)["sessions"] if session["week"] == "L01"]
    assert session["file"] == "_posts/2024-01-20-L01.md" and session["date"].isoformat() == "2024-01-20"


def test_move_says_the_url_stays_when_the_permalink_has_no_date(tmp_path: Path) -> None:
    site = log(tmp_path)  # permalink: /:categories/:title/
    result = ok(site, "move", "--week", "L01", "--to", "2024-01-20", "--offline")
    assert "L01 is now on 2024-01-20: its file was renamed for its date" in result.stdout
    assert "its URL stays" in result.stdout
    assert "URL" not in result.stderr  # (2024-01-20, a Saturday, is warned of as a day without a meeting)


def test_move_warns_the_url_changed_when_the_permalink_has_the_date(tmp_path: Path) -> None:
    site = log(tmp_path, "/:year/:month/:day/:title:output_ext")
    result = ok(site, "move", "--week", "L01", "--to", "2024-01-20", "--offline")
    assert "warning: L01's URL changed from /2024/01/18/L01.html to /2024/01/20/L01.html" in result.stderr
    assert "links to the old URL no longer work" in result.stderr
    assert "its URL stays" not in result.output


@pytest.mark.parametrize(
    "permalink", [None, "/:year/:month/:day/:title:output_ext"], ids=["url-stays", "url-changes"]
)
def test_a_build_after_move_writes_nothing(tmp_path: Path, permalink: str | None) -> None:
    site = log(tmp_path, permalink)
    ok(site, "move", "--week", "L01", "--to", "2024-01-20", "--offline")
    before = site.snapshot()
    result = ok(site, "build", "--offline")
    assert "2 sessions: 0 new, 0 updated, 2 unchanged" in result.output
    assert site.snapshot() == before


# --- 6. the schedule page's positional lists --------------------------------------------------------------


def lists(dates: str, weeks: str) -> list[str]:
    return [DDATES.replace("DATES", dates), WLABELS.replace("WEEKS", weeks)]


def built_talks(tmp_path: Path) -> Site:
    site = adopted(talks_site(tmp_path))
    ok(site, "build", "--offline")
    return site


def hand_dated_t02(site: Site, when: str) -> None:
    """T02's `date:` in the plan edited by hand (it is 2025-01-16)."""
    path = site.root / PLAN
    text = path.read_text(encoding="utf-8")
    assert text.count("date: 2025-01-16\n") == 1
    path.write_text(text.replace("date: 2025-01-16\n", f"date: {when}\n"), encoding="utf-8")


def test_a_hand_edited_date_rewrites_only_that_slot_of_the_date_list(tmp_path: Path) -> None:
    site = built_talks(tmp_path)
    hand_dated_t02(site, "2025-01-15")  # the same week
    old_index = (site.root / "index.html").read_text(encoding="utf-8")
    before = site.snapshot()
    result = ok(site, "build", "--offline", cwd=site.root)  # from the top: files named as `index.html`
    assert INDEX_LISTS in result.output.splitlines()
    assert changed_files(without_stamp(before), without_stamp(site.snapshot())) == {"index.html"}
    new_index = (site.root / "index.html").read_text(encoding="utf-8")
    assert changed_lines(old_index, new_index) == (
        [DDATES.replace("DATES", "0114,0116,0121,0123")],
        [DDATES.replace("DATES", "0114,0115,0121,0123")],
    )


def test_a_hand_edited_date_in_another_week_rewrites_its_week_slot_too(tmp_path: Path) -> None:
    site = built_talks(tmp_path)
    hand_dated_t02(site, "2025-01-20")  # the Monday of the next week
    old_index = (site.root / "index.html").read_text(encoding="utf-8")
    result = ok(site, "build", "--offline", cwd=site.root)  # from the top: files named as `index.html`
    assert INDEX_LISTS in result.output.splitlines()
    assert changed_lines(old_index, (site.root / "index.html").read_text(encoding="utf-8")) == (
        lists("0114,0116,0121,0123", "W1,W1,W2,W2"),
        lists("0114,0120,0121,0123", "W1,W2,W2,W2"),
    )


def test_a_build_after_the_index_was_rewritten_writes_nothing(tmp_path: Path) -> None:
    site = built_talks(tmp_path)
    hand_dated_t02(site, "2025-01-15")
    ok(site, "build", "--offline")
    before = site.snapshot()
    result = ok(site, "build", "--offline")
    assert "(its schedule's date and week lists)" not in result.output
    assert site.snapshot() == before


def test_build_dry_run_shows_the_index_diff_and_writes_nothing(tmp_path: Path) -> None:
    site = built_talks(tmp_path)
    hand_dated_t02(site, "2025-01-15")
    before = site.snapshot()
    result = ok(site, "build", "--offline", "--dry-run")
    lines = result.output.splitlines()
    assert "-" + DDATES.replace("DATES", "0114,0116,0121,0123") in lines
    assert "+" + DDATES.replace("DATES", "0114,0115,0121,0123") in lines
    assert not any(line.startswith(("-{% assign wlabels", "+{% assign wlabels")) for line in lines)
    assert site.snapshot() == before
