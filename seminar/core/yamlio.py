"""YAML as Jekyll reads it, set up once: the fast loader, the writer, and round-trip editing.

- Reading: PyYAML's safe loader (its C version when built), YAML 1.1 like Jekyll's Psych: `yes` is a boolean,
  `10:00` a number, `2025-03-04` a date. Jekyll's `safe_load` permits dates and times, as this loader does.
- Writing new files: PyYAML's safe dumper, which quotes any text YAML 1.1 would read as something else.
- Editing a file a person may have edited: ruamel.yaml's round-trip mode, where comments, key order, quoting
  and blank values survive a load and dump, with values quoted as the writer would quote them.
"""

from __future__ import annotations

import io
import re
from typing import Any

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError
MarkedYAMLError = yaml.MarkedYAMLError
_WIDTH = 1_000_000  # never fold a long line: a title stays on its line


class _Dumper(yaml.SafeDumper):
    """Blank values are written blank (`lecture:`), never `null` or `""` (Liquid takes "" for true); a value
    written twice is written out twice, never as an anchor and alias (`&id001`) a person would not expect."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))


def load(text: str) -> Any:
    """The YAML document in `text` as Jekyll's YAML 1.1 types it; yaml.YAMLError (or ValueError, for a date
    such as 2025-02-30) when it cannot be read."""
    return yaml.load(text, Loader=SafeLoader)


def compose(text: str) -> yaml.Node | None:
    """The document's node tree, each node with its line (`start_mark.line`, 0-based)."""
    return yaml.compose(text, Loader=SafeLoader)


def dump_block(values: dict[str, object], *, flow_lists: bool = False) -> str:
    """A mapping as block YAML, keys in the given order, text quoted where YAML 1.1 needs it; with
    `flow_lists`, a list of plain values on one line (`tags: [LLM, Agents]`)."""
    return yaml.dump(
        values,
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=None if flow_lists else False,
        allow_unicode=True,
        width=_WIDTH,
    )


def needs_quotes(text: str) -> bool:
    """Whether YAML 1.1, as Jekyll reads it, would take `text` for something else unless it is quoted."""
    return yaml.dump(text, Dumper=_Dumper, width=_WIDTH).startswith(("'", '"'))


_LIST_ITEM = re.compile(
    r"^(?P<parent> *)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*(?P<item> *)- ", re.M
)


def round_trip(text: str = "") -> Any:
    """A round-trip YAML instance, its list indentation taken from `text` so a dump changes no other line."""
    from ruamel.yaml import YAML

    editor = YAML(typ="rt")
    editor.preserve_quotes = True
    editor.width = _WIDTH
    found = _LIST_ITEM.search(text)
    offset = len(found["item"]) - len(found["parent"]) if found else 2
    editor.indent(mapping=2, sequence=offset + 2, offset=offset)
    return editor


def dumps(editor: Any, document: Any) -> str:
    """The round-trip document as text."""
    out = io.StringIO()
    editor.dump(document, out)
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


class LocatedMap(dict[Any, Any]):
    """A mapping read by `load_located`: each key's 1-based line, and each value's text as written."""

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[Any, int] = {}
        self.raw: dict[Any, str | None] = {}


class LocatedList(list[Any]):
    """A sequence read by `load_located`: each item's 1-based line, and its text as written (scalars)."""

    def __init__(self, items: list[Any], lines: list[int], raw: list[str | None]) -> None:
        super().__init__(items)
        self.item_lines = lines
        self.raw = raw


def load_located(text: str) -> Any:
    """The document as `load` reads it (YAML 1.1, C speed), with lines: mappings and lists come back as
    `LocatedMap` and `LocatedList`. A timestamp that is no date (2025-02-30) stays the text written, for the
    reader to report with its line. yaml.YAMLError when the text is not YAML."""
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
        return None if root is None else _located(loader, root)
    finally:
        loader.dispose()


def _located(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # `<<` merge keys, as the safe loader applies them
        mapping = LocatedMap()
        for key_node, value_node in node.value:
            key = _located(loader, key_node)
            if isinstance(key, list | dict):
                raise yaml.constructor.ConstructorError(
                    None, None, "a list or mapping cannot be a key", key_node.start_mark
                )
            if key in mapping:  # PyYAML would keep the last one silently, and a round-trip edit refuses it
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"found {key!r} twice (first at line {mapping.key_lines[key]})",
                    key_node.start_mark,
                )
            mapping[key] = _located(loader, value_node)
            mapping.key_lines[key] = key_node.start_mark.line + 1
            mapping.raw[key] = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return LocatedList(
            [_located(loader, item) for item in node.value],
            [item.start_mark.line + 1 for item in node.value],
            [item.value if isinstance(item, yaml.ScalarNode) else None for item in node.value],
        )
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:  # a date that does not exist: the text, for the reader to name
        return node.value
