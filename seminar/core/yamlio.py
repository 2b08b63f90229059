"""YAML as Jekyll reads it, set up once: the fast loader, the writer, and round-trip editing.

- Reading: PyYAML's safe loader (its C version when built), YAML 1.1 like Jekyll's Psych: `yes` is a boolean,
  `10:00` a number, `2025-03-04` a date. Jekyll's `safe_load` permits dates and times, as this loader does.
- What Jekyll itself reads: `psych_reads` ports the rules by which Ruby's Psych types an unquoted value, which
  type more text than PyYAML's (`2025-2-1` is a date, `09:30` the number 34200, `nUlL` blank, `:x` a symbol
  Jekyll's safe loading refuses).
- Writing: one rule, `needs_quotes`: text is quoted when PyYAML would not write it plain or Psych would not
  read it back as that text. PyYAML's safe dumper (new files) and ruamel.yaml's round-trip mode (editing a
  file a person may have edited: comments, key order, quoting and blank values survive a load and dump) both
  quote by it.
- Editing in place: `edit_mapping` (a post's front matter, value by value, PyYAML's marks) and
  `edit_round_trip` (the plan, through ruamel.yaml, whose output is laid back on the file line by line) keep
  every byte of the lines an edit does not touch, line breaks (`line_break`) included.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, NamedTuple

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


# The values a document may hold once its aliases are expanded: far past what any person writes.
EXPANDED_LIMIT = 100_000


def expanded_size(node: yaml.Node, limit: int = EXPANDED_LIMIT) -> int:
    """How many values (nodes) the document under `node` holds once every alias (`*name`) is expanded, as a
    reader that walks the values sees them, counted up to `limit + 1`: a "billion laughs" of aliases to
    lists of aliases is small to compose and endless to walk. A value holding itself counts as `limit + 1`."""
    sizes: dict[int, int] = {}
    ancestors: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, done = stack.pop()
        children = _children(current)
        if done:
            ancestors.discard(id(current))
            sizes[id(current)] = min(limit + 1, 1 + sum(sizes[id(child)] for child in children))
        elif id(current) in ancestors:
            return limit + 1
        elif id(current) not in sizes:
            ancestors.add(id(current))
            stack.append((current, True))
            stack.extend((child, False) for child in children)
    return sizes[id(node)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


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


@functools.lru_cache(maxsize=4096)
def needs_quotes(text: str) -> bool:
    """Whether `text` must be quoted to be read back as that text: True when PyYAML would not write it plain
    (its resolver types it, `10:00`, `yes`; or its syntax needs quotes, `a: b`, ` #`, `@x`, a line break) or
    when Jekyll's Psych would read it plain as something else (`psych_reads`: `2025-2-1`, `09:30`, `NULL`,
    `:x`). The one quoting rule of every YAML seminar writes, PyYAML's dumper and ruamel's `scalar` alike
    (remembered: a post's values come up again in its plan and in each edit)."""
    if psych_reads(text).kind != "text":
        return True
    plain = yaml.dump(text, Dumper=yaml.SafeDumper, width=_WIDTH, allow_unicode=True)
    return plain.startswith(("'", '"'))


def quote_style(text: str) -> Literal["'", '"'] | None:
    """How `text` is written: None (plain, when `needs_quotes` says it may be), `'` (single quotes; the
    emitter takes double quotes when single ones cannot hold it), or `"` for text holding a NEL (U+0085),
    which PyYAML and ruamel write raw inside single quotes, where YAML readers, PyYAML's own and Psych's,
    fold it to a space."""
    if not needs_quotes(text):
        return None
    return '"' if "\x85" in text else "'"


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """Text as the writer writes it, in the style `quote_style` says."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=quote_style(text))


_Dumper.add_representer(str, _represent_text)


# Jekyll 4.3.1 reads front matter with
# `Psych.safe_load(yaml, permitted_classes: [Date, Time], aliases: true)` (jekyll-4.3.1/lib/jekyll/utils.rb,
# `safe_load_yaml`). Psych gives a quoted value as its text, and an unquoted one without a tag to
# `ScalarScanner#tokenize` (psych/visitors/to_ruby.rb, `deserialize`). What follows ports
# `tokenize` and `parse_time` of Psych 4.0.3 (Ruby 3.1: /usr/lib/ruby/3.1.0/psych/scalar_scanner.rb), their
# regular expressions in their order, with Ruby's conversions they call (`Integer()`, `Float()`,
# `String#to_i`/`#to_f`, `Date.strptime`, `Time.utc`/`Time.new`) reduced to what they do on these inputs.
# Ruby's `^` and `$` match at every line; `\d` and `\s` are ASCII there, so they are spelled out here.
_RUBY_SPACE = r"[ \t\n\v\f\r]"
# tokenize's first test: "a String type, being careful not to get caught by hash keys, hex values, and special
# floats". Ruby's [[:alpha:]] is Unicode's Alphabetic and Python's [^\W\d_] its letters; they differ only on
# text no later rule could type (every later rule wants ASCII digits, or a leading `:` this test never takes).
_STRINGISH = re.compile(r"^[^0-9.:\-]?(?:[^\W\d_]|[_ \t\n\v\f\r!@#$%^&*(){}<>|/\\~;=])", re.MULTILINE)
_TIME = re.compile(
    rf"-?[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}(?:[Tt]|{_RUBY_SPACE}+)[0-9]{{1,2}}:[0-9][0-9]:[0-9][0-9]"
    rf"(?:\.[0-9]*)?(?:{_RUBY_SPACE}*(?:Z|[-+][0-9]{{1,2}}:?(?:[0-9][0-9])?))?"
)
_DATE = re.compile(r"[0-9]{4}-(?:1[012]|0[0-9]|[0-9])-(?:[12][0-9]|3[01]|0[0-9]|[0-9])")
_SEXAGESIMAL_INT = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}")
_SEXAGESIMAL_FLOAT = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*")
_FLOAT = re.compile(r"[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?")
_INTEGER = re.compile(
    r"[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+"
)
_TO_I = re.compile(r"[-+]?[0-9]+(?:_[0-9]+)*")  # what Ruby's String#to_i reads of a leading number
_TO_F = re.compile(r"[-+]?[0-9]+(?:_[0-9]+)*(?:\.[0-9]+(?:_[0-9]+)*)?")  # and String#to_f, sans exponent
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

PsychKind = Literal["text", "blank", "boolean", "integer", "float", "date", "time", "error"]


class PsychReading(NamedTuple):
    """What Jekyll's Psych makes of an unquoted, untagged value: `kind` is "text" (the same text, `shown`),
    "blank" (nil), "boolean", "integer", "float", "date", "time", or "error" (loading the front matter fails,
    and Jekyll drops it all); `shown` is the value as Ruby prints it (`true`, `34200`, `0.5`, `Infinity`,
    `2025-02-01`; a time as its UTC moment, `2025-03-04 10:00:00 UTC`), or for "error" the failure."""

    kind: PsychKind
    shown: str


def psych_reads(text: str) -> PsychReading:
    """How Jekyll 4.3's Psych 4.0.3 types `text` written unquoted and untagged: a port of
    `Psych::ScalarScanner#tokenize` (psych/scalar_scanner.rb), run as `Psych.safe_load` with Date and Time
    permitted runs it (a Symbol is refused). Pure Python: Ruby is only the tests' oracle."""
    same = PsychReading("text", text)
    if not text:
        return PsychReading("blank", "")
    # Ruby's /i folds case as Unicode does, fully (`o\ufb00`, with the ff ligature, is `off`; `.\u0131nf`,
    # with a dotless i, is not `.inf`): Python's casefold, then lower-case patterns (re.IGNORECASE folds
    # otherwise).
    folded = text.casefold()
    if _STRINGISH.search(text) or "\n" in text:
        if len(text) > 5 or re.search(r"^[^ytonf~]", folded, re.MULTILINE):
            return same
        if text == "~" or re.search(r"^null$", folded, re.MULTILINE):
            return PsychReading("blank", "")
        if re.search(r"^(yes|true|on)$", folded, re.MULTILINE):
            return PsychReading("boolean", "true")
        if re.search(r"^(no|false|off)$", folded, re.MULTILINE):
            return PsychReading("boolean", "false")
        return same
    # From here on the text has no line break, so Ruby's `^...$` is the whole text.
    if _TIME.fullmatch(text):
        return _psych_time(text)
    if _DATE.fullmatch(text):
        year, month, day = (int(part) for part in text.split("-"))
        if not _ruby_date_exists(year, month, day):  # Date.strptime's ArgumentError, rescued: the text
            return same
        return PsychReading("date", f"{year:04d}-{month:02d}-{day:02d}")
    if re.fullmatch(r"\+?\.inf", folded):
        return PsychReading("float", "Infinity")
    if re.fullmatch(r"-\.inf", folded):
        return PsychReading("float", "-Infinity")
    if re.fullmatch(r"\.nan", folded):
        return PsychReading("float", "NaN")
    if re.match(r":.", text):
        return PsychReading("error", "Psych::DisallowedClass: a Ruby symbol, which safe_load refuses")
    if _SEXAGESIMAL_INT.fullmatch(text):  # base 60, read as h:m or h:m:s (Psych's own reading)
        whole = 0
        for place, part in enumerate(text.split(":")):
            found = _TO_I.match(part)
            whole += (int(found[0].replace("_", "")) if found else 0) * 60 ** abs(place - 2)
        return PsychReading("integer", str(whole))
    if _SEXAGESIMAL_FLOAT.fullmatch(text):
        total = 0.0
        for place, part in enumerate(text.split(":")):
            found = _TO_F.match(part)
            total += (float(found[0].replace("_", "")) if found else 0.0) * 60 ** abs(place - 2)
        return PsychReading("float", _ruby_float(total))
    if _FLOAT.fullmatch(text):
        if re.fullmatch(r"[-+]?\.", text):
            return same
        digits = re.sub(r"[,_]|\.([Ee]|$)", lambda found: found[1] or "", text)
        try:  # Ruby's Float() and Python's float() agree on what is left: signs, digits, `.`, an exponent
            return PsychReading("float", _ruby_float(float(digits)))
        except ValueError:
            return PsychReading("error", f'ArgumentError: invalid value for Float(): "{digits}"')
    if _INTEGER.fullmatch(text):
        digits = re.sub(r"[,_]", "", text)
        unsigned = digits.lstrip("+-")
        sign = -1 if digits.startswith("-") else 1
        if unsigned[:2] in ("0b", "0x"):
            if len(unsigned) == 2:  # Integer("0b") fails: no digit after the prefix
                return PsychReading("error", f'ArgumentError: invalid value for Integer(): "{digits}"')
            value = int(unsigned[2:], 2 if unsigned[1] == "b" else 16)
        elif unsigned.startswith("0"):
            value = int(unsigned, 8)
        else:
            value = int(unsigned)
        return PsychReading("integer", str(sign * value))
    return same


_UNSPLIT = "NoMethodError: Psych's parse_time splits a date from its time only at a space, t or T"


def _psych_time(text: str) -> PsychReading:
    """`ScalarScanner#parse_time` on text its TIME pattern matched: `Time.utc` of the fields, or `Time.new` at
    the written offset. Ruby's ArgumentError (a field out of range) is rescued by `tokenize`: the text. A
    separator other than a space, `t` or `T` (a tab) leaves `time` nil, and Psych's NoMethodError stops the
    load."""
    split = re.split(r"[ tT]", text, maxsplit=1)
    if len(split) < 2:
        return PsychReading("error", _UNSPLIT)
    day_text, time_text = split
    ymd = re.match(r"(-?[0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", day_text)
    clock = re.search(
        rf"([0-9]+:[0-9]+:[0-9]+)(?:\.([0-9]*))?{_RUBY_SPACE}*(Z|[-+][0-9]+(:[0-9][0-9])?)?", time_text
    )
    if ymd is None or clock is None:
        return PsychReading("error", _UNSPLIT)
    year, month, day = (int(part) for part in ymd.groups())
    hour, minute, second = (int(part) for part in clock[1].split(":"))
    fraction = Fraction(int(clock[2]), 10 ** len(clock[2])) if clock[2] else Fraction(0)
    # Ruby's time.c (`validate_vtm`): month 1-12, day 1-31 (past the month's end it runs on into the next),
    # hour 0-24, and at 24 nothing but zero minutes and seconds; minutes 0-59, seconds 0-60.
    if not (
        1 <= month <= 12
        and 1 <= day <= 31
        and 0 <= hour <= 24
        and 0 <= minute <= (0 if hour == 24 else 59)
        and 0 <= second <= (0 if hour == 24 else 60)
    ):
        return PsychReading("text", text)
    offset = 0
    zone = clock[3]
    if zone is not None and zone != "Z":
        parts = re.fullmatch(r"([+\-]?[0-9]{1,2}):?([0-9]{1,2})?", zone)
        if parts is None:
            return PsychReading("error", f"NoMethodError: Psych's parse_time cannot read the offset {zone}")
        offset = int(parts[1]) * 3600  # Psych's sign rule: `-00:30` is +00:30
        minutes = int(parts[2]) * 60 if parts[2] else 0
        offset = offset - minutes if offset < 0 else offset + minutes
        if not -86400 < offset < 86400:  # Time.new: "utc_offset out of range"
            return PsychReading("text", text)
    moment = (
        (_days_from_civil(year, month, 1) + day - 1) * 86400 + hour * 3600 + minute * 60 + second - offset
    )
    days, seconds = divmod(moment, 86400)
    year, month, day = _civil_from_days(days)
    shown_year = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    clock_shown = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return PsychReading("time", f"{shown_year}-{month:02d}-{day:02d} {clock_shown}{_decimals(fraction)} UTC")


def _decimals(fraction: Fraction) -> str:
    """A fraction of a second with a finite decimal expansion as `.5`, or "" for none."""
    digits = ""
    while fraction:
        fraction *= 10
        digits += str(int(fraction))
        fraction -= int(fraction)
    return f".{digits}" if digits else ""


def _ruby_date_exists(year: int, month: int, day: int) -> bool:
    """Whether Ruby's `Date.strptime` takes the day: Date's default calendar is Julian before 1582-10-15 (its
    ITALY reform; every fourth year leap) and has no 1582-10-05 to 1582-10-14."""
    if not 1 <= month <= 12 or day < 1:
        return False
    if (1582, 10, 5) <= (year, month, day) < (1582, 10, 15):
        return False
    julian = (year, month, day) < (1582, 10, 15)
    leap = year % 4 == 0 and (julian or year % 100 != 0 or year % 400 == 0)
    return day <= _MONTH_DAYS[month - 1] + (1 if month == 2 and leap else 0)


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to a day of the proleptic Gregorian calendar (Ruby's Time), any year."""
    year -= month <= 2
    era = year // 400
    of_era = year - era * 400
    of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    of_era_days = of_era * 365 + of_era // 4 - of_era // 100 + of_year
    return era * 146097 + of_era_days - 719468


def _civil_from_days(days: int) -> tuple[int, int, int]:
    """The inverse of `_days_from_civil`."""
    days += 719468
    era = days // 146097
    of_era = days - era * 146097
    year_of_era = (of_era - of_era // 1460 + of_era // 36524 - of_era // 146096) // 365
    of_year = of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * of_year + 2) // 153
    day = of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + (3 if shifted_month < 10 else -9)
    return year_of_era + era * 400 + (month <= 2), month, day


def _ruby_float(value: float) -> str:
    """`value` as Ruby's Float#to_s prints it: the shortest digits that read back (as Python's repr), fixed
    notation when the decimal point falls within 4 places before and 16 after the first digit, else
    `1.0e+16` (Ruby 3.1's numeric.c, `flo_to_s`)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return f"{sign}0.0"
    shortest = Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(str(digit) for digit in shortest.digits)
    point = len(digits) + int(shortest.exponent)
    if -4 < point <= 15:
        if point <= 0:
            return f"{sign}0.{'0' * -point}{digits}"
        if point >= len(digits):
            return f"{sign}{digits}{'0' * (point - len(digits))}.0"
        return f"{sign}{digits[:point]}.{digits[point:]}"
    return f"{sign}{digits[0]}.{digits[1:] or '0'}e{point - 1:+03d}"


class Indent(NamedTuple):
    """How a YAML file indents its block collections, in ruamel.yaml's terms (`YAML.indent`): `mapping`, a
    nested mapping's keys past its parent key; `sequence`, a list item's text past the key holding the list;
    `offset`, the item's `-` past that key (`key:` / `  - item`: sequence 4, offset 2)."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


def indents(text: str) -> list[Indent]:
    """The indentation styles the block lists of `text` (YAML, line breaks `\\n`) use, the most used first
    (ties: the outer or earlier first). Each list under a key counts once, its `-` and its first item's text
    measured from the key's column; the mapping indentation is the first nested block mapping's. (ruamel's
    `load_yaml_guess_indent` recipe reads only the first line starting `- `: a plan's `no_class:` list, or
    a line of a `|` text.) `[Indent()]` when the text has no such list, or is not YAML."""
    try:
        root = compose(text)
    except (yaml.YAMLError, ValueError):
        return [Indent()]
    counts: dict[tuple[int, int], int] = {}
    mapping: int | None = None
    queue = [root] if root is not None else []
    for parent in queue:  # breadth first: the outer lists before those inside them
        pairs = parent.value if isinstance(parent, yaml.MappingNode) else []
        for key, value in pairs:
            column = key.start_mark.column
            if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
                dash, first = value.start_mark, value.value[0].start_mark
                if first.line == dash.line and first.column > dash.column >= column:
                    style = (first.column - column, dash.column - column)
                    counts[style] = counts.get(style, 0) + 1
            elif isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
                nested = value.start_mark.column - column
                if mapping is None and value.start_mark.line > key.start_mark.line and nested > 0:
                    mapping = nested
        if isinstance(parent, yaml.MappingNode | yaml.SequenceNode):
            queue.extend(
                part for item in parent.value for part in (item if isinstance(item, tuple) else [item])
            )
    ranked = sorted(counts, key=lambda style: -counts[style])  # sorted() is stable: ties stay in order
    return [Indent(mapping or 2, sequence, offset) for sequence, offset in ranked] or [Indent(mapping or 2)]


def round_trip(text: str = "", indent: Indent | None = None) -> Any:
    """A round-trip YAML instance writing block collections indented as `indent` says, by default as `text`
    mostly does (`indents`), so a dump changes as few lines as it can."""
    from ruamel.yaml import YAML

    editor = YAML(typ="rt")
    editor.preserve_quotes = True
    editor.width = _WIDTH
    mapping, sequence, offset = indent or indents(text.replace("\r\n", "\n").removeprefix(BOM))[0]
    editor.indent(mapping=mapping, sequence=sequence, offset=offset)
    return editor


def dumps(editor: Any, document: Any) -> str:
    """The round-trip document as text."""
    out = io.StringIO()
    editor.dump(document, out)
    return out.getvalue()


BOM = "\ufeff"  # a byte-order mark, which YAML readers pass over


def line_break(text: str, at: int = 0) -> str:
    """The line break ending the line of `text` that holds index `at`: "\\r\\n" or "\\n" (also for a last
    line without one). A file's own line break is its first line's (`at` 0), as a post's is its opening
    `---` line's; a line written next to another takes that one's."""
    end = _line_end(text, at)
    return "\r\n" if text[end - 2 : end] == "\r\n" else "\n"


def edit_round_trip(text: str, change: Callable[[Any], None]) -> str:
    """`text`, a YAML document, with `change` applied to its round-trip (ruamel.yaml) document, every line the
    change does not touch kept byte for byte (trailing spaces, comments, quoting, indentation, line break),
    which a dump alone would not all keep. `change` edits the document in place, and is called once; what
    it raises propagates.

    ruamel.yaml writes the document as it was and as changed, indented as the text's lists are (`indents`);
    the lines a line diff of the two finds changed are changed in `text` (`_merge`), the others stay as
    written. New lines end with the text's line break (`line_break`) and a byte-order mark stays; a text
    without a final line break keeps having none. A result that would not read as the changed document does
    (lines ruamel.yaml writes unlike the text, where the new ones go) is not taken: of the text's
    indentation styles, the one keeping most lines is, or else the dump as it is (the same values and
    comments, with ruamel.yaml's layout).
    """
    import difflib

    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    newline = line_break(body)
    raw = re.findall(r"[^\n]*\n|[^\n]+$", body)
    ended = not raw or raw[-1].endswith("\n")
    if not ended:
        raw[-1] += newline
    old = [line.removesuffix("\n").removesuffix("\r") + "\n" for line in raw]
    plain = "".join(old)
    styles = indents(plain)
    loader, readable = round_trip(plain, styles[0]), _without_tabs(plain)
    try:
        unchanged, document = loader.load(readable), loader.load(readable)
    except Exception as failure:  # ruamel.yaml's YAMLError, which names the line
        mark = getattr(failure, "problem_mark", None)
        problem = getattr(failure, "problem", None) or str(failure)
        raise RoundTripError(problem, None if mark is None else mark.line + 1) from None
    change(document)
    best: tuple[int, str] | None = None
    fallback = ""
    for indent in styles:
        editor = round_trip(plain, indent)
        before, after = dumps(editor, unchanged), dumps(editor, document)
        if before == after:
            return text
        fallback = fallback or after.replace("\n", newline)
        merged = _merge(raw, old, before.splitlines(True), after.splitlines(True), newline)
        if _reads_as(merged, after):
            kept = difflib.SequenceMatcher(None, raw, merged.splitlines(True), False)
            score = sum(block.size for block in kept.get_matching_blocks())
            if best is None or score > best[0]:
                best = (score, merged)
    result = best[1] if best is not None else fallback
    return bom + (result if ended else result.removesuffix(newline))


class RoundTripError(ValueError):
    """Text ruamel.yaml cannot read (though YAML 1.1, as PyYAML reads it, allows it): why, and the line."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def _without_tabs(text: str) -> str:
    """`text` with its tabs between values (at a line's end, before a comment, in a flow list) made spaces,
    the values kept: ruamel.yaml (0.19) refuses a tab where YAML allows one. A tab inside a value stays."""
    if "\t" not in text:
        return text
    try:
        tokens = list(yaml.scan(text, Loader=SafeLoader))
    except yaml.YAMLError:
        return text
    chars = list(text)
    inside = bytearray(len(text) + 1)
    for token in tokens:
        if isinstance(token, yaml.ScalarToken):
            inside[token.start_mark.index : token.end_mark.index] = b"\1" * (
                token.end_mark.index - token.start_mark.index
            )
    for index, char in enumerate(text):
        if char == "\t" and not inside[index]:
            chars[index] = " "
    return "".join(chars)


def _reads_as(text: str, other: str) -> bool:
    try:
        return bool(load(text) == load(other))
    except (yaml.YAMLError, ValueError):
        return False


def _merge(raw: list[str], old: list[str], before: list[str], after: list[str], newline: str) -> str:
    """The file's new text: `raw`, its lines as written (`old`: the same, ending `\\n`), changed as `before`
    (ruamel.yaml's dump of it) is changed into `after`; new lines end with `newline`.

    A line of `before` stands for the line of `old` a line diff pairs it with (the same line, or one
    ruamel.yaml rewrote: a trailing space or an indentation gone); lines it rewrote into more or fewer lines
    stand for those as one unit. A line or unit the change leaves alone is written as in `raw`; of one it
    touches, ruamel.yaml's lines are. New lines are moved by the indentation ruamel.yaml took from or gave
    to the line they replace, or else the line above them, and go above the blank and comment lines just
    before them (which head what follows: ruamel.yaml keeps them with what precedes). Lines of `raw`
    ruamel.yaml dropped stay where they were unless the change replaced what was there.
    """
    import difflib

    units: list[str] = []  # the text of `raw` that one or more lines of `before` stand for
    unit_of: list[int] = []  # each line of `before`'s unit
    origin: list[int | None] = []  # each line of `before`'s line of `raw`, when it stands for one line
    dropped: dict[
        int, str
    ] = {}  # lines of `raw` missing from `before`, by the line of `before` they preceded
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, before, False).get_opcodes():
        if tag == "equal" or i2 - i1 == j2 - j1:
            for i in range(i1, i2):
                units.append(raw[i])
                unit_of.append(len(units) - 1)
                origin.append(i)
        elif j1 == j2:
            dropped[j1] = dropped.get(j1, "") + "".join(raw[i1:i2])
        else:
            units.append("".join(raw[i1:i2]))
            unit_of.extend([len(units) - 1] * (j2 - j1))
            origin.extend([None] * (j2 - j1))

    def shift(j1: int, j2: int) -> int:
        """The indentation `raw` has more than `before` at the lines j1:j2 replace, or the line above."""
        for j in [*range(j1, j2), *range(j1 - 1, -1, -1)]:
            i = origin[j]
            if i is not None and not _blank_or_comments(before[j]):
                return _indentation(raw[i]) - _indentation(before[j])
        return 0

    opcodes = difflib.SequenceMatcher(None, before, after, False).get_opcodes()
    touched: set[int] = set()
    for tag, j1, j2, _, _ in opcodes:
        if tag != "equal":
            touched.update(unit_of[j] for j in range(j1, j2))
            if j1 == j2 and 0 < j1 < len(before) and unit_of[j1 - 1] == unit_of[j1]:
                touched.add(unit_of[j1])  # lines put within a unit
    pieces: list[tuple[bool, str]] = []  # (new?, text)
    written: set[int] = set()
    for tag, j1, j2, k1, k2 in opcodes:
        pieces.append((False, dropped.pop(j1, "")))
        if tag == "equal":
            for j in range(j1, j2):
                pieces.append((False, dropped.pop(j, "")))
                unit = unit_of[j]
                if unit in touched:
                    pieces.append((False, before[j].replace("\n", newline)))
                elif unit not in written:
                    written.add(unit)
                    pieces.append((False, units[unit]))
            continue
        by = shift(j1, j2)
        new = [(True, _indented(line, by).replace("\n", newline)) for line in after[k1:k2]]
        if tag == "insert":
            moved = []
            while pieces and not pieces[-1][0] and _blank_or_comments(pieces[-1][1]):
                moved.append(pieces.pop())
            new.extend(reversed(moved))
        pieces.extend(new)
    return "".join(text for _, text in pieces) + dropped.pop(len(before), "")


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _indented(line: str, by: int) -> str:
    """`line` indented `by` more spaces (fewer, when negative, as far as it has them); blank as it is."""
    if not line.strip() or by == 0:
        return line
    return " " * by + line if by > 0 else line[min(-by, _indentation(line)) :]


def _blank_or_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def node(value: object) -> object:
    """A value as a round-trip node: lists as block sequences, text quoted by `needs_quotes`."""
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(value, list | tuple):
        return CommentedSeq([node(item) for item in value])
    if value is None or isinstance(value, bool | int):
        return value
    return scalar(value)


def scalar(value: object) -> object:
    """`value` as round-trip text, quoted as `quote_style` says (as seminar's own post writer quotes it)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    text = str(value)
    style = quote_style(text)
    if style is None:
        return text
    return SingleQuotedScalarString(text) if style == "'" else DoubleQuotedScalarString(text)


class EditError(ValueError):
    """A value `edit_mapping` cannot set in place: the key, and why."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key


_Edit = tuple[int, int, str]  # text[start:end] replaced by this


def edit_mapping(text: str, changes: Mapping[str, object]) -> str:
    """`text`, YAML whose top level is a mapping, with these keys set to these values and every other byte
    kept: the other keys, comments, blank lines, trailing spaces, quoting and line endings.

    Only a changed value's own characters are rewritten: a scalar or a flow list in place on its line (a
    comment after it stays), a block list item by item (the unchanged items, and comments between items,
    stay). New text is written as `dump_block` writes it (quoted by `needs_quotes`); a list in the style of
    the list it replaces, else of the mapping's first other list (`[a, b]`, or one item a line indented as
    its items are), else one item a line. EditError when a key is not one of the mapping's own (a `<<` merge
    gives it) or its value is an alias, or when the result would not read back (YAML 1.1) as the old values
    with these set (an anchor in the way).
    """
    ended = text.endswith("\n") or not text
    source = text if ended else text + "\n"
    loader = yaml.SafeLoader(source)  # the pure-Python loader: its marks index the characters of `source`
    try:
        root = loader.get_single_node()
        pairs = {
            key.value: (key, value)
            for key, value in (root.value if isinstance(root, yaml.MappingNode) else [])
            if isinstance(key, yaml.ScalarNode)
        }  # taken before constructing, which folds `<<` merges into the node
        before = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    lists = [value for _, value in pairs.values() if isinstance(value, yaml.SequenceNode) and value.value]
    edits: list[_Edit] = []
    for key, value in changes.items():
        if key not in pairs or not isinstance(before, dict):
            raise EditError(key, "comes from a `<<` merge, not a key of its own: change it by hand")
        key_node, old_node = pairs[key]
        edits.extend(
            _value_edits(source, key_node, old_node, before.get(key), value, lists[0] if lists else None)
        )
    edited = source
    for start, end, new in sorted(edits, reverse=True):
        edited = edited[:start] + new + edited[end:]
    wanted = {
        **(before if isinstance(before, dict) else {}),
        **{key: list(value) if isinstance(value, tuple) else value for key, value in changes.items()},
    }
    try:
        after = load(edited)
    except (yaml.YAMLError, ValueError):
        after = None
    if changes and after != wanted:
        key = next(iter(changes))
        raise EditError(
            key, "cannot be set without changing other keys (an anchor or alias ties them): change it by hand"
        )
    return edited if ended else edited[:-1]


def _value_edits(
    text: str,
    key: yaml.Node,
    old: yaml.Node,
    old_value: object,
    new: object,
    model: yaml.SequenceNode | None,
) -> list[_Edit]:
    """The edits setting one key's value (`old` its node, `old_value` as read; `model` the mapping's first
    list, whose style a list written anew takes)."""
    if old.start_mark.index < key.end_mark.index:  # an alias: the node is where its anchor was written
        raise EditError(str(key.value), "its value is an alias (*name): change it by hand")
    newline = line_break(text, key.start_mark.index)
    values = list(new) if isinstance(new, list | tuple) else None
    style = old if isinstance(old, yaml.SequenceNode) else model
    block_old = isinstance(old, yaml.CollectionNode) and not old.flow_style and bool(old.value)
    start, end = old.start_mark.index, _node_end(text, old)
    if values and not (style is not None and style.flow_style):  # one item a line
        prefix = _item_prefix(text, style) or " " * key.start_mark.column + "- "
        scalars = isinstance(old, yaml.SequenceNode) and all(
            isinstance(n, yaml.ScalarNode) for n in old.value
        )
        if block_old and scalars and isinstance(old_value, list):
            return [_item_edit(text, old.value, old_value, values, prefix, newline)]
        items = "".join(f"{prefix}{_inline(value)}{newline}" for value in values)
        if block_old:
            return [(_line_start(text, start), _line_end(text, end), items)]
        after = _line_end(text, end)
        return [(_blank_before(text, start, key) if start < end else start, end, ""), (after, after, items)]
    shown = _inline(values if values is not None else new)
    if block_old:  # the value goes after the colon; the old one's lines go
        colon = text.index(":", key.end_mark.index) + 1
        return [
            (colon, colon, f" {shown}" if shown else ""),
            (_line_start(text, start), _line_end(text, end), ""),
        ]
    if start == end:  # blank (`key:`): the value goes after the colon
        return [(start, end, f" {shown}" if shown else "")]
    return [(start if shown else _blank_before(text, start, key), end, shown)]


def _item_edit(
    text: str,
    nodes: Sequence[yaml.Node],
    old: Sequence[object],
    new: Sequence[object],
    prefix: str,
    newline: str,
) -> _Edit:
    """A block list's items edited as a line diff would: unchanged items kept as written, a changed one
    rewritten in place (its comment kept), items removed or added a line each; comments between stay."""
    import difflib

    starts = [_line_start(text, node.start_mark.index) for node in nodes]
    ends = [_node_end(text, node) for node in nodes]
    bounds = [*starts[1:], _line_end(text, ends[-1])]  # each item's lines run to the next item's
    pieces: list[str] = []
    matcher = difflib.SequenceMatcher(None, [repr(item) for item in old], [repr(item) for item in new], False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(text[starts[i1] : bounds[i2 - 1]])
        elif i2 - i1 == j2 - j1:  # replaced one for one: each item in place
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                at = nodes[i].start_mark.index
                pieces.append(text[starts[i] : at] + _inline(new[j]) + text[ends[i] : bounds[i]])
        else:
            pieces.extend(f"{prefix}{_inline(value)}{newline}" for value in new[j1:j2])
            pieces.extend(text[_line_end(text, ends[i]) : bounds[i]] for i in range(i1, i2))
    return starts[0], bounds[-1], "".join(pieces)


def _inline(value: object) -> str:
    """A value as `dump_block` writes it after `key:` on one line: "" for blank, a list as `[a, b]`."""
    return dump_block({"k": value}, flow_lists=isinstance(value, list))[2:].strip()


def _item_prefix(text: str, node: yaml.Node | None) -> str | None:
    """What comes before the first item of a block list on its line (`  - `), when it is only that."""
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        return None
    at = node.value[0].start_mark.index
    prefix = text[_line_start(text, at) : at]
    return prefix if prefix.strip(" ") == "-" and prefix.endswith(" ") else None


def _node_end(text: str, node: yaml.Node) -> int:
    """Where the node's own text ends: a block collection's at its last item's, a scalar's before the line
    breaks and blank lines a block scalar (`|`) takes in."""
    if isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _node_end(text, last[1] if isinstance(last, tuple) else last)
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _blank_before(text: str, start: int, key: yaml.Node) -> int:
    """`start` moved back over the spaces between a key's colon and its value."""
    while start > key.end_mark.index and text[start - 1] in " \t":
        start -= 1
    return start


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Just after the line break that ends the line holding `index` (the text's end when none does)."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


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


_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


def jekyll_reads(node: yaml.Node) -> PsychReading | None:
    """How Jekyll's Psych reads a scalar `node` as written (composed by PyYAML): quoted, a block scalar or
    tagged `!!str`, its text; plain and untagged, as `psych_reads` types it. None for a list, a mapping or
    another explicit tag, where PyYAML's typing stands. A plain scalar counts as untagged when its tag is the
    one PyYAML's resolver gives it (so `!!str 2025-2-1`, tagged with what PyYAML would give anyway, is read
    as if untagged)."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    text = str(node.value)
    if node.style:  # the C loader gives plain scalars the style "", the Python one None
        return PsychReading("text", text)
    implicit: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if node.tag == implicit:
        return psych_reads(text)
    return PsychReading("text", text) if node.tag == _STR else None
