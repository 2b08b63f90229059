"""The installed tool: templates ship in the wheel, a site may override them, and start-up stays light."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

from conftest import REPO, Site


def test_the_wheel_carries_the_templates(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-build-isolation",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("seminar-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "seminar/templates/session.md.j2" in names and "seminar/templates/reading.md.j2" in names
    shipped = zipfile.ZipFile(wheel).read("seminar/templates/session.md.j2").decode()
    assert shipped == (REPO / "templates" / "session.md.j2").read_text(encoding="utf-8")


def test_a_sites_own_template_overrides_the_shipped_one(site: Site) -> None:
    site.write("templates/reading.md.j2", "#### {{ paper.title | heading }} (our own template)\n")
    result = site.run("fetch-abstract", "2409.11402")
    assert result.exit_code == 0, result.output
    assert result.stdout == "#### NVLM: Open Frontier-Class Multimodal LLMs (our own template)\n"


def test_a_broken_site_template_is_named_with_its_line(site: Site) -> None:
    site.write("templates/reading.md.j2", "#### {{ paper.title }}\n{% if %}\n")
    result = site.run("fetch-abstract", "2409.11402")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "templates/reading.md.j2:2: error: template error" in result.stderr


def test_help_imports_nothing_heavy() -> None:
    probe = (
        "import sys\n"
        "from seminar.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'arxiv', 'requests', 'jinja2', 'yaml', 'slugify', 'lxml'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_command_runs_as_a_real_process(site: Site) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "seminar", "--site", str(site.root), "new-session", "--week", "S4",
         "--title", "Process test", "--date", "2025-03-18", "--required", "2409.11402"],
        capture_output=True, text=True, cwd=site.root,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "added session S4 to _data/schedule.yml\n"
        "wrote _posts/2025-03-18-process-test.md (readings: 1 required + 0 more)\n"
    )
    assert (site.posts / "2025-03-18-process-test.md").is_file()


def test_offline_commands_import_no_network_code(site: Site) -> None:
    probe = textwrap.dedent(
        f"""
        import sys
        from seminar.cli import main
        commands = [
            ["new-session", "--week", "S4", "--date", "2025-03-18", "--required", "2409.11402"],
            ["fetch-abstract", "2409.11402"],
            ["fetch"],
            ["build"],
        ]
        for command in commands:
            try:
                main(["--site", {str(site.root)!r}, *command])
            except SystemExit as exit:
                assert not exit.code, exit
        print(sorted({{"arxiv", "requests", "lxml"}} & set(sys.modules)))
        """
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_an_installed_seminar_starts_a_site_from_the_skeleton_in_its_wheel(tmp_path: Path) -> None:
    from seminar.site.init import SKELETON

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-q", "-w", str(tmp_path),
         str(REPO)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("seminar-*.whl")
    installed = tmp_path / "installed"  # the wheel unpacked, as pip lays it in site-packages
    zipfile.ZipFile(wheel).extractall(installed)
    probe = (
        "import seminar\n"
        "from seminar.cli import main\n"
        "print(seminar.__file__)\n"
        "main(['init', 'class', '--year', '2026'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(installed)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == str(installed / "seminar" / "__init__.py")
    assert "10 files added" in result.stdout
    for item in SKELETON:
        written = (tmp_path / "class" / item.path).read_bytes()
        if item.filled:  # the configuration and the plan, with the site's term and year put in
            assert b"${" not in written and b"year: 2026" in written, item.path
        else:
            shipped = (installed / "seminar" / "skeleton" / item.path).read_bytes()
            assert written == shipped == (REPO / item.checkout).read_bytes(), item.path
