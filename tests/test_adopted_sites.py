"""Adopted sites in the shapes that once went wrong: what `new-session`, `add-reading`, `build`, `check` and
`export ics` do on a site `seminar adopt` made a plan of.

Each test runs the real command line on a site of the suite's own, built in a temporary folder (the talks and
reading-log sites of `tests/sites.py`, and a lettered site with Required and Background sections written
here), so a fresh clone runs them all; a few run on copies of `../shared/sites` where a shape only exists
there. Nothing reaches the internet: every command is `--offline`, and the readings are those adopt put in the
paper store.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from icalendar import Calendar
from sites import (
    LAYOUTS,
    PLAN,
    changed_files,
    changed_lines,
    copy_shared,
    inserted_lines,
    log_site,
    plan_of,
    profile_of,
    talks_site,
)

from conftest import Site

# Readings adopt puts in the paper store of the tiny sites, by the titles the sites give them.
KETTLES = "A Field Guide to Kettles"
TEACUP = "A Toy Model of Teacup Turbulence"
STIRRING = "Notes on Stirring"
CRANES = "Folding Paper Cranes in Wet Weather"
NO_NAME = "that no session of the plan names"
NO_VIDEO = "--video: this site's session files have no video key"


def adopted(site: Site) -> Site:
    result = site.run("adopt")
    assert result.exit_code == 0, result.output
    return site


def ok(site: Site, *args: str) -> Result:
    result = site.run(*args)
    assert result.exit_code == 0, result.output
    return result


def refused(site: Site, *args: str) -> Result:
    result = site.run(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result


def front_matter(text: str) -> object:
    """The front matter as Jekyll reads it (YAML 1.1, like PyYAML)."""
    _, block, _ = text.split("---\n", 2)
    return yaml.safe_load(block)


def planned(site: Site, week: str) -> dict:
    return next(session for session in plan_of(site)["sessions"] if session["week"] == week)


def plan_weeks(site: Site) -> list[str]:
    return [session["week"] for session in plan_of(site)["sessions"]]


def heading_above(lines: list[str], at: int) -> str:
    """The nearest `## ` section heading above line `at`."""
    return next(line for line in reversed(lines[:at]) if line.startswith("## "))


def added_block(site: Site, relative: str, *command: str) -> tuple[list[str], str | None]:
    """Run the command; the lines it added to the file, which must be its only change, with blank lines left
    out, and the first line with text after them (None at the end of the file)."""
    path = site.root / relative
    old = path.read_text(encoding="utf-8")
    ok(site, *command)
    new = path.read_text(encoding="utf-8")
    start, block = inserted_lines(old, new)
    following = next((line for line in new.splitlines()[start + len(block) :] if line.strip()), None)
    return [line for line in block if line.strip()], following


def inserted_bytes(old: bytes, new: bytes) -> bytes:
    """A run of bytes `new` adds to `old` (where it starts may be ambiguous); fails when `new` changes any
    other byte."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    assert prefix + suffix == len(old), "bytes of the old file changed, not only added"
    return new[prefix : len(new) - suffix]


def index_lists(site: Site, page: str = "index.html") -> dict[str, list[str]]:
    """The schedule page's positional lists by name: `{% assign ddates = "0114,0116" | split: "," %}`."""
    text = (site.root / page).read_text(encoding="utf-8")
    found = re.findall(r'\{% assign (\w+) = "([^"]*)" \| split: "," %\}', text)
    return {name: items.split(",") for name, items in found}


def anchors_and_aliases(text: str) -> list[str]:
    """Every anchor (`&id001`) and alias (`*id001`) of a YAML text."""
    found = []
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            found.append(f"*{event.anchor}")
        elif getattr(event, "anchor", None):
            found.append(f"&{event.anchor}")
    return found


def without_profile_key(site: Site, key: str) -> None:
    """Take one key out of the `seminar:` block adopt wrote at the end of `_config.yml`, as a person would."""
    path = site.root / "_config.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(f"  {key}:")), encoding="utf-8")
    assert key not in profile_of(site)


# --- a lettered site of our own, with Required and Background sections (the 2026 shape) --------------------

CLASSES_CONFIG = """\
title: Classes fixture
permalink: pretty
baseurl: /classes-fixture
future: true
collections:
  classes:
    output: true
"""

# Slot 0 blank and the counter bumped before each row; a week's later meetings show " " as their week.
CLASSES_INDEX = """\
---
layout: default
title: Schedule
---
{% assign cdates = ",0113,0115,0120" | split: "," %}
{% assign cweeks = ",W1, ,W2" | split: "," %}
{% assign n = 0 %}
<table class="schedule">
{% for s in site.classes %}
  {% assign n = n | plus: 1 %}
  <tr class="session-row">
    <td class="date">{{ cdates[n] }}</td>
    <td class="week">{{ cweeks[n] }}</td>
    <td class="title"><a href="{{ site.baseurl }}{{ s.url }}">{{ s.title }}</a></td>
  </tr>
{% endfor %}
</table>
"""

# Ten keys, no `video`.
CLASS_HEAD = """\
---
layout: post
title: {title}
lecture:
lectureVersion: current
notes: {notes}
tags:
- {tag}
desc: {desc}
term: 2026-seminarRead
categories:
- {tag}
---


In this session, our readings cover:

"""
CLASS_REQUIRED = "## Required Readings: {topic}\n\n{required}\n\n"
CLASS_BACKGROUND = "## Background Readings:\n\n{background}\n"

CLASSES = {
    "C01": {
        "title": "Pairing",
        "notes": "socks",
        "tag": "Basics",
        "desc": "2026-S1",
        "topic": "PAIRING",
        "required": "+ a. Sorting Socks at Scale: Pairing Heuristics for Unlabelled Laundry (March 2024)\n"
        "\t- arXiv: https://arxiv.org/abs/2403.00101\n\t- A greedy way to pair socks",
        "background": f"+ a. {KETTLES}\n\t- Link: https://example.org/kettles",
    },
    "C02": {
        "title": "Stirring",
        "notes": "cups",
        "tag": "Physics",
        "desc": "2026-S2",
        "topic": "TEACUPS",
        "required": f"+ a. {TEACUP} (December 2003)\n\t- arXiv: https://arxiv.org/abs/hep-th/0312001\n\n"
        f"+ b. {STIRRING}\n\t- Handed out in class",
        "background": "+ a. Lanterns in Fog: Measuring Visibility with Cheap Sensors (March 2024)\n"
        "\t- arXiv: https://arxiv.org/abs/2403.00103",
    },
    "C03": {  # a Background section only
        "title": "Folding",
        "notes": "paper",
        "tag": "Folding",
        "desc": "2026-S3",
        "topic": "",
        "required": None,
        "background": f"+ a. {CRANES}\n\t- Link: https://example.org/cranes",
    },
}


def classes_site(tmp_path: Path) -> Site:
    """A tiny collection site in the 2026 shape: lettered readings under Required and Background headings
    (one session with Background only), no `video` key, dates by position after a blank slot 0."""
    site = Site(tmp_path / "classes-site")
    site.write("_config.yml", CLASSES_CONFIG)
    site.write("index.html", CLASSES_INDEX)
    for relative, text in LAYOUTS.items():
        site.write(relative, text)
    for week, values in CLASSES.items():
        required = CLASS_REQUIRED.format(**values) if values["required"] else ""
        site.write(
            f"_classes/{week}.md", CLASS_HEAD.format(**values) + required + CLASS_BACKGROUND.format(**values)
        )
    return site


# --- 1. lists written on one line ------------------------------------------------------------------------


def test_a_flow_list_site_new_session_without_tags_writes_tags_blank(tmp_path: Path) -> None:
    site = adopted(log_site(tmp_path))
    assert profile_of(site)["flow_lists"] == ["tags"]
    ok(
        site,
        "new-session",
        "--week",
        "L03",
        "--title",
        "Light and Shade",
        "--date",
        "2024-01-25",
        "--offline",
    )
    text = (site.posts / "2024-01-25-light-and-shade.md").read_text(encoding="utf-8")
    assert "tags:" in text.splitlines()
    assert not any(line.startswith("{") for line in text.splitlines())
    values = front_matter(text)
    assert isinstance(values, dict) and values["tags"] is None


def test_a_flow_list_site_new_session_with_tags_writes_them_on_one_line(tmp_path: Path) -> None:
    site = adopted(log_site(tmp_path))
    ok(
        site, "new-session", "--week", "L03", "--title", "Light and Shade", "--date", "2024-01-25",
        "--tags", "A", "--tags", "B", "--offline",
    )  # fmt: skip
    text = (site.posts / "2024-01-25-light-and-shade.md").read_text(encoding="utf-8")
    assert "tags: [A, B]" in text.splitlines()
    values = front_matter(text)
    assert isinstance(values, dict) and values["tags"] == ["A", "B"]


def test_shared_posts_site_new_session_without_tags_front_matter_loads_as_a_mapping(
    shared: Path, tmp_path: Path
) -> None:
    site = adopted(copy_shared(shared, "posts-site", tmp_path))
    assert "tags" in profile_of(site)["flow_lists"]
    ok(site, "new-session", "--week", "L29", "--title", "Closing Talk", "--date", "2024-05-07", "--offline")
    text = (site.posts / "2024-05-07-closing-talk.md").read_text(encoding="utf-8")
    assert "tags:" in text.splitlines()
    values = front_matter(text)
    assert isinstance(values, dict) and values["tags"] is None


# --- 2. a collection's session file renamed by hand --------------------------------------------------------


def renamed_talk(tmp_path: Path) -> Site:
    """The talks site, adopted, then T02.md renamed by hand to T02-teacups.md."""
    site = adopted(talks_site(tmp_path))
    (site.root / "_talks" / "T02.md").rename(site.root / "_talks" / "T02-teacups.md")
    return site


def test_build_refuses_a_collection_file_renamed_by_hand_naming_it(tmp_path: Path) -> None:
    site = renamed_talk(tmp_path)
    assert profile_of(site)["schedule_index"] == "index.html"
    before = site.snapshot()
    result = refused(site, "build", "--offline")
    problem = next(line for line in result.stderr.splitlines() if NO_NAME in line)
    assert "_talks/T02-teacups.md: error: " in problem
    assert site.snapshot() == before


def test_check_reports_a_collection_file_renamed_by_hand_as_an_error(tmp_path: Path) -> None:
    site = renamed_talk(tmp_path)
    result = refused(site, "check")
    assert any(
        "_talks/T02-teacups.md: error: " in line and NO_NAME in line for line in result.output.splitlines()
    )


def test_without_a_schedule_index_a_renamed_file_is_a_warning_and_build_goes_on(tmp_path: Path) -> None:
    site = renamed_talk(tmp_path)
    without_profile_key(site, "schedule_index")
    result = ok(site, "build", "--offline")
    assert any(
        "_talks/T02-teacups.md: warning: " in line and NO_NAME in line for line in result.stderr.splitlines()
    )
    assert "3 sessions: " in result.stdout


def test_shared_contents_site_build_refuses_a_session_file_renamed_by_hand(
    shared: Path, tmp_path: Path
) -> None:
    site = adopted(copy_shared(shared, "contents-site", tmp_path))
    (site.root / "_contents" / "S0-L05.md").rename(site.root / "_contents" / "S0-L05-agents.md")
    before = site.snapshot()
    result = refused(site, "build", "--offline")
    assert any(
        "_contents/S0-L05-agents.md: error: " in line and NO_NAME in line
        for line in result.stderr.splitlines()
    )
    assert site.snapshot() == before


# --- 3. date order on a posts site -------------------------------------------------------------------------


def test_adopted_posts_site_new_session_of_a_later_date_gives_no_order_warning(tmp_path: Path) -> None:
    site = adopted(log_site(tmp_path))
    result = ok(site, "new-session", "--week", "L03", "--title", "Later", "--date", "2024-01-30", "--offline")
    assert "shows session" not in result.output  # the order warning (the date has passed: said too)
    assert "orders files by name" not in result.output


def test_shared_posts_site_new_session_of_a_later_date_gives_no_order_warning(
    shared: Path, tmp_path: Path
) -> None:
    site = adopted(copy_shared(shared, "posts-site", tmp_path))
    result = ok(site, "new-session", "--week", "L29", "--title", "Later", "--date", "2024-05-07", "--offline")
    assert "shows session" not in result.output  # the order warning (the date has passed: said too)
    assert "orders files by name" not in result.output


# --- 4. the profile's sections -----------------------------------------------------------------------------


def test_a_site_with_required_and_background_sections_adopts_those_sections(tmp_path: Path) -> None:
    profile = profile_of(adopted(classes_site(tmp_path)))
    assert profile["sections"] == ["required", "background"]
    assert profile["headings"] == {
        "required": "## Required Readings:",
        "background": "## Background Readings:",
    }
    assert profile["reading_style"] == "lettered"


def test_shared_sessions_site_adopts_required_and_background_sections(shared: Path, tmp_path: Path) -> None:
    profile = profile_of(adopted(copy_shared(shared, "sessions-site", tmp_path)))
    assert profile["sections"] == ["required", "background"]


def test_a_new_session_on_a_required_and_background_site_shows_no_more_readings(tmp_path: Path) -> None:
    site = adopted(classes_site(tmp_path))
    ok(site, "new-session", "--title", "Knots", "--date", "2026-01-22", "--offline")
    lines = (site.root / "_classes" / "C04.md").read_text(encoding="utf-8").splitlines()
    assert "## Required Readings:" in lines and "## Background Readings:" in lines
    assert not any("More Readings" in line for line in lines)


def test_new_session_background_reading_goes_under_the_background_heading(tmp_path: Path) -> None:
    site = adopted(classes_site(tmp_path))
    ok(site, "new-session", "--title", "Knots", "--date", "2026-01-22", "--background", KETTLES, "--offline")
    lines = (site.root / "_classes" / "C04.md").read_text(encoding="utf-8").splitlines()
    at = lines.index(f"+ a. {KETTLES}")
    assert heading_above(lines, at) == "## Background Readings:"
    assert planned(site, "C04")["background"] == [KETTLES]


def test_shared_sessions_site_new_session_background_reading_goes_under_its_heading(
    shared: Path, tmp_path: Path
) -> None:
    site = adopted(copy_shared(shared, "sessions-site", tmp_path))
    paper = "Proximal Policy Optimization Algorithms"  # W02.1's background reading, in the store
    ok(
        site, "new-session", "--week", "W16", "--title", "A New Topic", "--date", "2026-02-17",
        "--background", paper, "--offline",
    )  # fmt: skip
    lines = (site.root / "_sessions" / "W16.md").read_text(encoding="utf-8").splitlines()
    at = next(index for index, line in enumerate(lines) if line.startswith(f"+ a. {paper}"))
    assert heading_above(lines, at) == profile_of(site)["headings"]["background"]
    assert not any("More Readings" in line for line in lines)


def test_add_reading_background_goes_after_the_sections_last_reading(tmp_path: Path) -> None:
    site = adopted(classes_site(tmp_path))
    block, following = added_block(
        site, "_classes/C02.md", "add-reading", "--week", "C02", "--background", CRANES, "--offline"
    )
    assert following is None  # the section is the file's last
    assert block[0] == f"+ b. {CRANES}"
    text = (site.root / "_classes" / "C02.md").read_text(encoding="utf-8").splitlines()
    assert heading_above(text, text.index(block[0])) == "## Background Readings:"
    assert planned(site, "C02")["background"][-1] == CRANES


def test_add_reading_with_more_and_background_is_a_one_line_error(tmp_path: Path) -> None:
    site = adopted(classes_site(tmp_path))
    before = site.snapshot()
    result = refused(site, "add-reading", "--week", "C02", "--more", "--background", CRANES, "--offline")
    assert result.stderr.splitlines() == ["error: --more and --background go to different sections: give one"]
    assert site.snapshot() == before


# --- 5. a reading added in the file's own style ------------------------------------------------------------


def test_add_reading_writes_the_heading_level_the_sections_readings_use(tmp_path: Path) -> None:
    site = talks_site(tmp_path)
    path = site.root / "_talks" / "T03.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\n#### ", "\n### "), encoding="utf-8")
    adopted(site)
    assert profile_of(site)["reading_level"] == 4  # the other talks' readings are ####
    block, _ = added_block(site, "_talks/T03.md", "add-reading", "--week", "T03", TEACUP, "--offline")
    assert block[0] == f"### {TEACUP}"


def test_add_reading_to_a_crlf_file_adds_crlf_lines_and_keeps_every_other_byte(tmp_path: Path) -> None:
    site = talks_site(tmp_path)
    path = site.root / "_talks" / "T02.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    adopted(site)
    old = path.read_bytes()
    ok(site, "add-reading", "--week", "T02", KETTLES, "--offline")
    new = path.read_bytes()
    assert b"\n" not in new.replace(b"\r\n", b"")  # every line ends in CRLF
    inserted_bytes(old, new)  # every other byte unchanged
    _, block = inserted_lines(old.decode("utf-8"), new.decode("utf-8"))
    assert f"#### {KETTLES}" in block


def test_a_required_reading_for_a_background_only_file_gets_a_required_heading_before_it(
    tmp_path: Path,
) -> None:
    site = adopted(classes_site(tmp_path))
    block, following = added_block(
        site, "_classes/C03.md", "add-reading", "--week", "C03", KETTLES, "--offline"
    )
    assert block[:2] == ["## Required Readings:", f"+ a. {KETTLES}"]
    assert following == "## Background Readings:"


# --- 6. a file whose readings differ from the plan's --------------------------------------------------------


def test_add_reading_to_a_file_with_a_reading_swapped_by_hand_names_it_and_its_line(tmp_path: Path) -> None:
    site = adopted(talks_site(tmp_path))
    path = site.root / "_talks" / "T02.md"
    text = path.read_text(encoding="utf-8").replace(f"#### {STIRRING}", "#### Notes on Pouring")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("#### Notes on Pouring") + 1
    before = site.snapshot()
    result = refused(site, "add-reading", "--week", "T02", KETTLES, "--offline")
    (problem,) = (found for found in result.stderr.splitlines() if ": error: " in found)
    assert f"_talks/T02.md:{line}: error: " in problem
    assert "'Notes on Pouring'" in problem
    assert site.snapshot() == before


# --- 7. a key the site's files do not have ----------------------------------------------------------------


def test_new_session_video_on_a_site_without_video_warns_and_the_plan_keeps_it(tmp_path: Path) -> None:
    site = adopted(classes_site(tmp_path))
    assert "video" not in profile_of(site)["front_matter"]
    result = ok(
        site, "new-session", "--title", "Knots", "--date", "2026-01-22", "--video", "team-3", "--offline"
    )
    assert any(NO_VIDEO in line for line in result.stderr.splitlines())
    assert planned(site, "C04")["lead"] == "team-3"
    values = front_matter((site.root / "_classes" / "C04.md").read_text(encoding="utf-8"))
    assert isinstance(values, dict) and "video" not in values


def test_shared_sessions_site_new_session_video_warns_the_files_have_no_video_key(
    shared: Path, tmp_path: Path
) -> None:
    site = adopted(copy_shared(shared, "sessions-site", tmp_path))
    result = ok(
        site, "new-session", "--week", "W16", "--title", "A New Topic", "--date", "2026-02-17",
        "--video", "team-3", "--offline",
    )  # fmt: skip
    assert any(NO_VIDEO in line for line in result.stderr.splitlines())
    assert planned(site, "W16")["lead"] == "team-3"


# --- 8. the calendar export ----------------------------------------------------------------------------


def test_export_ics_lists_background_readings_in_the_description(tmp_path: Path) -> None:
    site = adopted(classes_site(tmp_path))
    output = tmp_path / "seminar.ics"
    ok(site, "export", "ics", "-o", str(output), "--offline")
    events = {
        str(event["SUMMARY"]).split(":")[0]: event
        for event in Calendar.from_ical(output.read_bytes()).walk("VEVENT")
    }
    assert f"Background readings:\n- {KETTLES}" in str(events["C01"]["DESCRIPTION"])
    assert f"Background readings:\n- {CRANES}" in str(events["C03"]["DESCRIPTION"])


# --- 9. a week already planned ------------------------------------------------------------------------------


@pytest.mark.parametrize("when", ["2025-01-16", "2025-01-28"], ids=["its-own-date", "a-later-date"])
def test_new_session_with_a_planned_collection_week_says_it_is_already_planned(
    tmp_path: Path, when: str
) -> None:
    site = adopted(talks_site(tmp_path))
    before = site.snapshot()
    result = refused(site, "new-session", "--week", "T02", "--title", "Again", "--date", when, "--offline")
    assert "session T02 is already in the plan" in result.stderr and "--force" in result.stderr
    assert site.snapshot() == before


def test_new_session_force_replaces_a_planned_collection_week_in_place(tmp_path: Path) -> None:
    site = adopted(talks_site(tmp_path))
    before = site.snapshot()
    ok(
        site, "new-session", "--week", "T02", "--title", "Stirring Revisited", "--date", "2025-01-16",
        "--required", TEACUP, "--required", STIRRING, "--force", "--offline",
    )  # fmt: skip
    assert plan_weeks(site) == ["T01", "T02", "T03"]
    assert planned(site, "T02")["title"] == "Stirring Revisited"
    changed = {name for name in changed_files(before, site.snapshot()) if not name.startswith(".seminar/")}
    assert changed == {PLAN, "_talks/T02.md"}  # (and seminar's private records)
    values = front_matter((site.root / "_talks" / "T02.md").read_text(encoding="utf-8"))
    assert isinstance(values, dict) and values["title"] == "Stirring Revisited"


def test_a_plan_title_changed_rewrites_only_the_title_line_of_an_adopted_file(tmp_path: Path) -> None:
    site = adopted(talks_site(tmp_path))
    plan = site.root / PLAN
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "title: Turbulence in Small Vessels", "title: Turbulence Retitled"
        ),
        encoding="utf-8",
    )
    path = site.root / "_talks" / "T02.md"
    old = path.read_text(encoding="utf-8")
    ok(site, "build", "--offline")
    assert path.read_text(encoding="utf-8") == old.replace(
        "title: Turbulence in Small Vessels", "title: Turbulence Retitled"
    )


def test_a_plan_title_changed_on_a_crlf_file_rewrites_only_the_title_line(tmp_path: Path) -> None:
    site = talks_site(tmp_path)
    path = site.root / "_talks" / "T02.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    adopted(site)
    plan = site.root / PLAN
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "title: Turbulence in Small Vessels", "title: Turbulence Retitled"
        ),
        encoding="utf-8",
    )
    old = path.read_bytes()
    ok(site, "build", "--offline")
    assert path.read_bytes() == old.replace(
        b"title: Turbulence in Small Vessels", b"title: Turbulence Retitled"
    )


# --- 10. the schedule page's positional lists -------------------------------------------------------------


def talks_planned_ahead(tmp_path: Path) -> Site:
    """The talks site whose date list holds 0128 after its last session (0121), planned ahead."""
    site = talks_site(tmp_path)
    index = site.root / "index.html"
    text = index.read_text(encoding="utf-8")
    text = text.replace('"0114,0116,0121,0123"', '"0114,0116,0121,0128"').replace(
        '"W1,W1,W2,W2"', '"W1,W1,W2,W3"'
    )
    index.write_text(text, encoding="utf-8")
    return adopted(site)


def test_a_date_planned_ahead_stays_after_the_sessions_when_one_is_inserted_earlier(tmp_path: Path) -> None:
    site = talks_planned_ahead(tmp_path)
    ok(site, "new-session", "--title", "A Guest Talk", "--date", "2025-01-15", "--offline")
    lists = index_lists(site)
    assert lists["ddates"] == ["0114", "0115", "0116", "0121", "0128"]
    assert lists["wlabels"] == ["W1", "W1", "W1", "W2", "W3"]


def test_a_session_on_the_date_planned_ahead_takes_it_without_listing_it_twice(tmp_path: Path) -> None:
    site = talks_planned_ahead(tmp_path)
    ok(site, "new-session", "--title", "A Guest Talk", "--date", "2025-01-28", "--offline")
    lists = index_lists(site)
    assert lists["ddates"] == ["0114", "0116", "0121", "0128"]
    assert lists["wlabels"] == ["W1", "W1", "W2", "W3"]


def test_the_week_list_keeps_the_length_of_the_date_list(tmp_path: Path) -> None:
    site = talks_planned_ahead(tmp_path)
    for when in ("2025-01-15", "2025-01-28", "2025-02-04", "2025-01-22"):
        ok(site, "new-session", "--title", f"Talk of {when}", "--date", when, "--offline")
        lists = index_lists(site)
        assert len(lists["wlabels"]) == len(lists["ddates"]), (when, lists)
    assert index_lists(site)["ddates"] == ["0114", "0115", "0116", "0121", "0122", "0128", "0204"]


def test_shared_sessions_site_dates_planned_ahead_stay_after_the_sessions_and_are_taken_once(
    shared: Path, tmp_path: Path
) -> None:
    site = adopted(copy_shared(shared, "sessions-site", tmp_path))
    ahead = ["0210", "0212", "0217", "0219"]  # after the last session's 0205
    ok(site, "new-session", "--title", "A Guest Talk", "--date", "2026-01-21", "--offline")
    lists = index_lists(site)
    assert lists["sdates"][-len(ahead) :] == ahead
    assert len(lists["sweeks"]) == len(lists["sdates"])
    ok(site, "new-session", "--week", "W16", "--title", "On 0210", "--date", "2026-02-10", "--offline")
    lists = index_lists(site)
    assert lists["sdates"].count("0210") == 1 and lists["sdates"][-len(ahead) :] == ahead
    assert len(lists["sweeks"]) == len(lists["sdates"])


# --- 11. the calendar adopt plans --------------------------------------------------------------------------


def test_adopt_plans_the_first_day_and_the_weekdays_two_sessions_meet_on(tmp_path: Path) -> None:
    plan = plan_of(adopted(talks_site(tmp_path)))  # Tue 0114, Thu 0116, Tue 0121
    assert plan["first_day"] == date(2025, 1, 14) == plan["sessions"][0]["date"]
    assert plan["meets"] == ["Tue"]


def test_new_session_without_a_date_takes_the_next_meeting_day_after_the_last_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_NOW", "2025-01-22T12:00:00Z")  # in the term: the next day has not passed
    site = adopted(talks_site(tmp_path))
    ok(site, "new-session", "--title", "Next Up", "--offline")
    assert plan_weeks(site)[-1] == "T04"
    assert index_lists(site)["ddates"] == ["0114", "0116", "0121", "0128"]  # the Tuesday after 0121


def test_posts_site_new_session_without_a_date_takes_the_next_meeting_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_NOW", "2024-01-24T12:00:00Z")  # in the term: the next day has not passed
    site = adopted(log_site(tmp_path))  # Thu 0118, Tue 0123: each meets once, so both are meeting days
    assert plan_of(site)["meets"] == ["Tue", "Thu"]
    ok(site, "new-session", "--week", "L03", "--title", "Next Up", "--offline")
    assert (site.posts / "2024-01-25-next-up.md").is_file()  # the Thursday after 0123


CALENDAR_PLAN = """\
term: 2025-seminarRead
first_day: 2025-01-13
meets: [Tue, Thu]
time: "14:00-15:15"
location: Room 101
no_class:
  - 2025-01-23
sessions:
  - week: X1
    date: 2025-01-14
    title: A plan made some other way
"""


def test_adopt_force_over_a_plan_with_a_calendar_keeps_the_calendar(tmp_path: Path) -> None:
    site = talks_site(tmp_path)
    site.write(PLAN, CALENDAR_PLAN)
    ok(site, "adopt", "--force")
    plan = plan_of(site)
    assert plan_weeks(site) == ["T01", "T02", "T03"]
    assert plan["first_day"] == date(2025, 1, 13)
    assert plan["meets"] == ["Tue", "Thu"]
    assert plan["time"] == "14:00-15:15"
    assert plan["location"] == "Room 101"
    assert plan["no_class"] == [date(2025, 1, 23)]


# --- 12. no anchors or aliases in the YAML seminar writes -------------------------------------------------


@pytest.mark.parametrize(
    ("make", "new_session"),
    [
        pytest.param(talks_site, ("--date", "2025-01-28"), id="talks-site"),
        pytest.param(log_site, ("--week", "L03", "--date", "2024-01-25"), id="log-site"),
        pytest.param(classes_site, ("--date", "2026-01-22"), id="classes-site"),
    ],
)
def test_the_yaml_seminar_writes_has_no_anchors_or_aliases(
    tmp_path: Path, make, new_session: tuple[str, ...]
) -> None:
    site = adopted(make(tmp_path))
    plan = plan_of(site)
    assert plan["first_day"] == plan["sessions"][0]["date"]  # one date written twice
    for relative in (PLAN, "_config.yml"):
        assert anchors_and_aliases((site.root / relative).read_text(encoding="utf-8")) == [], relative
    before = {path for path in site.root.rglob("*.md")}
    ok(
        site,
        "new-session",
        *new_session,
        "--title",
        "Same Tags",
        "--tags",
        "A",
        "--categories",
        "A",
        "--offline",
    )
    (new,) = set(site.root.rglob("*.md")) - before
    _, block, _ = new.read_text(encoding="utf-8").split("---\n", 2)
    assert anchors_and_aliases(block) == []
    assert anchors_and_aliases((site.root / PLAN).read_text(encoding="utf-8")) == []


def test_a_plan_adopted_by_a_calendar_given_has_no_anchors_or_aliases(tmp_path: Path) -> None:
    site = talks_site(tmp_path)
    (site.root / "index.html").unlink()
    ok(site, "adopt", "--first-day", "2025-01-14", "--meets", "Tue,Thu")
    assert anchors_and_aliases((site.root / PLAN).read_text(encoding="utf-8")) == []


# --- a collection ordered by its documents' sort_by key ------------------------------------------------


def sorted_talks_site(tmp_path: Path, orders: dict[str, int]) -> Site:
    """The talks site with `sort_by: LOrder`, and `LOrder:` in the talks `orders` names."""
    site = talks_site(tmp_path)
    site.write("_config.yml", site.root.joinpath("_config.yml").read_text().replace(
        "    output: true\n", "    output: true\n    sort_by: LOrder\n"
    ))  # fmt: skip
    for week, order in orders.items():
        path = site.root / "_talks" / f"{week}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\nLOrder: {order}\n", 1))
    return site


def test_adopt_takes_a_collection_in_the_order_of_its_sort_by_key(tmp_path: Path) -> None:
    site = sorted_talks_site(tmp_path, {"T01": 3, "T02": 1, "T03": 2})
    ok(site, "adopt")
    plan = yaml.safe_load((site.root / "_data" / "schedule.yml").read_text(encoding="utf-8"))
    assert [session["week"] for session in plan["sessions"]] == ["T02", "T03", "T01"]
    assert [session["date"] for session in plan["sessions"]] == [
        date(2025, 1, 14),
        date(2025, 1, 16),
        date(2025, 1, 21),
    ]


def test_documents_without_the_sort_by_key_come_after_those_with_it(tmp_path: Path) -> None:
    site = sorted_talks_site(tmp_path, {"T03": 1})
    ok(site, "adopt")
    plan = yaml.safe_load((site.root / "_data" / "schedule.yml").read_text(encoding="utf-8"))
    assert [session["week"] for session in plan["sessions"]] == ["T03", "T01", "T02"]
    assert ": error:" not in ok(site, "check").output


def test_new_session_is_refused_where_documents_are_ordered_by_their_sort_by_key(tmp_path: Path) -> None:
    site = sorted_talks_site(tmp_path, {"T01": 1, "T02": 2, "T03": 3})
    ok(site, "adopt")
    before = site.snapshot()
    result = site.run("new-session", "--title", "Later", "--date", "2025-01-28", "--offline")
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert "_config.yml: error: this collection is ordered by its documents' LOrder" in line
    assert site.snapshot() == before


# --- a term's changes after adopt (a second new user's try) ---------------------------------------------


def test_adopt_again_rewrites_only_the_seminar_block_of_the_configuration(tmp_path: Path) -> None:
    site = adopted(talks_site(tmp_path))
    config = site.root / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("title: Talks fixture", "title:   Talks  # x")
    )
    before = config.read_text(encoding="utf-8")
    ok(site, "new-session", "--title", "Later", "--date", "2025-01-28", "--background", TEACUP, "--offline")
    ok(site, "adopt", "--force")  # the files now have a Background section: the profile gains its heading
    after = config.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == [] and added == ["    background: '## Background Readings:'"]
    assert "title:   Talks  # x\n" in after  # a line outside the block, as it was
    ok(site, "check")  # and the configuration still reads


def test_adopt_refusing_a_plan_names_the_first_line_that_differs(tmp_path: Path) -> None:
    site = adopted(talks_site(tmp_path))
    ok(site, "new-session", "--title", "Later", "--offline")  # a session the calendar dates
    result = refused(site, "adopt")
    (line,) = result.stderr.splitlines()
    assert "_data/schedule.yml:" in line and "adopting the site gives another, from this line on" in line


def test_a_session_seminar_wrote_that_left_a_collection_plan_is_deleted_by_prune(tmp_path: Path) -> None:
    site = adopted(talks_site(tmp_path))
    ok(site, "new-session", "--title", "Later", "--date", "2025-01-28", "--offline")
    plan = site.root / "_data" / "schedule.yml"
    plan.write_text(re.sub(r"- week: T04\n(?:  .*\n)*", "", plan.read_text(encoding="utf-8")))
    assert "left the plan: " in ok(site, "build", "--offline").output
    assert "deleted " in ok(site, "build", "--offline", "--prune").output
    assert not (site.root / "_talks" / "T04.md").exists()


def test_an_adopted_session_dropped_from_the_plan_is_named_and_never_deleted(tmp_path: Path) -> None:
    site = adopted(talks_site(tmp_path))
    plan = site.root / "_data" / "schedule.yml"
    plan.write_text(re.sub(r"- week: T03\n(?:  .*\n)*", "", plan.read_text(encoding="utf-8")))
    result = refused(site, "build", "--offline", "--prune")
    assert "or delete it (seminar deletes only the files it wrote)" in result.stderr
    assert (site.root / "_talks" / "T03.md").exists()


def test_an_adopted_post_dropped_from_the_plan_is_a_warning(tmp_path: Path) -> None:
    site = adopted(log_site(tmp_path))
    plan = site.root / "_data" / "schedule.yml"
    first = yaml.safe_load(plan.read_text(encoding="utf-8"))["sessions"][0]
    plan.write_text(re.sub(rf"- week: {first['week']}\n(?:  .*\n)*", "", plan.read_text(encoding="utf-8")))
    result = ok(site, "check")
    assert f"{first['file']}: warning: a session file of this term that no session of the plan names" in (
        result.stderr
    )


def test_a_reading_added_under_headings_on_a_lettered_site_is_a_heading(tmp_path: Path) -> None:
    site = classes_site(tmp_path)
    path = site.root / "_classes" / "C03.md"  # its Background reading as a heading, as the 2026 site's W01.1
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"+ a. {CRANES}\n\t- Link:", f"#### {CRANES}\n+")
    )
    adopted(site)
    ok(site, "add-reading", "--week", "C03", "--background", STIRRING, "--offline")
    text = path.read_text(encoding="utf-8")
    assert f"#### {STIRRING}" in text and f". {STIRRING}" not in text
    assert ": error:" not in ok(site, "check").output


def test_publish_commits_an_adopted_file_seminar_added_to_and_the_schedule_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test Instructor")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "instructor@example.org")
    site = adopted(talks_site(tmp_path))

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(site.root), *args], capture_output=True, text=True, check=True
        ).stdout

    git("init", "--quiet", "--initial-branch=main")
    git("add", "-A")
    git("commit", "--quiet", "-m", "the adopted site")
    ok(site, "add-reading", "--week", "T02", KETTLES, "--offline")
    ok(site, "move", "--week", "T03", "--to", "2025-01-22", "--offline")
    ok(site, "publish")
    assert git("status", "--porcelain") == ""  # the session file, the plan and index.html all committed
    assert set(git("show", "--name-only", "--format=", "HEAD").split()) == {
        "_data/schedule.yml",
        "_talks/T02.md",
        "index.html",
    }
