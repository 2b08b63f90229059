"""Outside text shows literally under the real kramdown, with Jekyll's own options: kramdown as oracle.

Texts that start with (and hold) every block starter kramdown's GFM parser knows, mixed with words and
punctuation, are written through the real reading template (`render_reading`) and converted the way
Jekyll 4.3.1 converts a post: Liquid, then `Jekyll::Converters::Markdown::KramdownParser` built from
`Jekyll::Configuration` DEFAULTS (`kramdown: input: GFM, hard_wrap: false, auto_ids: true,
entity_output: as_char, smart_quotes: lsquo,rsquo,ldquo,rdquo, ...`, with the kramdown-parser-gfm gem Debian
ships with jekyll). The HTML's text must equal the input text, typography aside (kramdown's smart quotes
and `--`, `---`, `...`, `<<`, `>>` symbols), and the reading must stay one heading and its list items.

One Ruby process converts every batch: it reads one JSON array of documents a line and answers one JSON
array of HTML a line. Each document ends with the definitions an author may write below the reading list
(link, footnote and abbreviation definitions), so that outside text neither defines nor uses them.
"""

from __future__ import annotations

import json
import string
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Site
from seminar.model.papers import Paper
from seminar.model.profile import READING_STYLES, ReadingStyle, SiteProfile
from seminar.render.post import render_reading
from seminar.sources.config import SiteConfig

# Jekyll's own converter with Jekyll's own defaults (jekyll-4.3.1/lib/jekyll/configuration.rb DEFAULTS and
# converters/markdown/kramdown_parser.rb), Liquid first as Jekyll renders a post (strict, as
# `seminar check --build` builds).
ORACLE = r"""
config = Jekyll::Configuration.from({})
converter = Jekyll::Converters::Markdown::KramdownParser.new(config)
STDOUT.sync = true
STDOUT.puts JSON.generate("kramdown" => config["kramdown"], "kramdown_version" => Kramdown::VERSION,
                          "gfm_version" => Kramdown::Parser::GFM::VERSION)
STDIN.each_line do |line|
  answers = JSON.parse(line).map do |document|
    begin
      text = Liquid::Template.parse(document, error_mode: :strict)
                             .render!({}, strict_variables: true, strict_filters: true)
      converter.convert(text)
    rescue StandardError => e
      "ORACLE ERROR: #{e.class}: #{e.message}"
    end
  end
  STDOUT.puts JSON.generate(answers)
end
"""

# Below the reading list, what an author may write: definitions that outside text must not use.
DEFINITIONS = """
[x]: https://example.org/x
[1]: https://example.org/1
[abridged]: https://example.org/abridged
[html]: https://example.org/html
[^x]: A footnote.
[^1]: A footnote.
*[HTML]: Hyper Text Markup Language
"""

# Every block starter kramdown's parsers know at a line start (kramdown/parser/kramdown/*.rb, gfm.rb).
BLOCK_STARTERS = [
    # definitions of every kind: link.rb, footnote.rb, abbreviation.rb, list.rb (definition lists)
    "[Abridged]: We present",
    "[x]: https://example.org/y",
    "[x]: <https://example.org/y> 'title'",
    "[1]:",
    "[^x]: note",
    "[^1]:",
    "*[HTML]: Hyper",
    "*[x]:",
    ": ",
    ":",
    ": definition",
    # attribute lists, ALDs and extensions: extensions.rb, list.rb LIST_ITEM_IAL
    "{: .cls}",
    "{:#id}",
    "{: #id .cls key='v'}",
    "{:x: .cls}",
    "{:ref}",
    "{::comment}",
    "{::comment}hidden{:/comment}",
    "{::comment}\nhidden\n{:/comment}",
    "{::nomarkdown}<b>raw</b>{:/}",
    '{::options parse_block_html="true" /}',
    "{:/}",
    # HTML blocks and autolinks: html.rb, autolink.rb
    "<div>",
    "<div>x</div>",
    "<!-- c -->",
    "</p>",
    "<b>b</b>",
    "<https://example.org>",
    "<script>alert(1)</script>",
    # tables: table.rb
    "|",
    "| a | b |",
    "|---|---|",
    "a | b",
    # rules: horizontal_rule.rb
    "***",
    "---",
    "___",
    "* * *",
    "- - -",
    "_ _ _",
    # math: math.rb
    "$$",
    "$$x$$",
    "$$ E = mc^2 $$",
    "\\$$x$$",
    # fenced and indented code: codeblock.rb, gfm.rb
    "~~~",
    "~~~ruby",
    "```",
    "```ruby",
    "    indented code",
    "\tcode",
    # lists: list.rb, gfm.rb task lists
    "+ ",
    "- ",
    "* ",
    "+",
    "-",
    "1. ",
    "1984. ",
    "1.",
    "[ ] ",
    "[x] ",
    "[X] task",
    # headings: header.rb, gfm.rb
    "#",
    "# ",
    "###### h",
    "#hashtag",
    "C# #",
    "=",
    "===",
    "--",
    "Title {#id}",
    # block quotes: blockquote.rb
    ">",
    "> ",
    ">> quote",
    # end-of-block markers: eob.rb
    "^",
    "^ ",
]

# Inline markup, and what Liquid runs: all of it must show as typed too.
INLINE = [
    "*a*",
    "**b**",
    "_a_",
    "__b__",
    "a_b_",
    "1_x_²",
    "snake_case",
    "`c`",
    "``c``",
    "[l](https://example.org)",
    "[r][x]",
    "[x]",
    "[1]",
    "[x][]",
    "[^x]",
    "![i](https://example.org/i.png)",
    "~~s~~",
    "~",
    "\\",
    "\\*",
    "\\~",
    "\\[",
    "\\#",
    "\\\\",
    "&lt;",
    "&amp;",
    "&#94;",
    "&#x41;",
    "&copy;",
    "&a.b;",
    "--",
    "---",
    "...",
    "<<",
    ">>",
    " >>",
    "<< ",
    '"q"',
    "'s",
    "HTML",
    "{{ x }}",
    "{% raw %}",
    "{%- endraw -%}",
    "{{% raw %}",
    "{#id}",
    "$x$",
    "$|x|$",
    "2 < 3 > 1",
]

ALPHABET = string.ascii_letters + string.digits + string.punctuation + "éßΩ中²½’“—…«»"
WORDS = ["We", "present", "a", "survey", "of", "x", "1", "HTML", "Abridged", "C#", "naïve", "α_β", "e.g."]
# What a text is made of: the starters, inline markup, words, and any one character (random punctuation).
PIECES = [*BLOCK_STARTERS, *INLINE, *WORDS, *ALPHABET]
# What joins the pieces: nothing, blanks, or a hard wrap that puts a starter at the start of a line.
SEPARATORS = ["", "", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0"]


def decoded(code: bytes) -> str:
    """A text from bytes: the first byte picks what it starts with (a block starter, or any piece), each
    pair after it a separator and a piece. One draw of bytes per text: hypothesis draws them fast and
    shrinks them well (fewer bytes, smaller ones: shorter texts of the first starters)."""
    first = code[0] % (2 * len(BLOCK_STARTERS))
    text = BLOCK_STARTERS[first] if first < len(BLOCK_STARTERS) else PIECES[code[0] % len(PIECES)]
    for separator, piece in zip(code[1::2], code[2::2], strict=False):
        text += SEPARATORS[separator % len(SEPARATORS)] + PIECES[piece % len(PIECES)]
    return text if text.split() else text + "x"


TEXTS = st.binary(min_size=1, max_size=15).map(decoded)
AUTHORS = st.lists(TEXTS, min_size=1, max_size=2).map(tuple)
STYLES = st.sampled_from(READING_STYLES)
LEVELS = st.sampled_from([3, 4, 6])


@dataclass(frozen=True)
class Case:
    """One reading: its paper, and how the site writes readings."""

    paper: Paper
    style: ReadingStyle
    level: int


@st.composite
def cases(draw: st.DrawFn) -> Case:
    style = draw(STYLES)
    withdrawn = style == "heading" and draw(st.booleans())
    paper = Paper(
        title=draw(TEXTS),
        authors=draw(AUTHORS),
        abstract=draw(TEXTS),
        withdrawn=withdrawn,
        comment=draw(TEXTS) if withdrawn else None,
    )
    return Case(paper, style, draw(LEVELS))


CASES = cases()

# kramdown's typography (typographic_symbol.rb, smart_quotes.rb), mapped back on both sides.
TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---", "…": "...", "«": "<<", "»": ">>"}
)


class Kramdown:
    """The Ruby process that converts documents as Jekyll does, a batch a line."""

    def __init__(self, ruby: str, errors: IO[bytes]) -> None:
        self.process = subprocess.Popen(
            [ruby, "-rjson", "-rkramdown", "-rkramdown-parser-gfm", "-rjekyll", "-e", ORACLE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            encoding="utf-8",
        )
        self.errors = errors
        self.setup = json.loads(self._line())

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.errors.seek(0)
            raise AssertionError(
                "the kramdown oracle stopped: " + self.errors.read().decode(errors="replace")
            )
        return line

    def convert(self, documents: list[str]) -> list[str]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(documents) + "\n")
        self.process.stdin.flush()
        answers: list[str] = json.loads(self._line())
        assert len(answers) == len(documents)
        for document, html in zip(documents, answers, strict=True):
            assert not html.startswith("ORACLE ERROR"), f"{html}\n--- for ---\n{document}"
        return answers

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def kramdown(ruby: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kramdown]:
    errors_path = tmp_path_factory.mktemp("kramdown") / "stderr"
    with errors_path.open("w+b") as errors:
        oracle = Kramdown(ruby, errors)
        try:
            yield oracle
        finally:
            oracle.close()


def plain(text: str) -> str:
    """Text with whitespace folded and kramdown's typographic symbols written back as typed."""
    return " ".join(text.translate(TYPOGRAPHY).split())


def own_text(element: lxml.html.HtmlElement) -> str:
    """An element's text without that of the lists nested in it."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != "ul":
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)


def document(config: SiteConfig, paper: Paper) -> str:
    return render_reading(config, paper, 0) + DEFINITIONS


def expected_shape(case: Case) -> list[tuple[str, str]]:
    """The (tag, text) of what the reading must show, in order: its heading and its list items."""
    paper = case.paper
    authors = ", ".join(paper.authors)
    if case.style == "lettered":
        return [("li", "a. " + paper.title), ("li", authors)]
    shown = [(f"h{case.level}", paper.title)]
    if paper.withdrawn:
        shown.append(("li", f"Withdrawn on arXiv: {paper.comment}"))
    return [*shown, ("li", authors), ("li", paper.abstract or "")]


def check_reading(case: Case, markdown: str, html: str) -> None:
    """The HTML is the reading's heading and list items, each showing its text as typed, and nothing else."""
    where = f"\n--- markdown ---\n{markdown}\n--- html ---\n{html}"
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    tags = {element.tag for element in root.iter()} - {"div"}
    assert tags <= {"h3", "h4", "h6", "ul", "li", "abbr"}, where  # no link, code, em, table, footnote, ...
    assert not root.xpath("//ul[@class] | //li[@class] | //input"), where  # no task list
    if case.style == "lettered":
        assert [child.tag for child in root] == ["ul"], where
        (item,) = root[0]
        nested = item.findall("ul")
        assert len(nested) == 1 and len(nested[0]) == 1, where
        shown = [("li", own_text(item)), ("li", nested[0][0].text_content())]
    else:
        assert [child.tag for child in root] == [f"h{case.level}", "ul"], where
        shown = [(root[0].tag, root[0].text_content())] + [("li", item.text_content()) for item in root[1]]
    expected = [(tag, plain(text)) for tag, text in expected_shape(case)]
    assert [(tag, plain(text)) for tag, text in shown] == expected, where


def config_for(root: Path, case: Case) -> SiteConfig:
    return SiteConfig(root=root, profile=SiteProfile(reading_level=case.level, reading_style=case.style))


def check_batch(kramdown: Kramdown, root: Path, batch: list[Case]) -> None:
    markdown = [document(config_for(root, case), case.paper) for case in batch]
    for case, text, html in zip(batch, markdown, kramdown.convert(markdown), strict=True):
        check_reading(case, text, html)


def test_the_oracle_is_jekylls_kramdown_with_jekylls_options(kramdown: Kramdown) -> None:
    options = kramdown.setup["kramdown"]
    assert options["input"] == "GFM" and options["hard_wrap"] is False and options["auto_ids"] is True
    assert options["entity_output"] == "as_char" and options["smart_quotes"] == "lsquo,rsquo,ldquo,rdquo"
    assert options["syntax_highlighter"] == "rouge" and options["footnote_nr"] == 1
    assert (kramdown.setup["kramdown_version"], kramdown.setup["gfm_version"]) == ("2.4.0", "1.1.0")


def test_every_block_starter_alone_and_leading_a_text_shows_literally(
    kramdown: Kramdown, tmp_path: Path
) -> None:
    texts = [*BLOCK_STARTERS, *INLINE]
    texts += [starter + " We present a survey of ..." for starter in BLOCK_STARTERS]  # the start of a text
    texts += ["We present\n" + starter + " more" for starter in BLOCK_STARTERS]  # the start of a wrapped line
    batch = [
        Case(Paper(title=text, authors=(text,), abstract=text, withdrawn=True, comment=text), "heading", 4)
        for text in texts
        if text.split()
    ]
    batch += [Case(Paper(title=text, authors=(text,)), "lettered", 4) for text in texts if text.split()]
    check_batch(kramdown, tmp_path, batch)


def test_generated_outside_text_shows_literally(kramdown: Kramdown, tmp_path: Path) -> None:
    batches: list[int] = []

    @settings(
        max_examples=300,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(CASES, min_size=8, max_size=12))
    def check(batch: list[Case]) -> None:
        batches.append(len(batch))
        check_batch(kramdown, tmp_path, batch)

    check()
    assert sum(batches) >= 2500, batches  # a few thousand readings, some 15,000 texts
    print(f"kramdown oracle: {sum(batches)} generated readings in {len(batches)} batches")


ABRIDGED = "[Abridged]: We present a survey of [1] methods, then\n[x]: a wrapped line and\n^\nthe end."


def test_an_abridged_abstract_shows_through_the_command_line(kramdown: Kramdown, site: Site) -> None:
    site.add_papers({"2501.00001": {"arxiv_id": "2501.00001", "title": "[CLS] Tokens: [x] {#id}",
                                    "authors": ["[^1]: A. Author"], "abstract": ABRIDGED,
                                    "published": "2025-01-02",
                                    "abs_url": "https://arxiv.org/abs/2501.00001"}})  # fmt: skip
    block = site.run("fetch-abstract", "2501.00001")
    assert block.exit_code == 0, block.output
    made = site.run("new-session", "--week", "S1", "--title", "Surveys", "--date", "2025-01-07",
                    "--required", "2501.00001")  # fmt: skip
    assert made.exit_code == 0, made.output
    (post,) = site.posts.glob("*.md")
    body = post.read_text(encoding="utf-8").split("---\n", 2)[2]

    for markdown in kramdown.convert([block.stdout + DEFINITIONS, body + DEFINITIONS]):
        root = lxml.html.fragment_fromstring(markdown, create_parent="div")
        heading = root.xpath("//h4")
        assert [plain(element.text_content()) for element in heading] == ["[CLS] Tokens: [x] {#id}"]
        items = [plain(item.text_content()) for item in heading[0].getnext()]
        assert items == [
            "[Submitted on 2 Jan 2025]",
            "[^1]: A. Author",
            plain(ABRIDGED),
            "https://arxiv.org/abs/2501.00001",
        ], markdown
        assert not root.xpath("//div[@class='footnotes'] | //input | //hr | //blockquote | //pre")
