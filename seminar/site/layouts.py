"""Which layout Jekyll gives a post, and whether the site has it.

A post's layout is its front matter's `layout`, else what `_config.yml`'s `defaults:` give it (Jekyll's
`FrontmatterDefaults`: a scope's `path` prefix relative to the site and its `type`, the most specific
winning). A layout Jekyll cannot find is not an error to Jekyll: it writes the page's bare content, without
the site's head, styles or navigation. A site with a `theme:` or `remote_theme:` may take layouts from the
theme, which is not on disk here, so nothing is said then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from seminar.core import yamlio
from seminar.core.errors import Diagnostic, warning
from seminar.site.posts import SitePost
from seminar.sources.config import SiteConfig

NO_LAYOUT = ("none", "null")  # what Jekyll reads as "no layout" besides a blank value or false


@dataclass(frozen=True)
class SiteLayouts:
    """The layouts a site has (None: unknown, a theme may give more), its folder, and its `defaults:`."""

    names: frozenset[str] | None
    folder: str
    defaults: tuple[Mapping[str, object], ...]


def site_layouts(config: SiteConfig) -> SiteLayouts:
    """The site's layouts (in `layouts_dir`, default `_layouts`) and its front-matter defaults."""
    try:
        values = yamlio.load(config.config_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yamlio.YAMLError, ValueError):
        values = None
    values = values if isinstance(values, Mapping) else {}
    folder = values.get("layouts_dir")
    folder = folder if isinstance(folder, str) and folder else "_layouts"
    defaults = values.get("defaults")
    entries = (
        tuple(item for item in defaults if isinstance(item, Mapping)) if isinstance(defaults, list) else ()
    )
    if values.get("theme") or values.get("remote_theme"):
        return SiteLayouts(None, folder, entries)
    path = config.root / folder
    names = (
        frozenset(item.stem for item in path.iterdir() if item.is_file()) if path.is_dir() else frozenset()
    )
    return SiteLayouts(names, folder, entries)


def layout_problem(config: SiteConfig, layouts: SiteLayouts, post: SitePost) -> Diagnostic | None:
    """A warning when the post's layout is not one the site has; None when it is, or cannot be told."""
    if layouts.names is None:
        return None
    line: int | None = None
    if "layout" in post.values:
        layout = post.values["layout"]
        line = post.nodes["layout"][0] if "layout" in post.nodes else None
    else:
        layout = _default_layout(config, layouts, post.path)
    if not isinstance(layout, str) or not layout.strip() or layout.strip() in NO_LAYOUT:
        return None
    if layout in layouts.names:
        return None
    return warning(
        f"{layout!r} is not a layout of this site (no {layouts.folder}/{layout}.html): "
        "Jekyll writes the post without one, as bare content",
        post.path,
        line,
        key="layout",
    )


def _default_layout(config: SiteConfig, layouts: SiteLayouts, path: Path) -> object:
    """The `layout` `defaults:` gives this post: of the entries whose scope takes it, the one with the longest
    scope path wins, then one that names a type, then the later one (Jekyll's precedence)."""
    relative = path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else path.name
    best: tuple[int, bool, int] | None = None
    layout: object = None
    for index, entry in enumerate(layouts.defaults):
        scope = entry.get("scope")
        scope = scope if isinstance(scope, Mapping) else {}
        prefix = str(scope.get("path") or "").strip("/")
        kind = scope.get("type")
        values = entry.get("values")
        if not isinstance(values, Mapping) or "layout" not in values:
            continue
        if prefix and relative != prefix and not relative.startswith(prefix + "/"):
            continue
        if kind not in (None, "posts"):
            continue
        rank = (len(prefix), kind is not None, index)
        if best is None or rank > best:
            best, layout = rank, values["layout"]
    return layout
