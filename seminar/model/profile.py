"""A site's profile: where its sessions live and how their files look, so seminar writes in the site's style.

Read from `_config.yml` under `seminar:` (`seminar.sources.config`); `seminar adopt` writes it for a site it
adopts. The defaults are seminar's own format (dated posts in `_posts`, the eleven keys, `####` readings
under "## Required Readings:" and "## More Readings:"), so a site without a profile is written as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from seminar.model.plan import READING_KEYS
from seminar.model.session import FRONT_MATTER_KEYS, Session

# The sections a session's readings fall in, in the order a post shows them: the plan's reading keys.
SECTIONS = READING_KEYS
DEFAULT_HEADINGS: Mapping[str, str] = MappingProxyType(
    {
        "required": "## Required Readings:",
        "more": "## More Readings:",
        "background": "## Background Readings:",
    }
)
ReadingStyle = Literal["heading", "lettered"]
READING_STYLES: tuple[ReadingStyle, ...] = (
    "heading",
    "lettered",
)  # `#### Title`, or `+ a. Title (Month Year)`
# A new collection file's name: the session's week label, which is the file's name without `.md`.
DEFAULT_FILE_NAME = "{week}"


@dataclass(frozen=True)
class SiteProfile:
    """How a site keeps its sessions.

    `collection` names the Jekyll collection holding them (None: dated posts in `posts_dir`). `file_name`
    is the pattern of a new collection file's name without `.md`: `{week}` (the session's week label), or a
    numbered one such as `S0-L{n:02}`, which gives the next number. `front_matter` lists the keys written,
    in order (`layout` left out when the site's `defaults:` give it); `flow_lists` the list keys written on
    one line (`tags: [LLM, Agents]`). `headings` are the section headings by
    section, `reading_level` the `#`s of a reading's heading, `reading_style` how a reading is written.
    `schedule_index` is the page whose positional date and week lists `seminar build` keeps in step with
    the plan (a path in the site, such as `index.html`).
    """

    collection: str | None = None
    file_name: str = DEFAULT_FILE_NAME
    front_matter: tuple[str, ...] = FRONT_MATTER_KEYS
    flow_lists: tuple[str, ...] = ()  # list keys written on one line, `tags: [LLM]`, not as `- LLM` lines
    headings: Mapping[str, str] = field(default_factory=lambda: DEFAULT_HEADINGS)
    sections: tuple[str, ...] = ("required", "more")  # shown under their heading even when empty
    reading_level: int = 4
    reading_style: ReadingStyle = "heading"
    schedule_index: str | None = None

    def shown(self, session: Session) -> list[str]:
        """The sections a session's file shows, in order: the profile's, and any other with readings."""
        return [name for name in SECTIONS if name in self.sections or session.readings(name)]

    def heading(self, section: str) -> str:
        """The heading a section is written under."""
        return self.headings.get(section) or DEFAULT_HEADINGS[section]
