"""Deciding which arXiv paper a title names, from the candidates a title search returned: never a guess.

A clear match is one paper whose title equals the one asked once both are normalized (case, accents,
punctuation, no-break spaces and full-width characters folded; `++` kept). Several papers with that title make
it ambiguous; a title only close to a candidate's is a weak match. Both are reported with their candidates,
for the person to settle with `seminar resolve TITLE --pick ID`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from difflib import SequenceMatcher

from seminar.model.papers import Paper
from seminar.model.titles import normalize_title

WEAK_SIMILARITY = 0.8  # below this a candidate is not worth mentioning
SHOWN_CANDIDATES = 3


class Match(enum.Enum):
    CLEAR = "clear"
    AMBIGUOUS = "ambiguous"
    WEAK = "weak"
    NONE = "none"


@dataclass(frozen=True)
class Resolution:
    title: str
    match: Match
    candidates: tuple[Paper, ...] = ()  # the paper for a clear match; the closest ones otherwise

    @property
    def paper(self) -> Paper | None:
        return self.candidates[0] if self.match is Match.CLEAR else None

    def problem(self) -> str:
        """What was found and how to settle it, for a line that names the title first."""
        shown = "; ".join(f"{paper.arxiv_id} {paper.title!r}" for paper in self.candidates)
        settle = f'settle it with: seminar resolve "{self.title}" --pick ID'
        if self.match is Match.AMBIGUOUS:
            return f"several papers on arXiv have this title: {shown}; {settle}"
        if self.match is Match.WEAK:
            return f"no paper on arXiv has exactly this title; closest: {shown}; {settle}"
        return "no paper with this title found on arXiv"


def match_title(title: str, candidates: list[Paper]) -> Resolution:
    """Which candidate, if any, `title` names."""
    wanted = normalize_title(title)
    by_id = {paper.arxiv_id: paper for paper in candidates}
    exact = [paper for paper in by_id.values() if normalize_title(paper.title) == wanted]
    if len(exact) == 1:
        return Resolution(title, Match.CLEAR, (exact[0],))
    if exact:
        return Resolution(title, Match.AMBIGUOUS, tuple(exact[:SHOWN_CANDIDATES]))
    scored = sorted(
        (
            (SequenceMatcher(None, wanted, normalize_title(paper.title)).ratio(), paper)
            for paper in by_id.values()
        ),
        key=lambda pair: -pair[0],
    )
    close = tuple(paper for score, paper in scored if score >= WEAK_SIMILARITY)[:SHOWN_CANDIDATES]
    return Resolution(title, Match.WEAK if close else Match.NONE, close)
