"""`--site DIR` before the command or after it, for every command; the command's own wins."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner
from plans import NVLM, PLAN, plan_text

from conftest import Site
from seminar.cli import main


def built(site: Site) -> None:
    site.write(PLAN, plan_text([{"week": "S1", "title": "Intro", "required": [NVLM]}]))


def test_site_after_the_command(site: Site, tmp_path: Path) -> None:
    built(site)
    result = site.run("build", "--offline", "--site", str(site.root), cwd=tmp_path)  # no site in tmp_path
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("1 session: 1 new, 0 updated, 0 unchanged\n")


def test_site_before_the_command(site: Site, tmp_path: Path) -> None:
    built(site)
    result = site.run("--site", str(site.root), "build", "--offline", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert site.post_files() == ["2025-01-14-intro.md"]


def test_the_commands_own_site_wins_over_the_one_before_it(site: Site, tmp_path: Path) -> None:
    built(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = site.run("--site", str(elsewhere), "build", "--offline", "--site", str(site.root), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert site.post_files() == ["2025-01-14-intro.md"]


def test_a_subcommand_of_export_takes_site_after_it(site: Site, tmp_path: Path) -> None:
    built(site)
    result = site.run("export", "bibtex", "--offline", "--site", str(site.root), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "eprint = {2409.11402}" in result.stdout


def test_a_site_after_the_command_that_is_no_site_is_named(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sessions", "--site", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path}: error: no _config.yml there; --site names a Jekyll site\n"


def commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command under `group` with the words that call it, groups included."""
    found = []
    for name, command in sorted(group.commands.items()):
        found.append(((*path, name), command))
        if isinstance(command, click.Group):
            found += commands(command, (*path, name))
    return found


def test_every_command_lists_site_in_its_help() -> None:
    for words, _ in commands(main):
        result = CliRunner().invoke(main, [*words, "--help"])
        assert result.exit_code == 0, words
        assert "--site DIR" in result.stdout, words
