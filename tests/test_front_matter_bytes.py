"""Building a post whose front matter values changed rewrites those values' lines and keeps every other byte:
blank lines, comments, trailing spaces, quoting and flow lists of other keys, CRLF line endings, a byte-order
mark, a paragraph above the readings, the text after them."""

from __future__ import annotations

import difflib
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plans import BEFORE_TERM, NVLM, build, old_style, write_plan

from conftest import REPO, SITE_CONFIG, Site

SESSION = {
    "week": "S1",
    "title": "Vision language models",
    "lead": "team-1",
    "tags": ["LLM", "Agents"],
    "categories": ["FMBasic"],
    "required": [NVLM],
}
POST = "_posts/2025-01-14-vision-language-models.md"
AFTER_SESSION = "2025-01-20"  # a `--today` after the session: its lectureVersion becomes current
START_MARKER = "<!-- seminar:readings start "

# One plan value changed (a title that keeps the file's name), the `--today` of the build, the front-matter
# key that changes, and its value as Jekyll reads it afterwards.
CHANGES = {
    "title": ({"title": "Vision-Language Models"}, BEFORE_TERM, "title", "Vision-Language Models"),
    "lead": ({"lead": "team-9"}, BEFORE_TERM, "video", "team-9"),
    "notes": ({"notes": "Bring a laptop"}, BEFORE_TERM, "notes", "Bring a laptop"),
    "lecture": ({"lecture": "10:00"}, BEFORE_TERM, "lecture", "10:00"),
    "tags": ({"tags": ["LLM", "Planning"]}, BEFORE_TERM, "tags", ["LLM", "Planning"]),
    "categories": ({"categories": ["FMBasic", "Agents"]}, BEFORE_TERM, "categories", ["FMBasic", "Agents"]),
    "lectureVersion": ({}, AFTER_SESSION, "lectureVersion", "current"),
}


def built(site: Site, **changes: object) -> Site:
    """The site with the one-session plan (these keys changed) built."""
    write_plan(site, [{**SESSION, **changes}])
    result = build(site)
    assert result.exit_code == 0, result.output
    return site


def rebuild(site: Site, today: str = BEFORE_TERM, **changes: object) -> str:
    """The plan changed and built again: the post's new text."""
    write_plan(site, [{**SESSION, **changes}])
    result = build(site, today=today)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("1 session: 0 new, 1 updated, 0 unchanged\n"), result.stdout
    return (site.root / POST).read_bytes().decode("utf-8")


def rewrite(site: Site, old: str, new: str) -> str:
    """The post with `old` (there once) replaced by `new`, as a person edits it; its new text."""
    path = site.root / POST
    text = path.read_bytes().decode("utf-8")
    assert text.count(old) == 1, old
    path.write_bytes(text.replace(old, new).encode("utf-8"))
    return text.replace(old, new)


def line_changes(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines a line diff removes from `old` and adds in `new`, the start marker's aside (it records the
    front matter's values, so it changes with them)."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, False).get_opcodes():
        if tag != "equal":
            removed += [line for line in old_lines[i1:i2] if not line.startswith(START_MARKER)]
            added += [line for line in new_lines[j1:j2] if not line.startswith(START_MARKER)]
    return removed, added


def jekyll_values(text: str) -> dict:
    """The front matter as Jekyll reads it (YAML 1.1), whatever the line endings and byte-order mark."""
    return yaml.safe_load(text.lstrip("\ufeff").replace("\r\n", "\n").split("---\n", 2)[1])


# Each case


def test_a_new_title_rewrites_only_the_title_line(site: Site) -> None:
    old = rewrite(built(site), "title: Vision language models\n", "title: Vision language models   \n")
    new = rebuild(site, title="Vision-Language Models")
    assert line_changes(old, new) == (
        ["title: Vision language models   \n"],
        ["title: Vision-Language Models   \n"],
    )


def test_lecture_version_flipped_by_today_rewrites_only_its_line(site: Site) -> None:
    old = (built(site).root / POST).read_text(encoding="utf-8")
    new = rebuild(site, today=AFTER_SESSION)
    assert line_changes(old, new) == (["lectureVersion: next\n"], ["lectureVersion: current\n"])


def test_tags_changed_in_a_flow_list_rewrite_that_line_alone_keeping_its_comment(site: Site) -> None:
    built(site)
    rewrite(site, "tags:\n- LLM\n- Agents\n", "tags: [LLM,  Agents]    # the syllabus's words\n")
    old = rewrite(site, "categories:\n- FMBasic\n", "categories: [ FMBasic ]\n")
    new = rebuild(site, tags=["LLM", "Planning"])
    assert line_changes(old, new) == (
        ["tags: [LLM,  Agents]    # the syllabus's words\n"],
        ["tags: [LLM, Planning]    # the syllabus's words\n"],
    )
    assert "categories: [ FMBasic ]\n" in new


def test_a_block_list_changes_item_by_item_keeping_its_comments(site: Site) -> None:
    built(site)
    old = rewrite(site, "tags:\n- LLM\n- Agents\n", "tags:\n  - LLM  # first\n  # agents next\n  - Agents\n")
    new = rebuild(site, tags=["LLM", "Planning", "Tools"])
    assert line_changes(old, new) == (["  - Agents\n"], ["  - Planning\n", "  - Tools\n"])


def test_a_list_given_to_a_blank_key_is_written_under_it_a_line_an_item(site: Site) -> None:
    write_plan(site, [{key: value for key, value in SESSION.items() if key != "tags"}])
    assert build(site).exit_code == 0
    old = rewrite(site, "tags:\n", "tags:    # none yet\n")
    new = rebuild(site)
    assert line_changes(old, new) == ([], ["- LLM\n", "- Agents\n"])
    assert "tags:    # none yet\n- LLM\n- Agents\ndesc:" in new


def test_the_blank_line_after_the_opening_dashes_stays(site: Site) -> None:
    old = rewrite(built(site), "---\nlayout: post\n", "---\n\nlayout: post\n")
    new = rebuild(site, title="Vision-Language Models")
    assert new.startswith("---\n\nlayout: post\ntitle: Vision-Language Models\n")
    assert line_changes(old, new) == (
        ["title: Vision language models\n"],
        ["title: Vision-Language Models\n"],
    )


def test_a_paragraph_above_the_readings_keeps_its_blank_lines(site: Site) -> None:
    paragraph = "\n\nWe meet in room 204 this time.  \n\n\n"
    old = rewrite(built(site), "---\n\n<!-- seminar:", f"---\n{paragraph}<!-- seminar:")
    new = rebuild(site, today=AFTER_SESSION, lead="team-9")
    assert f"---\n{paragraph}<!-- seminar:" in new
    assert line_changes(old, new) == (
        ["lectureVersion: next\n", "video: team-1\n"],
        ["lectureVersion: current\n", "video: team-9\n"],
    )


def test_comments_trailing_spaces_and_quoting_of_untouched_keys_stay(site: Site) -> None:
    built(site)
    rewrite(site, "layout: post\n", "layout: 'post'   # the site's one layout\n# the session\n")
    rewrite(site, "lecture:\n", "lecture:  \n\n")
    old = rewrite(site, "term: 2025-seminarRead\n", 'term: "2025-seminarRead"\n')
    new = rebuild(site, notes="Bring a laptop")
    assert line_changes(old, new) == (["notes:\n"], ["notes: Bring a laptop\n"])


def test_a_crlf_post_keeps_its_line_endings_and_its_reading_list_is_not_taken_for_edited(site: Site) -> None:
    path = built(site).root / POST
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    old = path.read_bytes().decode("utf-8")
    new = rebuild(site, title="Vision-Language Models")
    assert line_changes(old, new) == (
        ["title: Vision language models\r\n"],
        ["title: Vision-Language Models\r\n"],
    )
    before = site.snapshot()
    assert build(site).stdout == "1 session: 0 new, 0 updated, 1 unchanged\n"
    assert site.snapshot() == before


def test_a_crlf_post_made_before_markers_gets_crlf_markers(site: Site) -> None:
    path = built(site).root / POST
    path.write_bytes(old_style(path.read_text(encoding="utf-8")).replace("\n", "\r\n").encode("utf-8"))
    result = build(site)
    assert result.exit_code == 0, result.output
    new = path.read_bytes()
    assert b"\n" not in new.replace(b"\r\n", b"")
    assert START_MARKER.encode() in new and b"<!-- seminar:readings end -->\r\n" in new


def test_a_title_tied_to_another_key_by_an_anchor_is_an_error_naming_its_line(site: Site) -> None:
    built(site)
    rewrite(site, "title: Vision language models\n", "title: &name Vision language models\n")
    rewrite(site, "notes:\n", "notes: *name\n")
    write_plan(site, [{**SESSION, "title": "Vision-Language Models"}])
    before = site.snapshot()
    result = build(site)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == (
        f"{POST}:3: error: front matter title: cannot be set without changing other keys (an anchor or "
        "alias ties them): change it by hand\n"
    )
    assert site.snapshot() == before


def test_a_value_a_merge_key_gives_is_an_error_naming_it(site: Site) -> None:
    built(site)
    rewrite(site, "video: team-1\n", "<<: {video: team-1}\n")
    write_plan(site, [{**SESSION, "lead": "team-9"}])
    before = site.snapshot()
    result = build(site)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == (
        f"{POST}:8: error: front matter video: comes from a `<<` merge, not a key of its own: change it by "
        "hand\n"
    )
    assert site.snapshot() == before


# Any decoration, any one change


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with the one-session plan built, copied for each example."""
    site = Site(tmp_path_factory.mktemp("base") / "site")
    site.write("_config.yml", SITE_CONFIG)
    site.write("_layouts/post.html", "{{ content }}\n")
    site.write("_data/papers.json", (REPO / "_data" / "papers.json").read_text(encoding="utf-8"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SEMINAR_ARXIV_API", "http://127.0.0.1:9/api/query")  # a closed port: never arXiv
        built(site)
    return site.root


DECORATIONS = st.fixed_dictionaries(
    {
        "after_opening": st.integers(0, 2),  # blank lines after the opening `---`
        "lists": st.sampled_from(["block", "indented", "flow"]),
        "quote": st.sampled_from(["", "'", '"']),  # how `term:` and `desc:` are quoted
        # per front-matter line: trailing spaces, a comment after it, a line after it (blank or a comment)
        "lines": st.lists(
            st.tuples(st.integers(0, 3), st.booleans(), st.sampled_from(["", "blank", "comment"])),
            min_size=24,
            max_size=24,
        ),
        "before_closing": st.integers(0, 2),  # blank lines before the closing `---`
        "paragraph": st.sampled_from(["", "A note on room 204.\n", "\nA note.  \n\n\n"]),
        "blog": st.sampled_from(
            ["", "\n## Blog  \n\nWe met.\t\n", "\n\n\ntrailing text without a newline  "]
        ),
        "crlf": st.booleans(),
        "bom": st.booleans(),
    }
)


def decorate(text: str, how: dict) -> str:
    """The post as a person may have saved it: the same values, other bytes."""
    head, rest = text.removeprefix("---\n").split("\n---\n", 1)
    if how["lists"] == "flow":
        head = re.sub(
            r":\n((?:- .*\n?)+)", lambda m: ": [" + ",  ".join(re.findall(r"- (.*)", m[1])) + "]\n", head
        )
    elif how["lists"] == "indented":
        head = head.replace("\n- ", "\n  - ")
    if how["quote"]:
        q = how["quote"]
        head = re.sub(r"^(term|desc): (.*)$", rf"\1: {q}\2{q}", head, flags=re.MULTILINE)
    lines = []
    for number, line in enumerate(head.rstrip("\n").split("\n")):
        spaces, comment, extra = how["lines"][number % len(how["lines"])]
        lines.append(line + (f"  # c{number}" if comment else "") + " " * spaces)
        if extra:
            lines.append("" if extra == "blank" else f"# note {number}")
    front = (
        "---\n"
        + "\n" * how["after_opening"]
        + "\n".join(lines)
        + "\n"
        + "\n" * how["before_closing"]
        + "---\n"
    )
    paragraph = f"\n{how['paragraph']}" if how["paragraph"] else ""
    decorated = front + paragraph + rest + how["blog"]
    if how["crlf"]:
        decorated = decorated.replace("\n", "\r\n")
    return ("\ufeff" if how["bom"] else "") + decorated


def key_lines(text: str, key: str) -> set[str]:
    """The lines from the key's own line to the next key (its value's lines, and comments and blank lines
    before the next key), line endings dropped."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    first = next(n for n, line in enumerate(lines) if line.startswith(f"{key}:"))
    last = next(n for n in range(first + 1, len(lines)) if re.match(r"[A-Za-z]\w*:|---", lines[n]))
    return set(lines[first:last])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(how=DECORATIONS, change=st.sampled_from(sorted(CHANGES)))
def test_a_build_rewrites_only_the_changed_keys_lines_however_the_post_is_written(
    base: Path, how: dict, change: str
) -> None:
    plan_changes, today, key, value = CHANGES[change]
    with tempfile.TemporaryDirectory() as folder:
        site = Site(Path(folder) / "site")
        shutil.copytree(base, site.root)
        old = decorate((site.root / POST).read_text(encoding="utf-8"), how)
        (site.root / POST).write_bytes(old.encode("utf-8"))
        new = rebuild(site, today, **plan_changes)
    removed, added = line_changes(old, new)
    assert added, "the key's new value is on a line of its own"
    assert {line.rstrip("\r\n") for line in removed} <= key_lines(old, key)
    assert {line.rstrip("\r\n") for line in added} <= key_lines(new, key)
    assert jekyll_values(new) == {**jekyll_values(old), key: value}
    comments = re.compile(r"# (?:c|note )[0-9]+")
    assert comments.findall(new) == comments.findall(old)
    assert new.startswith("\ufeff") == how["bom"]
    assert new.count("\r\n") == (new.count("\n") if how["crlf"] else 0)
