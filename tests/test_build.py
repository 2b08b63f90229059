"""`seminar build`: every session's post brought in line with the plan, and a person's edits kept."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from arxiv_server import FakeArxiv
from bs4 import BeautifulSoup
from plans import (
    END,
    EXCERPT,
    LLOCO,
    NVLM,
    PLAN,
    RULER,
    SURVEY,
    build,
    front_matter,
    line_of,
    old_style,
    region,
    write_plan,
)

from conftest import REPO, SITE_CONFIG, Site, jekyll_build

# The term's meeting days, listed by hand: Tuesdays and Thursdays from 14 January, spring break (10-14
# March) skipped, 28 sessions.
TERM_DATES = [
    "2025-01-14", "2025-01-16", "2025-01-21", "2025-01-23", "2025-01-28", "2025-01-30", "2025-02-04",
    "2025-02-06", "2025-02-11", "2025-02-13", "2025-02-18", "2025-02-20", "2025-02-25", "2025-02-27",
    "2025-03-04", "2025-03-06", "2025-03-18", "2025-03-20", "2025-03-25", "2025-03-27", "2025-04-01",
    "2025-04-03", "2025-04-08", "2025-04-10", "2025-04-15", "2025-04-17", "2025-04-22", "2025-04-24",
]  # fmt: skip
NEXT_MEETING = "2025-04-29"  # the meeting day after the term's last session
GUEST_AT = 5  # a session inserted in week 3, between W03.1 and W03.2


def term_sessions() -> list[dict]:
    """28 sessions, two a week (W01.1, W01.2, ... W14.2), titled Topic 01 to Topic 28."""
    return [
        {
            "week": f"W{n // 2 + 1:02d}.{n % 2 + 1}",
            "title": f"Topic {n + 1:02d}",
            "lead": f"team-{n % 7 + 1}",
            "required": [(NVLM, SURVEY)[n % 2]],
            "more": [(LLOCO, RULER)[n % 2]],
        }
        for n in range(28)
    ]


def term_post(n: int, day: str | None = None) -> str:
    """The file name of session n's post (from 0), on its planned date unless another is given."""
    return f"{day or TERM_DATES[n]}-topic-{n + 1:02d}.md"


@dataclass
class BuiltTerm:
    root: Path
    stdout: str


@pytest.fixture(scope="module")
def built_term(tmp_path_factory: pytest.TempPathFactory) -> BuiltTerm:
    """The 28-session plan built once, on a site of its own; tests work on copies (`term`)."""
    site = Site(tmp_path_factory.mktemp("term") / "site")
    site.write("_config.yml", SITE_CONFIG)
    site.write("_data/papers.json", (REPO / "_data" / "papers.json").read_text(encoding="utf-8"))
    write_plan(site, term_sessions())
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SEMINAR_ARXIV_API", "http://127.0.0.1:9/api/query")  # a closed port: never arXiv
        result = build(site)
    assert result.exit_code == 0, result.output
    return BuiltTerm(site.root, result.stdout)


@pytest.fixture
def term(site: Site, built_term: BuiltTerm) -> Site:
    """A site holding the built 28-session term (files copied with their modification times)."""
    shutil.copytree(built_term.root, site.root, dirs_exist_ok=True)
    return site


# A small plan, for the tests of one post's edits: S2 sets no lead.
SMALL = [
    {"week": "S1", "title": "Vision language models", "lead": "team-1", "required": [NVLM], "more": [LLOCO]},
    {"week": "S2", "title": "Multimodal generation", "required": [SURVEY], "more": [RULER]},
    {"week": "S3", "title": "Long context", "lead": "team-3", "required": [LLOCO]},
]
S1_POST = "_posts/2025-01-14-vision-language-models.md"
S2_POST = "_posts/2025-01-16-multimodal-generation.md"
S3_POST = "_posts/2025-01-21-long-context.md"


def small_plan(**changes: dict) -> list[dict]:
    """The small plan with some sessions' keys changed, e.g. small_plan(S2={"title": "New"})."""
    return [{**session, **changes.get(session["week"], {})} for session in SMALL]


@pytest.fixture
def small(site: Site) -> Site:
    """A site with the small plan built."""
    write_plan(site, small_plan())
    result = build(site)
    assert result.exit_code == 0, result.output
    return site


def read(site: Site, relative: str) -> str:
    return (site.root / relative).read_text(encoding="utf-8")


def edit(site: Site, relative: str, old: str, new: str) -> str:
    """Replace `old` (which must be there once) in a post, as a person would; the new text."""
    text = read(site, relative)
    assert text.count(old) == 1, old
    site.write(relative, text.replace(old, new))
    return text.replace(old, new)


def write_above_markers(site: Site, relative: str, paragraph: str) -> str:
    """A paragraph written between the front matter and the start marker; the post's new text."""
    return edit(site, relative, "---\n\n<!-- seminar:", f"---\n\n{paragraph}\n\n<!-- seminar:")


def write_after_excerpt(site: Site, relative: str, blog: str) -> str:
    """Text written after the excerpt marker (a blog of the session); the post's new text."""
    return edit(site, relative, f"{EXCERPT}\n", f"{EXCERPT}\n{blog}")


def backups(site: Site, relative: str) -> list[Path]:
    folder = site.root / ".seminar" / "backups" / Path(relative).parent
    return sorted(folder.glob(f"{Path(relative).name}.*"))


# A whole term


def test_a_28_session_plan_gives_a_post_on_each_meeting_day(built_term: BuiltTerm) -> None:
    names = sorted(path.name for path in (built_term.root / "_posts").glob("*.md"))
    assert names == [term_post(n) for n in range(28)]
    assert built_term.stdout.splitlines()[-1] == "28 sessions: 28 new, 0 updated, 0 unchanged"


def test_each_post_carries_its_session_front_matter(term: Site) -> None:
    values = front_matter(read(term, f"_posts/{term_post(20)}"))
    assert values["title"] == "Topic 21" and values["desc"] == "2025-W11.1" and values["video"] == "team-7"
    assert values["term"] == "2025-seminarRead" and values["lectureVersion"] == "next"


def test_a_second_build_writes_nothing(term: Site) -> None:
    before = term.snapshot()
    result = build(term)
    assert result.exit_code == 0, result.output
    assert result.stdout == "28 sessions: 0 new, 0 updated, 28 unchanged\n"
    assert term.snapshot() == before


def insert_guest(site: Site) -> None:
    sessions = term_sessions()
    sessions.insert(GUEST_AT, {"week": "W03.guest", "title": "Guest lecture", "lead": "guest"})
    write_plan(site, sessions)


def test_inserting_a_session_moves_each_later_post_to_the_next_meeting_day(term: Site) -> None:
    insert_guest(term)
    result = build(term)
    assert result.exit_code == 0, result.output
    shifted = [*TERM_DATES[GUEST_AT + 1 :], NEXT_MEETING]
    moves = re.findall(r"^moved +_posts/(\S+) -> _posts/(\S+)$", result.stdout, re.MULTILINE)
    assert moves == [(term_post(n), term_post(n, shifted[n - GUEST_AT])) for n in range(GUEST_AT, 28)]
    assert term.post_files() == sorted(
        [term_post(n) for n in range(GUEST_AT)]
        + [f"{TERM_DATES[GUEST_AT]}-guest-lecture.md"]
        + [term_post(n, shifted[n - GUEST_AT]) for n in range(GUEST_AT, 28)]
    )
    assert result.stdout.splitlines()[-1] == "29 sessions: 1 new, 23 updated, 5 unchanged"


def test_hand_written_text_moves_with_its_post(term: Site) -> None:
    old = f"_posts/{term_post(9)}"
    write_above_markers(term, old, "We meet in room 204 this time.")
    edited = write_after_excerpt(term, old, "\n## Blog\n\nWhat the class made of it.\n")
    insert_guest(term)
    assert build(term).exit_code == 0
    assert not (term.root / old).exists()
    assert read(term, f"_posts/{term_post(9, TERM_DATES[10])}") == edited


# Hand edits kept when the plan changes


def test_a_blog_after_the_excerpt_marker_survives_a_change_of_readings(small: Site) -> None:
    blog = "\n## Blog\n\nWe spent the hour on Figure 3.\n"
    write_after_excerpt(small, S1_POST, blog)
    write_plan(small, small_plan(S1={"required": [SURVEY]}))
    result = build(small)
    assert result.exit_code == 0, result.output
    text = read(small, S1_POST)
    assert text.endswith(f"{EXCERPT}\n{blog}")
    assert "#### LLMs Meet Multimodal Generation and Editing: A Survey" in region(text)
    assert "#### NVLM" not in text


def test_a_new_title_renames_the_post_and_its_blog_goes_with_it(small: Site) -> None:
    blog = "\n## Blog\n\nWe spent the hour on Figure 3.\n"
    write_after_excerpt(small, S2_POST, blog)
    write_plan(small, small_plan(S2={"title": "Video generation"}))
    result = build(small)
    assert result.exit_code == 0, result.output
    renamed = "_posts/2025-01-16-video-generation.md"
    assert f"moved   {S2_POST} -> {renamed}" in result.stdout.splitlines()
    assert not (small.root / S2_POST).exists()
    text = read(small, renamed)
    assert front_matter(text)["title"] == "Video generation" and text.endswith(f"{EXCERPT}\n{blog}")


def test_a_post_with_a_key_given_twice_is_refused_naming_both_lines(small: Site) -> None:
    edit(small, S1_POST, "lecture:\n", "lecture:\nlecture: deck-1\n")
    write_plan(small, small_plan(S1={"title": "Vision-Language Models"}))
    before = small.snapshot()
    result = build(small)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{S1_POST}:5: error: front matter has lecture twice (lines 4 and 5): keep one" in result.stderr
    assert small.snapshot() == before


def test_a_post_saved_with_a_byte_order_mark_is_updated_and_keeps_it(small: Site) -> None:
    post = small.root / S1_POST
    post.write_text("\ufeff" + read(small, S1_POST), encoding="utf-8")  # as some Windows editors save
    write_plan(small, small_plan(S1={"notes": "Bring a laptop"}))
    result = build(small)
    assert result.exit_code == 0, result.output
    text = read(small, S1_POST)
    assert text.startswith("\ufeff---\n") and front_matter(text.lstrip("\ufeff"))["notes"] == "Bring a laptop"


def test_a_post_whose_front_matter_cannot_be_read_is_named_with_why_when_in_the_way(small: Site) -> None:
    edit(small, S1_POST, "title: Vision language models", "title: Vision: language models")
    before = small.snapshot()
    result = build(small)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{S1_POST}:3: error: already exists, and its front matter is not valid YAML"
    )
    assert small.snapshot() == before


def test_a_front_matter_key_added_with_a_comment_is_kept_with_its_comment(small: Site) -> None:
    added = "slides: https://example.org/s1-deck.pdf  # the TA's copy, until the lecture deck is up\n"
    edit(small, S1_POST, "lecture:\n", f"lecture:\n{added}")
    write_plan(small, small_plan(S1={"title": "Vision-Language Models"}))  # the same file name
    result = build(small)
    assert result.exit_code == 0, result.output
    text = read(small, S1_POST)
    assert added in text
    values = front_matter(text)
    assert values["title"] == "Vision-Language Models"
    assert values["slides"] == "https://example.org/s1-deck.pdf"


def besides_titles_alone(stderr: str) -> list[str]:
    """The lines of stderr but the hints for readings known by a title alone (the small site has some)."""
    return [line for line in stderr.splitlines() if "a title alone (no link, no abstract)" not in line]


def test_a_changed_video_is_kept_silently_when_the_plan_sets_no_lead(small: Site) -> None:
    edit(small, S2_POST, "video:\n", "video: team-7\n")
    write_plan(small, small_plan(S2={"notes": "Bring a laptop"}))
    result = build(small)
    assert result.exit_code == 0, result.output
    values = front_matter(read(small, S2_POST))
    assert values["video"] == "team-7" and values["notes"] == "Bring a laptop"
    assert besides_titles_alone(result.stderr) == []


def test_a_changed_video_the_plan_sets_as_lead_is_kept_with_a_warning(small: Site) -> None:
    edit(small, S1_POST, "video: team-1\n", "video: team-9\n")
    write_plan(small, small_plan(S1={"notes": "Bring a laptop"}))
    result = build(small)
    assert result.exit_code == 0, result.output
    values = front_matter(read(small, S1_POST))
    assert values["video"] == "team-9" and values["notes"] == "Bring a laptop"
    (warning,) = besides_titles_alone(result.stderr)
    assert warning.startswith(f"{S1_POST}:8: warning: video: kept as edited")
    assert "team-9" in warning and "team-1" in warning


def test_a_kept_edit_makes_no_write_on_the_next_build(small: Site) -> None:
    edit(small, S1_POST, "video: team-1\n", "video: team-9\n")
    assert build(small).exit_code == 0
    before = small.snapshot()
    result = build(small)
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 sessions: 0 new, 0 updated, 3 unchanged\n"
    assert small.snapshot() == before


# The generated region


def edit_region(site: Site, relative: str) -> str:
    return edit(site, relative, f"\n{END}", "\nAlso skim the appendix.\n\n" + END)


def test_an_edit_inside_the_reading_list_is_a_conflict_and_nothing_is_written(small: Site) -> None:
    edited = edit_region(small, S1_POST)
    write_plan(small, small_plan(S1={"required": [SURVEY]}, S3={"title": "Long context, again"}))
    before = small.snapshot()
    result = build(small)
    assert result.exit_code == 1
    (error,) = result.stderr.splitlines()
    start = line_of(edited, "<!-- seminar:readings start")
    assert error.startswith(f"{S1_POST}:{start}: error: the reading list between seminar's markers")
    assert small.snapshot() == before


def test_force_regenerates_an_edited_reading_list_and_keeps_a_backup(small: Site) -> None:
    wanted = write_above_markers(small, S1_POST, "Room 204.")
    edited = edit_region(small, S1_POST)
    result = build(small, "--force")
    assert result.exit_code == 0, result.output
    assert read(small, S1_POST) == wanted  # the reading list as generated, the paragraph above it kept
    (backup,) = backups(small, S1_POST)
    assert backup.read_text(encoding="utf-8") == edited


# Posts made before markers


def test_a_post_made_before_markers_is_adopted(small: Site) -> None:
    marked = read(small, S1_POST)
    blog = "\nNotes from class.\n"
    small.write(S1_POST, old_style(marked) + blog)
    result = build(small)
    assert result.exit_code == 0, result.output
    assert read(small, S1_POST) == marked + blog
    assert result.stdout.splitlines()[-1] == "3 sessions: 0 new, 1 updated, 2 unchanged"


def test_a_post_made_before_markers_with_another_reading_list_is_a_conflict_naming_its_lines(
    small: Site,
) -> None:
    old = old_style(read(small, S1_POST))
    small.write(S1_POST, old)
    write_plan(small, small_plan(S1={"required": [SURVEY]}))
    before = small.snapshot()
    result = build(small)
    assert result.exit_code == 1
    lines = old.splitlines()
    first = line_of(old, "In this session, our readings cover:")
    last = max(number for number, line in enumerate(lines[: lines.index(EXCERPT)], 1) if line.strip())
    (error,) = result.stderr.splitlines()
    assert error.startswith(
        f"{S1_POST}:{first}: error: a reading list without seminar's markers (lines {first}-{last})"
    )
    assert small.snapshot() == before


def test_a_post_whose_end_marker_was_deleted_gets_one_pair_of_markers_again(small: Site) -> None:
    marked = write_after_excerpt(small, S1_POST, "Notes from class.\n")
    small.write(S1_POST, marked.replace(END, "", 1))
    result = build(small)
    assert result.exit_code == 0, result.output
    assert read(small, S1_POST) == marked
    assert build(small).stdout == "3 sessions: 0 new, 0 updated, 3 unchanged\n"


# Dates and the plan's sessions


def test_lecture_version_becomes_current_once_the_session_date_has_passed(small: Site) -> None:
    result = build(small, today="2025-01-16")
    assert result.exit_code == 0, result.output
    versions = [front_matter(read(small, post))["lectureVersion"] for post in (S1_POST, S2_POST, S3_POST)]
    assert versions == ["current", "next", "next"]  # S2 is on 2025-01-16 itself: not held yet


def test_a_post_whose_session_left_the_plan_is_reported_and_kept(small: Site) -> None:
    kept = read(small, S3_POST)
    write_plan(small, SMALL[:2])
    result = build(small)
    assert result.exit_code == 0, result.output
    assert f"left the plan: {S3_POST} (--prune deletes it)" in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == "2 sessions: 0 new, 0 updated, 2 unchanged, 1 left the plan"
    assert read(small, S3_POST) == kept


def test_prune_deletes_a_post_whose_session_left_the_plan_and_keeps_a_backup(small: Site) -> None:
    kept = read(small, S3_POST)
    write_plan(small, SMALL[:2])
    result = build(small, "--prune")
    assert result.exit_code == 0, result.output
    assert not (small.root / S3_POST).exists()
    (backup,) = backups(small, S3_POST)
    assert backup.read_text(encoding="utf-8") == kept


def test_dry_run_prints_a_diff_and_the_summary_and_writes_nothing(small: Site) -> None:
    write_plan(small, small_plan(S2={"title": "Video generation"}))
    before = small.snapshot()
    result = build(small, "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "--- a/_posts/2025-01-16-multimodal-generation.md" in lines
    assert "+++ b/_posts/2025-01-16-video-generation.md" in lines
    assert "-title: Multimodal generation" in lines and "+title: Video generation" in lines
    assert lines[-1] == "would be: 3 sessions: 0 new, 1 updated, 2 unchanged"
    assert small.snapshot() == before


def test_dry_run_without_prune_shows_no_deletion_of_a_post_that_left_the_plan(small: Site) -> None:
    write_plan(small, SMALL[:2])
    result = build(small, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "+++ /dev/null" not in result.stdout


# Readings


def test_uncached_readings_are_fetched_in_one_request(site: Site, arxiv: FakeArxiv) -> None:
    ids = ["2501.00001", "2501.00002", "2501.00003"]
    for number, key in enumerate(ids, 1):
        arxiv.add_paper(key, f"Synthetic Paper Number {number}")
    write_plan(site, [
        {"week": "S1", "title": "One", "required": [ids[0], NVLM]},
        {"week": "S2", "title": "Two", "required": [ids[1]], "more": [ids[2], LLOCO]},
    ])  # fmt: skip
    result = build(site, offline=False)
    assert result.exit_code == 0, result.output
    assert [sorted(batch) for batch in arxiv.asked_ids()] == [ids]
    assert len(arxiv.requests) == 1
    assert "#### Synthetic Paper Number 3" in read(site, "_posts/2025-01-16-two.md")
    assert build(site, offline=False).exit_code == 0
    assert len(arxiv.requests) == 1  # cached now: never fetched twice


def test_offline_names_each_missing_reading_with_the_plan_line(site: Site) -> None:
    plan = write_plan(site, [
        {"week": "S1", "title": "One", "required": [NVLM, "2501.00001"]},
        {"week": "S2", "title": "Two", "more": ["Some Unlisted Paper"]},
    ])  # fmt: skip
    before = site.snapshot()
    result = build(site)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{PLAN}:{line_of(plan, '2501.00001')}: error: session S1: 2501.00001: not cached in "
        "_data/papers.json, and --offline forbids fetching it",
        f"{PLAN}:{line_of(plan, 'Some Unlisted Paper')}: error: session S2: 'Some Unlisted Paper': "
        "not in _data/papers.json, and --offline forbids searching arXiv for it",
    ]
    assert site.snapshot() == before


# Real Jekyll


@pytest.mark.jekyll
def test_a_built_term_builds_strictly_with_each_post_at_its_date_and_no_marker_shown(
    jekyll: str, term: Site, tmp_path: Path
) -> None:
    shutil.copytree(REPO / "_layouts", term.root / "_layouts", dirs_exist_ok=True)
    destination = tmp_path / "built"
    jekyll_build(jekyll, term.root, destination)
    for n in range(28):
        year, month, day = TERM_DATES[n].split("-")
        page = destination / year / month / day / f"topic-{n + 1:02d}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        shown = soup.get_text(" ")
        assert f"Topic {n + 1:02d}" in shown and "Required Readings" in shown
        assert "seminar:readings" not in shown and "<!--" not in shown and "-->" not in shown


def test_prune_deletes_a_post_whose_session_left_the_plan_before_another_post_takes_its_name(
    site: Site,
) -> None:
    sessions = [{"week": week, "title": "Reading group"} for week in ("R1", "R2", "R3")]
    write_plan(site, sessions)
    assert build(site).exit_code == 0
    write_plan(site, [sessions[0], sessions[2]])  # R2 taken out by hand: R3 moves to its day, and its name
    refused = build(site)
    assert refused.exit_code == 1 and "`seminar build --prune` deletes it first" in refused.stderr
    assert site.run("check", "--today", "2025-01-01").exit_code == 1  # check agrees with build
    result = build(site, "--prune")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "deleted _posts/2025-01-16-reading-group.md (its session left the plan)",
        "moved   _posts/2025-01-21-reading-group.md -> _posts/2025-01-16-reading-group.md",
    ]
    assert site.post_files() == ["2025-01-14-reading-group.md", "2025-01-16-reading-group.md"]
