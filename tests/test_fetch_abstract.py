"""`seminar fetch-abstract`: a paper's reading block, or its store entry, from the paper store."""

from __future__ import annotations

import json

from conftest import GOLDEN, Site


def golden_block(title: str) -> str:
    """One reading block of the golden post, from its `#### Title` to the blank line after it."""
    text = (GOLDEN / "2025-03-18-multimodal-fms-video-generation.md").read_text(encoding="utf-8")
    start = text.index(f"#### {title}\n")
    return text[start : text.index("\n\n", start) + 1]


def test_prints_the_reading_block_of_the_post_format(site: Site) -> None:
    result = site.run("fetch-abstract", "2409.11402")
    assert result.exit_code == 0, result.output
    assert result.stdout == golden_block("NVLM: Open Frontier-Class Multimodal LLMs")


def test_prints_several_papers_in_the_order_given(site: Site) -> None:
    result = site.run("fetch-abstract", "https://arxiv.org/pdf/2405.19334v1.pdf", "arXiv:2409.11402")
    assert result.exit_code == 0, result.output
    survey = golden_block("LLMs Meet Multimodal Generation and Editing: A Survey")
    nvlm = golden_block("NVLM: Open Frontier-Class Multimodal LLMs")
    assert result.stdout == survey + "\n" + nvlm


def test_json_prints_the_store_entries(site: Site) -> None:
    result = site.run("fetch-abstract", "--format", "json", "2409.11402v2")
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)
    assert entry["id"] == "2409.11402"
    assert entry["title"] == "NVLM: Open Frontier-Class Multimodal LLMs"
    assert entry["authors"][0] == "Wenliang Dai" and len(entry["authors"]) == 10
    assert (entry["published"], entry["updated"], entry["version"]) == ("2024-09-17", "2024-10-22", 2)


def test_offline_an_uncached_id_is_reported_and_the_others_still_print(site: Site) -> None:
    result = site.run("fetch-abstract", "--offline", "2501.00001", "2409.11402")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: 2501.00001: not cached in {site.root / '_data' / 'papers.json'}, "
        "and --offline forbids fetching it"
    ]
    assert result.stdout == golden_block("NVLM: Open Frontier-Class Multimodal LLMs")


def test_something_that_is_not_an_id_is_reported_as_such(site: Site) -> None:
    result = site.run("fetch-abstract", "--format", "json", "not-an-id", "2409.11402")
    assert result.exit_code == 1
    assert "'not-an-id': not an arXiv id" in result.stderr
    assert [entry["id"] for entry in json.loads(result.stdout)] == ["2409.11402"]


def test_a_broken_store_entry_is_named_with_its_file_and_key(site: Site) -> None:
    site.add_papers({"2501.00002": {"arxiv_id": "2501.00002", "title": "T", "published": "17 Sep 2024"}})
    result = site.run("fetch-abstract", "2501.00002")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "papers.json: error: entry '2501.00002': published: must be a date" in result.stderr
