"""Updating the front matter of a post a person may have edited: every byte but the changed values kept.

Values are compared as Jekyll reads them (YAML 1.1, PyYAML). A changed value is rewritten in place in the
post's own text (`core.yamlio.edit_mapping`): the other lines, blank lines, comments, trailing spaces,
quoting, flow lists and line endings stay as they are; a value YAML 1.1 would read as something other than
text (`yes`, `10:00`) is written quoted. Only keys seminar generated and nobody changed since are rewritten:
a key a person edited or deleted stays as they left it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from seminar.core.yamlio import edit_mapping
from seminar.model.session import FRONT_MATTER_KEYS
from seminar.render.markers import value_hash

_ABSENT = object()


@dataclass(frozen=True)
class KeptEdit:
    """A key the post's author changed that the plan would now set otherwise: theirs is kept."""

    key: str
    post: object
    plan: object
    line: int | None = None  # the key's line in the post


def merge_front_matter(
    text: str,
    view: Mapping[str, object],
    generated: Mapping[str, object],
    record: Mapping[str, str] | None,
    given: Collection[str],
) -> tuple[str | None, list[KeptEdit]]:
    """The front matter's new YAML (None: nothing to change) and the edits kept against the plan.

    `text` is the YAML of the post's front matter (between the `---` lines, line endings as in the file) and
    `view` its values as Jekyll reads them; the new YAML differs from it only in the changed values' text.
    Raises `core.yamlio.EditError` (a ValueError naming the key) when a value cannot be changed in place:
    a `<<` merge gives it, or an anchor or alias ties it to another key.

    A key counts as edited when its value no longer has the hash `record` holds of what seminar wrote; a post
    without a record (made before markers) counts every key the plan does not set and that differs as edited.
    """
    changes: dict[str, object] = {}
    kept: list[KeptEdit] = []
    for key in FRONT_MATTER_KEYS:
        current, wanted = view.get(key, _ABSENT), generated.get(key)
        if current == wanted:
            continue
        if record is not None:
            edited = current is _ABSENT or value_hash(current) != record.get(key)
        else:
            edited = current is _ABSENT or key not in given
        if not edited:
            changes[key] = wanted
        elif key in given and current is not _ABSENT:
            kept.append(KeptEdit(key, current, wanted))
    if not changes:
        return None, kept
    return edit_mapping(text, changes), kept
