"""The other shapes instructors paste, and the variants of the weekly-list shape, from small lists."""

from __future__ import annotations

from seminar.model.papers import Field
from seminar.sources.paperlist import ParsedList, parse_list

AWESOME = """\
# Awesome Video Diffusion

## Editing

+ [Fairy: Fast Parallelized Instruction-Guided Video-to-Video Synthesis](https://arxiv.org/abs/2312.13834) (Dec., 2023)
  [![Star](https://img.shields.io/github/stars/fairy/fairy.svg)](https://github.com/fairy/fairy)
  [![Website](https://img.shields.io/badge/Website-9cf)](https://fairy-video.github.io/)
+ [A Made-Up Blog Post About Editing](https://example.org/blog) (Jan., 2024)

## Survey

- [Video Diffusion Models: A Survey](https://arxiv.org/abs/2405.03150v2) - a survey of the field.
- [A Second Survey, With a PDF Link](https://arxiv.org/pdf/2310.10647.pdf)
"""

TABLE = """\
## Reading list

| Paper | Venue | Date | Code | Keywords |
|-------|-------|------|------|----------|
| [Denoising Diffusion Probabilistic Models](https://arxiv.org/abs/2006.11239) | NeurIPS 2020 | 2020-06 | [code](https://github.com/hojonathanho/diffusion) | diffusion; DDPM |
| Score-Based Generative Modeling through SDEs | ICLR 2021 | 2020-11 | | score matching, SDE |
| [Elucidating the Design Space](https://arxiv.org/abs/2206.00364) \\| EDM | NeurIPS 2022 | | | |

| Model | FID |
|---|---|
| DDPM | 3.17 |
"""

BOLD = """\
# Week 3: agents

**ReAct: Synergizing Reasoning and Acting in Language Models**
- Paper: https://arxiv.org/abs/2210.03629
- Code: https://github.com/ysymyth/ReAct
- Keypoints: reasoning traces; actions
- Objective: interleave reasoning and acting.

**Toolformer: Language Models Can Teach Themselves to Use Tools**
- Paper: [arXiv](https://arxiv.org/abs/2302.04761)
- **Summary:** a model that learns to call APIs.

**A Blog Post Without arXiv**
- Paper: https://example.org/agents-blog
"""


def ids_by_title(parsed: ParsedList) -> list[tuple[str, str | None]]:
    return [(paper.title, paper.arxiv_id) for paper in parsed.papers]


def titles(text: str) -> list[str]:
    return [paper.title for paper in parse_list(text, "list.md").papers]


def test_awesome_list_bullets_are_papers_with_ids_and_months() -> None:
    parsed = parse_list(AWESOME, "awesome.md")
    assert ids_by_title(parsed) == [
        ("Fairy: Fast Parallelized Instruction-Guided Video-to-Video Synthesis", "2312.13834"),
        ("A Made-Up Blog Post About Editing", None),
        ("Video Diffusion Models: A Survey", "2405.03150"),
        ("A Second Survey, With a PDF Link", "2310.10647"),
    ]
    assert parsed.topics == ("Editing", "Survey")
    assert parsed.papers[0].listing.places[0].month == "2023-12"
    assert parsed.warnings == ()


def test_badge_lines_give_their_links_to_the_bullet_above() -> None:
    fairy = parse_list(AWESOME, "awesome.md").papers[0]
    assert dict(fairy.listing.links) == {
        "paper": "https://arxiv.org/abs/2312.13834",
        "code": "https://github.com/fairy/fairy",
        "website": "https://fairy-video.github.io/",
    }


def test_table_rows_with_a_title_column_are_papers() -> None:
    parsed = parse_list(TABLE, "table.md")
    assert ids_by_title(parsed) == [
        ("Denoising Diffusion Probabilistic Models", "2006.11239"),
        ("Score-Based Generative Modeling through SDEs", None),
        ("Elucidating the Design Space", "2206.00364"),
    ]
    ddpm = parsed.papers[0].listing
    assert ddpm.keypoints == ("diffusion", "DDPM")
    assert ddpm.fields == (Field("Venue", "NeurIPS 2020"),)
    assert ddpm.places[0].month == "2020-06" and ddpm.places[0].topic == "Reading list"
    assert dict(ddpm.links)["code"] == "https://github.com/hojonathanho/diffusion"
    assert parsed.papers[1].listing.keypoints == ("score matching", "SDE")


def test_a_table_without_a_title_column_is_a_warning_not_papers() -> None:
    warnings = parse_list(TABLE, "table.md").warnings
    assert [(warning.line, warning.message) for warning in warnings] == [
        (9, "a table without a Title or Paper column: its rows are not read as papers")
    ]


def test_bold_titles_with_link_bullets_are_papers() -> None:
    parsed = parse_list(BOLD, "bold.md")
    assert ids_by_title(parsed) == [
        ("ReAct: Synergizing Reasoning and Acting in Language Models", "2210.03629"),
        ("Toolformer: Language Models Can Teach Themselves to Use Tools", "2302.04761"),
        ("A Blog Post Without arXiv", None),
    ]
    react = parsed.papers[0].listing
    assert react.keypoints == ("reasoning traces", "actions")
    assert react.objective == Field("Objective", "interleave reasoning and acting.")
    assert dict(react.links) == {
        "paper": "https://arxiv.org/abs/2210.03629",
        "code": "https://github.com/ysymyth/ReAct",
    }
    assert parsed.papers[1].listing.fields == (Field("Summary", "a model that learns to call APIs."),)
    assert dict(parsed.papers[2].listing.links) == {"paper": "https://example.org/agents-blog"}


def test_headings_are_classified_by_what_follows_them_not_their_level() -> None:
    text = """\
# 2024-09
# Agents
#### A Paper At Level Four
- `Keypoints:` a; b
## Another At Level Two
- **Objective:** something
###### Topic At Level Six
### Third Paper
[2024.09] [[paper](https://arxiv.org/abs/2409.00001)]
"""
    parsed = parse_list(text, "levels.md")
    assert [(paper.title, paper.listing.places[0].topic) for paper in parsed.papers] == [
        ("A Paper At Level Four", "Agents"),
        ("Another At Level Two", "Agents"),
        ("Third Paper", "Topic At Level Six"),
    ]
    assert parsed.papers[2].arxiv_id == "2409.00001"
    assert {paper.listing.places[0].month for paper in parsed.papers} == {"2024-09"}


def test_key_colons_inside_outside_or_with_an_unclosed_backtick() -> None:
    text = """\
### One Paper
- `Keypoints:` inside
- `Objective`: outside
- `Metric： full-width, never closed
- **Limitation**: bold, colon outside
- `Summay`:misspelt
"""
    listing = parse_list(text, "keys.md").papers[0].listing
    assert listing.keypoints == ("inside",)
    assert listing.objective == Field("Objective", "outside")
    assert listing.fields == (
        Field("Metric", "full-width, never closed"),
        Field("Limitation", "bold, colon outside"),
        Field("Summary", "misspelt"),
    )


def test_unknown_backticked_keys_are_fields_in_their_order() -> None:
    text = "### P\n- `Keypoints:` a\n- `Dataset:` ImageNet\n- `Method:` m\n"
    assert [field.key for field in parse_list(text, "k.md").papers[0].listing.fields] == ["Dataset", "Method"]


def test_details_without_a_bullet_and_never_closed_end_at_the_next_paper() -> None:
    text = """\
### First
- `Keypoints:` one
<details>
<summary>Details</summary>

- `Method:` first method
### Second
- `Keypoints:` two
"""
    parsed = parse_list(text, "details.md")
    assert [(paper.title, paper.listing.keypoints) for paper in parsed.papers] == [
        ("First", ("one",)),
        ("Second", ("two",)),
    ]
    assert parsed.papers[0].listing.fields == (Field("Method", "first method"),)
    assert [(warning.line, warning.message) for warning in parsed.warnings] == [
        (3, "<details> is never closed (the next entry starts at line 7); 'First' ends there")
    ]


def test_headings_and_bullets_inside_math_or_code_are_not_structure() -> None:
    text = """\
### Paper With Math
- `Method:` see
$$
# not a heading
- not a bullet
$$
```python
### not a paper
```
### Next Paper
- `Keypoints:` k
"""
    parsed = parse_list(text, "math.md")
    assert titles(text) == ["Paper With Math", "Next Paper"]
    method = parsed.papers[0].listing.fields[0]
    assert method.items == ("$$\n# not a heading\n- not a bullet\n$$", "```python\n### not a paper\n```")


def test_an_unclosed_math_block_is_text_and_a_warning() -> None:
    parsed = parse_list("### P\n- `Method:` m\n$$\nx\n### Q\n- `Keypoints:` k\n", "m.md")
    assert [paper.title for paper in parsed.papers] == ["P", "Q"]
    assert (3, "a math block is never closed; read as text") in [(w.line, w.message) for w in parsed.warnings]


def test_a_toc_line_repeating_an_entry_is_merged_silently() -> None:
    text = """\
## Contents
- 📌[Video](#video)
  - [Some Paper: A Study](#some-paper) `[2024.07]` [[paper](https://arxiv.org/abs/2407.00001)]
# Video
### Some Paper: A Study
- `Keypoints:` k
"""
    parsed = parse_list(text, "toc.md")
    (only,) = parsed.papers
    assert only.arxiv_id == "2407.00001" and only.listing.keypoints == ("k",)
    assert [(place.topic, place.month) for place in only.listing.places] == [("Video", "2024-07")]
    assert parsed.warnings == ()


def test_two_full_entries_of_one_paper_are_merged_with_a_warning() -> None:
    text = "## A\n### Same Paper\n- `Keypoints:` x\n## B\n### Same paper\n- `Keypoints:` y\n"
    parsed = parse_list(text, "twice.md")
    (only,) = parsed.papers
    assert only.listing.keypoints == ("x", "y")
    assert [place.topic for place in only.listing.places] == ["A", "B"]
    assert [(w.line, w.message) for w in parsed.warnings] == [
        (5, "'Same paper' is listed again (first at line 2); merged")
    ]


def test_crlf_and_a_byte_order_mark_are_read() -> None:
    text = "\ufeff### A Paper\r\n- `Keypoints:` a；b\r\n"
    (only,) = parse_list(text, "crlf.md").papers
    assert only.title == "A Paper" and only.listing.keypoints == ("a", "b")


def test_an_entry_with_no_paper_in_it_gives_nothing() -> None:
    assert parse_list("# Introduction\nSome words.\n\n- a note\n", "intro.md").papers == ()
