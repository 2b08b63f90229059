"""Title normalization: one key for the many ways a title gets typed, pasted and re-typed."""

from __future__ import annotations

import re
import unicodedata

# Words, or runs of `+` kept as tokens of their own so that "ControlNet++" never matches "ControlNet".
_TOKENS = re.compile(r"[^\W_]+|\++")


def normalize_title(title: str) -> str:
    """Fold case, accents, punctuation, no-break and full-width characters so equal titles compare equal.

    NFKD turns a full-width colon into `:` and a no-break space into a space; the combining marks it splits
    off accented letters are dropped; what is left is compared word by word.
    """
    decomposed = unicodedata.normalize("NFKD", title)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_TOKENS.findall(bare.casefold()))
