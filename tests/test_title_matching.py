"""One title matcher: `&` and "and" are one word, a main title without its subtitle is offered as a candidate,
and stop words are never required terms of the looser title search.

The papers searched are the made-up ones of tests/fixtures/arxiv/q_title_forms.xml, served by the local
stand-in for arXiv (tests/arxiv_server.py), whose title search reads `ti:"phrase"` and `(ti:a AND ti:b)` as
arXiv does, punctuation left out: so, as on arXiv, the phrase "Sense and Sensibility in Transformers" does not
find "Sense & Sensibility in Transformers", and only a search by its words can.
"""

from __future__ import annotations

import json
import re

import pytest
from arxiv_server import FakeArxiv

from conftest import Site
from seminar.model.papers import Paper
from seminar.model.titles import main_title, normalize_title
from seminar.sources.arxiv import STOP_WORDS
from seminar.sources.title_match import Match, match_title

AMPERSAND_ID = "2403.00131"
AMPERSAND_TITLE = "Sense & Sensibility in Transformers"
SUBTITLED_ID = "2403.00132"
SUBTITLED_TITLE = (
    "Representation Alignment for Generation: Training Diffusion Transformers Is Easier Than You Think"
)
MAIN_TITLE = "Representation Alignment for Generation"


def stored(site: Site) -> dict:
    return json.loads((site.root / "_data" / "papers.json").read_text(encoding="utf-8"))


def searches(arxiv: FakeArxiv) -> list[str]:
    """The search queries the stand-in was sent, in order."""
    return [query["search_query"][0] for query in arxiv.requests if query.get("search_query")]


def required_words(query: str) -> list[str]:
    """The words a query's `(ti:a AND ti:b ...)` groups require, lower case."""
    groups = re.findall(r"\(([^)]*)\)", query)
    return [word.lower() for group in groups for word in re.findall(r"ti:(\S+)", group)]


# The matcher itself.


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("Sense and Sensibility in Transformers", "Sense & Sensibility in Transformers"),
        ("Sense & Sensibility in Transformers", "Sense and Sensibility in Transformers"),
        ("sense&sensibility in transformers", "Sense and Sensibility in Transformers"),
        ("Sense \uff06 Sensibility in Transformers", "Sense and Sensibility in Transformers"),  # full-width
    ],
)
def test_an_ampersand_and_the_word_and_are_one_title(typed: str, title: str) -> None:
    assert normalize_title(typed) == normalize_title(title) == "sense and sensibility in transformers"


def test_plus_signs_still_keep_titles_apart_and_words_stay_in_order() -> None:
    assert normalize_title("A & B++") == "a and b ++"
    assert normalize_title("Sense & Sensibility") != normalize_title("Sensibility & Sense")


@pytest.mark.parametrize(
    ("title", "main"),
    [
        (SUBTITLED_TITLE, "representation alignment for generation"),
        ("LLoCO\uff1a Learning Long Contexts Offline", "lloco"),  # a full-width colon
        ("Folding paper-cranes -- a field guide", "folding paper cranes"),
        ("Koala \u2014 Key Frame Conditioned Long Video LLM", "koala"),
        ("Is Attention All You Need? A Second Look", "is attention all you need"),
        ("RULER: What's the Real Context Size of Your Long-Context Language Models?", "ruler"),
        ("A: B: C", "a"),
        ("Long-Context Language Models", None),  # a hyphen inside a word starts no subtitle
        ("What Is the Real Context Size?", None),  # nothing after the question mark
        ("Sense & Sensibility in Transformers", None),
    ],
)
def test_the_main_title_is_what_comes_before_the_subtitle(title: str, main: str | None) -> None:
    assert main_title(title) == main


def paper(arxiv_id: str, title: str) -> Paper:
    return Paper(title=title, arxiv_id=arxiv_id)


def test_a_main_title_alone_offers_the_subtitled_paper_and_never_takes_it() -> None:
    found = match_title(MAIN_TITLE, [paper("2501.00001", "Unrelated"), paper(SUBTITLED_ID, SUBTITLED_TITLE)])
    assert found.match is Match.SUBTITLE and found.paper is None
    assert [candidate.arxiv_id for candidate in found.candidates] == [SUBTITLED_ID]
    problem = found.problem()
    assert problem.startswith("no paper on arXiv has exactly this title; it is the main title, without the ")
    assert f"{SUBTITLED_ID} {SUBTITLED_TITLE!r}" in problem and "--pick ID" in problem
    assert "no paper with this title found" not in problem


def test_a_title_whose_subtitle_arxiv_lacks_offers_the_paper_too() -> None:
    found = match_title(f"{AMPERSAND_TITLE}: A Close Reading", [paper(AMPERSAND_ID, AMPERSAND_TITLE)])
    assert found.match is Match.SUBTITLE and found.paper is None
    assert "without its subtitle it is the title of: 2403.00131" in found.problem()


def test_two_papers_sharing_a_main_title_are_both_offered() -> None:
    papers = [paper("2501.00001", f"{MAIN_TITLE}: One Way"), paper("2501.00002", f"{MAIN_TITLE} - Another")]
    found = match_title(MAIN_TITLE, papers)
    assert found.match is Match.SUBTITLE
    assert [candidate.arxiv_id for candidate in found.candidates] == ["2501.00001", "2501.00002"]


def test_an_exact_title_still_wins_over_a_subtitled_one() -> None:
    papers = [paper(SUBTITLED_ID, SUBTITLED_TITLE), paper("2501.00001", MAIN_TITLE)]
    found = match_title(MAIN_TITLE, papers)
    assert found.match is Match.CLEAR and found.paper is not None and found.paper.arxiv_id == "2501.00001"


def test_an_ampersand_title_is_a_clear_match_for_the_title_typed_with_and() -> None:
    found = match_title("Sense and Sensibility in Transformers", [paper(AMPERSAND_ID, AMPERSAND_TITLE)])
    assert found.match is Match.CLEAR


# Through the command line, against the stand-in for arXiv.


def test_resolve_finds_the_ampersand_title_typed_with_and(site: Site, arxiv: FakeArxiv) -> None:
    typed = "Sense and Sensibility in Transformers"
    result = site.run("resolve", typed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f'"{typed}" -> {AMPERSAND_ID} "{AMPERSAND_TITLE}"\n'
    assert stored(site)[AMPERSAND_ID]["title"] == AMPERSAND_TITLE
    phrase, loose = searches(arxiv)  # the phrase finds nothing, as on arXiv; the words find it
    assert phrase == 'ti:"Sense and Sensibility in Transformers"'
    assert required_words(loose) == ["sense", "sensibility", "transformers"]


def test_no_stop_word_is_a_required_term_of_the_loose_search(site: Site, arxiv: FakeArxiv) -> None:
    typed = "The Art of Folding and the Cranes of Paper"  # near nothing: both searches are made
    result = site.run("resolve", typed)
    assert result.exit_code == 1
    loose = searches(arxiv)[-1]
    assert required_words(loose) == ["art", "folding", "cranes", "paper"]
    assert not set(required_words(loose)) & STOP_WORDS


def test_a_title_of_stop_words_alone_is_still_searched_by_its_words(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.add_paper("2501.00001", "There and Then")
    typed = "There & Then"  # not the phrase arXiv has, and stop words only
    result = site.run("resolve", typed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f'"{typed}" -> 2501.00001 "There and Then"\n'


def test_resolve_finds_an_and_title_typed_with_an_ampersand(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.add_paper("2501.00001", "Pride and Prejudice in Language Models")
    typed = "Pride & Prejudice in Language Models"
    result = site.run("resolve", typed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f'"{typed}" -> 2501.00001 "Pride and Prejudice in Language Models"\n'


def test_the_store_finds_an_ampersand_title_typed_with_and_offline(site: Site, arxiv: FakeArxiv) -> None:
    assert site.run("resolve", AMPERSAND_TITLE).exit_code == 0
    asked = len(arxiv.requests)
    result = site.run("new-session", "--week", "S2", "--title", "T", "--date", "2025-01-09", "--offline",
                      "--required", "sense and sensibility in transformers")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"#### {AMPERSAND_TITLE}\n" in (site.posts / "2025-01-09-t.md").read_text(encoding="utf-8")
    assert len(arxiv.requests) == asked


def test_a_title_only_entry_with_an_ampersand_is_found_by_the_title_with_and(site: Site) -> None:
    site.add_papers({"pride prejudice": {"title": "Pride & Prejudice", "url": "https://example.org/pp"}})
    result = site.run("new-session", "--week", "S2", "--title", "T", "--date", "2025-01-09", "--offline",
                      "--more", "Pride and Prejudice")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "https://example.org/pp" in (site.posts / "2025-01-09-t.md").read_text(encoding="utf-8")


def test_resolve_offers_the_paper_a_main_title_names(site: Site, arxiv: FakeArxiv) -> None:
    before = stored(site)
    result = site.run("resolve", MAIN_TITLE)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {MAIN_TITLE!r}: no paper on arXiv has exactly this title; it is the main")
    assert f"{SUBTITLED_ID} {SUBTITLED_TITLE!r}" in line
    assert f'seminar resolve "{MAIN_TITLE}" --pick ID' in line
    assert "no paper with this title found" not in line
    assert stored(site) == before  # offered, never taken


def test_pick_settles_a_main_title_and_remembers_it(site: Site, arxiv: FakeArxiv) -> None:
    result = site.run("resolve", MAIN_TITLE, "--pick", SUBTITLED_ID)
    assert result.exit_code == 0, result.stderr
    assert stored(site)[SUBTITLED_ID]["aliases"] == [MAIN_TITLE]
    post = site.run("new-session", "--week", "S2", "--title", "T", "--date", "2025-01-09", "--offline",
                    "--required", MAIN_TITLE)  # fmt: skip
    assert post.exit_code == 0, post.stderr
    assert f"#### {SUBTITLED_TITLE}\n" in (site.posts / "2025-01-09-t.md").read_text(encoding="utf-8")


def test_new_session_offers_the_paper_a_main_title_names(site: Site, arxiv: FakeArxiv) -> None:
    result = site.run("new-session", "--week", "S2", "--title", "T", "--date", "2025-01-09",
                      "--required", MAIN_TITLE)  # fmt: skip
    assert result.exit_code == 1
    assert "it is the main title, without the subtitle, of: 2403.00132" in result.stderr
    assert "--pick ID" in result.stderr and "no paper with this title found" not in result.stderr
    assert site.post_files() == []


def test_new_session_finds_the_ampersand_paper_typed_with_and(site: Site, arxiv: FakeArxiv) -> None:
    result = site.run("new-session", "--week", "S2", "--title", "T", "--date", "2025-01-09",
                      "--required", "Sense and Sensibility in Transformers")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = (site.posts / "2025-01-09-t.md").read_text(encoding="utf-8")
    assert f"#### {AMPERSAND_TITLE}\n" in text and f"https://arxiv.org/abs/{AMPERSAND_ID}" in text
