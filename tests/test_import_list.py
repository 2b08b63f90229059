"""`seminar import-list` and `seminar papers`: the catalog built from curated lists, via the command line.

The lists are small ones written here, and the project's own in tests/fixtures/paperlists; the same
behaviours on the real curated lists of ../shared are tested by test_import_list_real.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from arxiv_server import FakeArxiv

from conftest import LISTS, Site

FEBRUARY = LISTS / "Weekly_202502.md"  # the project's own lists; test_import_list_real.py reads the real ones
# Two of February's papers as an earlier run would have stored them: by title, before any list was imported.
FEBRUARY_BY_TITLE = {
    "tidy tidying rooms offline": {"title": "TIDY: Tidying Rooms Offline", "notes": ["Our note"]},
    "echonet ++ better conditional control of audio with consistency feedback": {
        "title": "EchoNet++: Better Conditional Control of Audio with Consistency Feedback",
        "notes": ["Our note"],
    },
}

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
    site.add_papers(FEBRUARY_BY_TITLE)
    small = tmp_path / "agents.md"
    small.write_text(SMALL, encoding="utf-8")
    result = site.run("import-list", str(small), str(FEBRUARY))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "agents.md: 3 papers, 3 new, 0 updated, 0 unchanged, 0 warnings",
        # the store had 2 of February's papers as title-only entries: they get the list's notes
        "Weekly_202502.md: 15 papers, 13 new, 2 updated, 0 unchanged, 0 warnings",
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
    site.run("import-list", str(FEBRUARY))
    before = site.snapshot()
    result = site.run("import-list", str(FEBRUARY))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Weekly_202502.md: 15 papers, 0 new, 0 updated, 15 unchanged, 0 warnings\n"
    assert site.snapshot() == before


def test_a_paper_in_two_lists_is_kept_once_with_both_sources(site: Site) -> None:
    site.run("import-list", str(LISTS / "Weekly_202503.md"), str(LISTS / "Weekly_202504.md"))
    (ichef,) = papers_json(site, "--search", "iChef")
    assert [(source["file"], source["month"], source["topic"]) for source in ichef["sources"]] == [
        ("Weekly_202503.md", "2025-03", "Agents"),
        ("Weekly_202504.md", "2025-04", "Diffusion"),
    ]
    assert sum("ichef" in key for key in store(site)) == 1


def test_warnings_name_the_file_and_line(site: Site) -> None:
    result = site.run("import-list", str(LISTS / "AudioTopics.md"))
    assert result.exit_code == 0
    assert result.stdout == "AudioTopics.md: 22 papers, 22 new, 0 updated, 0 unchanged, 8 warnings\n"
    assert (
        "AudioTopics.md:76: warning: <details> is never closed (the next entry starts at line 81)"
        in result.stderr
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


def test_resolve_offline_names_each_title_it_may_not_search(site: Site) -> None:
    result = site.run("import-list", "--resolve", "--offline", str(site.write("agents.md", SMALL)))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "resolved 0 of 2 titles listed without an arXiv id"
    assert result.stderr.count("--offline forbids searching arXiv for it") == 2


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
    site.run("import-list", str(FEBRUARY))
    result = site.run("papers", "--topic", "controllable")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["arXiv", "month", "topic", "title"]
    assert [line.split("  ")[-1].strip() for line in lines[1:-1]] == [
        "EchoNet++: Better Conditional Control of Audio with Consistency Feedback",
        "Knob-Adapter:An Adapter that Brings Any Control to Any Audio Model",
        "MixFusion: Plug&Play Multi-Condition Generation in Text-to-Audio Diffusion Models",
    ]
    assert lines[-1] == "3 papers"


def test_papers_json_has_the_catalog_fields(site: Site) -> None:
    site.run("import-list", str(FEBRUARY))
    (echonet,) = papers_json(site, "--search", "EchoNet++")
    assert echonet["title"] == "EchoNet++: Better Conditional Control of Audio with Consistency Feedback"
    assert echonet["arxiv_id"] is None
    assert (echonet["topic"], echonet["month"]) == ("Controllable", "2025-02")
    assert echonet["keypoints"] == ["Controllable Generation", "Audio Diffusion", "Echonet"]
    assert echonet["sources"] == [
        {"file": "Weekly_202502.md", "month": "2025-02", "topic": "Controllable", "lines": [151, 165]}
    ]


def test_papers_filters_by_month_and_words(site: Site) -> None:
    site.run("import-list", str(FEBRUARY), str(LISTS / "Weekly_202503.md"))
    assert len(papers_json(site, "--month", "2025-03")) == 7
    assert len(papers_json(site, "--month", "March 2025")) == 7
    (choosing,) = papers_json(site, "--month", "202502", "--search", "microphone acoustics")
    assert choosing["title"] == "Choosing Microphone Positions for Spatial Audio Generation"
    assert [paper["title"][:5] for paper in papers_json(site, "--search", "speculative")] == ["QUEUE"]


def test_papers_without_a_filter_lists_every_stored_paper(site: Site) -> None:
    assert len(papers_json(site)) == len(store(site))


def test_an_unknown_topic_names_the_known_ones(site: Site) -> None:
    site.run("import-list", str(LISTS / "Weekly_202504.md"))
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


def test_a_list_of_one_paper_is_counted_in_the_singular(site: Site) -> None:
    listed = site.write("one.md", "## Topic\n### A Single Paper\n- `Keypoints:` one\n")
    result = site.run("import-list", str(listed))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("one.md: 1 paper, 1 new, 0 updated, 0 unchanged")
