"""Title to arXiv id: exact titles resolve however typed; near misses and look-alikes are never taken."""

from __future__ import annotations

import json

import pytest
from arxiv_server import FakeArxiv

from conftest import Site

# A title the search answers hold, with its id: a made-up one of our own search page
# (tests/fixtures/arxiv/q_folding.xml), and a real one among the hundred of the recorded page in ../shared.
OUR_TITLE = "Folding Paper Cranes: A Field Guide to Multiple Folding Sequences"
OUR_ID = "2403.00121"
REAL_TITLE = "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques"
REAL_ID = "2202.12139"
# The tests of a searched title run on our answers and on the recorded ones (those need ../shared).
ON_A_SEARCHED_TITLE = pytest.mark.parametrize(
    ("arxiv", "paper_id", "title"),
    [("ours", OUR_ID, OUR_TITLE), ("recorded", REAL_ID, REAL_TITLE)],
    indirect=["arxiv"],
)


def stored(site: Site) -> dict:
    return json.loads((site.root / "_data" / "papers.json").read_text(encoding="utf-8"))


def typings(source: str, paper_id: str, title: str, by_hand: str) -> list[object]:
    """The ways a title gets typed: as it is, in lower or upper case, with a full-width colon and no-break
    spaces, and by hand with its punctuation changed."""
    typings = [
        title,
        title.lower(),
        title.upper(),
        title.replace(": ", "：").replace(" ", "\u00a0", 3),
        by_hand,
    ]
    return [pytest.param(source, typed, paper_id, title, id=f"{source}-{typed}") for typed in typings]


@pytest.mark.parametrize(
    ("arxiv", "typed", "paper_id", "title"),
    [
        *typings(
            "ours", OUR_ID, OUR_TITLE, "Folding paper-cranes -- a field guide to multiple folding sequences."
        ),
        *typings(
            "recorded",
            REAL_ID,
            REAL_TITLE,
            "Testing deep-learning models -- a first comparative study of multiple testing techniques.",
        ),
    ],
    indirect=["arxiv"],
)
def test_the_exact_title_however_typed_resolves(
    site: Site, arxiv: FakeArxiv, typed: str, paper_id: str, title: str
) -> None:
    result = site.run("resolve", typed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f'"{typed}" -> {paper_id} "{title}"\n'
    assert stored(site)[paper_id]["title"] == title


@ON_A_SEARCHED_TITLE
def test_a_resolved_title_is_remembered_and_used_offline(
    site: Site, arxiv: FakeArxiv, paper_id: str, title: str
) -> None:
    typed = title.lower().replace(": ", " - ")
    site.run("resolve", typed)
    asked = len(arxiv.requests)
    result = site.run("new-session", "--week", "S2", "--title", "T", "--date", "2025-01-09", "--offline",
                      "--required", typed)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"#### {title}\n" in (site.posts / "2025-01-09-t.md").read_text()
    assert len(arxiv.requests) == asked


def test_several_titles_share_one_request(site: Site, arxiv: FakeArxiv) -> None:
    for number in range(1, 4):
        arxiv.add_paper(f"2501.0000{number}", f"A Distinct Study Number {number} of Things")
    titles = [f"A Distinct Study Number {number} of Things" for number in range(1, 4)]
    result = site.run("resolve", *titles)
    assert result.exit_code == 0, result.stderr
    assert len(arxiv.requests) == 1
    assert result.stdout.count(" -> 2501.0000") == 3


@ON_A_SEARCHED_TITLE
def test_a_near_miss_is_reported_with_its_candidate_and_never_taken(
    site: Site, arxiv: FakeArxiv, paper_id: str, title: str
) -> None:
    near = title.replace("Multiple ", "")
    before = stored(site)
    result = site.run("resolve", near)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {near!r}: no paper on arXiv has exactly this title; closest: {paper_id} ")
    assert f'seminar resolve "{near}" --pick ID' in line
    assert stored(site) == before


def test_plus_signs_keep_a_look_alike_from_matching(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.add_paper("2501.00001", "ControlNet: Adding Conditional Control to Diffusion Models")
    result = site.run("resolve", "ControlNet++: Adding Conditional Control to Diffusion Models")
    assert result.exit_code == 1 and "no paper on arXiv has exactly this title" in result.stderr
    assert "2501.00001" not in stored(site)


def test_two_papers_with_the_title_are_ambiguous(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.add_paper("2501.00001", "Attention Is Not All You Need")
    arxiv.add_paper("2501.00002", "Attention is not all you need")
    result = site.run("resolve", "Attention Is Not All You Need")
    assert result.exit_code == 1
    assert (
        "several papers on arXiv have this title: 2501.00001" in result.stderr
        and "2501.00002" in result.stderr
    )
    assert "2501.00001" not in stored(site) and "2501.00002" not in stored(site)


def test_pick_settles_an_ambiguous_title(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.add_paper("2501.00001", "Attention Is Not All You Need")
    arxiv.add_paper("2501.00002", "Attention is not all you need")
    result = site.run("resolve", "Attention Is Not All You Need", "--pick", "arXiv:2501.00002v1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == '"Attention Is Not All You Need" -> 2501.00002 "Attention is not all you need"\n'
    post = site.run("new-session", "--week", "S3", "--title", "P", "--date", "2025-01-14", "--offline",
                    "--required", "attention is not all you need")  # fmt: skip
    assert post.exit_code == 0, post.stderr
    assert "https://arxiv.org/abs/2501.00002" in (site.posts / "2025-01-14-p.md").read_text()


@ON_A_SEARCHED_TITLE
def test_pick_settles_a_near_miss_and_remembers_it_as_an_alias(
    site: Site, arxiv: FakeArxiv, paper_id: str, title: str
) -> None:
    near = title.replace("Multiple ", "")
    result = site.run("resolve", near, "--pick", paper_id)
    assert result.exit_code == 0, result.stderr
    assert stored(site)[paper_id]["aliases"] == [near]
    again = site.run("resolve", near, "--offline")
    assert again.exit_code == 0 and again.stdout == f'"{near}" -> {paper_id} "{title}"\n'


@pytest.mark.parametrize(
    ("arxiv", "paper_id", "title", "key"),
    [
        ("ours", OUR_ID, OUR_TITLE, "folding paper cranes a field guide to multiple folding sequences"),
        (
            "recorded",
            REAL_ID,
            REAL_TITLE,
            "testing deep learning models a first comparative study of multiple testing techniques",
        ),
    ],
    indirect=["arxiv"],
)
def test_a_title_only_reading_gets_its_id_and_keeps_its_notes(
    site: Site, arxiv: FakeArxiv, paper_id: str, title: str, key: str
) -> None:
    site.add_papers({key: {"title": title, "notes": ["Keypoints: testing; DL"]}})
    result = site.run("resolve", title)
    assert result.exit_code == 0, result.stderr
    papers = stored(site)
    assert key not in papers and papers[paper_id]["notes"] == ["Keypoints: testing; DL"]


@ON_A_SEARCHED_TITLE
def test_new_session_resolves_an_unknown_title(
    site: Site, arxiv: FakeArxiv, paper_id: str, title: str
) -> None:
    result = site.run(
        "new-session", "--week", "S2", "--title", "T", "--date", "2025-01-09", "--more", title.upper()
    )
    assert result.exit_code == 0, result.stderr
    text = (site.posts / "2025-01-09-t.md").read_text()
    assert f"#### {title}\n" in text and f"https://arxiv.org/abs/{paper_id}" in text


def test_new_session_refuses_an_ambiguous_title_and_says_how_to_settle_it(
    site: Site, arxiv: FakeArxiv
) -> None:
    arxiv.add_paper("2501.00001", "Attention Is Not All You Need")
    arxiv.add_paper("2501.00002", "Attention is not all you need")
    result = site.run("new-session", "--week", "S2", "--title", "T", "--date", "2025-01-09",
                      "--required", "Attention Is Not All You Need")  # fmt: skip
    assert result.exit_code == 1
    assert "several papers on arXiv have this title" in result.stderr and "--pick ID" in result.stderr
    assert site.post_files() == []


def test_offline_resolution_searches_nothing(site: Site, arxiv: FakeArxiv) -> None:
    result = site.run("resolve", "--offline", OUR_TITLE)
    assert result.exit_code == 1 and "--offline forbids searching arXiv" in result.stderr
    assert arxiv.requests == []
