"""Deciding which arXiv paper a title names, from the candidates a title search returned: never a guess.

A clear match is one paper whose title equals the one asked once both are normalized (case, accents,
punctuation, no-break spaces and full-width characters folded, `&` read as "and"; `++` kept): the one title
matcher, `model.titles.normalize_title`, which the paper store's lookup uses too. Several papers with that
title make it ambiguous. A title that is a candidate's main title (its subtitle left off), or whose main title
is a candidate's whole title, is a subtitle match; a title only close to a candidate's is a weak match. These
are reported with their candidates, for the person to settle with `seminar resolve TITLE --pick ID`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from difflib import SequenceMatcher

from seminar.model.papers import Paper
from seminar.model.titles import main_title, normalize_title

WEAK_SIMILARITY = 0.8  # below this a candidate is not worth mentioning
SHOWN_CANDIDATES = 3


class Match(enum.Enum):
    CLEAR = "clear"
    AMBIGUOUS = "ambiguous"
    SUBTITLE = "subtitle"  # the same title but for a subtitle, one way or the other
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
        if self.match is Match.SUBTITLE:
            return f"no paper on arXiv has exactly this title; {self._subtitle_relation()}: {shown}; {settle}"
        if self.match is Match.WEAK:
            return f"no paper on arXiv has exactly this title; closest: {shown}; {settle}"
        return "no paper with this title found on arXiv"

    def _subtitle_relation(self) -> str:
        """How the title asked and the candidates' differ: which one lacks the subtitle."""
        wanted = normalize_title(self.title)
        shorter = {main_title(paper.title) == wanted for paper in self.candidates}
        if shorter == {True}:
            return "it is the main title, without the subtitle, of"
        if shorter == {False}:
            return "without its subtitle it is the title of"
        return "but for a subtitle it is the title of"


def match_title(title: str, candidates: list[Paper]) -> Resolution:
    """Which candidate, if any, `title` names: never a guess, so only an exact title is a clear match.

    A main title alone ("Representation Alignment for Generation" for "Representation Alignment for
    Generation: Training Diffusion Transformers Is Easier Than You Think") is offered as a candidate, not
    taken: another paper may share that main title with a different subtitle.
    """
    wanted = normalize_title(title)
    by_id = {paper.arxiv_id: paper for paper in candidates}
    exact = [paper for paper in by_id.values() if normalize_title(paper.title) == wanted]
    if len(exact) == 1:
        return Resolution(title, Match.CLEAR, (exact[0],))
    if exact:
        return Resolution(title, Match.AMBIGUOUS, tuple(exact[:SHOWN_CANDIDATES]))
    short = main_title(title)
    subtitled = [
        paper
        for paper in by_id.values()
        if main_title(paper.title) == wanted or (short is not None and normalize_title(paper.title) == short)
    ]
    if subtitled:
        return Resolution(title, Match.SUBTITLE, tuple(subtitled[:SHOWN_CANDIDATES]))
    scored = sorted(
        (
            (SequenceMatcher(None, wanted, normalize_title(paper.title)).ratio(), paper)
            for paper in by_id.values()
        ),
        key=lambda pair: -pair[0],
    )
    close = tuple(paper for score, paper in scored if score >= WEAK_SIMILARITY)[:SHOWN_CANDIDATES]
    return Resolution(title, Match.WEAK if close else Match.NONE, close)
