"""A build after one that wrote posts recognises from the build stamp that it has nothing to do, and only
then: any changed input, or a day that changes a session's `lectureVersion`, builds in full."""

from __future__ import annotations

import json

from plans import NVLM, SURVEY, build, front_matter, write_plan

from conftest import Site

SESSIONS = [
    {"week": "S1", "title": "One", "required": [NVLM]},  # Tuesday 2025-01-14
    {"week": "S2", "title": "Two", "required": [SURVEY]},  # Thursday 2025-01-16
]
ONE = "_posts/2025-01-14-one.md"
STAMP = ".seminar/build-stamp.json"


def built(site: Site) -> None:
    write_plan(site, SESSIONS)
    result = build(site)
    assert result.exit_code == 0, result.output


def test_a_build_that_wrote_posts_leaves_a_stamp_and_the_next_says_all_is_unchanged(site: Site) -> None:
    built(site)
    assert (site.root / STAMP).is_file()
    before = site.snapshot()
    again = build(site)
    assert (again.exit_code, again.stdout) == (0, "2 sessions: 0 new, 0 updated, 2 unchanged\n")
    assert site.snapshot() == before


def test_a_build_with_nothing_to_do_leaves_no_stamp(site: Site) -> None:
    built(site)
    (site.root / STAMP).unlink()
    before = site.snapshot()
    assert build(site).stdout == "2 sessions: 0 new, 0 updated, 2 unchanged\n"
    assert site.snapshot() == before


def test_a_day_after_a_session_makes_it_current_despite_the_stamp(site: Site) -> None:
    built(site)
    result = build(site, today="2025-01-15")
    assert result.stdout.endswith("2 sessions: 0 new, 1 updated, 1 unchanged\n")
    assert front_matter((site.root / ONE).read_text(encoding="utf-8"))["lectureVersion"] == "current"


def test_a_day_before_the_next_session_keeps_the_stamp(site: Site) -> None:
    built(site)
    before = site.snapshot()
    assert build(site, today="2025-01-14").stdout == "2 sessions: 0 new, 0 updated, 2 unchanged\n"
    assert site.snapshot() == before


def test_a_changed_paper_in_the_store_is_built_despite_the_stamp(site: Site) -> None:
    built(site)
    store = site.root / "_data" / "papers.json"
    entries = json.loads(store.read_text(encoding="utf-8"))
    entries[NVLM]["abstract"] = "A shorter abstract, revised."
    store.write_text(json.dumps(entries), encoding="utf-8")
    assert build(site).stdout.endswith("2 sessions: 0 new, 1 updated, 1 unchanged\n")
    assert "A shorter abstract, revised." in (site.root / ONE).read_text(encoding="utf-8")


def test_a_site_template_is_built_despite_the_stamp(site: Site) -> None:
    built(site)
    site.write("templates/reading.md.j2", "#### {{ paper.title | heading }} (our own)\n")
    assert build(site).stdout.endswith("2 sessions: 0 new, 2 updated, 0 unchanged\n")
    assert "(our own)" in (site.root / ONE).read_text(encoding="utf-8")


def test_a_hand_edit_inside_the_reading_list_is_found_despite_the_stamp(site: Site) -> None:
    built(site)
    post = site.root / ONE
    edited = post.read_text(encoding="utf-8").replace("## More Readings:", "## Extra:")
    post.write_text(edited, encoding="utf-8")
    result = build(site)
    assert result.exit_code == 1 and "edited by hand" in result.stderr


def test_a_stamp_that_cannot_be_read_is_ignored(site: Site) -> None:
    built(site)
    (site.root / STAMP).write_text("{not json", encoding="utf-8")
    assert build(site).stdout == "2 sessions: 0 new, 0 updated, 2 unchanged\n"


def test_a_post_left_behind_is_still_reported_when_the_stamp_answers(site: Site) -> None:
    built(site)
    write_plan(site, [{**SESSIONS[0], "title": "One, renamed"}])  # S2 leaves the plan, S1's post moves
    assert build(site).exit_code == 0
    answered = build(site)
    (site.root / STAMP).unlink()
    assert (
        answered.stdout
        == build(site).stdout
        == (
            "left the plan: _posts/2025-01-16-two.md (--prune deletes it)\n"
            "1 session: 0 new, 0 updated, 1 unchanged, 1 left the plan\n"
        )
    )


def test_a_file_a_site_template_includes_is_built_despite_the_stamp(site: Site) -> None:
    site.write("templates/reading.md.j2", '#### {{ paper.title | heading }}\n{% include "credit.md" %}\n')
    site.write("templates/credit.md", "Chosen by the instructors.\n")
    built(site)
    site.write("templates/credit.md", "Chosen by the students.\n")
    assert build(site).stdout.endswith("2 sessions: 0 new, 2 updated, 0 unchanged\n")
    assert "Chosen by the students." in (site.root / ONE).read_text(encoding="utf-8")
