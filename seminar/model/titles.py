"""Title normalization: one key for the many ways a title gets typed, pasted and re-typed.

Everything that compares titles (the paper store's lookup, the choice among arXiv's candidates, the catalog)
compares `normalize_title` forms, so a title found one way is found every way. `main_title` gives the part of
a title before its subtitle, for the candidates a title given without its subtitle (or with one arXiv's lacks)
may name.
"""

from __future__ import annotations

import re
import unicodedata

# Words, or runs of `+` kept as tokens of their own so that "ControlNet++" never matches "ControlNet".
_TOKENS = re.compile(r"[^\W_]+|\++")
# "&" is typed "and" as often as not ("Sense & Sensibility", "Sense and Sensibility"): one word in both.
_AMPERSAND = re.compile(r"&")
# Where a subtitle starts: a colon (a full-width one is `:` after NFKD), a dash set off by spaces
# (`-`, `--`, en and em dashes), or a `?`/`!` followed by more words ("RULER: What's ... Models?" ends
# with one; "Is X All You Need? A Study" goes on after it). A hyphen inside a word ("Long-Context") is not.
# Each alternative starts where a run of blanks starts (`(?<!\s)`), so a long run is not tried at every blank.
_SUBTITLE = re.compile(r"(?:(?<!\s)\s+)?:\s*|(?<!\s)\s+(?:--?|\u2013|\u2014)\s+|(?<=[?!])\s+(?=\w)")


def _folded(title: str) -> str:
    """NFKD, combining marks dropped, case folded: the text `normalize_title` cuts into words."""
    decomposed = unicodedata.normalize("NFKD", title)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def normalize_title(title: str) -> str:
    """Fold case, accents, punctuation, no-break and full-width characters so equal titles compare equal.

    NFKD turns a full-width colon into `:` and a no-break space into a space; the combining marks it splits
    off accented letters are dropped; `&` reads as the word "and"; what is left is compared word by word.
    """
    return " ".join(_TOKENS.findall(_AMPERSAND.sub(" and ", _folded(title))))


def main_title(title: str) -> str | None:
    """The normalized main title, the words before the subtitle; None for a title without a subtitle.

    `Representation Alignment for Generation: Training Diffusion Transformers Is Easier Than You Think`
    gives `representation alignment for generation`. Only the first separator counts ("A: B: C" gives "a").
    """
    parts = _SUBTITLE.split(unicodedata.normalize("NFKD", title).strip(), maxsplit=1)
    if len(parts) < 2 or not normalize_title(parts[1]):
        return None
    main = normalize_title(parts[0])
    return main or None
