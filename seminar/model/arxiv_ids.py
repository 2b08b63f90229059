"""arXiv identifiers in every form people paste them, reduced to one base id per paper.

The same paper must land in one store entry whether it was written `2409.11402v2`, `arXiv:2409.11402` or as a
link to any of the pages arXiv serves it under, so everything is keyed by the base id (no version).

The grammar is declared once, below, and both readers are built from it: `parse_arxiv_id` (a whole string
that is an id) and `find_arxiv_ids` (the ids a running text cites or links to).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The identifier, as arXiv's help page "Understanding the arXiv identifier" defines it
# (https://info.arxiv.org/help/arxiv_identifier.html):
# - new style, since April 2007: YYMM.NNNN, and YYMM.NNNNN since January 2015 (0704.0001, 1501.00001);
# - old style, 1991 to March 2007: archive[.subject_class]/YYMMNNN (hep-th/9901001, math.GT/0309136), the
#   archive in lower case with at most one hyphen, the subject class two capitals;
# - either one followed by vN for version N, from v1.
# Digits are ASCII digits only: `\d` would also take other scripts' digits (٢٤٠٩.١١٤٠٢), which name no paper;
# an id ends where no digit of any script follows (2409.11402٣ is no id).
# Only the grammar is checked, not the calendar, as arXiv does: it answers "not found", not "malformed", for
# 0000.0000.
_NEW_STYLE = r"[0-9]{4}\.[0-9]{4,5}"
_OLD_STYLE = r"[a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?/[0-9]{7}"
_ID = rf"(?P<base>{_NEW_STYLE}|{_OLD_STYLE})(?!\d)(?:v(?P<version>[1-9][0-9]*)(?!\d))?"

# How an id is cited in text (https://info.arxiv.org/help/faq/references.html): `arXiv:ID`, in any case.
# `(?ai:...)`: case folded in ASCII only, so that no look-alike letter (U+0131, dotless i) passes.
_CITED = r"(?ai:arxiv):\s*"

# The pages arXiv serves a paper under, each at /<view>/<id>, old-style ids with their slash (the routes of
# arXiv's own site, github.com/arXiv/arxiv-browse: browse/routes/ui.py, dissemination.py and src.py):
# abs (the abstract page), pdf, html (the HTML view, https://info.arxiv.org/about/accessible_HTML.html),
# format (the other formats), ps, dvi, src and e-print (the source as submitted).
_VIEWS = ("abs", "pdf", "html", "format", "ps", "dvi", "src", "e-print")
# On arxiv.org or any host under it: www., export. (the site for programs, named by the API's manual,
# https://info.arxiv.org/help/api/user-manual.html), browse. (where the HTML view was first served, 2023) and
# the mirrors (lanl., de., ...); after http://, https://, // or no scheme at all; the host in any case. The
# host must start a word: notarxiv.org is no arXiv page.
_URL = rf"(?<![A-Za-z0-9.-])(?ai:(?:(?:https?:)?//)?(?:[a-z0-9-]+\.)*arxiv\.org/(?:{'|'.join(_VIEWS)})/)"
# What may follow the id in a URL: a file extension arXiv drops (/pdf/ID.pdf; .ps, .gz, and .html which it
# redirects from), then a path inside the paper (/html/IDv1/ and /html/IDv1/x1.png; /src/ID/anc/file), a query
# (?context=cs) and a fragment (#S2).
_FILE = r"(?ai:\.(?:pdf|ps\.gz|ps|gz|html))"
_URL_TAIL = r"(?:/[^\s?#]*)?(?:\?[^\s#]*)?(?:#\S*)?"

# A whole string that is an id: bare or cited as `arXiv:ID` (with a file extension or a trailing slash,
# as pasted from a file name or a path), or a URL of one of the pages above.
_WHOLE = re.compile(rf"(?:{_CITED}|(?P<url>{_URL}))?{_ID}{_FILE}?(?(url){_URL_TAIL}|/?)")
# An id as people mention it in running text: after `arXiv:` or in a link to one of the pages above.
_MENTION = re.compile(rf"(?:{_CITED}|{_URL}){_ID}")


@dataclass(frozen=True)
class ArxivId:
    """A paper's base id and, when one was given, the version asked for."""

    base: str
    version: int | None = None

    def __str__(self) -> str:
        return self.base if self.version is None else f"{self.base}v{self.version}"


def parse_arxiv_id(text: str) -> ArxivId | None:
    """The arXiv id `text` names, or None when it is not an arXiv id in any accepted form.

    Accepted: `2409.11402`, `2409.11402v2`, `arXiv:2409.11402`, old-style `hep-th/9901001` and
    `math.GT/0309136`, and a link to any page arXiv serves the paper under (`https://arxiv.org/abs/ID`,
    `arxiv.org/pdf/IDv2.pdf`, `https://arxiv.org/html/IDv1/#S2`, `https://export.arxiv.org/abs/ID?context=cs`,
    ...; see `_VIEWS` and `_URL`).
    """
    match = _WHOLE.fullmatch(text.strip())
    if match is None:
        return None
    version = match.group("version")
    return ArxivId(match.group("base"), int(version) if version else None)


def id_in_other_digits(text: str) -> ArxivId | None:
    """The arXiv id `text` would be if its digits were ASCII, when it is written in another script's digits
    (Arabic-Indic `٢٤٠٩.١١٤٠٢`, fullwidth digits, ...); None for anything else, an id as
    `parse_arxiv_id` reads it included.

    arXiv ids are ASCII, so such a text names no paper; it is worth telling apart from a title, which would be
    searched for on arXiv.
    """
    if text.isascii() or not any(char.isdecimal() and not char.isascii() for char in text):
        return None
    ascii_digits = "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)
    if parse_arxiv_id(text) is not None:
        return None
    return parse_arxiv_id(unicodedata.normalize("NFKC", ascii_digits))


def other_digits_problem(text: str) -> str | None:
    """Why `text` is refused when it is an arXiv id in another script's digits (`id_in_other_digits`), naming
    the id it would be in ASCII; None otherwise."""
    found = id_in_other_digits(text)
    return None if found is None else f"not an arXiv id: arXiv ids are ASCII digits (did you mean {found}?)"


def find_arxiv_ids(text: str) -> list[str]:
    """Base ids of the papers a text links to or cites as `arXiv:ID`, in order of first mention."""
    return list(dict.fromkeys(match.group("base") for match in _MENTION.finditer(text)))


def abs_url(base_id: str) -> str:
    """The abstract page; built from the id because the API's own links have been missing before."""
    return f"https://arxiv.org/abs/{base_id}"


def pdf_url(base_id: str) -> str:
    return f"https://arxiv.org/pdf/{base_id}"
