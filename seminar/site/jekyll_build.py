"""`seminar check --build`: the site built by real Jekyll, strictly; what stops it named by file and line."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from seminar.core.errors import Diagnostic, SeminarError, error
from seminar.site.posts import split_front_matter
from seminar.sources.config import CONFIG_NAME, SiteConfig

BUILD_TIMEOUT = 600  # seconds
STRICT_OVERLAY = "liquid:\n  error_mode: strict\n  strict_filters: true\n"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
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
    """Build the site with real Jekyll, strict about front matter and Liquid, and name what stops it."""
    program = shutil.which(jekyll)
    if program is None:
        raise SeminarError(error("not found; install Jekyll with: apt-get install jekyll", key=jekyll))
    with tempfile.TemporaryDirectory(prefix="seminar-check-") as scratch:
        overlay = Path(scratch) / "strict.yml"
        overlay.write_text(STRICT_OVERLAY, encoding="utf-8")
        command = [program, "build", "--strict_front_matter", "--safe", "--disable-disk-cache"]
        command += ["--source", str(config.root), "--destination", str(Path(scratch) / "site")]
        command += ["--config", f"{config.config_path},{overlay}"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise SeminarError(f"jekyll build did not finish in {BUILD_TIMEOUT} s") from None
    if result.returncode == 0:
        return []
    return _build_failures(config.root, _ANSI.sub("", result.stdout + result.stderr))


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
        return split_front_matter(path.read_text(encoding="utf-8"))[2]
    except (OSError, UnicodeDecodeError):
        return 1


def _error(path: Path, line: int | None, message: str) -> Diagnostic:
    return error(message, path, line)
