"""Updating the front matter of a post a person may have edited: their keys, comments and quoting kept.

Values are compared as Jekyll reads them (YAML 1.1, PyYAML) and rewritten with ruamel.yaml's round-trip
mode, which keeps comments, key order, quoting and blank values; a value YAML 1.1 would read as something
other than text (`yes`, `10:00`) is written quoted. Only keys seminar generated and nobody changed since are
rewritten: a key a person edited or deleted stays as they left it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from seminar.core.yamlio import dumps, node, round_trip, scalar
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

    `text` is the YAML of the post's front matter and `view` its values as Jekyll reads them.

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
    return _rewrite(text, changes), kept


def _rewrite(text: str, changes: Mapping[str, object]) -> str:
    editor = round_trip(text)
    document = editor.load(text)
    for key, value in changes.items():
        old = document.get(key)
        if isinstance(value, list) and isinstance(old, list):
            old[:] = [scalar(item) for item in value]  # in place: comments on the list stay
        else:
            document[key] = node(value)
    return dumps(editor, document)
