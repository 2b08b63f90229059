"""Existing class sites for the tests of `seminar adopt`: the three shared ones copied into a temporary
folder, two tiny ones written here, and readers for what adopt wrote and what Jekyll built from it."""

from __future__ import annotations

import difflib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import Site, jekyll_build
from seminar.sources.store import PaperStore

SHARED_SITES = ("contents-site", "sessions-site", "posts-site")
COLLECTION_SITES = ("contents-site", "sessions-site")
# The page each shared site prints its sessions on, as Jekyll builds it.
SCHEDULE_PAGES = {
    "contents-site": "index.html",
    "sessions-site": "index.html",
    "posts-site": "readings-by-date/index.html",
}
PLAN = "_data/schedule.yml"
STORE = "_data/papers.json"
SUMMARY = re.compile(
    r"(?P<sessions>\d+) sessions? adopted: (?P<readings>\d+) readings? \((?P<sections>[^)]*)\), "
    r"(?P<with_arxiv_id>\d+) arXiv ids?, (?P<non_arxiv_links>\d+) other links?, "
    r"(?P<no_link>\d+) without a link"
)
# Jekyll as `seminar check --build` runs it (conftest.jekyll_build), without the sites' plugins and remote
# theme, which a machine without their gems cannot load (the shared sites' READMEs say so).
NO_PLUGINS = "plugins: []\n"  # the sites' plugins and remote theme are not on this machine


def copy_shared(shared: Path, name: str, tmp_path: Path) -> Site:
    """A copy of `../shared/sites/<name>` to run seminar on (the shared folder is never written)."""
    root = tmp_path / name
    shutil.copytree(shared / "sites" / name, root)
    return Site(root)


def expected(site: Site) -> dict:
    """The site's EXPECTED.json: its sessions as the site shows them, and their counts."""
    return json.loads((site.root / "EXPECTED.json").read_text(encoding="utf-8"))


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def plan_of(site: Site) -> dict:
    return read_yaml(site.root / PLAN)


def profile_of(site: Site) -> dict:
    """The `seminar:` block of the site's `_config.yml`."""
    return read_yaml(site.root / "_config.yml")["seminar"]


def session_path(profile: dict, session: dict) -> str:
    """Where a planned session's file is: the plan's `file:`, or a collection's `_<collection>/<week>.md`."""
    return session.get("file") or f"_{profile['collection']}/{session['week']}.md"


def adopted_sessions(site: Site) -> list[dict]:
    """The plan's sessions in EXPECTED.json's terms: each reading's arXiv id and URL are the paper store's
    entry for the plan's title."""
    profile, store = profile_of(site), PaperStore.load(site.root / STORE)
    sessions = []
    for session in plan_of(site)["sessions"]:
        readings = []
        for section in ("required", "more", "background"):
            for title in session.get(section, []):
                paper = store.by_title(title)
                assert paper is not None, f"{title!r} of {session['week']} is not in the paper store"
                readings.append(
                    {"section": section, "title": title, "arxiv_id": paper.arxiv_id, "url": paper.url}
                )
        sessions.append(
            {
                "path": session_path(profile, session),
                "title": session.get("title"),
                "desc": session.get("desc"),
                "date": session["date"].isoformat(),
                "readings": readings,
            }
        )
    return sessions


def summary_counts(output: str) -> dict[str, int]:
    """The counts of adopt's summary line, `12 sessions adopted: 38 readings (29 required, 9 more), ...`."""
    found = SUMMARY.search(output)
    assert found is not None, output
    counts = {key: int(value) for key, value in found.groupdict().items() if key != "sections"}
    sections = dict(part.split(" ")[::-1] for part in found.group("sections").split(", ") if part != "none")
    counts.update({name: int(sections.get(name, 0)) for name in ("required", "more", "background")})
    return counts


def changed_files(before: dict[str, tuple[bytes, int]], after: dict[str, tuple[bytes, int]]) -> set[str]:
    """The files added, removed or rewritten (content or modification time) between two snapshots."""
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def inserted_lines(old: str, new: str) -> tuple[int, list[str]]:
    """Where `new` adds one run of lines to `old` (the index of its first line) and those lines; fails when
    `new` changes anything else."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    edits = [opcode for opcode in matcher.get_opcodes() if opcode[0] != "equal"]
    diff = "\n".join(difflib.unified_diff(old_lines, new_lines, lineterm=""))
    assert [tag for tag, *_ in edits] == ["insert"], f"not one run of added lines:\n{diff}"
    assert all(line.startswith("+") for line in diff.splitlines()[2:] if line[:1] in "+-")
    _, _, _, start, end = edits[0]
    return start, new_lines[start:end]


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines removed from `old` and those added in `new` (difflib's `-` and `+` lines)."""
    diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0))[2:]
    removed = [line[1:] for line in diff if line.startswith("-")]
    added = [line[1:] for line in diff if line.startswith("+")]
    return removed, added


# --- real Jekyll ------------------------------------------------------------------------------------------


def jekyll_site(jekyll: str, root: Path, destination: Path) -> Path:
    """Build the site with real Jekyll, strictly, with `plugins: []` laid over its configuration; the
    destination folder (outside the site, so the site's files stay as they are)."""
    jekyll_build(jekyll, root, destination, NO_PLUGINS)
    return destination


@dataclass(frozen=True)
class Row:
    """One session row of a built schedule page: the date and week it prints, the title and its link."""

    date: str
    week: str
    title: str
    link: str


def schedule_rows(html: str) -> list[Row]:
    """The session rows (`<tr class="session-row">`) of a built schedule page, in order."""
    rows = []
    for row in BeautifulSoup(html, "html.parser").select("tr.session-row"):
        anchor = row.select_one("td.title a")
        assert anchor is not None, row
        rows.append(
            Row(
                date=row.select_one("td.date").get_text(strip=True),
                week=row.select_one("td.week").get_text(strip=True),
                title=anchor.get_text(strip=True),
                link=str(anchor["href"]),
            )
        )
    return rows


# --- two tiny sites of our own, in the shapes of the shared ones ------------------------------------------

TALKS_CONFIG = """\
title: Talks fixture
permalink: pretty
baseurl: /talks-fixture
future: true
collections:
  talks:
    output: true
"""

TALKS_INDEX = """\
---
layout: default
title: Talks
---
{% assign ddates = "0114,0116,0121,0123" | split: "," %}
{% assign wlabels = "W1,W1,W2,W2" | split: "," %}
{% assign counter = 0 %}
<table class="schedule">
{% for s in site.talks %}
  <tr class="session-row">
    <td class="date">{{ ddates[counter] }}</td>
    <td class="week">{{ wlabels[counter] }}</td>
    <td class="title"><a href="{{ site.baseurl }}{{ s.url }}">{{ s.title }}</a></td>
  </tr>
  {% assign counter = counter | plus: 1 %}
{% endfor %}
</table>
"""

TALK = """\
---
layout: post
title: {title}
lecture: {lecture}
lectureVersion: current
extraContent:
notes: {notes}
video: {video}
tags:
- {tag}
desc: {desc}
term: 2025-seminarRead
categories:
- {tag}
---


In this session, our readings cover:

## Required Readings:

{required}

## More Readings:

{more}

<!--excerpt.start-->

A few words about the talk, which are not readings.
"""

# T01-T03, dated 0114, 0116 and 0121 by the index's first three slots.
TALKS = {
    "T01": {
        "title": "Opening Talk",
        "lecture": "T1-opening",
        "notes": "how the talks run",
        "video": "instructor",
        "tag": "Basics",
        "desc": "2025-S0",
        "required": "#### Sorting Socks at Scale: Pairing Heuristics for Unlabelled Laundry\n"
        "+ [https://arxiv.org/abs/2403.00101](https://arxiv.org/abs/2403.00101)\n"
        "+ A greedy way to pair socks.",
        "more": "#### A Field Guide to Kettles\n+ https://example.org/kettles",
    },
    "T02": {
        "title": "Turbulence in Small Vessels",
        "lecture": "T2-teacups",
        "notes": "bring a cup",
        "video": "team-1",
        "tag": "Physics",
        "desc": "2025-S1",
        "required": "#### A Toy Model of Teacup Turbulence\n+ [URL](https://arxiv.org/abs/hep-th/0312001v2)\n\n"
        "#### Notes on Stirring\n+ Handed out in class.",
        "more": "",
    },
    "T03": {
        "title": "Folding and Unfolding",
        "lecture": "T3-folding",
        "notes": "paper provided",
        "video": "team-2",
        "tag": "Folding",
        "desc": "2025-S2",
        "required": "#### Folding Paper Cranes in Wet Weather\n"
        "+ https://example.org/cranes\n+ Damp paper tears.",
        "more": "#### Lanterns in Fog: Measuring Visibility with Cheap Sensors\n"
        "+ [https://arxiv.org/pdf/2403.00103v3](https://arxiv.org/pdf/2403.00103v3)",
    },
}

# What adopting the talks site gives: each session's file, date and readings (section, title, arXiv id, url).
TALKS_PLAN = [
    {
        "path": "_talks/T01.md",
        "title": "Opening Talk",
        "desc": "2025-S0",
        "date": "2025-01-14",
        "readings": [
            {
                "section": "required",
                "title": "Sorting Socks at Scale: Pairing Heuristics for Unlabelled Laundry",
                "arxiv_id": "2403.00101",
                "url": "https://arxiv.org/abs/2403.00101",
            },
            {
                "section": "more",
                "title": "A Field Guide to Kettles",
                "arxiv_id": None,
                "url": "https://example.org/kettles",
            },
        ],
    },
    {
        "path": "_talks/T02.md",
        "title": "Turbulence in Small Vessels",
        "desc": "2025-S1",
        "date": "2025-01-16",
        "readings": [
            {
                "section": "required",
                "title": "A Toy Model of Teacup Turbulence",
                "arxiv_id": "hep-th/0312001",
                "url": "https://arxiv.org/abs/hep-th/0312001v2",
            },
            {"section": "required", "title": "Notes on Stirring", "arxiv_id": None, "url": None},
        ],
    },
    {
        "path": "_talks/T03.md",
        "title": "Folding and Unfolding",
        "desc": "2025-S2",
        "date": "2025-01-21",
        "readings": [
            {
                "section": "required",
                "title": "Folding Paper Cranes in Wet Weather",
                "arxiv_id": None,
                "url": "https://example.org/cranes",
            },
            {
                "section": "more",
                "title": "Lanterns in Fog: Measuring Visibility with Cheap Sensors",
                "arxiv_id": "2403.00103",
                "url": "https://arxiv.org/pdf/2403.00103v3",
            },
        ],
    },
]

LAYOUTS = {
    "_layouts/default.html": "<!doctype html>\n<html><body>\n{{ content }}\n</body></html>\n",
    "_layouts/post.html": "---\nlayout: default\n---\n<h1>{{ page.title }}</h1>\n{{ content }}\n",
}


def talks_site(tmp_path: Path) -> Site:
    """A tiny collection site: three talks in `_talks/`, dated by position on `index.html`."""
    site = Site(tmp_path / "talks-site")
    site.write("_config.yml", TALKS_CONFIG)
    site.write("index.html", TALKS_INDEX)
    for relative, text in LAYOUTS.items():
        site.write(relative, text)
    for week, values in TALKS.items():
        site.write(f"_talks/{week}.md", TALK.format(**values))
    return site


LOG_CONFIG = """\
title: Reading log fixture
permalink: /:categories/:title/
future: true
defaults:
  - scope:
      path: ""
      type: posts
    values:
      layout: single
"""

LOG_POST = """\
---
title: {title}
lecture:
lectureVersion: current
extraContent:
notes: {notes}
video:
tags: [ {tag} ]
desc: {desc}
term: 2024-seminarRead
categories:
- {tag}
---

In this session, our readings cover:

## Required Readings:

{required}

## More readings

{more}
"""

LOG_POSTS = {
    "2024-01-18-L01.md": {
        "title": "Pairing Things",
        "notes": "socks first",
        "tag": "Basics",
        "desc": "2024-S1",
        "required": "### Sorting Socks at Scale: Pairing Heuristics for Unlabelled Laundry\n"
        "+ https://arxiv.org/abs/2403.00101",
        "more": "### A Field Guide to Kettles\n+ [ URL](https://example.org/kettles)",
    },
    "2024-01-23-L02.md": {
        "title": "Weather and Light",
        "notes": "fog",
        "tag": "Sensing",
        "desc": "2024-S2",
        "required": "### Lanterns in Fog: Measuring Visibility with Cheap Sensors\n"
        "+ https://arxiv.org/pdf/2403.00103.pdf",
        "more": "### Folding Paper Cranes in Wet Weather\n+ Read at home.",
    },
}

# A post that is no session: no `term:`, a table of papers.
LOG_OTHER_POST = """\
---
title: Papers about teacups
tags: [ Physics ]
---

| Paper | Link |
|---|---|
| A Toy Model of Teacup Turbulence | https://arxiv.org/abs/hep-th/0312001 |
"""

LOG_PLAN = [
    {
        "path": "_posts/2024-01-18-L01.md",
        "title": "Pairing Things",
        "desc": "2024-S1",
        "date": "2024-01-18",
        "readings": [
            {
                "section": "required",
                "title": "Sorting Socks at Scale: Pairing Heuristics for Unlabelled Laundry",
                "arxiv_id": "2403.00101",
                "url": "https://arxiv.org/abs/2403.00101",
            },
            {
                "section": "more",
                "title": "A Field Guide to Kettles",
                "arxiv_id": None,
                "url": "https://example.org/kettles",
            },
        ],
    },
    {
        "path": "_posts/2024-01-23-L02.md",
        "title": "Weather and Light",
        "desc": "2024-S2",
        "date": "2024-01-23",
        "readings": [
            {
                "section": "required",
                "title": "Lanterns in Fog: Measuring Visibility with Cheap Sensors",
                "arxiv_id": "2403.00103",
                "url": "https://arxiv.org/pdf/2403.00103.pdf",
            },
            {
                "section": "more",
                "title": "Folding Paper Cranes in Wet Weather",
                "arxiv_id": None,
                "url": None,
            },
        ],
    },
]


def log_site(tmp_path: Path) -> Site:
    """A tiny reading-log blog: two session posts of term 2024-seminarRead (their layout from `defaults:`)
    and one post that is no session."""
    site = Site(tmp_path / "log-site")
    site.write("_config.yml", LOG_CONFIG)
    site.write("_layouts/single.html", "<!doctype html>\n<html><body>\n{{ content }}\n</body></html>\n")
    for name, values in LOG_POSTS.items():
        site.write(f"_posts/{name}", LOG_POST.format(**values))
    site.write("_posts/2023-10-01-teacup-papers.md", LOG_OTHER_POST)
    return site
