"""Changing the plan from the command line: a session added, a reading added, a session moved.

Each edit loads `_data/schedule.yml` round-trip, changes only what it must (the rest of the file, comments
included, comes out as it went in) and reads the result back as a plan, so an edit that would make the plan
invalid is refused with the plan's own problem lines before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from seminar.core.errors import SeminarError, display_path
from seminar.core.yamlio import dumps, node, round_trip
from seminar.model.arxiv_ids import parse_arxiv_id
from seminar.model.titles import normalize_title
from seminar.sources.config import SiteConfig
from seminar.sources.plan import SESSION_KEYS, Plan, plan_path, read_plan

NEW_PLAN = (
    "# The term's plan: `seminar build` writes every session's post from it (README.md, \"The plan\").\n"
    "sessions:\n"
)


@dataclass(frozen=True)
class PlanEdit:
    old_text: str | None  # None: the plan file does not exist yet
    text: str
    plan: Plan

    @property
    def changed(self) -> bool:
        return self.text != self.old_text


def edit_plan(config: SiteConfig, change: Callable[[Any], None]) -> PlanEdit:
    """The plan after `change` is applied to its round-trip document; a SeminarError if it is invalid."""
    path = plan_path(config)
    try:
        old_text: str | None = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old_text = None
    source = NEW_PLAN if old_text is None else old_text
    yaml = round_trip(source)
    document = yaml.load(source)
    if document is None:
        document = yaml.load(NEW_PLAN)
    if not isinstance(document, dict):
        raise SeminarError(f"{display_path(path)}: must be a mapping of term, first_day, sessions, ...")
    if document.get("sessions") is None:
        document["sessions"] = node([])
    change(document)
    text = dumps(yaml, document)
    return PlanEdit(old_text, text, read_plan(config, path, text, round_trip(text).load(text)))


def session_entry(values: Mapping[str, object]) -> Any:
    """A session of the plan as a round-trip mapping, keys in the plan's order, left-out values dropped."""
    from ruamel.yaml.comments import CommentedMap

    entry = CommentedMap()
    for key in SESSION_KEYS:
        value = values.get(key)
        if value not in (None, (), []):
            entry[key] = value if isinstance(value, date) else node(value)
    return entry


def find_session(document: Any, week: str) -> tuple[int, Any]:
    for index, item in enumerate(document["sessions"]):
        if isinstance(item, dict) and item.get("week") == week:
            return index, item
    known = ", ".join(str(item.get("week")) for item in document["sessions"] if isinstance(item, dict))
    raise SeminarError(f"no session {week!r} in the plan (weeks: {known or 'none yet'})")


def add_session(entry: Any, dates: Mapping[str, date], *, replace: bool) -> Callable[[Any], None]:
    """Add a session (a dated one where its date falls, else at the end); one with its week already planned
    is refused unless `replace`, or unless equal. `dates` are the plan's sessions' current dates."""

    def change(document: Any) -> None:
        sessions = document["sessions"]
        for index, item in enumerate(sessions):
            if isinstance(item, dict) and item.get("week") == entry["week"]:
                if dict(item) != dict(entry) and not replace:
                    raise SeminarError(
                        f"session {entry['week']} is already in the plan "
                        f"(line {sessions.lc.item(index)[0] + 1}); "
                        "edit it there and run `seminar build`, or --force replaces it"
                    )
                if dict(item) != dict(entry):
                    sessions[index] = entry
                    _keep_date_order(document, index, dates)
                return
        sessions.append(entry)
        _keep_date_order(document, len(sessions) - 1, dates)

    return change


def add_reading(plan: Plan, week: str, reference: str, *, more: bool) -> Callable[[Any], None]:
    """Append a reading to a session's required (or more) readings; one it already has is refused.

    The plan (not the document) says what the session has: an unquoted id there is a number to YAML.
    """
    session = plan.session(week)
    wanted = _reading_key(reference)
    for group in ("required", "more"):
        if any(_reading_key(reading.reference) == wanted for reading in getattr(session, group)):
            raise SeminarError(f"{reference}: already a reading of session {week} ({group})")
    key = "more" if more else "required"

    def change(document: Any) -> None:
        _, entry = find_session(document, week)
        current = entry.get(key)
        if isinstance(current, list):
            current.append(node(reference))
        else:
            entry[key] = node([*([] if current is None else [current]), reference])

    return change


def _reading_key(reference: str) -> str:
    """One key for the ways a reading can be named: an arXiv id's base id, else the normalized title."""
    found = parse_arxiv_id(reference)
    return found.base if found else normalize_title(reference)


def move_session(week: str, day: date, dates: Mapping[str, date]) -> Callable[[Any], None]:
    """Fix a session's date; it goes before the first session dated that day or later, keeping date order."""

    def change(document: Any) -> None:
        index, session = find_session(document, week)
        session["date"] = day
        _keep_date_order(document, index, dates)

    return change


def _keep_date_order(document: Any, index: int, dates: Mapping[str, date]) -> None:
    """Put the session at `index`, when it has a date, before the first other one dated that day or later."""
    sessions = document["sessions"]
    day = sessions[index].get("date")
    if not isinstance(day, date):
        return
    others = [item.get("week") if isinstance(item, dict) else None for item in sessions]
    del others[index]
    position = next((i for i, other in enumerate(others) if dates.get(other, day) >= day), len(others))
    if position != index:
        sessions.insert(position, sessions.pop(index))
