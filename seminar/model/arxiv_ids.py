"""arXiv identifiers in every form people paste them, reduced to one base id per paper.

The same paper must land in one store entry whether it was written `2409.11402v2`, `arXiv:2409.11402` or as a
PDF link, so everything is keyed by the base id (no version).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Links may name the abstract page (abs/), the PDF (pdf/) or arXiv's HTML view (html/, e.g.
# https://arxiv.org/html/2402.03300v3, as the 2026-style class sites link them).
# The grammar arXiv itself accepts (it answers "not found", not "malformed", for 0000.0000):
# new style YYMM.NNNN or YYMM.NNNNN; old style archive[.SC]/YYMMNNN (hep-th/9901001, math.GT/0309136).
_NEW_STYLE = r"\d{4}\.\d{4,5}"
_OLD_STYLE = r"[a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?/\d{7}"
_ID_FORMS = re.compile(
    rf"""
    (?:(?i:arxiv):\s*|(?i:https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/))?
    (?P<base>{_NEW_STYLE}|{_OLD_STYLE})
    (?:v(?P<version>[1-9]\d*))?
    (?:(?i:\.pdf))?/?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class ArxivId:
    """A paper's base id and, when one was given, the version asked for."""

    base: str
    version: int | None = None

    def __str__(self) -> str:
        return self.base if self.version is None else f"{self.base}v{self.version}"


def parse_arxiv_id(text: str) -> ArxivId | None:
    """The arXiv id `text` names, or None when it is not an arXiv id in any accepted form."""
    match = _ID_FORMS.fullmatch(text.strip())
    if match is None:
        return None
    version = match.group("version")
    return ArxivId(match.group("base"), int(version) if version else None)


# An id as people mention it in running text: after `arXiv:` or in an abs/pdf/html link.
_MENTIONS = re.compile(
    rf"""(?:(?i:arxiv):\s*|(?i:arxiv\.org/(?:abs|pdf|html)/))(?P<base>{_NEW_STYLE}|{_OLD_STYLE})(?![\d/])""",
)


def find_arxiv_ids(text: str) -> list[str]:
    """Base ids of the papers a text links to or cites as `arXiv:ID`, in order of first mention."""
    return list(dict.fromkeys(match.group("base") for match in _MENTIONS.finditer(text)))


def abs_url(base_id: str) -> str:
    """The abstract page; built from the id because the API's own links have been missing before."""
    return f"https://arxiv.org/abs/{base_id}"


def pdf_url(base_id: str) -> str:
    return f"https://arxiv.org/pdf/{base_id}"
