"""The house rules the code is held to: imports go only downward, types check, the style is kept, and reading
the plan loads neither the templates nor the network."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, Site


def _tool(name: str) -> str:
    """A command-line tool installed with the test dependencies, next to this Python or on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the test dependencies (pip install -e '.[test]')")
    return found


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)


def test_imports_only_go_downward_through_the_layers() -> None:
    result = _run(_tool("lint-imports"), "--no-cache")  # the contracts are in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_type_checks_strictly() -> None:
    result = _run(sys.executable, "-m", "mypy")  # strict, on seminar/ (pyproject.toml)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_lint_clean_and_formatted() -> None:
    ruff = _tool("ruff")
    checked = _run(ruff, "check", "seminar", "tests", "bench")
    assert checked.returncode == 0, checked.stdout
    formatted = _run(ruff, "format", "--check", "seminar", "tests", "bench")
    assert formatted.returncode == 0, formatted.stdout


def test_reading_the_plan_imports_neither_jinja_nor_slugify_nor_ruamel(site: Site) -> None:
    site.write("_data/schedule.yml", "first_day: 2025-01-14\nmeets: [Tue]\nsessions:\n  - week: S1\n")
    probe = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from seminar.sources.config import load_config
        from seminar.sources.plan import load_plan
        plan = load_plan(load_config(Path({str(site.root)!r})))
        assert plan.sessions[0].date.isoformat() == "2025-01-14", plan
        print(sorted({{"jinja2", "slugify", "ruamel", "ruamel.yaml"}} & set(sys.modules)))
        """
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
