"""Readings a post would show with less than it could: fetched when they can be, named when they cannot.

A reading named by a title whose paper-store entry knows its arXiv id but not its metadata (a paper list or an
adopted site gave the id) is fetched as an id is, in the same single request; offline it is named as not
cached. `check`, which never fetches, warns about it. A reading known by its title alone (no link, no
abstract) is written with a warning from every command that builds posts, and from `check`, saying how to
fix it. Each runs the real command line on a site in a temporary folder, arXiv being the local stand-in.
"""

from __future__ import annotations

import json

import pytest
from arxiv_server import FakeArxiv
from plans import BEFORE_TERM, LLOCO, NVLM, build, write_plan
from sites import talks_site

from conftest import Site

LISTED = "2501.00001"  # an id a paper list gave, with the list's title for the paper
LIST_TITLE = "Singing Kettles: A Survey"
ARXIV_TITLE = "Kettles That Sing: An Acoustic Survey of the Domestic Whistle"
OTHER = "2501.00002"
AWAITING = (
    f"warning: session S1: {LIST_TITLE!r}: has an arXiv id ({LISTED}) but no metadata yet: "
    "`seminar build` (or `seminar fetch`) fetches it"
)


def title_alone(week: str, title: str, typed: str | None = None) -> str:
    """The warning for a reading known by its title alone, as every command prints it."""
    return (
        f"warning: session {week}: {title!r}: a title alone (no link, no abstract): "
        f'`seminar resolve "{typed or title}"` finds it on arXiv; a paper not on arXiv needs its link as '
        "`url` in the paper store"
    )


def listed_with_its_id(site: Site, arxiv: FakeArxiv) -> str:
    """The store knows LISTED by the list's title only; arXiv has it (with another title). The plan's text."""
    arxiv.add_paper(LISTED, ARXIV_TITLE)
    arxiv.add_paper(OTHER, "Another Paper")
    site.add_papers({LISTED: {"arxiv_id": LISTED, "title": LIST_TITLE, "source": "paper list L.md"}})
    return write_plan(site, [{"week": "S1", "title": "Kettles", "required": [LIST_TITLE, OTHER]}])


def stored(site: Site) -> dict:
    return json.loads((site.root / "_data" / "papers.json").read_text(encoding="utf-8"))


# A title whose entry knows its arXiv id but not its metadata


def test_it_is_fetched_with_the_ids_in_one_request(site: Site, arxiv: FakeArxiv) -> None:
    listed_with_its_id(site, arxiv)
    result = build(site, offline=False)
    assert result.exit_code == 0, result.output
    assert arxiv.asked_ids() == [[LISTED, OTHER]] and result.stderr == ""
    (post,) = site.posts.glob("*.md")
    text = post.read_text(encoding="utf-8")
    assert f"#### {ARXIV_TITLE}\n+ [Submitted on 17 Sep 2024]\n+ Ada Quill, " in text


def test_the_title_it_was_listed_by_still_finds_it_once_fetched(site: Site, arxiv: FakeArxiv) -> None:
    listed_with_its_id(site, arxiv)
    build(site, offline=False)
    assert stored(site)[LISTED]["aliases"] == [LIST_TITLE]
    again = build(site, "--dry-run")  # offline: what is stored is enough
    assert again.exit_code == 0, again.output
    assert "would be: 1 session: 0 new, 0 updated, 1 unchanged" in again.stdout


def test_offline_it_is_written_with_its_title_and_link_and_a_warning(site: Site, arxiv: FakeArxiv) -> None:
    listed_with_its_id(site, arxiv)
    site.add_papers({OTHER: {"arxiv_id": OTHER, "title": "Another Paper", "published": "2025-01-02"}})
    result = build(site)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: session S1: {LIST_TITLE!r}: has an arXiv id ({LISTED}) but no metadata yet: not cached in "
        "_data/papers.json, and --offline forbids fetching it"
    ]
    assert arxiv.requests == []
    (post,) = site.posts.glob("*.md")
    text = post.read_text(encoding="utf-8")
    assert f"#### {LIST_TITLE}\n+ [https://arxiv.org/abs/{LISTED}](https://arxiv.org/abs/{LISTED})" in text


def test_when_arxiv_is_reached_later_the_next_build_fills_it_in(site: Site, arxiv: FakeArxiv) -> None:
    listed_with_its_id(site, arxiv)
    site.add_papers({OTHER: {"arxiv_id": OTHER, "title": "Another Paper", "published": "2025-01-02"}})
    assert build(site).exit_code == 0
    result = build(site, offline=False)
    assert result.exit_code == 0 and result.stderr == ""
    assert "1 updated" in result.stdout and arxiv.asked_ids() == [[LISTED]]


def test_check_warns_that_it_has_no_metadata_yet_and_fetches_nothing(site: Site, arxiv: FakeArxiv) -> None:
    listed_with_its_id(site, arxiv)
    site.add_papers({OTHER: {"arxiv_id": OTHER, "title": "Another Paper", "published": "2025-01-02"}})
    result = site.run("check", cwd=site.root)
    assert AWAITING in result.stderr.splitlines()
    assert arxiv.requests == []


def test_export_bibtex_fetches_it_as_the_build_does(site: Site, arxiv: FakeArxiv) -> None:
    listed_with_its_id(site, arxiv)
    result = site.run("export", "bibtex")
    assert result.exit_code == 0, result.output
    assert arxiv.asked_ids() == [[LISTED, OTHER]]
    entry = result.stdout[result.stdout.index(f"eprint = {{{LISTED}}}") - 400 :]
    assert "author = {Ada Quill and" in entry and "year = {2024}" in entry


def test_seminar_fetch_fetches_the_plans_readings_too(site: Site, arxiv: FakeArxiv) -> None:
    listed_with_its_id(site, arxiv)
    result = site.run("fetch")
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 readings: 2 fetched, 0 cached, 0 failed in 1 request\n"
    assert stored(site)[LISTED]["title"] == ARXIV_TITLE


def test_an_adopted_session_files_own_readings_are_left_as_they_are_offline(tmp_path) -> None:
    site = talks_site(tmp_path)  # its readings: arXiv ids the store has no metadata for, and titles alone
    assert site.run("adopt").exit_code == 0
    before = site.snapshot()
    result = site.run("build", "--offline")
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and site.snapshot() == before


def test_an_adopted_sites_arxiv_ids_are_fetched_when_arxiv_can_be_reached(tmp_path, arxiv: FakeArxiv) -> None:
    site = talks_site(tmp_path)
    assert site.run("adopt").exit_code == 0
    result = site.run("build")
    assert result.exit_code == 0, result.output
    assert arxiv.asked_ids() == [["2403.00101", "hep-th/0312001", "2403.00103"]]
    assert all("published" in stored(site)[key] for key in ("2403.00101", "hep-th/0312001", "2403.00103"))


# A reading known by its title alone


def test_build_warns_for_each_title_alone(site: Site) -> None:
    write_plan(site, [{"week": "S1", "title": "X", "required": [NVLM, LLOCO]}])
    result = build(site)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [title_alone("S1", LLOCO)]


def test_a_build_with_nothing_to_write_says_nothing_of_it(site: Site) -> None:
    write_plan(site, [{"week": "S1", "title": "X", "required": [LLOCO]}])
    assert build(site).stderr.splitlines() == [title_alone("S1", LLOCO)]
    again = build(site)
    assert again.stderr == "" and "1 unchanged" in again.stdout


def test_check_says_the_titles_alone_in_one_line_with_their_sessions(site: Site) -> None:
    write_plan(
        site,
        [
            {"week": "S1", "title": "X", "required": [LLOCO]},
            {
                "week": "S2",
                "title": "Y",
                "required": ["RULER: What’s the Real Context Size of Your Long-Context Language Models?"],
            },
        ],
    )
    assert build(site).exit_code == 0
    result = site.run("check", "--today", BEFORE_TERM)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "warning: 2 readings of sessions S1, S2 are titles alone (no link, no abstract): `seminar resolve "
        "TITLE` finds a paper on arXiv; a paper not on arXiv needs its link as `url` in the paper store"
    ]


@pytest.mark.parametrize(
    ("planned", "command", "week"),
    [
        (
            NVLM,
            ("new-session", "--week", "S2", "--date", "2025-01-21", "--required", LLOCO, "--offline"),
            "S2",
        ),
        (NVLM, ("add-reading", "--week", "S1", LLOCO, "--offline"), "S1"),
        (LLOCO, ("move", "--week", "S1", "--to", "2025-01-23", "--offline"), "S1"),
    ],
    ids=["new-session", "add-reading", "move"],
)
def test_every_command_that_builds_posts_warns_once_for_it(
    site: Site, planned: str, command: tuple[str, ...], week: str
) -> None:
    write_plan(site, [{"week": "S1", "title": "X", "required": [planned]}])
    assert build(site).exit_code == 0
    result = site.run(*command, cwd=site.root)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines().count(title_alone(week, LLOCO)) == 1


def test_a_reading_with_its_own_link_gets_no_warning(site: Site) -> None:
    site.add_papers({"a kettle blog": {"title": "A Kettle Blog", "url": "https://example.org/kettles"}})
    write_plan(site, [{"week": "S1", "title": "X", "required": ["A Kettle Blog"]}])
    result = build(site)
    assert result.exit_code == 0 and result.stderr == ""


def test_the_title_in_the_fix_is_quoted_for_the_shell(site: Site) -> None:
    title = 'The "$5" Kettle'
    site.add_papers({"the 5 kettle": {"title": title}})
    write_plan(site, [{"week": "S1", "title": "X", "required": [title]}])
    result = build(site)
    assert result.stderr.splitlines() == [title_alone("S1", title, typed='The \\"\\$5\\" Kettle')]


def test_a_session_file_a_person_wrote_keeps_its_titles_without_a_warning(tmp_path) -> None:
    site = talks_site(tmp_path)  # T02 lists "Notes on Stirring", a title alone
    assert site.run("adopt").exit_code == 0
    result = site.run("check")
    assert result.exit_code == 0, result.output
    assert "a title alone" not in result.stderr and "no metadata yet" not in result.stderr


def test_an_entry_kept_under_its_title_that_knows_its_id_is_fetched_and_folded_in(
    site: Site, arxiv: FakeArxiv
) -> None:
    arxiv.add_paper(LISTED, ARXIV_TITLE)
    key = "singing kettles a survey"  # as a person or an older import keyed it: by its normalized title
    site.add_papers({key: {"title": LIST_TITLE, "arxiv_id": LISTED, "notes": ["Bring a kettle"]}})
    write_plan(site, [{"week": "S1", "title": "Kettles", "required": [LIST_TITLE]}])
    result = build(site, offline=False)
    assert result.exit_code == 0 and result.stderr == ""
    assert arxiv.asked_ids() == [[LISTED]]
    (post,) = site.posts.glob("*.md")
    assert f"#### {ARXIV_TITLE}\n+ [Submitted on 17 Sep 2024]\n+ Ada Quill, " in post.read_text(
        encoding="utf-8"
    )
    entries = stored(site)
    assert key not in entries and entries[LISTED]["aliases"] == [LIST_TITLE]
    assert entries[LISTED]["notes"] == ["Bring a kettle"]


def test_more_than_three_titles_alone_in_the_posts_written_are_summed_up_in_one_line(site: Site) -> None:
    titles = [f"A Title Nobody Linked, Part {n}" for n in range(1, 6)]
    site.add_papers({title.lower(): {"title": title} for title in titles})
    write_plan(
        site,
        [
            {"week": "S1", "title": "X", "required": titles[:3]},
            {"week": "S2", "title": "Y", "required": titles[3:]},
        ],
    )
    result = build(site)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: 5 readings of sessions S1, S2 are titles alone (no link, no abstract): `seminar resolve "
        "TITLE` finds a paper on arXiv; a paper not on arXiv needs its link as `url` in the paper store"
    ]


def test_an_id_arxiv_does_not_have_is_written_with_the_reason_it_could_not_be_fetched(
    site: Site, arxiv: FakeArxiv
) -> None:
    site.add_papers({LISTED: {"arxiv_id": LISTED, "title": LIST_TITLE, "source": "paper list L.md"}})
    write_plan(site, [{"week": "S1", "title": "Kettles", "required": [LIST_TITLE]}])  # a list's wrong id
    result = build(site, offline=False)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: session S1: {LIST_TITLE!r}: has an arXiv id ({LISTED}) but no metadata yet: not on arXiv "
        "(no paper has this id)"
    ]
