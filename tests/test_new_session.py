"""`seminar new-session`: one post per session, in the format real seminar sites use."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import yaml

from conftest import GOLDEN, Site

SEED_COMMAND = (
    "new-session",
    "--week", "S4",
    "--title", "multimodal FMs - video generation",
    "--date", "2025-03-18",
    "--required", "2409.11402",
    "--required", "2405.19334",
    "--more", "Video Understanding with Large Language Models: A Survey",
    "--video", "team-2",
    "--tags", "Multimodal",
    "--categories", "FMBasic",
)  # fmt: skip
SEED_POST = "2025-03-18-multimodal-fms-video-generation.md"
SURVEY = {
    "video understanding with large language models a survey": {
        "title": "Video Understanding with Large Language Models: A Survey",
        "url": "https://example.org/video-llm-survey",
        "notes": ["Read sections 1 to 3 before class."],
    }
}


def front_matter(text: str) -> dict:
    """The front matter as Jekyll reads it (YAML 1.1, like PyYAML)."""
    _, block, _ = text.split("---\n", 2)
    return yaml.safe_load(block)


def test_seed_session_matches_the_golden_post(site: Site) -> None:
    site.add_papers(SURVEY)
    result = site.run(*SEED_COMMAND)
    assert result.exit_code == 0, result.output
    assert site.post_files() == [SEED_POST]
    written = (site.posts / SEED_POST).read_text(encoding="utf-8")
    assert written == (GOLDEN / SEED_POST).read_text(encoding="utf-8")


def test_front_matter_has_the_eleven_keys_in_order_with_blanks_as_null(site: Site) -> None:
    site.add_papers(SURVEY)
    site.run(*SEED_COMMAND)
    text = (site.posts / SEED_POST).read_text(encoding="utf-8")
    values = front_matter(text)
    assert list(values) == [
        "layout", "title", "lecture", "lectureVersion", "extraContent", "notes",
        "video", "tags", "desc", "term", "categories",
    ]  # fmt: skip
    assert values["lecture"] is None and values["extraContent"] is None and values["notes"] is None
    assert "lecture:\n" in text and '""' not in text and "''" not in text and "null" not in text
    assert values["desc"] == "2025-S4" and values["term"] == "2025-seminarRead"


def test_values_yaml_would_read_as_another_type_are_quoted(site: Site) -> None:
    result = site.run(
        "new-session", "--week", "S5", "--date", "2025-03-25",
        "--title", "Attention: Is All You Need? #1 & 'quotes' \"too\"",
        "--video", "10:00", "--notes", "@team-4", "--lecture", "2410.10000",
        "--tags", "yes", "--tags", "on", "--categories", "*star",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (post,) = site.posts.glob("*.md")
    values = front_matter(post.read_text(encoding="utf-8"))
    assert values["title"] == "Attention: Is All You Need? #1 & 'quotes' \"too\""
    assert values["video"] == "10:00" and values["notes"] == "@team-4" and values["lecture"] == "2410.10000"
    assert values["tags"] == ["yes", "on"] and values["categories"] == ["*star"]


def test_tags_and_categories_are_block_lists(site: Site) -> None:
    site.run("new-session", "--week", "S5", "--date", "2025-03-25", "--tags", "World model", "--tags", "RL")
    (post,) = site.posts.glob("*.md")
    assert "tags:\n- World model\n- RL\n" in post.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "form",
    [
        "2409.11402",
        "2409.11402v2",
        "arXiv:2409.11402",
        "https://arxiv.org/abs/2409.11402",
        "https://arxiv.org/pdf/2409.11402v1.pdf",
        "  https://www.arxiv.org/abs/2409.11402v2  ",
    ],
)
def test_a_reading_given_as_an_arxiv_id_in_any_form_is_found(site: Site, form: str) -> None:
    result = site.run("new-session", "--week", "S4", "--date", "2025-03-18", "--required", form)
    assert result.exit_code == 0, result.output
    (post,) = site.posts.glob("*.md")
    assert "#### NVLM: Open Frontier-Class Multimodal LLMs\n" in post.read_text(encoding="utf-8")


def test_an_old_style_id_is_found_by_its_base_id(site: Site) -> None:
    site.add_papers(
        {
            "hep-th/9901001": {
                "arxiv_id": "hep-th/9901001",
                "title": "An old-style paper",
                "published": "1999-01-01",
            }
        }
    )
    result = site.run("new-session", "--week", "S1", "--date", "2025-01-07", "--required", "hep-th/9901001v3")
    assert result.exit_code == 0, result.output
    assert "#### An old-style paper\n" in next(site.posts.glob("*.md")).read_text(encoding="utf-8")


def test_a_title_matches_despite_case_punctuation_nbsp_and_full_width_colon(site: Site) -> None:
    typed = "nvlm\uff1a open\u00a0frontier class MULTIMODAL llms"
    result = site.run("new-session", "--week", "S4", "--date", "2025-03-18", "--more", typed)
    assert result.exit_code == 0, result.output
    text = next(site.posts.glob("*.md")).read_text(encoding="utf-8")
    assert text.index("## More Readings:") < text.index("#### NVLM: Open Frontier-Class Multimodal LLMs")


def test_each_missing_reading_is_named_and_nothing_is_written(site: Site) -> None:
    before = site.snapshot()
    result = site.run(
        "new-session", "--week", "S4", "--date", "2025-03-18", "--offline",
        "--required", "2409.11402", "--required", "2501.00001", "--more", "A Paper Nobody Cached",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "2501.00001: not cached in" in result.stderr and "--offline" in result.stderr
    assert "'A Paper Nobody Cached': not in" in result.stderr and "forbids searching arXiv" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2
    assert "Traceback" not in result.output
    assert site.snapshot() == before


def test_a_reading_listed_twice_is_refused(site: Site) -> None:
    result = site.run(
        "new-session", "--week", "S4", "--date", "2025-03-18",
        "--required", "2409.11402", "--more", "arXiv:2409.11402v1",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "2409.11402: listed more than once" in result.stderr
    assert site.post_files() == []


def test_week_alone_makes_a_placeholder_post_for_today(site: Site) -> None:
    result = site.run("new-session", "--week", "S7")
    assert result.exit_code == 0, result.output
    today = date.today().isoformat()
    assert site.post_files() == [f"{today}-s7.md"]
    values = front_matter((site.posts / f"{today}-s7.md").read_text(encoding="utf-8"))
    assert values["title"] == "TBA" and values["lectureVersion"] == "next" and values["desc"] == "2025-S7"


def test_a_past_session_is_current_and_a_future_one_next(site: Site) -> None:
    past = (date.today() - timedelta(days=1)).isoformat()
    future = (date.today() + timedelta(days=30)).isoformat()
    site.run("new-session", "--week", "S1", "--title", "Past", "--date", past)
    site.run("new-session", "--week", "S2", "--title", "Future", "--date", future)
    assert front_matter((site.posts / f"{past}-past.md").read_text())["lectureVersion"] == "current"
    assert front_matter((site.posts / f"{future}-future.md").read_text())["lectureVersion"] == "next"


def test_desc_takes_the_dates_year_when_the_site_sets_none(site: Site) -> None:
    site.write("_config.yml", "seminar:\n  term: 2026-seminarRead\n")
    site.run("new-session", "--week", "W03.2", "--title", "X", "--date", "2026-01-20")
    values = front_matter((site.posts / "2026-01-20-x.md").read_text())
    assert values["desc"] == "2026-W03.2" and values["term"] == "2026-seminarRead"


def test_the_sites_defaults_fill_what_the_command_leaves_out(site: Site) -> None:
    site.write(
        "_config.yml",
        "seminar:\n  defaults:\n    video: instructor\n    categories: [Agent]\n    tags: [Reading]\n",
    )
    site.run("new-session", "--week", "S1", "--title", "A", "--date", "2025-01-07")
    site.run("new-session", "--week", "S2", "--title", "B", "--date", "2025-01-09", "--video", "team-1")
    a = front_matter((site.posts / "2025-01-07-a.md").read_text())
    b = front_matter((site.posts / "2025-01-09-b.md").read_text())
    assert (a["video"], a["categories"], a["tags"]) == ("instructor", ["Agent"], ["Reading"])
    assert b["video"] == "team-1"


def test_a_unicode_title_is_kept_and_its_slug_is_ascii(site: Site) -> None:
    result = site.run(
        "new-session", "--week", "S3", "--title", "Modèles de diffusion：vidéo 生成", "--date", "2025-03-11"
    )
    assert result.exit_code == 0, result.output
    (post,) = site.posts.glob("*.md")
    assert post.name.isascii() and post.name.startswith("2025-03-11-modeles-de-diffusion-video")
    assert front_matter(post.read_text(encoding="utf-8"))["title"] == "Modèles de diffusion：vidéo 生成"


def test_a_week_already_planned_is_refused_and_nothing_changes(site: Site) -> None:
    site.run("new-session", "--week", "S4", "--title", "X", "--date", "2025-03-18")
    before = site.snapshot()
    result = site.run(
        "new-session", "--week", "S4", "--title", "X", "--date", "2025-03-18", "--video", "team-9"
    )
    assert result.exit_code == 1
    assert "session S4 is already in the plan (line 3)" in result.stderr and "--force" in result.stderr
    assert site.snapshot() == before


def test_a_post_in_the_way_of_a_new_session_is_refused_and_left_unchanged(site: Site) -> None:
    site.write("_posts/2025-03-18-x.md", "---\ntitle: X\n---\nSomeone's own post.\n")
    before = site.snapshot()
    result = site.run("new-session", "--week", "S4", "--title", "X", "--date", "2025-03-18")
    assert result.exit_code == 1
    assert "_posts/2025-03-18-x.md: error: already exists and is not session S4's post" in result.stderr
    assert site.snapshot() == before


def test_the_new_session_is_added_to_the_plan(site: Site) -> None:
    site.add_papers(SURVEY)
    result = site.run(*SEED_COMMAND)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"added session S4 to {site.root / '_data' / 'schedule.yml'}"
    plan = yaml.safe_load((site.root / "_data" / "schedule.yml").read_text(encoding="utf-8"))
    assert plan["sessions"] == [
        {
            "week": "S4",
            "title": "multimodal FMs - video generation",
            "lead": "team-2",
            "tags": ["Multimodal"],
            "categories": ["FMBasic"],
            "required": ["2409.11402", "2405.19334"],
            "more": ["Video Understanding with Large Language Models: A Survey"],
            "date": date(2025, 3, 18),
        }
    ]


def test_force_replaces_the_planned_session_and_keeps_the_posts_own_text(site: Site) -> None:
    site.run("new-session", "--week", "S4", "--title", "X", "--date", "2025-03-18")
    post = site.posts / "2025-03-18-x.md"
    post.write_text(post.read_text() + "\nMy own notes after class.\n")
    result = site.run(
        "new-session", "--week", "S4", "--title", "X", "--date", "2025-03-18", "--video", "team-9", "--force"
    )
    assert result.exit_code == 0, result.output
    assert front_matter(post.read_text())["video"] == "team-9"
    assert post.read_text().endswith("<!--excerpt.start-->\n\nMy own notes after class.\n")


def test_force_regenerates_a_hand_edited_reading_list_and_keeps_a_backup(site: Site) -> None:
    site.run("new-session", "--week", "S4", "--title", "X", "--date", "2025-03-18")
    post = site.posts / "2025-03-18-x.md"
    edited = post.read_text().replace("## More Readings:", "## More Readings (my edit):")
    post.write_text(edited)
    result = site.run("new-session", "--week", "S4", "--title", "X", "--date", "2025-03-18", "--force")
    assert result.exit_code == 0, result.output
    assert "my edit" not in post.read_text()
    (backup,) = (site.root / ".seminar" / "backups" / "_posts").iterdir()
    assert backup.read_text() == edited and backup.name.startswith("2025-03-18-x.md.")
    assert (site.root / ".seminar" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_force_with_nothing_new_changes_no_file(site: Site) -> None:
    args = ("new-session", "--week", "S4", "--title", "X", "--date", "2025-03-18", "--required", "2409.11402")
    site.run(*args)
    before = site.snapshot()
    result = site.run(*args, "--force")
    assert result.exit_code == 0
    assert "already up to date" in result.stdout
    assert site.snapshot() == before


def test_dry_run_prints_the_path_and_the_post_and_writes_nothing(site: Site) -> None:
    site.add_papers(SURVEY)
    before = site.snapshot()
    result = site.run(*SEED_COMMAND, "--dry-run")
    assert result.exit_code == 0, result.output
    header, post = result.stdout.split("\n", 1)
    assert header == f"would write {site.posts / SEED_POST}:"
    assert post == (GOLDEN / SEED_POST).read_text(encoding="utf-8")
    assert site.snapshot() == before


@pytest.mark.parametrize(
    "label", ["../x", "a/b", "", "S4\x1b[31m", "S4\n", "..", ".hidden", "S4/..", "x" * 40]
)
def test_an_unusable_week_label_is_refused_and_nothing_is_written(site: Site, label: str) -> None:
    before = site.snapshot()
    result = site.run("new-session", "--week", label, "--title", "X", "--date", "2025-03-18")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: week label") and len(result.stderr.splitlines()) == 1
    assert site.snapshot() == before
    assert sorted(path.name for path in site.root.parent.iterdir()) == ["site"]


def test_a_title_with_a_line_break_is_refused(site: Site) -> None:
    result = site.run("new-session", "--week", "S4", "--title", "Two\nlines", "--date", "2025-03-18")
    assert result.exit_code == 1 and "--title" in result.stderr and "line breaks" in result.stderr
    assert site.post_files() == []


def test_a_bad_date_is_a_usage_error(site: Site) -> None:
    result = site.run("new-session", "--week", "S4", "--date", "18/03/2025")
    assert result.exit_code == 2 and "--date" in result.stderr
    assert site.post_files() == []


def test_a_future_post_on_a_site_without_future_true_warns(site: Site) -> None:
    site.write("_config.yml", "seminar:\n  term: T\n")
    later = (date.today() + timedelta(days=10)).isoformat()
    result = site.run("new-session", "--week", "S9", "--title", "Later", "--date", later)
    assert result.exit_code == 0
    assert "_config.yml: warning:" in result.stderr and "future: true" in result.stderr


def test_posts_go_to_the_configured_folder(site: Site) -> None:
    site.write("_config.yml", "seminar:\n  posts_dir: _sessions/spring\n")
    result = site.run("new-session", "--week", "S1", "--title", "X", "--date", "2025-01-07")
    assert result.exit_code == 0, result.output
    assert (site.root / "_sessions" / "spring" / "2025-01-07-x.md").is_file()


def test_an_option_given_empty_blanks_the_sites_default(site: Site) -> None:
    site.write("_config.yml", "seminar:\n  defaults:\n    video: instructor\n")
    site.run("new-session", "--week", "S1", "--title", "A", "--date", "2025-01-07", "--video", "")
    assert front_matter((site.posts / "2025-01-07-a.md").read_text())["video"] is None


def test_a_file_system_error_is_one_line_without_traceback(site: Site) -> None:
    site.write("_posts", "a file where the posts folder should be\n")
    result = site.run("new-session", "--week", "S1", "--title", "A", "--date", "2025-01-07")
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert "_posts: error: " in line


def test_without_a_date_a_plan_with_a_calendar_gives_the_next_meeting_day(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_NOW", "2025-01-10T12:00:00Z")  # before the term starts
    site.write(
        "_data/schedule.yml",
        "first_day: 2025-01-14\nmeets: [Tue, Thu]\nsessions:\n  - week: S1\n    title: Intro\n",
    )
    result = site.run("new-session", "--week", "S2", "--title", "Next", "--offline")
    assert result.exit_code == 0, result.output
    assert site.post_files() == ["2025-01-14-intro.md", "2025-01-16-next.md"]
    plan = yaml.safe_load((site.root / "_data" / "schedule.yml").read_text(encoding="utf-8"))
    assert plan["sessions"][1] == {"week": "S2", "title": "Next"}  # no date: it follows the calendar


def test_a_session_dated_before_planned_ones_takes_its_place_in_date_order(site: Site) -> None:
    site.run("new-session", "--week", "S2", "--title", "Later", "--date", "2025-01-16")
    result = site.run("new-session", "--week", "S1", "--title", "Earlier", "--date", "2025-01-14")
    assert result.exit_code == 0, result.output
    plan = yaml.safe_load((site.root / "_data" / "schedule.yml").read_text(encoding="utf-8"))
    assert [session["week"] for session in plan["sessions"]] == ["S1", "S2"]
    assert site.post_files() == ["2025-01-14-earlier.md", "2025-01-16-later.md"]
