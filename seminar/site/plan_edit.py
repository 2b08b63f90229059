"""Changing the plan from the command line: a session added, a reading added, a session moved.

Each edit loads `_data/schedule.yml` round-trip, changes only what it must and reads the result back as a
plan, so an edit that would make the plan invalid is refused with the plan's own problem lines before
anything is written. Only the lines the edit is about change (`core.yamlio.edit_round_trip`): every other
line comes out byte for byte as it went in (comments, trailing spaces, quotes, its CRLF or LF, a byte-order
mark), and new lines are indented as the plan's lists are and end as its lines do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from seminar.core.errors import SeminarError, error
from seminar.core.fileio import read_text
from seminar.core.yamlio import BOM, RoundTripError, YAMLError, edit_round_trip, line_break, load, node
from seminar.model.calendar import session_dates
from seminar.model.papers import reference_key
from seminar.model.plan import READING_KEYS, Plan
from seminar.model.session import dated_file
from seminar.sources.config import SiteConfig
from seminar.sources.plan import SESSION_KEYS, as_date, no_plan, plan_path, read_plan

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
    before: Plan | None = None  # the plan as it was (None: there was none)

    @property
    def changed(self) -> bool:
        return self.text != self.old_text


EDITED = "in the plan as this command would edit it"


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

    def edit(document: Any) -> None:
        if not isinstance(document, dict):
            raise SeminarError(error("must be a mapping of term, first_day, sessions, ...", file=path))
        if document.get("sessions") is None:
            document["sessions"] = node([])
        change(document, current)

    try:
        text = edit_round_trip(_with_content(old_text), edit)
    except RoundTripError as failure:
        raise SeminarError(
            error(
                f"cannot be edited keeping its comments: ruamel.yaml, which edits it, cannot read it "
                f"({failure.problem}): edit it by hand",
                file=path,
                line=failure.line,
            )
        ) from None
    try:
        edited = read_plan(config, path, text)
    except SeminarError as failure:  # its lines are the edited text's, not the file's: not given
        raise SeminarError(
            *(
                replace(
                    found, line=None, message=f"{found.message} (in the plan as this command would edit it)"
                )
                for found in failure.diagnostics
            )
        ) from None
    return PlanEdit(old_text, text, edited, current)


def _with_content(text: str | None) -> str:
    """The plan's text to edit: `NEW_PLAN` for a plan that is not there or holds no value (the comments and
    blank lines of one that holds only those are kept above it, as is a byte-order mark), else the text."""
    if text is None:
        return NEW_PLAN
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    try:
        if load(body) is not None:
            return text
    except (YAMLError, ValueError):  # read_plan has read it: not reached
        return text
    new = NEW_PLAN.replace("\n", line_break(body))
    if any(line.strip() and not line.lstrip().startswith("#") for line in body.splitlines()):
        return bom + new  # `~`, `null`, `---`: nothing to keep
    return bom + body + ("" if not body or body.endswith("\n") else line_break(body)) + new


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

    return add_readings(week, [(section, reference)])


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


def fix_date(entry: Any, day: date) -> None:
    """Give a session's entry its own `date:` (where the plan's keys put it: before `file:`)."""
    if "date" in entry or "file" not in entry:
        entry["date"] = day
    else:
        entry.insert(list(entry).index("file"), "date", day)


def calendar_dates(document: Any, calendar: Plan) -> dict[str, date]:
    """Each session's date in the (edited) document, by week, as the plan's calendar places it: a session's
    own `date:`, else the first meeting day after the session before it. `calendar` is the plan whose
    calendar (first day, meeting weekdays, days without class) the document keeps; it must have one."""
    assert calendar.first_day is not None
    entries = [item for item in document["sessions"] if isinstance(item, dict)]
    fixed = [as_date(item.get("date")) for item in entries]
    days_off = frozenset(off.day for off in calendar.no_class)
    dates = session_dates(calendar.first_day, calendar.weekdays, days_off, fixed)
    return {str(item.get("week")): day for item, day in zip(entries, dates, strict=True)}


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


def add_readings(week: str, readings: Sequence[tuple[str, str]]) -> PlanChange:
    """Append readings, each (section, reference) to its section of a session (required, more or
    background), in order; one the session already has (in any section), or one given twice, is refused:
    a SeminarError naming each.

    The plan (not the document) says what the session has: an unquoted id there is a number to YAML.
    """

    def change(document: Any, current: Plan | None) -> None:
        session = _planned(current).session(week)
        has: dict[str, str] = {}
        for group in READING_KEYS:
            for reading in getattr(session, group):
                has.setdefault(reference_key(reading.reference), group)
        problems = []
        given: set[str] = set()
        for _, reference in readings:
            wanted = reference_key(reference)
            if wanted in has:
                problems.append(error(f"already a reading of session {week} ({has[wanted]})", key=reference))
            elif wanted in given:
                problems.append(error("given more than once", key=reference))
            given.add(wanted)
        if problems:
            raise SeminarError(*problems)
        _, entry = find_session(document, week)
        for section, reference in readings:
            current = entry.get(section)
            if isinstance(current, list):
                current.append(node(reference))
            else:
                entry[section] = node([*([] if current is None else [current]), reference])

    return change


def remove_session(week: str) -> PlanChange:
    """Take a session out of the plan; the sessions after it that follow the calendar move up a meeting.

    SeminarError naming the plan's weeks when `week` is not one of them.
    """

    def change(document: Any, current: Plan | None) -> None:
        _planned(current).session(week)  # an unknown week is named with the plan's file
        index, _ = find_session(document, week)
        _delete_keeping_comments(document["sessions"], index)

    return change


def _delete_keeping_comments(sessions: Any, index: int) -> None:
    """Delete the entry at `index` of the plan's sessions, keeping the comment lines between it and its
    neighbours (a heading of the sessions that follow, say); those inside the entry go with it.

    ruamel keeps a comment between two entries either after the first one's last value (with that line's
    own comment) or before the second entry: the lines of both kinds are moved before the entry that now
    follows (after the one before, when the last entry goes).
    """
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    lines = "".join(
        " " * token.column + token.value
        for token in (sessions.ca.items.get(index) or [None, None])[1] or []
        if isinstance(token, CommentToken)
    )
    tail = _tail_slot(sessions[index])
    if tail is not None:
        lines += tail[0][tail[1]].value.partition("\n")[2]  # after the entry's last line and its comment
    del sessions[index]
    if not lines.strip():
        return
    if index < len(sessions):
        column = len(lines) - len(lines.lstrip(" "))
        slot = sessions.ca.items.setdefault(index, [None, None, None, None])
        slot[1] = [CommentToken(lines[column:], CommentMark(column)), *(slot[1] or [])]
    elif index > 0 and (before := _tail_slot(sessions[index - 1], make=True)) is not None:
        before[0][before[1]].value += lines


def _tail_slot(entry: Any, *, make: bool = False) -> tuple[list[Any], int] | None:
    """Where ruamel keeps the comment after an entry's last value (that line's own comment, then the lines
    up to the next entry): the slot and its position in it; None when there is none there, unless `make`
    (then an empty comment is put there). None for an entry written on one line (`{week: S1, ...}`)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if not isinstance(entry, CommentedMap | CommentedSeq) or not entry or entry.fa.flow_style():
        return None
    last = list(entry)[-1] if isinstance(entry, CommentedMap) else len(entry) - 1
    value = entry[last]
    if isinstance(value, CommentedMap | CommentedSeq) and value and not value.fa.flow_style():
        return _tail_slot(value, make=make)
    position = 2 if isinstance(entry, CommentedMap) else 0
    slot = entry.ca.items.setdefault(last, [None, None, None, None]) if make else entry.ca.items.get(last)
    if make and slot[position] is None:
        slot[position] = CommentToken("\n", CommentMark(0))
    return (slot, position) if slot is not None and slot[position] is not None else None
