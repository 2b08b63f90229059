"""BibTeX entries for readings, with the eprint fields arXiv asks citers to use, written so that `bibtex` and
LaTeX read them as meant whatever the metadata holds.

Sources of the rules below:
- BibTeX's grammar and name format: Oren Patashnik, "BibTeXing" (btxdoc, 1988), section 4, and Nicolas
  Markey, "Tame the BeaST" (ttb_en, 2009), sections 11 ("names") and 12 ("special characters"); where they are
  silent, `bibtex.web` itself (`von_token_found`, `von_name_ends_and_last_name_starts_stuff`).
- LaTeX's special characters and the text commands that print them: Lamport, "LaTeX: A Document Preparation
  System", 2nd ed., section 3.2.1; which of them the default OT1 fonts have: `ot1enc.def` and `omsenc.def`.
- The `url` and `doi` fields as verbatim fields: biblatex's data model (`url`, `doi`, `eprint` are `verbatim`)
  and url.sty, whose `\\url` reads its argument verbatim; URIs' characters: RFC 3986 (section 2) and RFC 3987
  (section 3.1, from an IRI to a URI).

The citation key depends on the paper alone (`citation_key`), never on what else is exported: `\\cite{...}`
in a paper written last term still means the same reading after sessions are added.
"""

# ruff: noqa: RUF001
# (the tables below name look-alike characters, dashes, quotes and math signs, on purpose)

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from text_unidecode import unidecode  # type: ignore[import-untyped]  # python-slugify's own dependency

from seminar.model.arxiv_ids import parse_arxiv_id
from seminar.model.papers import Paper


def bibtex(papers: Iterable[Paper]) -> str:
    """One @misc entry per paper, keyed by `citation_key`; a paper given twice is written once."""
    entries: dict[str, str] = {}
    for paper in papers:
        key = citation_key(paper)
        if key not in entries:
            entries[key] = _entry(key, paper)
    return "\n".join(entries.values())


# Keys


def citation_key(paper: Paper) -> str:
    """The paper's BibTeX key, which depends on the paper alone.

    - An arXiv paper: `arxiv` and its base id, `arxiv2409.11402`, `arxivhep-th/9901001` (the id as arXiv
      writes it, so a key is found from the id and back; no version, so v2 keeps v1's key).
    - A reading without an arXiv id: the first word of four letters or more of its folded title (`title`
      when there is none), a hyphen and ten hex digits of the SHA-256 of that folded title:
      `introducing-3fa2c1d9ab`. Folding is NFKD, combining marks dropped, case folded, words (letters and
      digits) joined by one space: the same title typed with other spaces, case, punctuation or accents
      gives the same key. It is done here, not by the store's `normalize_title`, so that no change to how the
      store matches titles ever changes a key.

    Both are valid keys for BibTeX and LaTeX: ASCII letters, digits and `.-/` only (no space, comma, brace,
    `%`, `#`, `~` or quote), and the two kinds cannot meet (an arXiv key has a `.` or a `/`, a title key
    none).
    """
    found = parse_arxiv_id(paper.arxiv_id) if paper.arxiv_id else None
    if found is not None:
        return "arxiv" + found.base
    folded = _fold_title(paper.title)
    words = re.findall(r"[a-z0-9]+", folded)
    word = next((word for word in words if len(word) >= 4), "title")[:24]
    return f"{word}-{hashlib.sha256(folded.encode()).hexdigest()[:10]}"


def _fold_title(title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", title)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"[^\W_]+", bare.casefold()))


# Entries


def _entry(key: str, paper: Paper) -> str:
    found = parse_arxiv_id(paper.arxiv_id) if paper.arxiv_id else None
    title = tex_escape(paper.title)
    authors = [name for name in map(bibtex_name, paper.authors) if name]
    fields = {
        # The title's own capitals kept: the inner braces stop styles that lower-case titles (plain.bst's
        # `"t" change.case$`) from turning `NVLM` into `Nvlm` (btxdoc, section 4, "title").
        "title": "{" + title + "}" if title else None,
        "author": " and ".join(authors) or None,
        # Without authors, the field styles sort and label by instead (btxdoc, 4, "key"): plain.bst warns
        # "to sort, need author or key" without it.
        "key": _label(title) if title and not authors else None,
        "year": str(paper.published.year) if paper.published else None,
        "eprint": found.base if found else None,
        "archivePrefix": "arXiv" if found else None,
        "primaryClass": tex_escape(paper.primary_category or "") if found else None,
        "doi": _verbatim(paper.doi or ""),
        "url": _verbatim(paper.link or ""),
        "note": tex_escape(paper.comment) if paper.withdrawn and paper.comment else None,
    }
    lines = [f"  {name} = {{{value}}}," for name, value in fields.items() if value]
    return "@misc{" + key + ",\n" + "\n".join(lines) + "\n}\n"


def _verbatim(value: str) -> str:
    """A `url` or `doi` field: left as written for url.sty and biblatex, which read these fields verbatim
    (escaping `_` or `%` there would print the backslash), with the characters no URI may hold percent-encoded
    (RFC 3986 section 2; non-ASCII as its UTF-8 bytes, RFC 3987 section 3.1): braces, backslash, spaces,
    quotes, `<>^`|` and controls. Encoding them leaves the address the same and keeps every brace balanced."""
    out = []
    text = value.strip()
    for index, char in enumerate(text):
        escape = char == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", text[index + 1 : index + 3])
        if escape or (char.isascii() and (char.isalnum() or char in "-._~:/?#[]@!$&'()*+,;=")):
            out.append(char)
        else:
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass")))
    return "".join(out)


# Text


# LaTeX's ten special characters (Lamport, 3.2.1) and the three that OT1 fonts print as other glyphs (`<` `>`
# `|` give `¡` `¿` `—`), each as a command in braces: a BibTeX "special character" (Tame the BeaST, 12), which
# BibTeX counts as one letter, never changes the case of, and abbreviates whole. `\{` would not do: BibTeX
# counts its brace, so a lone `\}` would end the field (the injected-field bug).
_ASCII = {
    "\\": r"{\textbackslash}",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "$": r"{\ensuremath{\$}}",  # TeX Live 2022's `\$` is TS1's dollar, in a font Metafont must make
    "&": r"{\&}",
    "%": r"{\%}",
    "#": r"{\#}",
    "_": r"{\_}",
    "^": r"{\textasciicircum}",
    "~": r"{\textasciitilde}",
    "<": r"{\textless}",
    ">": r"{\textgreater}",
    "|": r"{\textbar}",
}

# Accents as combining marks (what NFD splits off) and the OT1 accent commands that set them (ot1enc.def).
# The ogonek (`\k`) and the horn have no OT1 command: they are dropped (ą as a, ư as u).
_ACCENTS = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0304": "=",
    "\u0306": "u",
    "\u0307": ".",
    "\u0308": '"',
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0323": "d",
    "\u0327": "c",
    "\u0331": "b",
}
_BELOW = {"\u0323", "\u0327", "\u0331"}  # accents below the letter: an i under them keeps its dot

_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξπρστυφχψωςϵϑϕϖϱΓΔΘΛΞΠΣΥΦΨΩ",
        [
            *("alpha", "beta", "gamma", "delta", "varepsilon", "zeta", "eta", "theta", "iota", "kappa"),
            *("lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "varphi", "chi", "psi"),
            *("omega", "varsigma", "epsilon", "vartheta", "phi", "varpi", "varrho", "Gamma", "Delta"),
            *("Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"),
        ],
        strict=True,
    )
)
_MATH = {
    "×": "times", "÷": "div", "±": "pm", "∓": "mp", "≤": "leq", "≥": "geq", "≠": "neq", "≈": "approx",
    "≡": "equiv", "∼": "sim", "≃": "simeq", "≅": "cong", "∝": "propto", "∞": "infty", "∈": "in",
    "∉": "notin", "∋": "ni", "⊂": "subset", "⊃": "supset", "⊆": "subseteq", "⊇": "supseteq", "∪": "cup",
    "∩": "cap", "∅": "emptyset", "∑": "sum", "∏": "prod", "∫": "int", "√": "surd", "∂": "partial",
    "∇": "nabla", "∀": "forall", "∃": "exists", "¬": "neg", "∧": "wedge", "∨": "vee", "→": "rightarrow",
    "←": "leftarrow", "↔": "leftrightarrow", "⇒": "Rightarrow", "⇐": "Leftarrow", "⇔": "Leftrightarrow",
    "↑": "uparrow", "↓": "downarrow", "↦": "mapsto", "∘": "circ", "⊕": "oplus", "⊗": "otimes",
    "⊙": "odot", "∗": "ast", "⋆": "star", "•": "bullet", "·": "cdot", "†": "dagger", "‡": "ddagger",
    "§": "S", "¶": "P", "ℵ": "aleph", "ℏ": "hbar", "−": "-", "′": "prime",
}  # fmt: skip
# Non-ASCII characters with an OT1 glyph or a math symbol from the Computer Modern fonts every TeX has; no TS1
# (textcomp) or T1 symbol, which would make LaTeX generate fonts or stop ("Command \dh unavailable in encoding
# OT1").
_TABLE = {
    "ł": r"{\l}", "Ł": r"{\L}", "ø": r"{\o}", "Ø": r"{\O}", "æ": r"{\ae}", "Æ": r"{\AE}", "œ": r"{\oe}",
    "Œ": r"{\OE}", "ß": r"{\ss}", "ı": r"{\i}", "ȷ": r"{\j}", "å": r"{\aa}", "Å": r"{\AA}",
    "–": "--", "—": "---", "―": "---", "‐": "-", "‑": "-", "‒": "-", "‘": "`", "’": "'", "‚": ",",
    "‛": "`", "“": "``", "”": "''", "„": ",,", "«": "``", "»": "''", "‹": "`", "›": "'", "¡": "!`",
    "¿": "?`", "°": r"{\ensuremath{^\circ}}", "⁄": "/",
    **{char: rf"{{\ensuremath{{\{name}}}}}" for char, name in (_GREEK | _MATH).items() if name != "-"},
    "−": r"{\ensuremath{-}}", "′": r"{\ensuremath{'}}",
}  # fmt: skip
_LETTERS = {
    "ł": r"\l",
    "Ł": r"\L",
    "ø": r"\o",
    "Ø": r"\O",
    "æ": r"\ae",
    "Æ": r"\AE",
    "œ": r"\oe",
    "Œ": r"\OE",
}
# Superscript and subscript digits and signs, which NFKC would flatten (x² to x2).
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", "0123456789+-=()ni", strict=True))
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", "0123456789+-=()", strict=True))
_SCRIPTS = re.compile("[" + "".join(_SUPERSCRIPTS) + "]+|[" + "".join(_SUBSCRIPTS) + "]+")


def tex_escape(text: str) -> str:
    """`text` as LaTeX that prints it, in ASCII, for any LaTeX engine and BibTeX (whose `purify$`, sorting and
    first-name abbreviation count bytes, and split a UTF-8 letter).

    - LaTeX's specials `\\ { } $ & % # _ ^ ~` and `< > |` become text commands in braces (`{\\&}`); math in a
      title (`$O(n)$`) is printed as typed, `$` and all, since no check short of running TeX tells safe math
      from `$\\input{...}$` or an undefined command.
    - Accented Latin letters become accent commands (Daumé as `Daum{\\'e}`, Łukasz as `{\\L}ukasz`), Greek
      letters and common math symbols math commands (`{\\ensuremath{\\alpha}}`), typographic quotes and dashes
      their TeX ligatures; other scripts are transliterated to ASCII (text_unidecode: 王 as `Wang`), and
      what has no transliteration (emoji, private use) is dropped, as are control and format characters.
    - Every run of white space, line breaks included, becomes one space; braces always balance.
    """
    out: list[str] = []
    start = 0
    for match in _SCRIPTS.finditer(text):
        out.append(_plain(text[start : match.start()]))
        run = match.group()
        if run[0] in _SUPERSCRIPTS:
            out.append(r"{\textsuperscript{" + "".join(_SUPERSCRIPTS[char] for char in run) + "}}")
        else:
            out.append(r"{\ensuremath{_{" + "".join(_SUBSCRIPTS[char] for char in run) + "}}}")
        start = match.end()
    out.append(_plain(text[start:]))
    joined = re.sub(r" {2,}", " ", "".join(out)).strip()
    return re.sub(r"([?!])(?=`)", r"\1{}", joined)  # ?` and !` would be the ligatures ¿ and ¡


def _plain(text: str) -> str:
    return "".join(_character(char) for char in unicodedata.normalize("NFKC", text))


def _character(char: str) -> str:
    if " " <= char <= "~":
        return _ASCII.get(char, char)
    if char.isspace() or unicodedata.category(char) in ("Zs", "Zl", "Zp"):
        return " "
    if unicodedata.category(char)[0] in "CM":  # controls, format, surrogates, private use, lone marks
        return ""
    if char in _TABLE:
        return _TABLE[char]
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], list(decomposed[1:])
    if marks and ((base.isascii() and base.isalpha()) or base in _LETTERS):
        return _accented(base, marks)
    if marks:
        return _character(base)
    return "".join(_character(part) for part in unidecode(char).replace("[?]", "") if part.isascii())


def _accented(base: str, marks: list[str]) -> str:
    accents = [_ACCENTS[mark] for mark in marks if mark in _ACCENTS]
    if not accents:
        return _TABLE.get(base, base)
    if base in "ij" and any(mark not in _BELOW for mark in marks if mark in _ACCENTS):
        base = "\\" + base  # dotless, as an accent above it asks (\'\i)
    tex = _LETTERS.get(base, base)
    for accent in accents:
        if accent.isalpha():
            tex = f"\\{accent}{{{tex}}}"
        else:
            tex = f"\\{accent}{tex}" if len(tex) == 1 else f"\\{accent}{{{tex}}}"
    return "{" + tex + "}"


# Names


_SUFFIX = re.compile(r"(?i:jr|sr|jnr|snr)\.?|II|III|IV")
# Lower-case name particles (the von part); only when in lower case, as BibTeX itself decides (btxdoc, 4):
# a capitalised `Van` or `De` may be a given name, and stays with the first names.
_PARTICLES = frozenset(
    {
        *("van", "von", "der", "den", "de", "del", "della", "degli", "dei", "des", "di", "da", "das", "dos"),
        *("do", "du", "la", "le", "les", "ter", "ten", "zu", "zum", "zur", "vom", "bin", "ibn"),
    }
)
# A name of a group, not of a person: written as one braced last name (btxdoc, 4: `{Barnes and Noble, Inc.}`).
_GROUP = re.compile(
    r"\b(?:collaborations?|consortium|team|group|project|initiative|collective|community|alliance|committee"
    r"|organi[sz]ation|institute|university|laborator(?:y|ies)|labs?|foundation|society|association"
    r"|network|corporation|inc|ltd|llc|company|et al)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NameParts:
    """A person's name as BibTeX's four parts (btxdoc, 4), each a tuple of words as typed, not yet LaTeX;
    `group` for the name of a collaboration, which is all last name."""

    first: tuple[str, ...] = ()
    von: tuple[str, ...] = ()
    last: tuple[str, ...] = ()
    jr: tuple[str, ...] = ()
    group: bool = False


def name_parts(name: str) -> NameParts:
    """How a name as arXiv gives it ("Guy L. Steele Jr.", "Hal Daumé III", "Vincent van der Vaart", "ATLAS
    Collaboration") splits into BibTeX's parts.

    - Parenthesised parts are left out (an affiliation, or the name in another script: "Xiaolong Wang
      (王小龙)").
    - A name with a word such as Collaboration, Team, Consortium, Inc is a group's: all of it is the last
      name.
    - "Last, First", "Last, Jr, First" and "First Last, Jr" are read as written.
    - A trailing Jr, Jr., Sr, Sr., II, III or IV after a first and a last name is the Jr part (BibTeX itself
      takes it for the last name).
    - The last word is the last name; before it, the lower-case particles (van, von, der, de, la, du, ...)
      from the first of them on are the von part, and any words after the last particle join the last name
      (`de la Cruz Lopez`), as BibTeX's "First von Last" form reads them (Tame the BeaST, 11).
    """
    text = " ".join(unicodedata.normalize("NFKC", name).split())
    while (stripped := re.sub(r"\s*\([^()]*\)", " ", text).strip()) != text and stripped:
        text = " ".join(stripped.split())
    if not text:
        return NameParts()
    if _GROUP.search(text) or text == "others":
        return NameParts(last=(text,), group=True)
    parts = [part.strip() for part in text.split(",")]
    parts = [part for part in parts if part]
    if len(parts) > 1 and all(_SUFFIX.fullmatch(part) for part in parts[1:]):
        words, jr = parts[0].split(), tuple(parts[1:])
        return (
            _von_last(words[:-1], words[-1:], jr) if len(words) > 1 else NameParts(last=tuple(words), jr=jr)
        )
    if len(parts) == 2:
        return _surname_first(parts[0].split(), (), tuple(parts[1].split()))
    if len(parts) == 3 and _SUFFIX.fullmatch(parts[1]):
        return _surname_first(parts[0].split(), (parts[1],), tuple(parts[2].split()))
    if len(parts) > 1:  # more commas than any form has: one name, kept whole
        return NameParts(last=(text,), group=True)
    words = text.split()
    suffixes: tuple[str, ...] = ()
    while len(words) > 2 and _SUFFIX.fullmatch(words[-1]):
        words, suffixes = words[:-1], (words[-1], *suffixes)
    return _von_last(words[:-1], words[-1:], suffixes)


def _von_last(before: list[str], last: list[str], jr: tuple[str, ...]) -> NameParts:
    particles = [index for index, word in enumerate(before) if word in _PARTICLES]
    if not particles:
        return NameParts(first=tuple(before), last=tuple(last), jr=jr)
    start, end = particles[0], particles[-1] + 1
    return NameParts(tuple(before[:start]), tuple(before[start:end]), tuple(before[end:] + last), jr)


def _surname_first(surname: list[str], jr: tuple[str, ...], first: tuple[str, ...]) -> NameParts:
    """ "von Last" as written before a comma: its leading particles are the von part."""
    if not surname:
        return NameParts(first=first[:-1], last=first[-1:], jr=jr) if first else NameParts()
    if len(surname) > 1 and _SUFFIX.fullmatch(surname[-1]) and not jr:  # "Steele Jr., Guy"
        surname, jr = surname[:-1], (surname[-1],)
    count = 0
    while count < len(surname) - 1 and surname[count] in _PARTICLES:
        count += 1
    return NameParts(first, tuple(surname[:count]), tuple(surname[count:]), jr)


def bibtex_name(name: str) -> str:
    """A name as BibTeX will split it back into `name_parts(name)`: "First von Last" when BibTeX reads that
    form right, else "von Last, First" or "von Last, Jr, First" (btxdoc, 4), with

    - a group's name in braces (`{ATLAS Collaboration}`), which BibTeX never splits;
    - a last name of several words braced when one of them before the last does not start with a capital,
      since BibTeX would take it for a von word (`{al-Farabi}`: BibTeX splits words at hyphens too);
    - either one, when it holds a command, as one BibTeX special character (`_whole`);
    - a word `and` (which would separate two names) and every comma in braces.
    """
    parts = name_parts(name)
    if parts.group:
        return _whole(" ".join(filter(None, map(name_word, parts.last[0].split())))) if parts.last else ""
    first, von, last, jr = (
        [tex for tex in map(name_word, words) if tex]
        for words in (parts.first, parts.von, parts.last, parts.jr)
    )
    if not last:
        first, last = first[:-1], first[-1:]
    if not last:
        return ""
    pieces = [piece for word in last for piece in _bibtex_words(word)]
    braced = (len(pieces) > 1 and not all(map(_capitalised, pieces[:-1]))) or bool(jr and not first)
    if jr and not first:  # "Steele, Jr.": no first name for the "von Last, Jr, First" form; kept as one
        last, jr = [*last, *jr], []
    surname = _whole(" ".join(last)) if braced else " ".join(last)
    von_last = " ".join([*von, surname])
    if jr:
        return f"{von_last}, {' '.join(jr)}, {' '.join(first)}"
    # "First von Last" reads right when every first word starts with a capital (BibTeX would start the von
    # part at a lower-case one) and the last name is one word, or follows a von part (btxdoc, 4; bibtex.web
    # takes the last word, and the words hyphens join to it, for the last name when there is no von part).
    first_pieces = [piece for word in first for piece in _bibtex_words(word)]
    if first and (not all(map(_capitalised, first_pieces)) or (not von and not braced and len(last) > 1)):
        return f"{von_last}, {' '.join(first)}"
    return " ".join([*first, von_last])


def _whole(tex: str) -> str:
    """Words BibTeX must keep as one last name: in braces, and when they hold a command (`{\\"u}`), as a
    special character `{\\relax ...}` (Tame the BeaST, 12): inside plain braces a command is at brace level
    1, where BibTeX's `text.prefix$` (alpha.bst's labels) counts its letters and cuts it (`{M{\\"}}`), while a
    special character counts as one letter and is never cut."""
    return "{\\relax " + tex + "}" if "\\" in tex else "{" + tex + "}"


def name_word(word: str) -> str:
    """One word of a name as LaTeX that BibTeX keeps whole: NFKC-normalized (a name's `²` is a 2), escaped
    (`tex_escape`), without spaces, and with what BibTeX would read as name syntax in braces: commas (which
    separate the parts), the word `and` (which separates names), and hyphens other than one between two
    characters (BibTeX splits names at hyphens, and drops a leading, trailing or repeated one), and what
    `_label` braces."""
    tex = tex_escape(unicodedata.normalize("NFKC", word)).replace(" ", "").replace(",", "{,}")
    tex = _label(re.sub(r"-{2,}|^-|-$", lambda hyphens: "{" + hyphens.group() + "}", tex))
    return "{" + tex + "}" if tex.casefold() == "and" or tex == "others" else tex


def _label(tex: str) -> str:
    """Text that styles put in a citation label (last names; `key` when there are no authors) with `(`, `)`
    and `]` in braces: natbib's styles write `\\bibitem[Author(Year)]{key}` (plainnat.bst, `output.bibitem`),
    where a bare `]` ends the label and natbib's parser takes a bare `(` for the year's start."""
    out, depth = [], 0
    for char in tex:
        if depth == 0 and char in "()]":
            out.append("{" + char + "}")
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        out.append(char)
    return "".join(out)


def _bibtex_words(tex: str) -> list[str]:
    """The words BibTeX sees in a name part: split at spaces, `~` and `-` outside braces (bibtex.web)."""
    words, current, depth = [], "", 0
    for char in tex:
        if depth == 0 and char in " ~-":
            words.append(current)
            current = ""
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        current += char
    return [*words, current]


def _capitalised(tex: str) -> bool:
    """Whether BibTeX (and bibtexparser) surely read this word as upper case: it starts with a capital, or
    with a special character whose letter is one (`{\\'E}mile`); anything else might be read as a von word."""
    return bool(re.match(r"[A-Z]|\{\\[^A-Za-z{}][A-Z]", tex))
