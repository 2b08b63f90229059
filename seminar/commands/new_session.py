"""`seminar new-session`: a session added to the plan, and its post written with the build it implies."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from seminar.commands.changes import off_day, past_day, report_changes, report_sessions, write
from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import display_path, warning
from seminar.model.session import SESSION_FIELDS, FieldValue
from seminar.site.update import SessionRequest, new_session

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)


def run(
    site: Path | None,
    week: str | None,
    when: date | None,
    fields: Mapping[str, FieldValue],
    fetching: Fetching,
    *,
    required: tuple[str, ...] = (),
    more: tuple[str, ...] = (),
    background: tuple[str, ...] = (),
    from_list: str | None = None,
    topic: str | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> Outcome:
    """Add session `week` (replacing its week's entry with `force`, with a warning for each value the new
    entry drops) and write its post; with `dry_run` print the post and write (and fetch) nothing. Held
    sessions the new one would shift are kept on their dates (`seminar.site.update`). `fields` are the
    front-matter values given, by front-matter key (a value None or () is not given). A date `when` the
    class does not meet is a warning (a make-up session); a reading list a person edited that `force`
    regenerates is a warning naming the old post's backup. SeminarError when the session cannot be made or
    written."""
    config = site_config(site)
    given = {key: value for key, value in fields.items() if value not in (None, ())}
    request = SessionRequest(week, when, given, required, more, from_list, topic, background)
    update = new_session(config, request, None if dry_run else fetching.cache(config), force=force)
    assert update.week is not None
    change = update.change(update.week)
    session = change.session
    assert session is not None
    outcome = Outcome()
    if when is not None and update.edit is not None:
        outcome.report(off_day(update.edit.plan, when))
        outcome.report(past_day(when, config.today()))
    unwritten = [
        spec for spec in SESSION_FIELDS if spec.key in given and spec.key not in config.profile.front_matter
    ]
    outcome.report(
        warning(
            f"this site's session files have no {spec.key} key (seminar: front_matter in _config.yml): "
            "the plan keeps it, the file does not show it",
            key=str(spec.option),
        )
        for spec in unwritten
    )
    if session.date > config.today() and not config.future:
        outcome.report(
            [
                warning(
                    "lacks `future: true`: Jekyll will not publish this post before "
                    + session.date.isoformat(),
                    config.config_path,
                )
            ]
        )
    if config.collection is None:  # a post's date is in its name; a collection's documents have none
        from seminar.site.lint import check_timezone, machine_now  # the lint, only for this warning

        outcome.report(check_timezone(config, [session.date], machine_now()))  # today here, not yet in UTC
    if dry_run:  # what the real run would say, then the post
        outcome.report(update.dropped)
        report_sessions(outcome, update, dry_run=True)
        report_changes(outcome, update.build, prune=False, besides=change, dry_run=True)
        outcome.line(f"would write {display_path(change.path)}:")
        outcome.text(change.text or "")
        return outcome
    backups = write(config, update, force=force)
    if update.edit is not None and update.edit.changed:
        plan = display_path(update.edit.plan.path)
        outcome.line(
            f"replaced session {update.week} in {plan}"
            if update.replaced
            else f"added session {update.week} to {plan}"
        )
    outcome.report(update.dropped)
    report_sessions(outcome, update)
    report_changes(outcome, update.build, prune=False, besides=change, backups=backups)
    readings = f"readings: {len(session.required)} required + {len(session.more)} more" + (
        f" + {len(session.background)} background" if session.background else ""
    )
    if change.kind == "unchanged":
        outcome.line(f"{display_path(change.path)} is already up to date")
    elif change.renamed and change.old_path is not None:
        outcome.line(f"moved {display_path(change.old_path)} -> {display_path(change.path)} ({readings})")
    else:
        outcome.line(
            f"{'wrote' if change.kind == 'new' else 'updated'} {display_path(change.path)} ({readings})"
        )
    return outcome
