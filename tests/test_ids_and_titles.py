"""arXiv ids in every form reduce to one base id; titles compare in one normalized form."""

from __future__ import annotations

from datetime import date

import pytest

from seminar.model.arxiv_ids import ArxivId, parse_arxiv_id
from seminar.model.papers import Paper
from seminar.model.titles import normalize_title
from seminar.render.markdown import submitted_line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2409.11402", ArxivId("2409.11402")),
        ("2409.11402v2", ArxivId("2409.11402", 2)),
        ("arXiv:2409.11402", ArxivId("2409.11402")),
        ("arxiv: 2409.11402v3", ArxivId("2409.11402", 3)),
        ("https://arxiv.org/abs/2409.11402", ArxivId("2409.11402")),
        ("http://www.arxiv.org/abs/2409.11402v2", ArxivId("2409.11402", 2)),
        ("https://arxiv.org/pdf/2409.11402", ArxivId("2409.11402")),
        ("https://arxiv.org/pdf/2409.11402v1.pdf", ArxivId("2409.11402", 1)),
        ("1501.00001", ArxivId("1501.00001")),
        ("0704.0001", ArxivId("0704.0001")),
        ("hep-th/9901001", ArxivId("hep-th/9901001")),
        ("math.GT/0309136v2", ArxivId("math.GT/0309136", 2)),
        ("https://arxiv.org/abs/astro-ph/0601001", ArxivId("astro-ph/0601001")),
        ("  2409.11402 \n", ArxivId("2409.11402")),
    ],
)
def test_every_accepted_form_gives_the_base_id_and_version(text: str, expected: ArxivId) -> None:
    assert parse_arxiv_id(text) == expected


@pytest.mark.parametrize(
    "text",
    ["abc", "2409.114", "2409.1140222", "24091.1402", "hep-th/990100", "HEP-TH/9901001", "2409.11402v0",
     "https://example.org/abs/2409.11402", "Attention Is All You Need", ""],
)  # fmt: skip
def test_junk_is_not_an_id(text: str) -> None:
    assert parse_arxiv_id(text) is None


def test_titles_fold_case_punctuation_nbsp_full_width_colon_and_accents() -> None:
    assert normalize_title("NVLM\uff1a Open\u00a0Frontier-Class  LLMs") == normalize_title(
        "nvlm: open frontier class llms"
    )
    assert normalize_title("What’s a Café?") == normalize_title("What's a cafe") == "what s a cafe"


def test_plus_signs_keep_titles_apart() -> None:
    assert normalize_title("ControlNet++: Improving") != normalize_title("ControlNet: Improving")


def test_submitted_line_for_one_version_and_for_several() -> None:
    once = Paper(title="x", published=date(2024, 9, 7), updated=date(2024, 9, 7), version=1)
    twice = Paper(title="x", published=date(2024, 9, 17), updated=date(2024, 10, 22), version=2)
    assert submitted_line(once) == "[Submitted on 7 Sep 2024]"
    assert (
        submitted_line(twice)
        == "[Submitted on 17 Sep 2024 (v1), last revised 22 Oct 2024 (this version, v2)]"
    )
