"""The part of a post seminar generates, between marker comments that record what was generated.

A post is the instructor's file: seminar regenerates only the reading list between
`<!-- seminar:readings start ... -->` and `<!-- seminar:readings end -->`. The start marker records a hash of
the region as written and one short hash per front-matter key, so that the next build can tell a person's
edit (kept, or reported as a conflict) from seminar's own earlier output (replaced).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

END = "<!-- seminar:readings end -->"
_KEY_HASH = 4  # hex digits per front-matter key: enough to notice an edit, short enough to read past
START_LINE = re.compile(
    r"^<!-- seminar:readings start (?P<region>[0-9a-f]{16})(?: (?P<keys>[0-9a-f]+))? -->[ \t]*\r?\n",
    re.MULTILINE,
)
END_LINE = re.compile(r"^<!-- seminar:readings end -->[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


@dataclass(frozen=True)
class Record:
    """What seminar generated last time: the region's hash and each front-matter key's."""

    region: str
    keys: str  # the front-matter keys' hashes, in the order the values were given

    def key_hashes(self, names: Sequence[str]) -> Mapping[str, str] | None:
        """Each key's hash; None when the marker does not hold one hash per key (cut, or older)."""
        if len(self.keys) != _KEY_HASH * len(names):
            return None
        return {name: self.keys[i * _KEY_HASH : (i + 1) * _KEY_HASH] for i, name in enumerate(names)}


def digest(text: str, length: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def value_hash(value: object) -> str:
    """A front-matter value's hash, the same for equal values however they were quoted."""
    return digest(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False), _KEY_HASH)


def start_marker(region: str, values: Mapping[str, object]) -> str:
    keys = "".join(value_hash(value) for value in values.values())
    return f"<!-- seminar:readings start {digest(region)} {keys} -->\n"


def wrap(region: str, values: Mapping[str, object], newline: str = "\n") -> str:
    """The region (LF line endings) between its markers, the start recording what was generated; its lines
    ending in `newline` (a post saved with CRLF line endings keeps them)."""
    return f"{start_marker(region, values)}{region}{END}\n".replace("\n", newline)
