"""Every change of a session's published URL is said, whatever caused it: a new date, a new title, a
category, `permalink:` in `_config.yml`; and a URL that passes from one session to another. The URLs are
Jekyll's (`seminar.site.urls`), and each warning is on the session's new file."""

from __future__ import annotations

from plans import NVLM, PLAN, SURVEY, TERM_HEADER, build, plan_text

from conftest import SITE_CONFIG, Site

UPCOMING_HEADER = TERM_HEADER.replace("2025-", "2098-")  # 2098's calendar is 2025's, still to come
SESSIONS = [
    {"week": "S1", "title": "Intro", "required": [NVLM]},
    {"week": "S2", "title": "Long context", "required": [SURVEY]},
    {"week": "S3", "title": "Video generation"},
]
GONE = "links to the old URL no longer work"


def built(site: Site, sessions: list[dict] = SESSIONS, header: str = UPCOMING_HEADER) -> None:
    site.write(PLAN, plan_text(sessions, header))
    result = build(site)
    assert result.exit_code == 0, result.output


def with_config(site: Site, old: str, new: str) -> None:
    config = site.root / "_config.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")


def test_a_move_warns_for_each_post_whose_url_changed(site: Site) -> None:
    built(site)
    result = site.run("move", "--week", "S1", "--to", "2098-01-16", "--offline", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"_posts/2098-01-16-intro.md: warning: S1's URL changed from /2098/01/14/intro.html to "
        f"/2098/01/16/intro.html: {GONE}",
        f"_posts/2098-01-21-long-context.md: warning: S2's URL changed from /2098/01/16/long-context.html "
        f"to /2098/01/21/long-context.html: {GONE}",
        f"_posts/2098-01-23-video-generation.md: warning: S3's URL changed from "
        f"/2098/01/21/video-generation.html to /2098/01/23/video-generation.html: {GONE}",
    ]


def test_a_move_whose_url_has_no_date_renames_the_file_and_says_its_url_stays(site: Site) -> None:
    with_config(site, "permalink: /:year/:month/:day/:title:output_ext", "permalink: /:title/")
    built(site, SESSIONS[:1])
    result = site.run("move", "--week", "S1", "--to", "2098-01-16", "--offline", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "S1 is now on 2098-01-16: its file was renamed for its date (was _posts/2098-01-14-intro.md); "
        "its URL stays"
    )
    assert result.stderr == ""


def test_a_new_title_in_the_plan_is_a_url_change_the_build_says(site: Site) -> None:
    built(site)
    site.write(
        PLAN, plan_text([SESSIONS[0], {**SESSIONS[1], "title": "Memory"}, SESSIONS[2]], UPCOMING_HEADER)
    )
    result = build(site)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "_posts/2098-01-16-memory.md: warning: S2's URL changed from /2098/01/16/long-context.html to "
        f"/2098/01/16/memory.html: {GONE}\n"
    )


def test_a_new_default_category_changes_every_url_and_the_build_says_so(site: Site) -> None:
    # Jekyll's default permalink (`date`) starts with the post's categories.
    with_config(site, "permalink: /:year/:month/:day/:title:output_ext\n", "")
    site.write(
        "_config.yml", (site.root / "_config.yml").read_text() + "  defaults:\n    categories: [FMBasic]\n"
    )
    built(site)
    with_config(site, "categories: [FMBasic]", "categories: [Vision]")
    result = build(site)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "3 sessions: 0 new, 3 updated, 0 unchanged"
    assert result.stderr.splitlines()[0] == (
        "_posts/2098-01-14-intro.md: warning: S1's URL changed from /fmbasic/2098/01/14/intro.html to "
        f"/vision/2098/01/14/intro.html: {GONE}"
    )
    assert len(result.stderr.splitlines()) == 3


def test_a_new_permalink_in_the_config_is_said_by_the_next_build_once(site: Site) -> None:
    built(site)
    with_config(site, "permalink: /:year/:month/:day/:title:output_ext", "permalink: /:year/:title/")
    before = site.snapshot()
    result = build(site)
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 sessions: 0 new, 0 updated, 3 unchanged\n"
    assert result.stderr.splitlines() == [
        f"_posts/{name}.md: warning: {week}'s URL changed from /2098/01/{name[8:10]}/{name[11:]}.html to "
        f"/2098/{name[11:]}/: {GONE}"
        for week, name in [
            ("S1", "2098-01-14-intro"),
            ("S2", "2098-01-16-long-context"),
            ("S3", "2098-01-21-video-generation"),
        ]
    ]
    after = site.snapshot()
    changed = {name for name in after.keys() | before.keys() if after.get(name) != before.get(name)}
    assert ".seminar/url-settings.json" in changed  # what the posts are now written under
    assert all(name.startswith(".seminar/") for name in changed)  # and no post changed
    again = build(site)
    assert again.exit_code == 0 and again.stderr == ""


def test_a_url_that_passes_to_another_session_is_said(site: Site) -> None:
    built(site)
    result = site.run(
        "new-session", "--week", "S0", "--title", "Intro", "--date", "2098-01-14", "--offline", cwd=site.root
    )
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.splitlines()[-1] == "wrote _posts/2098-01-14-intro.md (readings: 0 required + 0 more)"
    )
    assert (
        "_posts/2098-01-14-intro.md: warning: /2098/01/14/intro.html was S1's URL and is now S0's: links to "
        "it lead to S0's post"
    ) in result.stderr.splitlines()
    assert (
        f"_posts/2098-01-16-intro.md: warning: S1's URL changed from /2098/01/14/intro.html to "
        f"/2098/01/16/intro.html: {GONE}"
    ) in result.stderr.splitlines()


def test_a_build_with_nothing_to_do_says_no_url_changed(site: Site) -> None:
    built(site)
    site.write(PLAN, plan_text([{**SESSIONS[0], "title": "Welcome"}, *SESSIONS[1:]], UPCOMING_HEADER))
    assert "S1's URL changed" in build(site).stderr
    before = site.snapshot()
    result = build(site)
    assert result.exit_code == 0 and result.stderr == ""
    assert site.snapshot() == before


def test_a_url_change_of_a_collection_document_is_said(site: Site) -> None:
    site.write(
        "_config.yml",
        SITE_CONFIG
        + "  collection: talks\n  file_name: '{week}'\n"
        + "collections:\n  talks:\n    output: true\n    permalink: /talks/:title/\n",
    )
    built(site, SESSIONS[:1])
    with_config(site, "permalink: /talks/:title/", "permalink: /talks/:name/")
    result = build(site)
    assert result.exit_code == 0, result.output
    assert "S1's URL changed from /talks/S1/ to /talks/s1/" in result.stderr
