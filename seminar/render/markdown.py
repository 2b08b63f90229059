"""Rendering posts from the Jinja templates, with text from outside made to show literally in Jekyll.

Titles, authors and abstracts come from arXiv; notes come from someone's markdown. Jekyll runs Liquid over
the post and then kramdown, so `{{ x }}` in LaTeX would be executed, a `|` would start a table and `<script>`
would run. Outside text is therefore escaped for both; notes are markdown on purpose and only made
Liquid-safe.
"""

from __future__ import annotations

import functools
import os
import re
from datetime import date
from pathlib import Path

import jinja2

from seminar.core.errors import SeminarError, error
from seminar.model.calendar import MONTH_NAMES
from seminar.model.papers import Paper

# What kramdown would read as markup inside one line of text: the span parsers of Jekyll's kramdown 2.4
# with its default `input: GFM` (`@span_parsers` in kramdown/parser/kramdown.rb, and kramdown-parser-gfm's
# gfm.rb, which adds `~` to the escapes and `~~` strikethrough), each alternative naming its parser's file
# under kramdown/parser/kramdown/.
_INLINE_MARKUP = re.compile(
    r"""
    (?=[\\*`|_$\[\]{<&~\#^])                # every match starts with one of these: the scan skips the rest
    (?:
      (?P<entity>                             # written as an entity:
        <                                     # HTML (html.rb), an autolink (autolink.rb)
      | &(?=[\w:][\w.:-]*;|\#\w+;)            # an entity (html_entity.rb, html.rb HTML_ENTITY_RE)
      | \\\Z                                  # a backslash ending the line, which a line break takes,
                                              # escaped or not (gfm.rb @hard_line_break, line_break.rb)
      | \A\^\Z                                # the end-of-block marker (eob.rb), which has no escape
      )
    | \\(?=[\\.*_+\-`()\[\]{}\#!:|"'$=<>~])   # a backslash kramdown would take as an escape (LaTeX's \{
                                              # or \_): escaped_chars.rb, gfm.rb ESCAPED_CHARS_GFM
    | [*`|]                                   # emphasis.rb, codespan.rb, a table cell (table.rb)
    | \[                                      # a link or image (link.rb), a footnote marker (footnote.rb),
                                              # a reference to a definition written anywhere in the post
    | _                                       # emphasis.rb: kept inside a word (`_literal_underscore`)
    | \$\$                                    # math.rb
    | \](?=[(\[:])                            # the end of a link text or a reference (the link line's)
    | \{(?=[:\#])                             # an attribute list or extension {: ...} (extensions.rb), a
                                              # heading's id {#id} (header.rb HEADER_ID)
    | ~~+                                     # strikethrough (gfm.rb STRIKETHROUGH_MATCH), a ~~~ fence
    | \#\Z                                    # a heading's closing `#`s, which it drops (header.rb,
                                              # gfm.rb parse_atx_header_gfm_quirk)
    )
    """,
    re.VERBOSE,
)
# What the line still starts a block with once `_INLINE_MARKUP` is escaped, the text being the first line
# of a list item (after `+ `, where kramdown/parser/kramdown/list.rb parses the item's text as blocks) or of
# a heading: an ATX heading `#` (header.rb, gfm.rb ATX_HEADER_START), a block quote `>` (blockquote.rb), a
# list `+ - *` or `1984. ` (list.rb LIST_START), a definition `: ` (list.rb DEFINITION_LIST_START), a rule
# `---` (horizontal_rule.rb) and a setext underline `=`/`-` (header.rb). The match ends where the escaping
# backslash goes (before the marker, or before the dot of `1984. `). Every other block start begins with
# a character `_INLINE_MARKUP` escapes wherever it is: `[` a link, footnote or task-list `[ ]` start
# (link.rb LINK_DEFINITION_START, footnote.rb, gfm.rb parse_list), `*` an abbreviation `*[x]:` or a rule
# (abbreviation.rb, horizontal_rule.rb), `_` a rule, `{:` an ALD, IAL or extension block (extensions.rb,
# list.rb LIST_ITEM_IAL), `<` an HTML block (html.rb), `|` a table (table.rb), `$$` a math block (math.rb),
# `~~~` and ```` ``` ```` a fence (codeblock.rb, gfm.rb FENCED_CODEBLOCK_START), a line that is only `^`
# the end-of-block marker (eob.rb); an indented code block (codeblock.rb) needs the leading blanks
# `one_line` strips.
_BLOCK_START = re.compile(r"(?=[#>+\-:=])|\d+(?=\.(?:\s|$))")
_ENTITIES = {"<": "&lt;", "&": "&amp;"}
_LIQUID = re.compile(r"\{[{%]")
_MATH_FENCE = re.compile(r"\A\s*```math[ \t]*\n(.*?)\n[ \t]*```\s*\Z", re.DOTALL)


def one_line(text: str) -> str:
    """Hard-wrapped text (arXiv abstracts) made one line, so that no wrapped line starts a list or heading."""
    return " ".join(text.split())


def liquid_literal(text: str) -> str:
    """Text Liquid leaves alone: wrapped in raw, with each `{%` inside (which could end the raw) let out."""
    if not _LIQUID.search(text):
        return text
    return "{% raw %}" + text.replace("{%", "{% endraw %}{{ '{%' }}{% raw %}") + "{% endraw %}"


def markdown_literal(text: str) -> str:
    """One line of text that kramdown shows character for character, as the text of a list item or a heading.

    Inline markup is escaped wherever it is (`_INLINE_MARKUP`), and what would still start a block at the
    line's start (`_BLOCK_START`) is neutralised: proved against Jekyll's own kramdown by
    tests/test_kramdown_oracle.py.
    """
    line = one_line(text)

    def escape(match: re.Match[str]) -> str:
        found = match.group()
        if match.lastgroup == "entity":
            return _ENTITIES.get(found) or f"&#{ord(found)};"
        if found == "_" and _literal_underscore(line, match.start()):
            return found
        return "".join("\\" + char for char in found)

    escaped = _INLINE_MARKUP.sub(escape, line)
    if block := _BLOCK_START.match(escaped):
        escaped = escaped[: block.end()] + "\\" + escaped[block.end() :]
    return escaped


def _literal_underscore(line: str, at: int) -> bool:
    """Whether the underscore at `at` stays as it is: between two letters or decimal digits, where
    kramdown's emphasis.rb never closes an emphasis (`_` followed by `[[:alnum:]]`), so that whatever it
    opens is left as text (every underscore that could close one is escaped)."""

    def word(char: str) -> bool:
        return char.isalpha() or char.isdecimal()

    return 0 < at < len(line) - 1 and word(line[at - 1]) and word(line[at + 1])


def outside_text(text: str) -> str:
    """Text from arXiv or another source, shown literally on the page."""
    return liquid_literal(markdown_literal(text))


def heading_text(text: str) -> str:
    """Outside text as a `####` heading: the escaping of `markdown_literal` covers a heading's own markup
    (its closing `#`s and `{#id}`) as well."""
    return outside_text(text)


def note_text(text: str, outside: bool = True) -> str:
    """A note as markdown on one line, with Liquid made harmless: from a curated paper list (`outside`), with
    nothing that would reach the page as HTML (`note_markdown`); the instructor's own (the paper store's
    `notes`, `outside=False`) as written.

    A fenced math block (GitHub's ```` ```math ````) becomes `$$...$$`, the math kramdown knows.
    """
    line = one_line(_MATH_FENCE.sub(r"$$ \1 $$", text))
    return liquid_literal(note_markdown(line) if outside else line)


# A link target kramdown may make an href: http or https only (after the blanks and `<` it allows).
_WEB_TARGET = re.compile(r"\s*+<?\s*+https?://", re.IGNORECASE)  # possessive: linear on long blanks
# kramdown's autolink (autolink.rb), kept for http(s) addresses only and without quotes, backticks or `$`.
_WEB_AUTOLINK = re.compile(r"<https?://[^\s<>\"'`$]+>", re.IGNORECASE)
# A link's http(s) address that surely ends at the first `)`, as kramdown reads it (link.rb): no blank,
# parenthesis, quote, backslash, backtick or `$` in it, so no code span or math can start inside it.
_PLAIN_WEB_TARGET = re.compile(
    r"\s*(?:https?://[^\s()<>\"'`$\\]*|<https?://[^\s()<>\"'`$\\]*>)\s*\)", re.IGNORECASE
)
# A link, footnote or abbreviation definition at the start of the note (link.rb, footnote.rb,
# abbreviation.rb), which kramdown would apply to the whole post.
_DEFINITION_START = re.compile(r"\*?\[[^\]]*\]:")
# What `note_markdown` looks at: an escaped character, a code span or math opening, `<` (HTML, kramdown's
# extensions `{::nomarkdown}`, an autolink), an attribute list `{:` (extensions.rb) and a link's `](`.
_NOTE_MARKUP = re.compile(r"\\[\\<\[\]{`$]|`+|\$\$|<|\{:|\]\(")
# What a code span or math would let through if kramdown did not read it as code or math after all.
_SEGMENT_DANGER = re.compile(r"<(?![\s\d=])|\{:|\](?=\()")


def note_markdown(line: str) -> str:
    """One line of markdown (a note from a paper list) made safe to show: its markdown works, except that

    - raw HTML, kramdown's extensions (`{::nomarkdown}`) and attribute lists (`{: onclick=...}`) show as text
      (their `<` or `{` written as an entity);
    - a link or image whose target is not http(s) (`javascript:`, `data:`, `vbscript:`, relative) shows as
      the text it was written as (its `](` as `&#93;(`), an autolink only when it is http(s);
    - a definition at its start (`[x]: url`, `[^x]:`, `*[X]:`) shows as text and defines nothing.

    Code spans and `$$` math are left as written (kramdown escapes them; a `<` in math is written `\\lt`,
    which MathJax reads as `<`). Only a link's address before one could make kramdown read its backticks or
    `$$` otherwise: should a code span or math after a link with an address other than plain (quotes, blanks,
    parentheses) hold what would be markup outside code, the whole
    line is made safe without regard to code (showing an entity inside that code).
    """
    safe, uncertain = _note_markdown(line, keep_segments=True)
    if any(_SEGMENT_DANGER.search(segment) for segment in uncertain):
        safe, _ = _note_markdown(line, keep_segments=False)
    return safe


def _note_markdown(line: str, *, keep_segments: bool) -> tuple[str, list[str]]:
    out: list[str] = []
    uncertain: list[str] = []  # code and math after a link, whose address might hold their opening
    linked = False
    position = 0
    if _DEFINITION_START.match(line):
        bracket = line.index("[")
        out.append(line[:bracket] + "&#91;")
        position = bracket + 1
    while found := _NOTE_MARKUP.search(line, position):
        out.append(line[position : found.start()])
        markup, end = found.group(), found.end()
        if markup[0] in "`$":
            close = _segment_end(line, found) if keep_segments else None
            if close is not None:
                segment = line[found.start() : close]
                if markup == "$$":  # MathJax's own `\lt` for a `<`, which HTML would read as a tag's start
                    segment = segment.replace("<", "\\lt ")
                if linked:
                    uncertain.append(segment[len(markup) : -len(markup)])
                markup, end = segment, close
        elif markup == "<":
            autolink = _WEB_AUTOLINK.match(line, found.start())
            markup, end = (autolink.group(), autolink.end()) if autolink else ("&lt;", end)
        elif markup == "{:":
            markup = "&#123;:"
        elif markup == "](" and (plain := _PLAIN_WEB_TARGET.match(line, end)):
            markup, end = markup + plain.group(), plain.end()
        elif markup == "](":
            web = bool(_WEB_TARGET.match(line, end))
            markup, linked = (markup if web else "&#93;("), linked or web
        elif markup.startswith("\\") and not keep_segments:
            markup, end = "\\", found.start() + 1
        out.append(markup)
        position = end
    out.append(line[position:])
    return "".join(out), uncertain


def _segment_end(line: str, opening: re.Match[str]) -> int | None:
    """Where the code span or math opened by `opening` ends, as kramdown finds it (codespan.rb: the same
    run of backticks next, a lone backtick between blanks being text; math.rb: the next `$$`)."""
    run, start, end = opening.group(), opening.start(), opening.end()
    if run == "`" and start > 0 and line[start - 1].isspace() and end < len(line) and line[end].isspace():
        return None
    close = line.find(run, end)
    return None if close < 0 else close + len(run)


def link_line(url: str) -> str:
    """`[url](url)` with the characters that would end the link percent-encoded; an address that is not
    http(s) (`javascript:`, `data:`) is shown as text and made no link."""
    shown = markdown_literal(url.strip())
    if not re.match(r"https?://", url.strip(), re.IGNORECASE):
        return liquid_literal(shown)
    target = url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return liquid_literal(f"[{shown}]({target})")


def submitted_line(paper: Paper) -> str | None:
    """arXiv's own submission line, e.g.

    `[Submitted on 17 Sep 2024 (v1), last revised 22 Oct 2024 (this version, v2)]`
    """
    if paper.published is None:
        return None
    first = _day(paper.published)
    if paper.updated is None or not paper.version or paper.version < 2:
        return f"[Submitted on {first}]"
    return f"[Submitted on {first} (v1), last revised {_day(paper.updated)} (this version, v{paper.version})]"


def month_year(value: date) -> str:
    """`September 2024`: the first version's month, as lettered reading lists show it."""
    return f"{MONTH_NAMES[value.month - 1]} {value.year}"


def letter(index: int) -> str:
    """The letter of a lettered reading: a, b, ... z, then aa, ab, ... (0-based `index`)."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def _day(value: date) -> str:
    # Not strftime: %b follows the locale, and %-d is not portable.
    return f"{value.day} {MONTH_NAMES[value.month - 1][:3]} {value.year}"


def package_templates() -> Path:
    """The templates that ship with seminar: inside the wheel, or at the top of a source checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def environment(site_root: Path) -> jinja2.Environment:
    """Templates from the site's own `templates/` first, then seminar's: made once per site and set of site
    templates, so a build of many posts compiles each template once, and a template a site adds or removes
    between two runs in one process is seen (Jinja's own reload check only watches the file it loaded)."""
    folder = site_root / "templates"
    try:
        present = tuple(sorted((entry.name, entry.stat().st_mtime_ns) for entry in os.scandir(folder)))
    except OSError:
        present = ()
    return _environment(site_root, present)


@functools.lru_cache(maxsize=4)
def _environment(site_root: Path, present: tuple[tuple[str, int], ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([site_root / "templates", package_templates()]),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters.update(
        literal=outside_text,
        heading=heading_text,
        note=note_text,
        link=link_line,
        submitted=submitted_line,
        month_year=month_year,
        letter=letter,
    )
    return env


def render(env: jinja2.Environment, name: str, **context: object) -> str:
    """Render a template; a broken site template is reported with its file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as failure:
        raise SeminarError(
            error(f"template {failure.name} not found in the site's templates/ or seminar's")
        ) from None
    except jinja2.TemplateSyntaxError as failure:
        where = Path(failure.filename) if failure.filename else Path(name)
        raise SeminarError(error(f"template error: {failure.message}", where, failure.lineno)) from None
    except jinja2.UndefinedError as failure:
        raise SeminarError(error(f"template error: {failure.message}", Path(name))) from None
