"""The README's examples: read from its markdown, run as a person would type them, compared with its text.

What is an example (`examples`):
- a fenced block whose first line starts with `$ ` (a terminal transcript): each `$ ` line is a command (a
  line ending in `\\` goes on over the next), and its expected output is the lines up to the next `$ ` line
  or the block's end;
- a command block (```sh, ```bash or ```shell) followed right away by an output block (a fenced block with
  no language, or `text`): the command block is run as one script, and the output block is what it prints.
A block of commands with no output shown is not an example.

How it is run (`Tour`): each command in its own `bash -c` process, `seminar` being this checkout's (a
wrapper on PATH runs `python3 -m seminar`), stderr merged into stdout in the order a terminal shows them. A
`$ cd DIR` line changes the folder the next commands of its site run in. The harness installs nothing: in
a `&&` chain, a part that runs `pip` is left out (`python3 -m pip install . && seminar build` runs the build).

How output is compared (`match`): line by line and exact, but for two wildcards. A line `...` (alone, maybe
indented) matches any number of lines, none included; a line ending in `...` matches any line that begins
with what stands before the `...` (the README cuts long lines so).

Where an example runs, and what is done before it, is set by HTML comments right before its block: the
directives, listed at the top of `tests/test_readme.py`.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)")
COMMAND_BLOCKS = {"sh", "bash", "shell"}
OUTPUT_BLOCKS = {"", "text"}
DEMO = "demo"
FRESH = "fresh"
SHARED_SITE = "shared:"


@dataclass(frozen=True)
class Command:
    """A command as the README shows it (continuation lines kept), its line, and the output shown after it."""

    text: str
    expected: list[str]
    line: int

    @property
    def script(self) -> str:
        """The shell text that is run: the command less the `pip` parts of its `&&` chains."""
        return "\n".join(_without_installs(line) for line in self.text.split("\n"))

    @property
    def cd(self) -> str | None:
        """The folder of a `cd DIR` line, which the harness follows (each command being its own shell)."""
        try:
            words = shlex.split(self.text, comments=True)
        except ValueError:
            return None
        return words[1] if len(words) == 2 and words[0] == "cd" else None


@dataclass(frozen=True)
class Example:
    """One block of the README (with its output block, for a command block): its commands and directives."""

    line: int  # the README line of its opening fence
    commands: list[Command]
    site: str = DEMO  # DEMO, FRESH or "shared:NAME"
    setup: str = ""
    normalize: list[tuple[str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"README.md:{self.line} {self.commands[0].text.splitlines()[0][:60]}"

    @property
    def needs_shared(self) -> bool:
        return self.site.startswith(SHARED_SITE) or any("../shared/" in c.text for c in self.commands)


@dataclass(frozen=True)
class _Block:
    line: int  # 1-based, of the opening fence
    end: int  # 0-based index of the line after the closing fence
    info: str
    lines: list[str]
    directives: list[str]


def examples(markdown: str) -> list[Example]:
    """Every example of a README, in its order. Raises ValueError for a directive it does not know."""
    lines = markdown.split("\n")
    blocks = _blocks(lines)
    found = []
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        if _is_transcript(block.lines):
            commands = _transcript(block)
        elif (
            block.info in COMMAND_BLOCKS
            and following is not None
            and following.info in OUTPUT_BLOCKS
            and not _is_transcript(following.lines)
            and not "".join(lines[block.end : following.line - 1]).strip()
        ):
            script = [line for line in block.lines if line.strip() and not line.lstrip().startswith("#")]
            commands = [Command("\n".join(script), following.lines, block.line + 1)]
        else:
            continue
        found.append(_with_directives(Example(block.line, commands), block.directives))
    return found


def _blocks(lines: list[str]) -> list[_Block]:
    blocks, index = [], 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        closing = re.compile(rf"^ *{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        body = [line[indent:] if not line[:indent].strip() else line for line in lines[index + 1 : end]]
        blocks.append(_Block(index + 1, end + 1, opening["info"], body, _directives_before(lines, index)))
        index = end + 1
    return blocks


def _directives_before(lines: list[str], index: int) -> list[str]:
    """The `<!-- example: ... -->` comments right before line `index` (blank lines between them allowed)."""
    found: list[str] = []
    at = index - 1
    while at >= 0 and (not lines[at].strip() or lines[at].rstrip().endswith("-->")):
        if not lines[at].strip():
            at -= 1
            continue
        start = at
        while start > 0 and "<!--" not in lines[start]:
            start -= 1
        comment = "\n".join(lines[start : at + 1]).strip().removeprefix("<!--").removesuffix("-->").strip()
        if not comment.startswith("example:"):
            break
        found.insert(0, comment.removeprefix("example:").strip(" "))
        at = start - 1
    return found


def _with_directives(example: Example, directives: list[str]) -> Example:
    site, setup, normalize = example.site, example.setup, list(example.normalize)
    for directive in directives:
        word = directive.split(maxsplit=1)[0] if directive.strip() else ""
        rest = directive[len(word) :].strip("\n ")
        if word.startswith("site="):
            site = word.removeprefix("site=")
            if site != FRESH and not (site.startswith(SHARED_SITE) and len(site) > len(SHARED_SITE)):
                raise ValueError(f"README.md:{example.line}: unknown site {site!r}: fresh or shared:NAME")
        elif word == "setup" and rest:
            setup += rest + "\n"
        elif word == "normalize" and " -> " in rest:
            pattern, _, text = rest.partition(" -> ")
            normalize.append((pattern.strip(), text.strip()))
        else:
            raise ValueError(f"README.md:{example.line}: unknown example directive {directive!r}")
    return Example(example.line, example.commands, site, setup, normalize)


def _is_transcript(lines: list[str]) -> bool:
    return next((line for line in lines if line.strip()), "").startswith("$ ")


def _transcript(block: _Block) -> list[Command]:
    commands: list[Command] = []
    text: list[str] = []
    expected: list[str] = []
    start = 0
    for offset, line in enumerate(block.lines):
        if text and text[-1].endswith("\\") and not expected:
            text.append(line)
        elif line.startswith("$ "):
            if text:
                commands.append(Command("\n".join(text), expected, start))
            text, expected, start = [line[2:]], [], block.line + 1 + offset
        else:
            expected.append(line)
    commands.append(Command("\n".join(text), expected, start))
    return commands


def _without_installs(line: str) -> str:
    kept = [part for part in line.split(" && ") if not re.match(r"\s*(python3? -m )?pip3? ", part)]
    return " && ".join(kept) or "true"


# Comparing


def match(expected: list[str], actual: list[str]) -> bool:
    """Whether the `actual` lines are what the `expected` ones show: `...` alone matches any lines (or none),
    a line ending in `...` any line that begins as it does; every other line is exact."""
    memo: dict[tuple[int, int], bool] = {}

    def fits(i: int, j: int) -> bool:
        if (i, j) not in memo:
            if i == len(expected):
                memo[i, j] = j == len(actual)
            elif expected[i].strip() == "...":
                memo[i, j] = fits(i + 1, j) or (j < len(actual) and fits(i, j + 1))
            else:
                memo[i, j] = j < len(actual) and _line_fits(expected[i], actual[j]) and fits(i + 1, j + 1)
        return memo[i, j]

    return fits(0, 0)


def _line_fits(expected: str, actual: str) -> bool:
    return expected == actual or (expected.endswith("...") and actual.startswith(expected[:-3]))


def mismatch(example: Example, command: Command, actual: list[str]) -> str:
    """What a failing example shows: the command, its README line, and a diff of expected vs actual."""
    diff = difflib.unified_diff(
        command.expected, actual, f"README.md:{command.line} (expected)", "actual output", lineterm=""
    )
    return (
        f"README.md:{command.line}: `{command.text}` printed what the README does not show"
        f" (the block at line {example.line}, on the {example.site} site):\n" + "\n".join(diff)
    )


# Running


@dataclass
class Site:
    """A folder examples run in: where the next command runs, and why its examples no longer run, if so."""

    root: Path
    cwd: Path
    skipped: str | None = None


@dataclass
class Outcome:
    """What running an example gave: each command's output lines; or why it was skipped."""

    outputs: list[list[str]] = field(default_factory=list)
    skipped: str | None = None


class Tour:
    """The README's examples run in order, each site's state carried from one block to the next.

    `demo` is the copy of the demo site, `shared` the `../shared` folder (None without it), `environment` the
    whole environment of every command.
    """

    def __init__(
        self,
        examples: list[Example],
        scratch: Path,
        demo: Path,
        shared: Path | None,
        environment: dict[str, str],
    ) -> None:
        self.examples = examples
        self.scratch = scratch
        self.shared = shared
        self.environment = environment
        self.sites: dict[str, Site] = {DEMO: Site(demo, demo)}
        self.outcomes: dict[int, Outcome] = {}
        self._fresh = 0

    def outcome(self, example: Example) -> Outcome:
        """The outcome of `example`, running first every example before it that has not run yet."""
        for earlier in self.examples:
            if earlier.line not in self.outcomes:
                self.outcomes[earlier.line] = self._run(earlier)
            if earlier.line == example.line:
                break
        return self.outcomes[example.line]

    def _run(self, example: Example) -> Outcome:
        if example.needs_shared and self.shared is None:
            place, missing = f"README.md:{example.line}", "../shared, which is not beside the repository"
            if example.site in self.sites:
                self.sites[example.site].skipped = f"it follows {place}, which needs {missing}"
            return Outcome(skipped=f"{place} needs {missing}")
        site = self._site(example)
        if site.skipped:
            return Outcome(skipped=site.skipped)
        if example.setup:
            done = self.shell(example.setup, site.cwd)
            assert done.returncode == 0, f"README.md:{example.line}: the setup failed:\n{done.stdout}"
        outcome = Outcome()
        for command in example.commands:
            if command.cd is not None:  # cd in the shell, then follow it
                done = self.shell(f"cd {shlex.quote(command.cd)} && pwd", site.cwd)
                if done.returncode == 0:
                    site.cwd, done.stdout = Path(done.stdout.strip()), ""
            else:
                done = self.shell(command.script, site.cwd)
            text = done.stdout
            for pattern, replacement in example.normalize:
                text = re.sub(pattern, replacement, text)
            outcome.outputs.append(text.removesuffix("\n").split("\n") if text else [])
        return outcome

    def _site(self, example: Example) -> Site:
        if example.site == FRESH:
            self._fresh += 1
            folder = self.scratch / f"{FRESH}-{self._fresh}"
            folder.mkdir()
            return Site(folder, folder)
        if example.site not in self.sites:
            assert self.shared is not None
            name = example.site.removeprefix(SHARED_SITE)
            copy = self.scratch / "sites" / name
            shutil.copytree(self.shared / "sites" / name, copy)
            for path in [copy, *copy.rglob("*")]:  # ../shared may be laid out read-only
                path.chmod(path.stat().st_mode | 0o200)
            self.sites[example.site] = Site(copy, copy)
        return self.sites[example.site]

    def shell(self, script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """`script` run by bash in `cwd`, stdout and stderr together as one text, no standard input."""
        return subprocess.run(
            ["bash", "-c", script],
            cwd=cwd,
            env=self.environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
        )


def seminar_on_path(folder: Path, checkout: Path) -> dict[str, str]:
    """A `seminar` command in `folder` that runs the checkout's package: the PATH and PYTHONPATH to use it."""
    folder.mkdir(parents=True, exist_ok=True)
    wrapper = folder / "seminar"
    wrapper.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m seminar "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    python_path = os.pathsep.join(filter(None, [str(checkout), os.environ.get("PYTHONPATH", "")]))
    return {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}", "PYTHONPATH": python_path}
