"""`seminar init`: a new class site in one command, or what an existing site is missing of one."""

from __future__ import annotations

import os
import re
import shlex
from datetime import date
from pathlib import Path

from seminar.commands.outcome import Outcome
from seminar.core.errors import SeminarError, display_path, error
from seminar.site.init import SKELETON, InitResult, SiteValues, init_site
from seminar.sources.config import CONFIG_NAME

DEFAULT_TITLE = "Reading Seminar"
TERM_SUFFIX = "-seminarRead"  # the default term label: <year>-seminarRead, as real seminar sites name theirs
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def run(
    site: Path | None,
    directory: Path | None,
    *,
    title: str | None = None,
    term: str | None = None,
    year: str | None = None,
) -> Outcome:
    """Write the missing files of a class site into `directory` (else `--site`, else the current folder),
    made if missing. `year` (the option's text) defaults to this year (the machine's date), `term` to
    `<year>-seminarRead`, `title` to "Reading Seminar"; they go into a new `_config.yml` and plan only.

    The outcome has a line per file added and per file left, a summary, the `seminar:` block to add when an
    existing `_config.yml` has none, and the next step. A SeminarError for a bad value or a broken
    `_config.yml`, before anything is written.
    """
    if year is None:
        chosen_year = date.today().year
    elif re.fullmatch(r"\s*[1-9][0-9]{3}\s*", year):
        chosen_year = int(year)
    else:
        raise SeminarError(error(f"must be a year such as 2025, not {year!r}", key="--year"))
    values = SiteValues(
        title=_one_line(DEFAULT_TITLE if title is None else title, "--title"),
        term=_one_line(f"{chosen_year}{TERM_SUFFIX}" if term is None else term, "--term"),
        year=chosen_year,
    )
    root = (directory or site or Path.cwd()).resolve()
    result = init_site(root, values)
    outcome = Outcome()
    _report(outcome, result)
    return outcome


def _one_line(text: str, option: str) -> str:
    if not text.strip() or _CONTROL.search(text):
        raise SeminarError(error(f"must be one line of text, not {text!r}", key=option))
    return text.strip()


def _report(outcome: Outcome, result: InitResult) -> None:
    if not result.added:
        where = "this folder" if result.root == Path.cwd().resolve() else display_path(result.root)
        outcome.line(f"nothing added: {where} already has all {len(SKELETON)} files of a class site")
    else:
        for path in result.added:
            outcome.line(f"added {display_path(result.root / path)}")
        for path in result.left:
            outcome.line(f"left  {display_path(result.root / path)} (already there)")
        count = f"{len(result.added)} file{'s' if len(result.added) > 1 else ''} added"
        outcome.line(f"{count}, {len(result.left)} already there" if result.left else count)
    if result.seminar_block is not None:
        config = display_path(result.root / CONFIG_NAME)
        outcome.line(f"{config} has no seminar: block; add this one to it (seminar's settings):")
        outcome.text(result.seminar_block)
    plan = display_path(result.root / "_data" / "schedule.yml")
    outcome.line(f"next: fill in the calendar in {plan}, then plan a session:")
    outcome.line(f"  {_new_session(result.root)}")


def _new_session(root: Path) -> str:
    """The `new-session` command to type next, from the current folder."""
    command = 'seminar new-session --week W01.1 --title "..." --date YYYY-MM-DD --required ARXIV_ID'
    if root == Path.cwd().resolve():
        return command
    return f"cd {shlex.quote(os.path.relpath(root))} && {command}"
