"""`seminar import-list` and `seminar papers` on the real curated lists of ../shared/paperlists.

Moved here from test_import_list.py, which tests each of these behaviours on the project's own lists
(tests/fixtures/paperlists); these skip when ../shared is not beside the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_list import SMALL, papers_json, store

from conftest import SHARED, Site

pytestmark = pytest.mark.usefixtures("shared")

SHARED_LISTS = SHARED / "paperlists"


def test_import_prints_a_summary_per_file(site: Site, tmp_path: Path) -> None:
    small = tmp_path / "agents.md"
    small.write_text(SMALL, encoding="utf-8")
    result = site.run("import-list", str(small), str(SHARED_LISTS / "PaperList_202404.md"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "agents.md: 3 papers, 3 new, 0 updated, 0 unchanged, 0 warnings",
        # the demo store had 9 of April's papers as title-only entries: they get the list's notes
        "PaperList_202404.md: 21 papers, 12 new, 9 updated, 0 unchanged, 0 warnings",
    ]


def test_importing_the_same_file_again_changes_nothing(site: Site) -> None:
    april = SHARED_LISTS / "PaperList_202404.md"
    site.run("import-list", str(april))
    before = site.snapshot()
    result = site.run("import-list", str(april))
    assert result.exit_code == 0, result.output
    assert result.stdout == "PaperList_202404.md: 21 papers, 0 new, 0 updated, 21 unchanged, 0 warnings\n"
    assert site.snapshot() == before


def test_a_paper_in_two_lists_is_kept_once_with_both_sources(site: Site) -> None:
    site.run(
        "import-list", str(SHARED_LISTS / "PaperList_202405.md"), str(SHARED_LISTS / "PaperList_202407.md")
    )
    (ivideogpt,) = papers_json(site, "--search", "iVideoGPT")
    assert [(source["file"], source["month"], source["topic"]) for source in ivideogpt["sources"]] == [
        ("PaperList_202405.md", "2024-05", "LLM"),
        ("PaperList_202407.md", "2024-07", "Diffusion"),
    ]
    assert sum("ivideogpt" in key for key in store(site)) == 1


def test_warnings_name_the_file_and_line(site: Site) -> None:
    result = site.run("import-list", str(SHARED_LISTS / "VideoGeneration.md"))
    assert result.exit_code == 0
    assert result.stdout == "VideoGeneration.md: 44 papers, 38 new, 6 updated, 0 unchanged, 8 warnings\n"
    assert (
        "VideoGeneration.md:155: warning: <details> is never closed (the next entry starts at line 160)"
        in (result.stderr)
    )


def test_papers_lists_a_topic_as_a_table(site: Site) -> None:
    site.run("import-list", str(SHARED_LISTS / "PaperList_202404.md"))
    result = site.run("papers", "--topic", "controllable")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["arXiv", "month", "topic", "title"]
    assert [line.split("  ")[-1].strip() for line in lines[1:-1]] == [
        "ControlNet++: Improving Conditional Controls with Efficient Consistency Feedback",
        "Ctrl-Adapter:An Efficient and Versatile Framework for Adapting Diverse Controls to Any "
        "Diffusion Model",
        "MaxFusion: Plug&Play Multi-Modal Generation in Text-to-Image Diffusion Models",
    ]
    assert lines[-1] == "3 papers"


def test_papers_json_has_the_catalog_fields(site: Site) -> None:
    site.run("import-list", str(SHARED_LISTS / "PaperList_202404.md"))
    (controlnet,) = papers_json(site, "--search", "ControlNet++")
    assert (
        controlnet["title"]
        == "ControlNet++: Improving Conditional Controls with Efficient Consistency Feedback"
    )
    assert controlnet["arxiv_id"] is None
    assert (controlnet["topic"], controlnet["month"]) == ("Controllable", "2024-04")
    assert controlnet["keypoints"] == ["Controllable Generation", "Diffusion Model", "Controlnet"]
    assert controlnet["sources"] == [
        {"file": "PaperList_202404.md", "month": "2024-04", "topic": "Controllable", "lines": [231, 245]}
    ]


def test_papers_filters_by_month_and_words(site: Site) -> None:
    site.run(
        "import-list", str(SHARED_LISTS / "PaperList_202404.md"), str(SHARED_LISTS / "PaperList_202405.md")
    )
    assert len(papers_json(site, "--month", "2024-05")) == 9
    assert len(papers_json(site, "--month", "May 2024")) == 9
    (customizing,) = papers_json(site, "--month", "202404", "--search", "camera NeRF")
    assert customizing["title"] == "Customizing Text-to-Image Diffusion with Camera Viewpoint Control"
    assert [paper["title"][:8] for paper in papers_json(site, "--search", "speculative")] == ["TriForce"]


def test_an_unknown_topic_names_the_known_ones(site: Site) -> None:
    site.run("import-list", str(SHARED_LISTS / "PaperList_202407.md"))
    result = site.run("papers", "--topic", "Robotics")
    assert result.exit_code == 1
    assert result.stderr == "error: no papers under topic 'Robotics' (topics: Diffusion)\n"
