"""Writing term plans (`_data/schedule.yml`) for the tests of `seminar build`, and reading what it wrote."""

from __future__ import annotations

import json
import re

import yaml
from click.testing import Result

from conftest import Site

PLAN = "_data/schedule.yml"
BEFORE_TERM = "2025-01-01"  # a `--today` before every session: all are still to come

# Tuesdays and Thursdays from 2025-01-14, spring break (10-14 March) off.
TERM_HEADER = """\
term: 2025-seminarRead
first_day: 2025-01-14
last_day: 2025-05-01
meets: [Tue, Thu]
time: "15:30-16:45"
timezone: America/New_York
location: Rice Hall 130
no_class:
  - {from: 2025-03-10, to: 2025-03-14, why: spring break}
sessions:
"""

NVLM = "2409.11402"  # cached arXiv papers of the demo store
SURVEY = "2405.19334"
LLOCO = "LLoCO: Learning Long Contexts Offline"  # title-only entries of the demo store
RULER = "RULER: What’s the Real Context Size of Your Long-Context Language Models?"

START = re.compile(r"^<!-- seminar:readings start [0-9a-f ]+ -->\n", re.MULTILINE)
END = "<!-- seminar:readings end -->\n"
EXCERPT = "<!--excerpt.start-->"


def _scalar(value: str) -> str:
    """Plain when YAML reads it as the text it is (or as the arXiv id or date it is meant as), else quoted."""
    return value if re.fullmatch(r"[A-Za-z0-9][\w .-]*", value) else json.dumps(value, ensure_ascii=False)


def session_yaml(session: dict) -> str:
    """One session as a person writes it: `- week: ...`, then a key a line, lists as block lists."""
    lines = []
    for key, value in session.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {_scalar(item)}" for item in value)
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "  - " + "\n    ".join(lines) + "\n"


def plan_text(sessions: list[dict], header: str = TERM_HEADER) -> str:
    return header + "".join(session_yaml(session) for session in sessions)


def write_plan(site: Site, sessions: list[dict], header: str = TERM_HEADER) -> str:
    text = plan_text(sessions, header)
    site.write(PLAN, text)
    return text


def build(site: Site, *options: str, today: str = BEFORE_TERM, offline: bool = True) -> Result:
    """`seminar build` run from the top of the site, so that it names files as `_posts/...`."""
    network = ("--offline",) if offline else ()
    return site.run("build", *network, "--today", today, *options, cwd=site.root)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding `needle` (its `occurrence`-th such line)."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) >= occurrence, (needle, found)
    return found[occurrence - 1]


def front_matter(text: str) -> dict:
    """The front matter as Jekyll reads it (YAML 1.1, like PyYAML)."""
    _, block, _ = text.split("---\n", 2)
    return yaml.safe_load(block)


def region(text: str) -> str:
    """The text between seminar's markers."""
    start = START.search(text)
    assert start is not None and text.count(END) == 1, text
    return text[start.end() : text.index(END)]


def old_style(text: str) -> str:
    """The post as seminar wrote it before markers: front matter, the reading list, the excerpt marker."""
    front = text[: text.index("---\n", 4) + 4]
    rest = text[text.index(EXCERPT) :]
    return front + region(text).rstrip("\n") + "\n\n" + rest
