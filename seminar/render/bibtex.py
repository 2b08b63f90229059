"""BibTeX entries for readings, with the eprint fields arXiv asks citers to use."""

from __future__ import annotations

import re
from collections.abc import Iterable

from slugify import slugify

from seminar.model.papers import Paper

# Characters BibTeX or LaTeX would take as commands outside math; `$...$` in titles is left as math.
_SPECIAL = re.compile(r"(?<!\\)([&%#])")


def bibtex(papers: Iterable[Paper]) -> str:
    """One @misc entry per paper, keys unique within the output (`dai2024nvlm`, `dai2024nvlm-b`, ...)."""
    entries = []
    used: set[str] = set()
    for paper in papers:
        key = _key(paper)
        unique, suffix = key, ord("b")
        while unique in used:
            unique, suffix = f"{key}-{chr(suffix)}", suffix + 1
        used.add(unique)
        entries.append(_entry(unique, paper))
    return "\n".join(entries)


def _entry(key: str, paper: Paper) -> str:
    fields = {
        "title": "{" + _escape(paper.title) + "}",  # double braces keep the title's capitals
        "author": " and ".join(_escape(name) for name in paper.authors) or None,
        "year": str(paper.published.year) if paper.published else None,
        "eprint": paper.arxiv_id,
        "archivePrefix": "arXiv" if paper.arxiv_id else None,
        "primaryClass": paper.primary_category,
        "doi": paper.doi,
        "url": paper.link,
        "note": _escape(paper.comment) if paper.withdrawn and paper.comment else None,
    }
    lines = [f"  {name} = {{{value}}}," for name, value in fields.items() if value]
    return "@misc{" + key + ",\n" + "\n".join(lines) + "\n}\n"


def _key(paper: Paper) -> str:
    surname = slugify(paper.authors[0].split()[-1], separator="") if paper.authors else ""
    year = str(paper.published.year) if paper.published else ""
    words = [word for word in slugify(paper.title).split("-") if len(word) > 3] or ["paper"]
    return f"{surname or 'anon'}{year}{words[0]}"


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)
