"""`seminar build --dry-run`: what a build would print, each line worded as what would happen, then the
unified diff of every change, then `would be: <summary>`; nothing written, nothing fetched."""

from __future__ import annotations

from plans import NVLM, PLAN, SURVEY, TERM_HEADER, build, plan_text

from conftest import Site

UPCOMING_HEADER = TERM_HEADER.replace("2025-", "2098-")  # 2098's calendar is 2025's, still to come
SESSIONS = [
    {"week": "S1", "title": "Intro", "required": [NVLM]},
    {"week": "S2", "title": "Long context", "required": [SURVEY]},
    {"week": "S3", "title": "Video generation"},
]


def built(site: Site) -> None:
    site.write(PLAN, plan_text(SESSIONS, UPCOMING_HEADER))
    result = build(site)
    assert result.exit_code == 0, result.output


def planned(site: Site, sessions: list[dict]) -> None:
    site.write(PLAN, plan_text(sessions, UPCOMING_HEADER))


def test_a_dry_run_prints_the_build_lines_then_the_diff_then_the_summary(site: Site) -> None:
    built(site)
    planned(site, [SESSIONS[0], {**SESSIONS[1], "title": "Memory"}, SESSIONS[2]])
    before = site.snapshot()
    result = build(site, "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "would move _posts/2098-01-16-long-context.md -> _posts/2098-01-16-memory.md",
        "--- a/_posts/2098-01-16-long-context.md",
        "+++ b/_posts/2098-01-16-memory.md",
    ]
    assert "-title: Long context" in lines and "+title: Memory" in lines
    assert lines[-1] == "would be: 3 sessions: 0 new, 1 updated, 2 unchanged"
    assert site.snapshot() == before


def test_a_dry_run_says_which_urls_would_change(site: Site) -> None:
    built(site)
    planned(site, [SESSIONS[0], {**SESSIONS[1], "title": "Memory"}, SESSIONS[2]])
    result = build(site, "--dry-run")
    assert result.stderr == (
        "_posts/2098-01-16-memory.md: warning: S2's URL would change from /2098/01/16/long-context.html to "
        "/2098/01/16/memory.html: links to the old URL would no longer work\n"
    )


def test_a_dry_run_names_the_post_whose_session_left_the_plan_and_keeps_it(site: Site) -> None:
    built(site)
    planned(site, SESSIONS[:2])
    result = build(site, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "left the plan: _posts/2098-01-21-video-generation.md (--prune deletes it)",
        "would be: 2 sessions: 0 new, 0 updated, 2 unchanged, 1 left the plan",
    ]


def test_a_dry_run_with_prune_says_it_would_delete_the_post_and_shows_the_deletion(site: Site) -> None:
    built(site)
    planned(site, SESSIONS[:2])
    before = site.snapshot()
    result = build(site, "--dry-run", "--prune")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "would delete _posts/2098-01-21-video-generation.md (its session left the plan)",
        "--- a/_posts/2098-01-21-video-generation.md",
        "+++ /dev/null",
    ]
    assert site.snapshot() == before


def test_a_dry_run_says_which_posts_it_would_write_and_update(site: Site) -> None:
    built(site)
    planned(
        site, [{**SESSIONS[0], "notes": "Bring a laptop"}, *SESSIONS[1:], {"week": "S4", "title": "Agents"}]
    )
    result = build(site, "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["would update _posts/2098-01-14-intro.md", "would write _posts/2098-01-23-agents.md"]
    assert "+++ b/_posts/2098-01-23-agents.md" in lines
    assert lines[-1] == "would be: 4 sessions: 1 new, 1 updated, 2 unchanged"


def test_a_dry_run_prints_what_the_build_would_then_say_of_each_move(site: Site) -> None:
    built(site)
    planned(site, [{"week": "S0", "title": "Welcome"}, *SESSIONS])
    result = build(site, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:4] == [
        "would write _posts/2098-01-14-welcome.md",
        "would move _posts/2098-01-14-intro.md -> _posts/2098-01-16-intro.md",
        "would move _posts/2098-01-16-long-context.md -> _posts/2098-01-21-long-context.md",
        "would move _posts/2098-01-21-video-generation.md -> _posts/2098-01-23-video-generation.md",
    ]
    real = build(site)
    assert [line.split()[0] for line in real.stdout.splitlines()[:4]] == ["new", "moved", "moved", "moved"]
    assert real.stderr == result.stderr.replace("would change", "changed").replace("would no", "no")
