"""Properties of the list parser over generated input: it never raises, and a keyed heading is a paper."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from seminar.model.titles import normalize_title
from seminar.sources.listsyntax import KEYS
from seminar.sources.paperlist import parse_list

# Pieces of real lists, broken ones included, mixed with random text.
FRAGMENTS = [
    "# 202404",
    "## Diffusion",
    "### 📌Topic",
    "### ",
    "#",
    "- `Keypoints:` a; b；c、d",
    "- `Objective:`",
    "    - `Method：` ",
    "- `Summay`:x",
    "- `Metric: never closed",
    "- **Limitation**: y",
    "-   <details>",
    "<details>",
    "</details>",
    "    <summary>Details</summary>",
    "$$",
    "$$ x $$",
    "```math",
    "```",
    "~~~",
    "| Title | Code |",
    "|---|---|",
    "| [T](https://arxiv.org/abs/2401.00001) | x |",
    "|",
    "- [Title](#anchor) `[2024.07]` \\[[paper](https://arxiv.org/abs/2407.00001)\\]",
    "- 📌[Topic](#topic)",
    "+ [A](https://arxiv.org/pdf/2312.13834) (Dec., 2023)",
    "**Bold Title**",
    "- Paper: https://arxiv.org/abs/2210.03629",
    "[2024.05] [[paper](https://arxiv.org/abs/2405.18407)]",
    "* [2404.12333\\]",
    '<p align="center"><img src="https://example.org/a.png" width="450" /></p>',
    "![image](https://example.org/b.png)",
    "â€“ mojibake",
    "\u00a0\u3000",
    "- ",
    "",
    "\t- tabbed",
]
LINES = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40))


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=60), st.sampled_from(["\n", "\r\n", "\r"]))
def test_line_soup_never_makes_the_parser_raise(lines: list[str], newline: str) -> None:
    parsed = parse_list(newline.join(lines), "soup.md")
    for paper in parsed.papers:
        assert paper.title and paper.listing.places
    assert all(warning.line >= 1 for warning in parsed.warnings)


WORD = st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True)
TITLE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(TITLE, min_size=1, max_size=12, unique_by=normalize_title),
    st.lists(st.sampled_from(sorted(KEYS)), min_size=1, max_size=12),
    st.sampled_from(["`{key}:` {value}", "`{key}`: {value}", "**{key}:** {value}", "`{key}：`{value}"]),
    st.sampled_from(["", "## Topic\n", "# 202405\n## Topic\n"]),
)
def test_every_heading_with_a_keyed_bullet_under_it_is_a_paper(
    titles: list[str], keys: list[str], form: str, preamble: str
) -> None:
    entries = [
        f"### {title}\n- {form.format(key=keys[number % len(keys)], value='some text')}\n"
        for number, title in enumerate(titles)
    ]
    parsed = parse_list(preamble + "\n".join(entries), "generated.md")
    assert [paper.title for paper in parsed.papers] == titles
