"""Links in curated lists, through `seminar import-list` and `seminar papers`: link text holding brackets
(balanced, escaped, in code) is read as the title; a table of contents' link to an anchor of the same file,
or a link to another file, is no paper; a bullet that links a paper but gives no title is a warning with its
line; and a very long line costs time in proportion to its length.

The list is the project's own, tests/fixtures/paperlists/Pruning_202412.md (every title and id made up).
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from conftest import LISTS, Site

PRUNING = LISTS / "Pruning_202412.md"


def imported(site: Site, file: str) -> list[dict[str, Any]]:
    """The papers `seminar papers --json` lists from one list file, in list order."""
    result = site.run("papers", "--json")
    assert result.exit_code == 0, result.output
    return [paper for paper in json.loads(result.stdout) if any(s["file"] == file for s in paper["sources"])]


def import_list(site: Site, *files: str) -> tuple[str, list[str]]:
    """`seminar import-list FILES`: its summary, and its warnings (each line of stderr); never a traceback."""
    result = site.run("import-list", *files)
    assert result.exit_code == 0, result.output
    assert result.exception is None
    return result.stdout, result.stderr.splitlines()


def test_titles_holding_brackets_are_read_with_their_ids(site: Site) -> None:
    summary, _ = import_list(site, str(PRUNING))
    assert summary == "Pruning_202412.md: 7 papers, 7 new, 0 updated, 0 unchanged, 4 warnings\n"
    papers = imported(site, PRUNING.name)
    assert [(paper["title"], paper["arxiv_id"], paper["topic"]) for paper in papers] == [
        ("[CLS] Attention is All You Need for Token Pruning", "2412.00001", "Token Pruning"),
        ("Pruning [MASK] Tokens Without Retraining", "2412.00002", "Token Pruning"),  # `\[MASK\]`
        ("Keep the [CLS], Drop the [PAD]: Balanced Brackets in a Title", "2412.00003", "Token Pruning"),
        ("[SEP] Separator Tokens Know Where to Cut", "2412.00010", "Token Pruning"),  # a linked heading
        ("[REG] Registers Tell You Which Patches to Drop", "2412.00006", "Vision Tokens"),
        ("The `]` Token Considered Harmful", "2412.00009", "Vision Tokens"),  # a `]` in code closes nothing
        ("Frame Dropping for Streaming Speech Encoders", None, "Speech Tokens"),
    ]
    store = json.loads((site.root / "_data" / "papers.json").read_text(encoding="utf-8"))
    cls = store["2412.00001"]
    assert cls["title"] == "[CLS] Attention is All You Need for Token Pruning"
    assert cls["abs_url"] == "https://arxiv.org/abs/2412.00001"
    assert cls["listings"][0]["places"] == [{"month": "2024-12", "topic": "Token Pruning", "lines": [14, 14]}]
    assert store["2412.00010"]["listings"][0]["keypoints"] == ["separator tokens", "pruning schedule"]


def test_a_table_of_contents_and_links_to_other_files_are_not_papers(site: Site) -> None:
    _, warnings = import_list(site, str(PRUNING))
    titles = {paper["title"] for paper in imported(site, PRUNING.name)}
    # the contents' anchors (lines 6-10) and the links to the other lists (lines 37-38): no paper, no warning
    assert not titles & {"Token Pruning", "Vision Tokens", "Speech Tokens", "Related Lists", "Audio topics"}
    assert not any(title.startswith("Weekly") for title in titles)
    warned = {int(warning.split(":")[1]) for warning in warnings}
    assert not warned & {6, 7, 8, 9, 10, 37, 38}
    # the contents' line naming the [CLS] paper is no second listing of it
    assert not any("listed again" in warning for warning in warnings)


def test_a_bullet_linking_a_paper_but_giving_no_title_is_a_warning_with_its_line(site: Site) -> None:
    _, warnings = import_list(site, str(PRUNING))
    assert warnings == [
        "Pruning_202412.md:17: warning: a bullet links https://arxiv.org/abs/2412.00004, but no paper title "
        "is read from it; skipped",  # `[paper](url)`: a link's name, not a title
        "Pruning_202412.md:18: warning: a bullet links https://openreview.net/forum?id=PrUnE0005, but no "
        "paper title is read from it; skipped",  # only a date tag and a paper link
        "Pruning_202412.md:28: warning: a bullet links https://arxiv.org/abs/2412.00008, but no paper title "
        "is read from it; skipped",  # a badge: an image for a title
        "Pruning_202412.md:33: warning: a bullet links https://aclanthology.org/2024.madeup-main.10.pdf, but "
        "no paper title is read from it; skipped",  # an address written out bare
    ]


ARXIV = "https://arxiv.org/abs/"
ONE_PAPER = {  # a bullet: the title and arXiv id read from it
    f"- [Escaped \\] Bracket \\[ Title]({ARXIV}2412.00021)": ("Escaped ] Bracket [ Title", "2412.00021"),
    f"- [A [Deeply [Nested]] Title]({ARXIV}2412.00022)": ("A [Deeply [Nested]] Title", "2412.00022"),
    f"* 🔥[[CLS] With an Emoji First]({ARXIV}2412.00023) `[2024.12]`": (
        "[CLS] With an Emoji First",
        "2412.00023",
    ),
    f'- [A Link With a Title]({ARXIV}2412.00024 "the abstract")': ("A Link With a Title", "2412.00024"),
    f"- [[CLS] Unlinked, Tagged] [[paper]({ARXIV}2412.00025)]": ("[CLS] Unlinked, Tagged", "2412.00025"),
    f"- [CLS] Brackets Open the Title [[paper]({ARXIV}2412.00026)]": (
        "[CLS] Brackets Open the Title",
        "2412.00026",
    ),
    f"- [A Contents Line With Tags](#a-contents-line) `[2024.12]` \\[[paper]({ARXIV}2412.00027)\\]": (
        "A Contents Line With Tags",
        "2412.00027",
    ),
    "- [Parentheses (in) the Address](https://example.org/paper_(v2)) (Dec., 2024)": (
        "Parentheses (in) the Address",
        None,
    ),
}


@pytest.mark.parametrize("bullet", ONE_PAPER)
def test_one_bullet_read_as_a_paper(site: Site, bullet: str) -> None:
    listed = site.write("one.md", f"# 202412\n## Pruning\n{bullet}\n")
    summary, warnings = import_list(site, str(listed))
    assert summary == "one.md: 1 paper, 1 new, 0 updated, 0 unchanged, 0 warnings\n"
    assert warnings == []
    (paper,) = imported(site, "one.md")
    assert (paper["title"], paper["arxiv_id"]) == ONE_PAPER[bullet]


@pytest.mark.parametrize(
    "bullet",
    [
        "- [Video Generation](#video-generation)",
        "  - [Long Video Generation](#long-video-generation)",
        "- [Video Generation](#video-generation) ![icon](icon.png)",
        "- [More papers](Weekly_202502.md)",
        "- [More papers](../lists/more.md) (Dec., 2024)",
        "- [x] Read the list",
    ],
)
def test_one_bullet_read_as_no_paper_and_no_warning(site: Site, bullet: str) -> None:
    listed = site.write("one.md", f"# 202412\n## Pruning\n{bullet}\n")
    summary, warnings = import_list(site, str(listed))
    assert summary == "one.md: 0 papers, 0 new, 0 updated, 0 unchanged, 0 warnings\n"
    assert warnings == []


def test_long_lines_take_time_in_proportion_to_their_length(site: Site) -> None:
    """Lines of 30,000 characters made of what a link reader may rescan: none costs more than a moment."""
    n = 30_000
    lines = [
        "- " + "[" * n,
        "- " + "[" * (n // 2) + "]" * (n // 2),
        "- " + "[a " * (n // 3),
        "- " + "[a](" * (n // 4),
        "- " + "![" * (n // 2),
        "- " + '[a](b "' * (n // 7),
        "- " + "`[" * (n // 2),
        "- " + "[" * (n // 2) + "x" + "]" * (n // 2) + "(https://arxiv.org/abs/2412.00031)",
        "- " + "<img src='a' " * (n // 13),
        "### a" + " " * n + "b",
        "- [[CLS] Read After the Long Lines](https://arxiv.org/abs/2412.00032)",
    ]
    listed = site.write("long.md", "# 202412\n## Pruning\n" + "\n".join(lines) + "\n")
    start = time.perf_counter()
    import_list(site, str(listed))
    assert time.perf_counter() - start < 20  # a pattern that rescans a line takes minutes here
    titles = {paper["title"]: paper["arxiv_id"] for paper in imported(site, "long.md")}
    assert titles["[CLS] Read After the Long Lines"] == "2412.00032"
