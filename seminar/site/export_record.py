"""The files seminar exported into the site, recorded so that `seminar publish` commits them too.

`seminar export ics -o FILE` and `export bibtex -o FILE` with FILE inside the site add its path (relative to
the site, POSIX form) to `.seminar/exports.json` (seminar's private folder, which git and Jekyll ignore):
`{"files": ["assets/seminar.ics", "readings.bib"]}`. The record is written only when it changes. A file
outside the site is not the site's, and is not recorded.
"""

from __future__ import annotations

import json
from pathlib import Path

from seminar.core.errors import SeminarError, error
from seminar.core.fileio import PRIVATE_DIR, private_dir, write_atomic
from seminar.sources.config import SiteConfig

RECORD_NAME = "exports.json"


def record_path(config: SiteConfig) -> Path:
    """Where the record of the site's exports is kept."""
    return config.root / PRIVATE_DIR / RECORD_NAME


def exported_files(config: SiteConfig) -> list[Path]:
    """The files seminar exported into the site, as recorded (whether or not they are still there).

    SeminarError naming the record when it cannot be read.
    """
    return [config.root / name for name in _recorded(config)]


def record_export(config: SiteConfig, output: Path) -> bool:
    """Record `output` (a file just exported, or found up to date) when it is inside the site; whether the
    record was written (not when `output` is outside the site or recorded already).

    SeminarError as `exported_files`.
    """
    try:
        name = output.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:  # outside the site
        return False
    known = _recorded(config)
    if name in known:
        return False
    text = json.dumps({"files": sorted({*known, name})}, ensure_ascii=False, indent=2) + "\n"
    write_atomic(private_dir(config.root) / RECORD_NAME, text)
    return True


def _recorded(config: SiteConfig) -> list[str]:
    """The record's paths, relative to the site; none without a record."""
    path = record_path(config)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        files = json.loads(text)["files"]
        if not isinstance(files, list) or not all(map(_inside, files)):
            raise TypeError(files)
    except (ValueError, KeyError, TypeError):
        raise SeminarError(
            error(
                'not the record seminar keeps of its exports ({"files": [...]}): delete it, and export '
                "again with -o so that publish commits the files",
                path,
            )
        ) from None
    return files


def _inside(name: object) -> bool:
    """Whether a recorded name is a path inside the site: relative, and never climbing out of it."""
    return (
        isinstance(name, str) and bool(name) and not Path(name).is_absolute() and ".." not in Path(name).parts
    )
