"""A new class site's files, written where they are missing and never over a file that is there.

The files come from one copy each. The demo site at the top of seminar's repository is the source of the
layouts, the home page, the schedule include and page, and the tags page; `skeleton/` beside it holds what
the demo does not have (the configuration and the plan to fill in, the `.gitignore`, the GitHub Pages
workflow). The wheel carries them all in `seminar/skeleton/`, laid out as in a new site (`pyproject.toml`'s
force-include lines). The configuration and the plan get the site's title, term and year (`${title}`,
`${term}`, `${year}`); every other file is copied byte for byte.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from string import Template

from seminar.core import yamlio
from seminar.core.errors import SeminarError, error
from seminar.core.fileio import read_text, write_atomic
from seminar.sources.config import CONFIG_NAME, load_config


@dataclass(frozen=True)
class SkeletonFile:
    """One file of a new site: `path` in the site (and under the wheel's `seminar/skeleton/`), `checkout`
    where a source checkout of seminar keeps it, from the repository's top. A `filled` file has the site's
    values put in."""

    path: str
    checkout: str
    filled: bool = False


SKELETON: tuple[SkeletonFile, ...] = (
    SkeletonFile(CONFIG_NAME, f"skeleton/{CONFIG_NAME}", filled=True),
    SkeletonFile("_data/schedule.yml", "skeleton/_data/schedule.yml", filled=True),
    SkeletonFile("_layouts/default.html", "_layouts/default.html"),
    SkeletonFile("_layouts/post.html", "_layouts/post.html"),
    SkeletonFile("_includes/seminar-schedule.html", "_includes/seminar-schedule.html"),
    SkeletonFile("index.html", "index.html"),  # the home page the layout's nav links to
    SkeletonFile("schedule.md", "schedule.md"),
    SkeletonFile("tags.html", "tags.html"),
    SkeletonFile(".gitignore", "skeleton/gitignore"),  # a .gitignore in skeleton/ would be git's own
    SkeletonFile(".github/workflows/pages.yml", "skeleton/.github/workflows/pages.yml"),
)


@dataclass(frozen=True)
class SiteValues:
    """What a new site's configuration and plan say: its title, its term label, the year of `desc`."""

    title: str
    term: str
    year: int


@dataclass(frozen=True)
class InitResult:
    """What `init_site` did in the site at `root`: the files it `added` and those it `left` because they
    were there (site paths, in `SKELETON`'s order). `seminar_block` is the `seminar:` block to add to an
    existing `_config.yml` that has none, else None."""

    root: Path
    added: tuple[str, ...]
    left: tuple[str, ...]
    seminar_block: str | None = None


def skeleton_folder() -> Path | None:
    """The skeleton inside an installed wheel (`seminar/skeleton/`); None in a source checkout."""
    installed = Path(__file__).resolve().parents[1] / "skeleton"
    return installed if installed.is_dir() else None


def skeleton_source(item: SkeletonFile) -> Path:
    """Where the shipped copy of `item` is: in the wheel's skeleton, else in the source checkout."""
    installed = skeleton_folder()
    if installed is not None:
        return installed / item.path
    return Path(__file__).resolve().parents[2] / item.checkout


def seminar_block(values: SiteValues) -> str:
    """The `seminar:` block of a new site's `_config.yml`, as YAML text."""
    return f"seminar:\n  term: {_yaml_text(values.term)}\n  year: {values.year}\n  posts_dir: _posts\n"


def init_site(root: Path, values: SiteValues) -> InitResult:
    """Write into `root` (made if missing) each file of `SKELETON` it does not have; a file that is there
    is left as it is, even when it differs. An existing `_config.yml` is read (a SeminarError with its line
    when it is broken, before anything is written) and never edited: when it has no `seminar:` block, the
    result carries the block to add."""
    if root.exists() and not root.is_dir():
        raise SeminarError(error("not a folder: a new site needs a folder", root))
    block = _missing_block(root, values)
    wanted = [item for item in SKELETON if not (root / item.path).exists()]
    texts = {item.path: _shipped_text(item, values) for item in wanted}  # all read before any is written
    added: list[str] = []
    for item in wanted:
        try:
            write_atomic(root / item.path, texts[item.path], exclusive=True)
        except FileExistsError:  # made meanwhile by someone else: theirs stands
            continue
        added.append(item.path)
    left = tuple(item.path for item in SKELETON if item.path not in added)
    return InitResult(root, tuple(added), left, block)


def _missing_block(root: Path, values: SiteValues) -> str | None:
    """The `seminar:` block to add when the site's `_config.yml` exists without one; None otherwise."""
    path = root / CONFIG_NAME
    if not path.is_file():
        return None
    load_config(root)  # reports a broken configuration with its file, line and key
    raw = yamlio.load(read_text(path))
    return None if isinstance(raw, dict) and "seminar" in raw else seminar_block(values)


def _shipped_text(item: SkeletonFile, values: SiteValues) -> str:
    source = skeleton_source(item)
    try:
        text = read_text(source)
    except FileNotFoundError:
        raise SeminarError(
            error("missing from seminar's own files: reinstall seminar", source, key=item.path)
        ) from None
    if not item.filled:
        return text
    return Template(text).substitute(
        title=json.dumps(values.title, ensure_ascii=False),
        term=_yaml_text(values.term),
        year=str(values.year),
    )


def _yaml_text(text: str) -> str:
    """Text as a YAML value: plain when YAML 1.1 reads it back as that text, else double-quoted."""
    return json.dumps(text, ensure_ascii=False) if yamlio.needs_quotes(text) else text
