"""ruamel.yaml's round-trip mode, set up once for every file a person may have edited.

Comments, key order, quoting and blank values survive a load and dump; values are written so that Jekyll,
which reads YAML 1.1, reads back the same text (`yes`, `10:00` or `2410.10000` come out quoted).
"""

from __future__ import annotations

import io
import re
from typing import Any

from seminar.render.post import needs_quotes

_LIST_ITEM = re.compile(
    r"^(?P<parent> *)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*(?P<item> *)- ", re.M
)


def round_trip(text: str = "") -> Any:
    """A round-trip YAML instance, its list indentation taken from `text` so a dump changes no other line."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    found = _LIST_ITEM.search(text)
    offset = len(found["item"]) - len(found["parent"]) if found else 2
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def dumps(yaml: Any, document: Any) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def node(value: object) -> object:
    """A value as a round-trip node: lists as block sequences, text quoted where YAML 1.1 needs it."""
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(value, list | tuple):
        return CommentedSeq([node(item) for item in value])
    if value is None or isinstance(value, bool | int):
        return value
    return scalar(value)


def scalar(value: object) -> object:
    """Text quoted when YAML 1.1 would read it as something else, as seminar's own post writer does."""
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    text = str(value)
    return SingleQuotedScalarString(text) if needs_quotes(text) else text
