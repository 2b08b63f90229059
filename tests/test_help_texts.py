"""What `--help` says: whole command summaries, option texts that say what the options do, and the
`--json` spelling every JSON output takes."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from conftest import Site
from seminar.cli import main


def help_of(*words: str) -> str:
    result = CliRunner().invoke(main, [*words, "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


def summaries(text: str) -> dict[str, str]:
    """The `Commands:` section of a help text: each command's summary, its wrapped lines joined."""
    found: dict[str, str] = {}
    name = None
    for line in text.split("Commands:\n", 1)[1].splitlines():
        if line.startswith("  ") and not line.startswith("   "):
            name, _, summary = line.strip().partition(" ")
            found[name] = summary.strip()
        elif name is not None and line.strip():
            found[name] += " " + line.strip()
    return found


def option_help(text: str, option: str) -> str:
    """The help of one option in a command's help text, its wrapped lines joined."""
    lines = text.split("Options:\n", 1)[1].splitlines()
    start = next(index for index, line in enumerate(lines) if line.strip().startswith(option + " "))
    rest = [lines[start].strip().split("  ", 1)[1].strip()]
    for line in lines[start + 1 :]:
        if line.strip().startswith("-"):
            break
        rest.append(line.strip())
    return " ".join(rest)


@pytest.mark.parametrize("words", [(), ("export",)])
def test_every_command_summary_is_a_whole_sentence(words: tuple[str, ...]) -> None:
    found = summaries(help_of(*words))
    group = main if not words else main.commands[words[0]]
    assert isinstance(group, click.Group)
    assert set(found) == set(group.commands)
    for name, summary in found.items():
        assert not summary.endswith("..."), (name, summary)
        assert summary.endswith("."), (name, summary)


def test_every_option_of_every_command_says_what_it_does() -> None:
    def each(group: click.Group) -> list[click.Command]:
        return [
            command
            for found in group.commands.values()
            for command in ([found, *each(found)] if isinstance(found, click.Group) else [found])
        ]

    for command in each(main):
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, (command.name, param.name)


def test_date_options_show_the_form_they_take() -> None:
    for words in (("new-session",), ("move",), ("build",), ("adopt",), ("sessions",)):
        text = help_of(*words)
        assert "YYYY-MM-DD" in text and "%Y" not in text, words


def test_new_session_date_says_it_defaults_to_the_next_meeting_day() -> None:
    assert option_help(help_of("new-session"), "--date").startswith(
        "The session's day. Default: the plan's next meeting day when it has a calendar"
    )


def test_new_session_force_says_it_replaces_a_planned_week() -> None:
    assert option_help(help_of("new-session"), "--force") == (
        "Replace the session if its week is already planned (what the old entry had and the new one lacks "
        "is named; the old post is kept as a backup when a person edited it)."
    )


def test_video_is_the_lead_team_and_notes_are_not() -> None:
    text = help_of("new-session")
    assert "lead" in option_help(text, "--video")
    assert "team" not in option_help(text, "--notes")


def test_force_says_what_it_overrides_in_each_command() -> None:
    assert "reading list" in option_help(help_of("build"), "--force")
    assert "plan" in option_help(help_of("adopt"), "--force")
    assert "markers" in option_help(help_of("remove-session"), "--force")


def test_fetch_abstract_json_prints_what_format_json_prints(site: Site) -> None:
    with_json = site.run("fetch-abstract", "--json", "--offline", "2409.11402")
    with_format = site.run("fetch-abstract", "--format", "json", "--offline", "2409.11402")
    assert with_json.exit_code == 0, with_json.output
    assert with_json.stdout == with_format.stdout
    assert json.loads(with_json.stdout)[0]["id"] == "2409.11402"


def test_fetch_abstract_json_with_another_format_is_a_one_line_error(site: Site) -> None:
    result = site.run("fetch-abstract", "--json", "--format", "bibtex", "--offline", "2409.11402")
    assert result.exit_code == 1
    assert result.stderr == "error: --json and --format bibtex ask for two formats: give one\n"
