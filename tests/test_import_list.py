"""`seminar import-list` and `seminar papers`: the catalog built from curated lists, via the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from arxiv_server import FakeArxiv

from conftest import Site

SHARED_LISTS = Path(__file__).resolve().parents[2] / "shared" / "paperlists"

SMALL = """\
# 202409
## Agents
### ReAct: Synergizing Reasoning and Acting in Language Models
[2022.10] [[paper](https://arxiv.org/abs/2210.03629)]
- `Keypoints:` reasoning; acting
- `Objective:` interleave reasoning traces and actions.
### Reflexion: Language Agents with Verbal Reinforcement Learning
- `Keypoints:` self-reflection; memory
- `Method:`
    - reflect on failures in words
    - keep the reflections in memory
## Retrieval
### A Blog Post Nobody Put on arXiv
- `Keypoints:` retrieval
"""


def store(site: Site) -> dict[str, dict]:
    return json.loads((site.root / "_data" / "papers.json").read_text(encoding="utf-8"))


def papers_json(site: Site, *args: str) -> list[dict]:
    result = site.run("papers", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


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


def test_import_keys_papers_by_arxiv_id_else_by_title(site: Site, tmp_path: Path) -> None:
    small = site.write("agents.md", SMALL)
    site.run("import-list", str(small))
    entries = store(site)
    assert entries["2210.03629"]["title"] == "ReAct: Synergizing Reasoning and Acting in Language Models"
    assert entries["2210.03629"]["abs_url"] == "https://arxiv.org/abs/2210.03629"
    blog = entries["a blog post nobody put on arxiv"]
    assert blog["listings"] == [
        {
            "file": "agents.md",
            "places": [{"month": "2024-09", "topic": "Retrieval", "lines": [13, 14]}],
            "keypoints": ["retrieval"],
        }
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


def test_reimporting_an_edited_list_updates_it_and_drops_what_it_no_longer_lists(site: Site) -> None:
    small = site.write("agents.md", SMALL)
    site.run("import-list", str(small))
    edited = SMALL.replace("reasoning; acting", "reasoning; acting; tools").split("## Retrieval")[0]
    small.write_text(edited, encoding="utf-8")
    result = site.run("import-list", str(small))
    assert (
        result.stdout
        == "agents.md: 2 papers, 0 new, 1 updated, 1 unchanged, 1 no longer listed, 0 warnings\n"
    )
    entries = store(site)
    assert entries["2210.03629"]["listings"][0]["keypoints"] == ["reasoning", "acting", "tools"]
    assert "a blog post nobody put on arxiv" not in entries  # it held nothing but that listing


def test_a_title_only_entry_takes_the_arxiv_id_a_list_links(site: Site) -> None:
    site.add_papers(
        {
            "react synergizing reasoning and acting in language models": {
                "title": "ReAct: Synergizing Reasoning and Acting in Language Models",
                "notes": ["Our own note"],
            }
        }
    )
    site.run("import-list", str(site.write("agents.md", SMALL)))
    entries = store(site)
    assert "react synergizing reasoning and acting in language models" not in entries
    assert entries["2210.03629"]["notes"] == ["Our own note"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.md", None, "missing.md: error: no such file"),
        ("folder.md", "dir", "folder.md: error: is a folder, not a paper list"),
        (
            "figure.md",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "figure.md: error: a binary file, not a markdown paper list",
        ),
        (
            "latin1.md",
            "### Caf\u00e9 au lait\n".encode("latin-1"),
            "latin1.md:1: error: not UTF-8 text (byte 0xe9); save it as UTF-8",
        ),
        ("empty.md", b"  \n\n", "empty.md: error: empty file, no papers to read"),
    ],
)
def test_unreadable_lists_are_refused_and_the_others_imported(
    site: Site, tmp_path: Path, name: str, content: bytes | str | None, message: str
) -> None:
    bad = tmp_path / name
    if content == "dir":
        bad.mkdir()
    elif content is not None:
        bad.write_bytes(content)
    good = site.write("agents.md", SMALL)
    result = site.run("import-list", str(bad), str(good))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{bad.parent}/{message}"]
    assert result.stdout == "agents.md: 3 papers, 3 new, 0 updated, 0 unchanged, 0 warnings\n"


def test_an_unreadable_list_alone_changes_no_file(site: Site, tmp_path: Path) -> None:
    before = site.snapshot()
    result = site.run("import-list", str(tmp_path / "missing.md"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert site.snapshot() == before


def test_resolve_finds_the_ids_of_papers_listed_by_title(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.add_paper("2303.11366", "Reflexion: Language Agents with Verbal Reinforcement Learning")
    result = site.run("import-list", "--resolve", str(site.write("agents.md", SMALL)))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "resolved 1 of 2 titles listed without an arXiv id"
    assert (
        "warning: 'A Blog Post Nobody Put on arXiv': no paper with this title found on arXiv" in result.stderr
    )
    reflexion = store(site)["2303.11366"]
    assert reflexion["listings"][0]["keypoints"] == ["self-reflection", "memory"]
    assert "reflexion language agents with verbal reinforcement learning" not in store(site)


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


def test_papers_without_a_filter_lists_every_stored_paper(site: Site) -> None:
    assert len(papers_json(site)) == len(store(site))


def test_an_unknown_topic_names_the_known_ones(site: Site) -> None:
    site.run("import-list", str(SHARED_LISTS / "PaperList_202407.md"))
    result = site.run("papers", "--topic", "Robotics")
    assert result.exit_code == 1
    assert result.stderr == "error: no papers under topic 'Robotics' (topics: Diffusion)\n"


def test_a_month_that_is_not_one_is_refused(site: Site) -> None:
    result = site.run("papers", "--month", "2024-13")
    assert result.exit_code == 1
    assert result.stderr == "error: --month '2024-13': not a month such as 2024-04\n"


def test_a_broken_store_entry_is_named_and_blocks_nothing(site: Site) -> None:
    site.add_papers({"broken": {"title": "A broken entry", "version": "two"}})
    result = site.run("import-list", str(site.write("agents.md", SMALL)))
    assert result.exit_code == 0, result.output
    result = site.run("papers", "--topic", "Agents")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "2 papers"
    assert result.stderr == (
        f"{site.root}/_data/papers.json: warning: entry 'broken': version: must be a whole number from 1\n"
    )
