"""BibTeX as `bibtex` and LaTeX read it (issue 12, kind 3; issue 14's injected field): real `bibtex` and
`pdflatex` (Debian texlive) as the oracle, and bibtexparser 2's name splitting.

Hostile papers — titles and names made of LaTeX's specials, braces, backslashes, letters of many scripts,
controls, suffixes (Jr., III), particles (van der, de la), collaborations and the field-injection string — are
written through the real writer into one .bib. A document citing every entry (`\\nocite{*}` and a `\\cite` of
each key) must then go through pdflatex, bibtex, pdflatex, pdflatex under `-interaction=nonstopmode
-halt-on-error` with exit 0, no BibTeX warning for our entries and no undefined citation; under `plain`-like
styles that abbreviate first names (`abbrv`), build labels from last names (`alpha`), and print URLs
(`plainnat` with url and hyperref). BibTeX's own split of every name (a one-function .bst printing `{ff}`,
`{vv}`, `{ll}`, `{jj}`) and bibtexparser's `SplitNameParts` must give the parts the name was made of.
"""

from __future__ import annotations

import random
import re
import subprocess
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from plans import write_plan

from conftest import Site
from seminar.model.arxiv_ids import parse_arxiv_id
from seminar.model.papers import Paper
from seminar.model.titles import normalize_title
from seminar.render.bibtex import bibtex, bibtex_name, citation_key, name_word, tex_escape

INJECTION = "Real title}}, howpublished = {INJECTED FIELD"

# The writer's rules, as specified (seminar/render/bibtex.py): lower-case particles, suffixes, group words.
PARTICLES = frozenset(
    {
        *("van", "von", "der", "den", "de", "del", "della", "degli", "dei", "des", "di", "da", "das", "dos"),
        *("do", "du", "la", "le", "les", "ter", "ten", "zu", "zum", "zur", "vom", "bin", "ibn"),
    }
)
SUFFIX = re.compile(r"(?i:jr|sr|jnr|snr)\.?|II|III|IV")
GROUP = re.compile(
    r"\b(?:collaborations?|consortium|team|group|project|initiative|collective|community|alliance|committee"
    r"|organi[sz]ation|institute|university|laborator(?:y|ies)|labs?|foundation|society|association"
    r"|network|corporation|inc|ltd|llc|company|et al)\b",
    re.IGNORECASE,
)
KEY = re.compile(r"[A-Za-z0-9./-]+")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# Names, with the parts they are made of


@dataclass(frozen=True)
class Name:
    """A name as arXiv gives it, and its BibTeX parts as LaTeX (the last name of a group: all of it)."""

    text: str
    first: tuple[str, ...] = ()
    von: tuple[str, ...] = ()
    last: tuple[str, ...] = ()
    jr: tuple[str, ...] = ()


def person(first: Sequence[str], von: Sequence[str], last: Sequence[str], jr: Sequence[str] = ()) -> Name:
    text = " ".join([*first, *von, *last, *jr])
    return Name(text, *(tuple(map(name_word, part)) for part in (first, von, last, jr)))


def group(text: str) -> Name:
    return Name(text, last=(" ".join(map(name_word, nfkc(text).split())),))


REAL_NAMES = [
    person(["Guy", "L."], [], ["Steele"], ["Jr."]),
    person(["Hal"], [], ["Daumé"], ["III"]),
    person(["Łukasz"], [], ["Kaiser"]),
    person(["Vincent"], ["van", "der"], ["Vaart"]),
    person(["Ludwig"], ["van"], ["Beethoven"]),
    person(["Maria"], ["de", "la"], ["Cruz", "Lopez"]),
    person(["Jean-Pierre"], [], ["Serre"]),
    person(["Ahmed"], [], ["al-Farabi"]),
    person(["danah"], [], ["boyd"]),
    person(["Émile"], [], ["Zola"]),
    person(["Nguyễn", "Văn"], [], ["Anh"]),
    person(["Xiaolong"], [], ["Wang"]),
    group("ATLAS Collaboration"),
    group("The CMS Collaboration"),
    group("Gemini Team"),
]

LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "éèêëüöäñçøłßæœåÅÉÖÜŁØÆıžščřőűąęșțðþđĳǿỆ"
    "αβΩЖжд王李张김"
)
JUNK = "\\{}$&%#_^~<>|'\"`.-@!?*+=/:;[]0123456789\u200b\u00ad\u0301\x07\x00\ue000\u202e🤗²₁≤—“”’·Ａ"
TOKENS = st.builds(
    lambda before, letter, after: before + letter + after,
    st.text(LETTERS + JUNK, max_size=3),
    st.sampled_from(LETTERS),
    st.text(LETTERS + JUNK, max_size=3),
)


@st.composite
def people(draw: st.DrawFn) -> Name:
    first = draw(st.lists(TOKENS.filter(lambda token: nfkc(token) not in PARTICLES), max_size=3))
    von = draw(st.sampled_from([(), ("van",), ("von",), ("van", "der"), ("de", "la"), ("du",), ("de",)]))
    last = draw(TOKENS.filter(lambda token: not SUFFIX.fullmatch(nfkc(token))))
    jr = draw(st.sampled_from([(), ("Jr.",), ("Jr",), ("Sr.",), ("II",), ("III",), ("IV",)])) if first else ()
    name = person(first, von, [last], jr)
    assume(not GROUP.search(nfkc(name.text)) and nfkc(name.text) != "others")
    return name


GROUPS = st.one_of(
    st.builds(
        lambda token, kind: group(f"{token} {kind}"),
        TOKENS,
        st.sampled_from(["Collaboration", "Consortium", "Team", "Group", "Inc."]),
    ),
    st.just(group("others")),
)
NAMES = st.one_of(people(), people(), GROUPS, st.sampled_from(REAL_NAMES))

# Titles: every character class, and fragments that broke writers before.
FRAGMENTS = [
    INJECTION,
    "Tuning snake_case APIs",
    "@misc{evil,",
    "\n@article{x, title={y}}\n",
    "}",
    "{",
    "\\",
    "\\\\",
    "\\end{document}",
    "\\input{/etc/passwd}",
    "$x^$",
    "$\\alpha$",
    "%",
    "#1",
    "``quoted''",
    "Why?`",
    " and ",
    "{\\'e}",
    "x\x00y",
    "\u202eevil",
    "Daumé Łukasz 王小龙 Привет 🤗",
    "O(n²) ≤ α·x₁ — “ok”",
]
TEXT = st.text(LETTERS + JUNK + " \t\n\r\u00a0\u2028,()", max_size=12)
TITLES = st.builds(
    lambda start, parts: start + "".join(parts),
    st.sampled_from(["A", "Tuning", "Video", "x"]),
    st.lists(st.one_of(TEXT, st.sampled_from(FRAGMENTS)), max_size=5),
)


@dataclass(frozen=True)
class Case:
    paper: Paper
    names: tuple[Name, ...]


ARCHIVES = ["hep-th", "math.GT", "cond-mat", "astro-ph"]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    kind = draw(st.sampled_from(["new", "new", "versioned", "old", "none", "not an id"]))
    yymm = f"{draw(st.integers(7, 30)):02d}{draw(st.integers(1, 12)):02d}"
    number = draw(st.integers(1, 99999))
    arxiv_id = {
        "new": f"{yymm}.{number:05d}",
        "versioned": f"{yymm}.{number:05d}v{draw(st.integers(1, 9))}",
        "old": f"{draw(st.sampled_from(ARCHIVES))}/{yymm}{number % 1000:03d}",
        "none": None,
        "not an id": draw(st.sampled_from(["2409.11402 }", "abc", "{2409.11402}", "arXiv 12"])),
    }[kind]
    names = tuple(draw(st.lists(NAMES, max_size=4)))
    found = parse_arxiv_id(arxiv_id) if arxiv_id else None
    paper = Paper(
        title=draw(TITLES),
        arxiv_id=arxiv_id,
        authors=tuple(name.text for name in names),
        published=draw(st.none() | st.dates(date(1991, 8, 1), date(2030, 12, 31))),
        primary_category=draw(st.sampled_from([None, "cs.CL", "hep-th", "math.CO"])),
        doi=draw(st.none() | st.builds(lambda tail: "10.1000/" + tail, TEXT)),
        abs_url=f"https://arxiv.org/abs/{found.base}" if found else None,
        url=draw(st.none() | st.builds(lambda tail: "https://example.org/" + tail, TEXT)),
        withdrawn=draw(st.booleans()),
        comment=draw(st.none() | TITLES),
    )
    return Case(paper, names)


CASES = cases()


# What the writer must write


def expected_fields(paper: Paper) -> set[str]:
    found = parse_arxiv_id(paper.arxiv_id) if paper.arxiv_id else None
    fields = {"title", "author" if paper.authors else "key"}
    fields |= {"year"} if paper.published else set()
    fields |= {"eprint", "archivePrefix"} if found else set()
    fields |= {"primaryClass"} if found and paper.primary_category else set()
    fields |= {"doi"} if paper.doi else set()
    fields |= {"url"} if (paper.link or "").strip() else set()
    fields |= {"note"} if paper.withdrawn and paper.comment else set()
    return fields


def parsed(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert not library.failed_blocks, [block.raw for block in library.failed_blocks]
    return library


def same_last(got: str, expected: str) -> bool:
    """The last name as written, or braced whole (a last name BibTeX would otherwise split), as a special
    character when it holds a command."""
    return got in (expected, "{" + expected + "}", "{\\relax " + expected + "}")


def check_entries(papers: Sequence[Paper], names: dict[str, tuple[Name, ...]]) -> None:
    """bibtexparser reads back exactly the entries, fields and names written."""
    text = bibtex(papers)
    firsts = {citation_key(paper): paper for paper in reversed(papers)}
    library = parsed(text)
    assert [entry.key for entry in library.entries] == list(dict.fromkeys(map(citation_key, papers)))
    for entry in library.entries:
        paper = firsts[entry.key]
        assert KEY.fullmatch(entry.key), entry.key
        assert entry.entry_type == "misc"
        assert {field.key for field in entry.fields} == expected_fields(paper), entry.raw
        assert entry["title"] == "{" + tex_escape(paper.title) + "}"
        if "url" in entry:
            assert not re.search(r"[{}\\\s\"<>^`|]|[^\x00-\x7f]", entry["url"]), entry["url"]
            assert unquote(entry["url"]) == unquote((paper.link or "").strip())
        written = entry["author"] if paper.authors else []
        assert len(written) == len(names[entry.key]), entry.raw
        for got, name in zip(written, names[entry.key], strict=True):
            assert same_last(" ".join(got.last), " ".join(name.last)), (name, got)
            assert got.jr == list(name.jr), (name, got)
            # "van Gogh" alone: BibTeX reads von "van", bibtexparser first "van"; the words are the same.
            assert got.first + got.von == [*name.first, *name.von], (name, got)


# Without TeX: the writer against bibtexparser 2


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CASES, min_size=1, max_size=5))
def test_bibtexparser_reads_back_every_field_and_name_as_written(batch: list[Case]) -> None:
    names = {}
    for case in reversed(batch):
        names[citation_key(case.paper)] = case.names
    check_entries([case.paper for case in batch], names)


@settings(max_examples=200, deadline=None)
@given(CASES, st.lists(CASES, max_size=4), st.randoms())
def test_a_papers_key_and_entry_depend_on_the_paper_alone(
    case: Case, others: list[Case], rng: random.Random
) -> None:
    """The same paper gets the same key, and the same entry, whatever else is exported and in what order;
    two papers (two base arXiv ids, or two titles without one) get two keys."""
    mixed = [other.paper for other in others if citation_key(other.paper) != citation_key(case.paper)]
    mixed.append(case.paper)
    rng.shuffle(mixed)
    assert bibtex([case.paper]) in bibtex(mixed)  # "@misc{KEY," starts it: the whole entry, unchanged
    for other in others:
        if identity(other.paper) != identity(case.paper):
            assert citation_key(other.paper) != citation_key(case.paper)


def identity(paper: Paper) -> str:
    """Which paper it is: its base arXiv id, else its title folded (NFKD, marks dropped, case folded)."""
    found = parse_arxiv_id(paper.arxiv_id) if paper.arxiv_id else None
    if found:
        return found.base
    bare = "".join(
        char for char in unicodedata.normalize("NFKD", paper.title) if not unicodedata.combining(char)
    )
    return " ".join(re.findall(r"[^\W_]+", bare.casefold()))


def test_same_author_year_and_first_word_get_keys_of_their_own() -> None:
    video = Paper(
        "Video generation with transformers",
        "2401.00001",
        authors=("Xiaolong Wang",),
        published=date(2024, 1, 2),
    )
    videos = Paper(
        "Video understanding at scale", "2403.00002", authors=("Xiaolong Wang",), published=date(2024, 3, 4)
    )
    blog = Paper("Introducing Video Models")
    assert [citation_key(paper) for paper in (video, videos)] == ["arxiv2401.00001", "arxiv2403.00002"]
    assert bibtex([video]) in bibtex([videos, blog, video])
    assert citation_key(replace(video, arxiv_id="2401.00001v3", title="Renamed")) == "arxiv2401.00001"
    assert citation_key(Paper("hep", "hep-th/9901001")) == "arxivhep-th/9901001"
    # a reading without an id: a digest of its folded title, the same however the title is typed
    assert (
        citation_key(blog)
        == citation_key(Paper("introducing  VIDEO   models!"))
        != citation_key(Paper("Introducing Video Model"))
    )
    assert re.fullmatch(r"introducing-[0-9a-f]{10}", citation_key(blog))
    assert re.fullmatch(r"title-[0-9a-f]{10}", citation_key(Paper("王小龙 🤗")))


@pytest.mark.parametrize("name", REAL_NAMES, ids=lambda name: name.text)
def test_real_names_split_as_meant(name: Name) -> None:
    (entry,) = parsed(bibtex([Paper("T", "2401.00001", authors=(name.text,))])).entries
    (got,) = entry["author"]
    assert same_last(" ".join(got.last), " ".join(name.last)) and got.jr == list(name.jr)
    assert got.first + got.von == [*name.first, *name.von]


def test_the_issues_examples_are_written_as_bibtex_reads_them() -> None:
    assert bibtex_name("Guy L. Steele Jr.") == "Steele, Jr., Guy L."
    assert bibtex_name("Hal Daumé III") == r"Daum{\'e}, III, Hal"
    assert bibtex_name("Caprice Stanley") == "Caprice Stanley"  # "First Last" where BibTeX reads it right
    assert bibtex_name("Vincent van der Vaart") == "Vincent van der Vaart"
    assert bibtex_name("Łukasz Kaiser") == r"Kaiser, {\L}ukasz"
    assert bibtex_name("ATLAS Collaboration") == "{ATLAS Collaboration}"
    assert bibtex_name("Xiaolong Wang (王小龙)") == "Xiaolong Wang"
    assert bibtex_name("Tom and Jerry") == "Jerry, Tom {and}"
    assert tex_escape("Tuning snake_case APIs") == r"Tuning snake{\_}case APIs"
    (entry,) = parsed(bibtex([Paper(INJECTION, "2501.00003")])).entries
    assert {field.key for field in entry.fields} == {"title", "key", "eprint", "archivePrefix", "url"}
    assert "howpublished" not in entry


def test_latin_names_decode_back_to_their_letters() -> None:
    names = [
        "Hal Daumé III",
        "Łukasz Kaiser",
        "Søren Kierkegaard",
        "Zoë Ångström",
        "Nguyễn Văn Anh",
        "François Çelik",
        "Dvořák Antonín",
        "Erdős Pál",
    ]
    text = bibtex([Paper("T", "2401.00001", authors=tuple(names))])
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    decoded = library.entries[0]["author"]
    assert all(part in decoded for name in names for part in name.split()), decoded


# With TeX: the oracle

STYLES = {
    "plainnat": r"\usepackage{natbib}\usepackage{url}\usepackage{hyperref}",
    "abbrv": "",
    "alpha": "",
}

# BibTeX's own split of each name: key|index|{ff}|{vv}|{ll}|{jj}|END a line (bibtex.web's format.name$).
DUMP_BST = r"""
ENTRY { author } { } { }
INTEGERS { n i }
STRINGS { s }
FUNCTION {dump}
{ author missing$ { "" } { author } if$ 's :=
  s num.names$ 'n :=
  #1 'i :=
  { i n #1 + < }
  { cite$ "|" * i int.to.str$ * "|" *
    s i "{ff}" format.name$ * "|" *
    s i "{vv}" format.name$ * "|" *
    s i "{ll}" format.name$ * "|" *
    s i "{jj}" format.name$ * "|END" *
    write$ newline$
    i #1 + 'i :=
  }
  while$
}
FUNCTION {misc} { }
FUNCTION {default.type} { }
READ
ITERATE {dump}
"""


def run(command: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=folder, capture_output=True, text=True, errors="replace", timeout=600, check=False
    )


def compile_problems(
    tex: tuple[str, str], folder: Path, text: str, keys: Sequence[str], style: str, no_year: set[str]
) -> list[str]:
    """What went wrong compiling a document that cites every entry of `text` under `style`: [] when
    pdflatex, bibtex, pdflatex, pdflatex all exit 0, BibTeX warns of nothing (but plainnat's "empty year"
    for the entries with none), every citation is defined, and every glyph comes from the Type 1 fonts
    (a bitmap font, such as TS1's for `\\textdollar`, is one Metafont had to make)."""
    pdflatex, bibtex_program = tex
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.bib").write_text(text, encoding="ascii")
    cites = "\n".join(rf"\cite{{{key}}}" for key in keys)
    (folder / "doc.tex").write_text(
        "\\documentclass{article}\n\\tracinglostchars=3\n"  # a glyph the font lacks is an error
        + STYLES[style]
        + "\n\\begin{document}\n\\nocite{*}\n"
        + cites
        + f"\n\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}\n\\end{{document}}\n",
        encoding="ascii",
    )
    latex = [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    problems = []
    for step, command in enumerate([latex, [bibtex_program, "doc"], latex, latex]):
        done = run(command, folder)
        if done.returncode != 0:
            bibtex_log = (folder / "doc.blg").read_text(errors="replace") if step == 1 else ""
            only_years = bibtex_log and all(
                re.fullmatch(r"Warning--empty year in (\S+)", line) and line.split()[-1] in no_year
                for line in bibtex_log.splitlines()
                if line.startswith("Warning--")
            )
            if not (step == 1 and done.returncode == 1 and only_years):
                errors = [line for line in done.stdout.splitlines() if line.startswith("!") or "rror" in line]
                problems.append(f"{style}: step {step} exited {done.returncode}: {errors[:5]}\n{bibtex_log}")
                return problems
    log = (folder / "doc.log").read_text(errors="replace")
    # (the log wraps its lines at 79 characters: the start of the message is matched)
    undefined = r"^(LaTeX|Package natbib) Warning: (Citation |There were undefined)|^Missing character"
    problems += [f"{style}: {line}" for line in log.splitlines() if re.search(undefined, line)]
    bitmaps = re.findall(r"[\w-]+\.\d+pk", "".join(done.stdout.splitlines()))
    return problems + [f"{style}: bitmap fonts {sorted(set(bitmaps))}"] * bool(bitmaps)


def first_failing(
    tex: tuple[str, str], folder: Path, papers: list[Paper], style: str, no_year: set[str]
) -> list[Paper]:
    """A failing entry found by halving the failing set, to show what breaks the compile."""
    for attempt in range(len(papers).bit_length() + 1):
        if len(papers) <= 1:
            break
        half = papers[: len(papers) // 2]
        keys = [citation_key(paper) for paper in half]
        problems = compile_problems(tex, folder / f"{style}-{attempt}", bibtex(half), keys, style, no_year)
        papers = half if problems else papers[len(papers) // 2 :]
    return papers


def bibtex_split(tex: tuple[str, str], folder: Path, text: str) -> dict[str, list[list[str]]]:
    """Every entry's names as BibTeX itself splits them: [ff, vv, ll, jj] each, ties read as spaces."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.bib").write_text(text, encoding="ascii")
    (folder / "dump.bst").write_text(DUMP_BST, encoding="ascii")
    (folder / "dump.aux").write_text("\\citation{*}\n\\bibdata{refs}\n\\bibstyle{dump}\n", encoding="ascii")
    done = run([tex[1], "dump"], folder)
    assert done.returncode == 0, done.stdout
    output = " ".join((folder / "dump.bbl").read_text(encoding="ascii").split())  # BibTeX wraps long lines
    split: dict[str, list[list[str]]] = {}
    for record in filter(None, (record.strip() for record in output.split("|END"))):
        key, _, *parts = record.split("|")
        split.setdefault(key, []).append([" ".join(re.sub(r"(?<!\\)~", " ", part).split()) for part in parts])
    return split


def check_bibtex_split(split: dict[str, list[list[str]]], names: dict[str, tuple[Name, ...]]) -> None:
    for key, made in names.items():
        got = split.get(key, [])
        assert len(got) == len(made), (key, made, got)
        for (first, von, last, jr), name in zip(got, made, strict=True):
            assert same_last(last, " ".join(name.last)), (name, last)
            assert jr == " ".join(name.jr), (name, jr)
            assert " ".join(filter(None, [first, von])) == " ".join([*name.first, *name.von]), (
                name,
                first,
                von,
            )


def test_every_character_prints_in_the_standard_fonts(tex: tuple[str, str], tmp_path: Path) -> None:
    """Every character of Latin-1, Latin Extended-A and B, Greek, Cyrillic, general punctuation, super- and
    subscripts, letter-like symbols, arrows and math operators, in titles and in names, compiles under
    abbrv and alpha with nothing but the Type 1 Computer Modern fonts."""
    blocks = [(0x20, 0x7F), (0xA0, 0x250), (0x370, 0x400), (0x400, 0x460), (0x2000, 0x2070), (0x2070, 0x20A0),
              (0x2100, 0x2150), (0x2190, 0x2200), (0x2200, 0x2300)]  # fmt: skip
    characters = [chr(code) for start, end in blocks for code in range(start, end)]
    chunks = ["".join(characters[index : index + 40]) for index in range(0, len(characters), 40)]
    papers = [
        Paper(f"Sweep {index}: {chunk}", f"2402.{index:05d}", authors=(f"A{chunk[:20]} B{chunk[20:]}",),
              published=date(1991 + index % 40, 1, 1))
        for index, chunk in enumerate(chunks)
    ]  # fmt: skip
    keys = [citation_key(paper) for paper in papers]
    for style in ("abbrv", "alpha"):
        assert compile_problems(tex, tmp_path / style, bibtex(papers), keys, style, set()) == []


def distinctly_labelled(papers: list[Paper]) -> list[Paper]:
    """alpha.bst and natbib's styles tell the entries of one label apart by a..z and write `{` for the 27th,
    their own limit: for them, years are spread so that no more than eleven entries share one, and the titles
    of entries without authors (their `key`, which labels them; plainnat then leaves the year out of the
    label) are numbered. abbrv, which labels by number, has the entries as drawn."""
    return [
        replace(
            paper,
            published=date(1991 + index % 40, 1, 1),
            title=paper.title if paper.authors else f"{paper.title} {index}",
        )
        for index, paper in enumerate(papers)
    ]


def test_a_hostile_term_compiles_under_bibtex_and_pdflatex(tex: tuple[str, str], tmp_path: Path) -> None:
    made: dict[str, Case] = {}
    for index, name in enumerate(REAL_NAMES):
        made[f"arxiv2401.{index:05d}"] = Case(
            Paper(f"Real name {index}", f"2401.{index:05d}", authors=(name.text,)), (name,)
        )
    made["arxiv2501.00003"] = Case(Paper(INJECTION, "2501.00003", published=date(2025, 1, 3)), ())
    seen: set[Case] = set()

    @settings(
        max_examples=300,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(CASES, min_size=2, max_size=6))
    def collect(batch: list[Case]) -> None:
        for case in batch:
            if case in seen:
                continue
            seen.add(case)
            paper = case.paper
            if citation_key(paper) in made:  # the same id or title drawn again: a paper of its own (an id
                # 3101.NNNNN, a month no drawn id has)
                found = parse_arxiv_id(paper.arxiv_id) if paper.arxiv_id else None
                paper = (
                    replace(paper, arxiv_id=f"3101.{len(made):05d}")
                    if found
                    else replace(paper, title=f"{paper.title} {len(made)}")
                )
            made[citation_key(paper)] = Case(paper, case.names)

    collect()
    papers = [case.paper for case in made.values()]
    names = {key: case.names for key, case in made.items()}
    text = bibtex(papers)
    keys = [citation_key(paper) for paper in papers]
    assert len(set(keys)) == len(keys) >= 300
    check_entries(papers, names)
    check_bibtex_split(bibtex_split(tex, tmp_path / "split", text), names)

    no_year = {key for key, case in made.items() if case.paper.published is None}
    for style in STYLES:
        tried = papers if style == "abbrv" else distinctly_labelled(papers)
        tried_keys = [citation_key(paper) for paper in tried]
        problems = compile_problems(tex, tmp_path / style, bibtex(tried), tried_keys, style, no_year)
        if problems:
            culprit = first_failing(tex, tmp_path / "bisect", tried, style, no_year)
            pytest.fail(f"{problems[:5]}\nfirst failing entry:\n{bibtex(culprit)}")
    print(f"bibtex oracle: {len(papers)} generated entries compiled under {', '.join(STYLES)}")


# Through the command line


def arxiv_entry(arxiv_id: str, title: str, authors: list[str], published: str) -> dict[str, object]:
    return {"arxiv_id": arxiv_id, "title": title, "authors": authors, "published": published,
            "primary_category": "cs.CL", "abs_url": f"https://arxiv.org/abs/{arxiv_id}"}  # fmt: skip


BLOG = "A blog post: 100% {hostile} \\ & $"
STORE = {
    "2401.00011": arxiv_entry("2401.00011", "Tuning snake_case APIs", ["Guy L. Steele Jr.", "Hal Daumé III"],
                              "2024-01-05"),
    "2402.00012": arxiv_entry("2402.00012", "Video generation: a survey", ["Xiaolong Wang", "Łukasz Kaiser"],
                              "2024-02-05"),
    "2403.00013": arxiv_entry("2403.00013", INJECTION, ["ATLAS Collaboration", "Vincent van der Vaart"],
                              "2024-03-05"),
    normalize_title(BLOG): {"title": BLOG, "url": "https://example.org/a b/{x}?q=1&r=%zz#frag"},
}  # fmt: skip
# another 2024 paper by the same first author, its title starting with the same word
LATER = {"2405.00014": arxiv_entry("2405.00014", "Video understanding", ["Xiaolong Wang"], "2024-05-05")}


def exported(site: Site) -> str:
    result = site.run("export", "bibtex", "--offline")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_export_bibtex_compiles_and_keeps_its_keys_when_sessions_are_added(
    site: Site, tex: tuple[str, str], tmp_path: Path
) -> None:
    site.add_papers(STORE)
    sessions = [
        {"week": "S1", "title": "Hostile", "required": ["2401.00011", "2402.00012", "2403.00013", BLOG]}
    ]
    write_plan(site, sessions)
    before = exported(site)
    keys = [entry.key for entry in parsed(before).entries]
    assert keys[:3] == ["arxiv2401.00011", "arxiv2402.00012", "arxiv2403.00013"]
    assert re.fullmatch(r"blog-[0-9a-f]{10}", keys[3])
    for style in STYLES:
        assert compile_problems(tex, tmp_path / style, before, keys, style, {keys[3]}) == []

    # A later session with another 2024 paper by the same first author whose title starts with the same word
    # (the old keys `wang2024video` and `wang2024video-b`): every entry is written again as it was.
    site.add_papers(LATER)
    write_plan(site, [*sessions, {"week": "S2", "title": "Later", "required": list(LATER)}])
    after = exported(site)
    assert after.startswith(before) and "@misc{arxiv2405.00014," in after
