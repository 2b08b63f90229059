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

from seminar.core.errors import SeminarError, error
from seminar.core.fileio import read_text
from seminar.core.yamlio import dumps, node, round_trip
from seminar.model.papers import reference_key
from seminar.model.plan import READING_KEYS, Plan
from seminar.model.session import dated_file
from seminar.sources.config import SiteConfig
from seminar.sources.plan import SESSION_KEYS, no_plan, plan_path, read_plan

PlanChange = Callable[[Any, Plan | None], None]  # edits the round-trip document, given the plan as it was
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


def edit_plan(config: SiteConfig, change: PlanChange, *, existing: bool = False) -> PlanEdit:
    """The plan after `change` is applied to its round-trip document; a SeminarError if the plan was, or
    would be, invalid, or (with `existing`) if there is no plan yet. The file is read once; nothing is
    written."""
    path = plan_path(config)
    try:
        old_text: str | None = read_text(path)
    except FileNotFoundError:
        if existing:
            raise no_plan(path) from None
        old_text = None
    current = read_plan(config, path, old_text) if old_text is not None else None
    source = NEW_PLAN if old_text is None else old_text
    editor = round_trip(source)
    document = editor.load(source)
    if document is None:
        document = editor.load(NEW_PLAN)
    if not isinstance(document, dict):
        raise SeminarError(error("must be a mapping of term, first_day, sessions, ...", file=path))
    if document.get("sessions") is None:
        document["sessions"] = node([])
    change(document, current)
    text = dumps(editor, document)
    return PlanEdit(old_text, text, read_plan(config, path, text))


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
    raise SeminarError(error(f"no session {week!r} in the plan (weeks: {known or 'none yet'})"))


def add_session(entry: Any, dates: Mapping[str, date], *, replace: bool) -> PlanChange:
    """Add a session (a dated one where its date falls, else at the end); one with its week already planned
    is refused unless `replace`, or unless equal. `dates` are the plan's sessions' current dates."""

    def change(document: Any, current: Plan | None) -> None:
        sessions = document["sessions"]
        for index, item in enumerate(sessions):
            if isinstance(item, dict) and item.get("week") == entry["week"]:
                if dict(item) != dict(entry) and not replace:
                    raise SeminarError(
                        error(
                            f"session {entry['week']} is already in the plan "
                            f"(line {sessions.lc.item(index)[0] + 1}); "
                            "edit it there and run `seminar build`, or --force replaces it"
                        )
                    )
                if dict(item) != dict(entry):
                    sessions[index] = entry
                    _keep_date_order(document, index, dates)
                return
        sessions.append(entry)
        _keep_date_order(document, len(sessions) - 1, dates)

    return change


def add_reading(week: str, reference: str, *, section: str = "required") -> PlanChange:
    """Append a reading to one section of a session (required, more or background); one it already has, in
    any section, is refused.

    The plan (not the document) says what the session has: an unquoted id there is a number to YAML.
    """

    def change(document: Any, current: Plan | None) -> None:
        session = _planned(current).session(week)
        wanted = reference_key(reference)
        for group in READING_KEYS:
            if any(reference_key(reading.reference) == wanted for reading in getattr(session, group)):
                raise SeminarError(error(f"already a reading of session {week} ({group})", key=reference))
        _, entry = find_session(document, week)
        current = entry.get(section)
        if isinstance(current, list):
            current.append(node(reference))
        else:
            entry[section] = node([*([] if current is None else [current]), reference])

    return change


def move_session(week: str, day: date) -> PlanChange:
    """Fix a session's date; it goes before the first session dated that day or later, keeping date order."""

    def change(document: Any, current: Plan | None) -> None:
        dates = _planned(current).dates()
        _planned(current).session(week)  # an unknown week is named with the plan's file
        index, session = find_session(document, week)
        session["date"] = day
        file = session.get("file")
        if isinstance(file, str) and (renamed := dated_file(file, day)) != file:
            session["file"] = renamed  # a post's name carries its date: the post moves with it
        _keep_date_order(document, index, dates)

    return change


def _planned(current: Plan | None) -> Plan:
    """The plan an edit of a planned session needs (`edit_plan(..., existing=True)` made sure of one)."""
    assert current is not None
    return current


def _keep_date_order(document: Any, index: int, dates: Mapping[str, date]) -> None:
    """Put the session at `index`, when it has a date, before the first other one dated that day or later."""
    sessions = document["sessions"]
    day = sessions[index].get("date")
    if not isinstance(day, date):
        return
    others = [str(item.get("week")) if isinstance(item, dict) else "" for item in sessions]
    del others[index]
    position = next((i for i, other in enumerate(others) if dates.get(other, day) >= day), len(others))
    if position != index:
        sessions.insert(position, sessions.pop(index))
