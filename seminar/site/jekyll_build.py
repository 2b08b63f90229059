"""`seminar check --build`: the site built by real Jekyll, strictly; what stops it named by file and line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from seminar.core import yamlio
from seminar.core.errors import Diagnostic, SeminarError, error, warning
from seminar.site.posts import read_post
from seminar.sources.config import CONFIG_NAME, SiteConfig

BUILD_TIMEOUT = 600  # seconds
STRICT_OVERLAY = "liquid:\n  error_mode: strict\n  strict_filters: true\n"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_GEMFILE_GEM = re.compile(
    r"""^[^\S\n]*gem\s+["']([^"']+)["']""", re.MULTILINE
)  # a Gemfile's `gem "name"` lines
_YAML_FAILURE = re.compile(
    r"YAML Exception reading (?P<path>.+?): \(<unknown>\): (?P<message>.+?) at line (?P<line>\d+) column \d+"
)
_LIQUID_FAILURE = re.compile(r"Liquid Exception: (?P<message>.+) in (?P<path>.+)$")
_READ_FAILURE = re.compile(r"Error: could not read file (?P<path>.+?): (?P<message>.+)$")
_LIQUID_LINE = re.compile(r" \(line (\d+)\)")
_RUBY_LOCATION = re.compile(r"^\S+:\d+:in [`'][^']*': ")
_BUILD_NOISE = re.compile(
    r"-*|from .*|.*--trace.*|for any additional information or backtrace\.|ERROR: YOUR SITE COULD NOT BE"
    r" BUILT:|(Configuration file|Source|Destination|Incremental build|Auto-regeneration):.*|Generating\.\.\."
    r"|done in .*"
)


def jekyll_build_problems(config: SiteConfig, jekyll: str = "jekyll") -> list[Diagnostic]:
    """Build the site with real Jekyll, strict about front matter and Liquid, and name what stops it.

    The build is this machine's, not GitHub Pages': Jekyll runs without Bundler (a site's Gemfile asks for
    gems such as github-pages that a local machine rarely has), and the plugins and theme `_config.yml`
    names that are not installed here are left out by an overlay, each a warning about this machine rather
    than an error in the site. SeminarError when jekyll is not installed or does not finish.
    """
    program = shutil.which(jekyll)
    if program is None:
        raise SeminarError(error("not found; install Jekyll with: apt-get install jekyll", key=jekyll))
    missing, overlay_text = _machine_overlay(config)
    with tempfile.TemporaryDirectory(prefix="seminar-check-") as scratch:
        overlay = Path(scratch) / "strict.yml"
        overlay.write_text(STRICT_OVERLAY + overlay_text, encoding="utf-8")
        command = [program, "build", "--strict_front_matter", "--safe", "--disable-disk-cache"]
        command += ["--source", str(config.root), "--destination", str(Path(scratch) / "site")]
        command += ["--config", f"{config.config_path},{overlay}"]
        # Jekyll calls Bundler.setup when the site has a Gemfile; this variable is its own way to skip that.
        environment = {**os.environ, "JEKYLL_NO_BUNDLER_REQUIRE": "true"}
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=BUILD_TIMEOUT, env=environment
            )
        except subprocess.TimeoutExpired:
            raise SeminarError(f"jekyll build did not finish in {BUILD_TIMEOUT} s") from None
    if result.returncode == 0:
        return missing
    return missing + _build_failures(config.root, _ANSI.sub("", result.stdout + result.stderr))


def _machine_overlay(config: SiteConfig) -> tuple[list[Diagnostic], str]:
    """Warnings for the gems the site asks for that this machine lacks, and the overlay that builds without
    the missing plugins and theme."""
    try:
        values = yamlio.load(config.config_path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yamlio.YAMLError, ValueError):
        return [], ""  # the build itself says what is wrong with _config.yml
    if not isinstance(values, dict):
        return [], ""
    named = [name for key in ("plugins", "gems") for name in _names(values.get(key))]
    theme = values.get("theme") if isinstance(values.get("theme"), str) else None
    gemfile = config.root / "Gemfile"
    wanted = (
        _GEMFILE_GEM.findall(gemfile.read_text(encoding="utf-8", errors="replace"))
        if gemfile.is_file()
        else []
    )
    if not named and theme is None and not wanted:
        return [], ""
    installed = _installed_gems()
    warnings: list[Diagnostic] = []
    absent = [name for name in dict.fromkeys(wanted) if name not in installed]
    if absent:
        warnings.append(
            warning(
                f"built without Bundler: {', '.join(absent)} not installed on this machine "
                "(GitHub Pages builds with its own)",
                gemfile,
            )
        )
    overlay = ""
    missing = [name for name in dict.fromkeys(named) if name not in installed]
    if missing:
        kept = [name for name in dict.fromkeys(named) if name in installed]
        overlay += "plugins: [" + ", ".join(kept) + "]\ngems: []\n"
        for name in missing:
            warnings.append(
                warning(
                    f"{name} is not installed on this machine: built without it",
                    config.config_path,
                    key="plugins",
                )
            )
    if theme is not None and theme not in installed:
        overlay += "theme: false\n"  # nil would not override (Jekyll keeps the old value)
        warnings.append(
            warning(
                f"{theme} is not installed on this machine: built without it", config.config_path, key="theme"
            )
        )
    return warnings, overlay


def _names(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _installed_gems() -> frozenset[str]:
    """The names of the gems this machine's Ruby has (empty when Ruby cannot tell)."""
    try:
        listed = subprocess.run(
            ["ruby", "-e", "puts Gem::Specification.map(&:name)"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(listed.stdout.split())


def _build_failures(root: Path, output: str) -> list[Diagnostic]:
    """Jekyll's failure output as problems: its file and line where it names one, else its last words."""
    problems: list[Diagnostic] = []
    for line in output.splitlines():
        problem = _build_failure(root, line.strip())
        if problem is not None and problem not in problems:
            problems.append(problem)
    if problems:
        return problems
    meaningful = [
        _RUBY_LOCATION.sub("", line.strip())
        for line in output.splitlines()
        if not _BUILD_NOISE.fullmatch(line.strip())
    ]
    return [_error(root / CONFIG_NAME, None, "jekyll build failed: " + " / ".join(meaningful[-3:]))]


def _build_failure(root: Path, line: str) -> Diagnostic | None:
    """The problem one line of Jekyll's output names, if it names a file."""
    if match := _YAML_FAILURE.search(line):
        path = _site_file(root, match["path"])
        return _error(path, int(match["line"]), f"front matter is not valid YAML ({match['message']})")
    if match := _LIQUID_FAILURE.search(line):
        path = _site_file(root, match["path"])
        number = _LIQUID_LINE.search(match["message"])
        where = int(number[1]) + _body_line(path) - 1 if number else None
        return _error(path, where, _LIQUID_LINE.sub("", match["message"]))
    if match := _READ_FAILURE.search(line):
        return _error(_site_file(root, match["path"]), None, match["message"])
    return None


def _site_file(root: Path, named: str) -> Path:
    path = Path(named)
    return path if path.is_absolute() else root / path


def _body_line(path: Path) -> int:
    """The file's line that Liquid counts as its line 1: the first after the front matter."""
    try:
        return read_post(path).body_line
    except OSError:
        return 1


def _error(path: Path, line: int | None, message: str) -> Diagnostic:
    return error(message, path, line)
