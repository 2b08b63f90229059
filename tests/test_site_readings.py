"""The readings an existing class site's session files list, read without writing a byte.

First on the project's own session files (tests/fixtures/sites, made up in the shapes of the three kinds of
class site) and on small bodies written inline, one behaviour per test; then on every session file of the
three synthetic sites of ../shared/sites, compared reading by reading with their EXPECTED.json. Every line
number expected here was written down by reading the files (as `cat -n` shows them).
"""

from __future__ import annotations

import json
import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, SHARED
from seminar.model.arxiv_ids import ArxivId, find_arxiv_ids, parse_arxiv_id
from seminar.sources.site_readings import FoundReading, SessionBody, read_session_body

SITES = FIXTURES / "sites"
HEADINGS = SITES / "headings-site" / "_contents"
LETTERED = SITES / "lettered-site" / "_sessions"
LOG = SITES / "log-site" / "_posts"


def split_front_matter(text: str) -> tuple[str, int]:
    """A session file's body (after the line that closes its front matter) and the body's first file line."""
    lines = text.split("\n")
    assert lines[0].rstrip() == "---", "a session file starts with front matter"
    closing = next(index for index in range(1, len(lines)) if lines[index].rstrip() == "---")
    return "\n".join(lines[closing + 1 :]), closing + 2


@cache
def read_file(path: Path) -> SessionBody:
    return read_session_body(*split_front_matter(path.read_text(encoding="utf-8")))


def read(text: str, first_line: int = 1) -> SessionBody:
    return read_session_body(text, first_line)


def summary(reading: FoundReading) -> tuple[str, str, str | None, str | None]:
    return reading.section, reading.title, reading.url, reading.arxiv_id


# --- the project's own session files --------------------------------------------------------------------


def test_heading_readings_in_a_collection_session_in_file_order() -> None:
    assert [summary(reading) for reading in read_file(HEADINGS / "A01.md").readings] == [
        (
            "required",
            "Folding Paper Cranes with Gradient Descent",
            "https://arxiv.org/abs/2501.00011",
            "2501.00011",
        ),
        (
            "required",
            "A Field Guide to Imaginary Benchmarks",
            "https://arxiv.org/abs/2502.00022v2",
            "2502.00022",
        ),
        ("required", "Tiny Adapters for Tiny Models", "https://arxiv.org/pdf/2503.00033", "2503.00033"),
        ("required", "Sketchnet", "https://arxiv.org/abs/2504.00044", "2504.00044"),
        ("more", "Notes on Teaching with Toy Robots", "https://example.github.io/toy-robots/", None),
        ("more", "An Unlinked Essay", None, None),
    ]


def test_lettered_readings_under_sub_headings_in_file_order() -> None:
    assert [summary(reading) for reading in read_file(LETTERED / "B01.md").readings] == [
        (
            "required",
            "Reading Tea Leaves with Transformers",
            "https://arxiv.org/abs/2503.01234v2",
            "2503.01234",
        ),
        ("required", "Self-Checking Calculators", "https://arxiv.org/html/2504.05678v3", "2504.05678"),
        ("required", "A Blog About Queues", "https://example.org/queues/", None),
        (
            "required",
            "Reading Tea Leaves with Transformers",
            "https://arxiv.org/pdf/2503.01234",
            "2503.01234",
        ),
        ("background", "Old Ideas in New Clothes", "https://arxiv.org/abs/2001.09999", "2001.09999"),
        (
            "background",
            "A Heading-Style Background Reading",
            "https://arxiv.org/abs/2002.08888",
            "2002.08888",
        ),
    ]


def test_readings_before_any_section_heading_are_required_in_a_section_without_heading() -> None:
    body = read_file(LOG / "2032-03-05-C01.md")
    first, more = body.sections
    assert (first.kind, first.heading, first.line) == ("required", None, None)
    assert [reading.title for reading in first.readings] == [
        "Readings Before Any Heading",
        "Another Early Reading",
    ]
    assert (more.kind, more.heading, more.line) == ("more", "## More readings", 20)


def test_reading_lines_are_file_lines_from_heading_to_last_non_blank_line() -> None:
    lines = [(reading.line, reading.end) for reading in read_file(HEADINGS / "A01.md").readings]
    assert lines == [(13, 17), (20, 24), (27, 29), (32, 33), (38, 40), (42, 43)]


def test_lettered_reading_lines_run_from_bullet_to_its_last_item() -> None:
    lines = [(reading.line, reading.end) for reading in read_file(LETTERED / "B01.md").readings]
    assert lines == [(24, 26), (28, 30), (32, 33), (35, 36), (41, 43), (45, 46)]


def test_sections_keep_their_heading_as_written_and_their_line_range() -> None:
    sections = [
        (section.kind, section.heading, section.line, section.end)
        for section in read_file(LETTERED / "B01.md").sections
    ]
    assert sections == [
        ("required", "## Required Readings: IMAGINARY TOPIC", 11, 36),
        ("background", "## Background Readings: ", 39, 46),
    ]


def test_an_empty_section_ends_at_its_heading() -> None:
    more = read_file(HEADINGS / "A02.md").sections[-1]
    assert (more.kind, more.heading, more.line, more.end, more.readings) == (
        "more",
        "## More Readings: ",
        17,
        17,
        (),
    )


def test_style_level_and_letter_say_how_each_reading_is_written() -> None:
    headings = read_file(HEADINGS / "A01.md").readings
    lettered = read_file(LETTERED / "B01.md").readings
    assert [(reading.style, reading.level, reading.letter) for reading in headings[1:3]] == [
        ("heading", 4, None),
        ("heading", 5, None),
    ]
    assert [reading.letter for reading in lettered if reading.style == "lettered"] == [
        "a",
        "b",
        "b",
        "c",
        "a",
    ]
    assert all(reading.level is None for reading in lettered if reading.style == "lettered")


def test_excerpt_marker_line_is_given_and_nothing_after_it_is_a_reading() -> None:
    body = read_file(HEADINGS / "A01.md")
    assert body.excerpt_line == 47
    assert all(reading.line < 47 for reading in body.readings)
    assert read_file(HEADINGS / "A02.md").excerpt_line is None


def test_an_empty_body_lists_nothing() -> None:
    body = read_file(LETTERED / "B02.md")
    assert (body.sections, body.readings, body.excerpt_line, body.unplaced) == ((), (), None, ())


def test_the_project_sessions_leave_nothing_unplaced() -> None:
    for path in sorted(SITES.glob("*/_*/*.md")):
        assert read_file(path).unplaced == (), path


# --- one behaviour at a time, on bodies written here ----------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("## Readings:", "required"),
        ("## Readings", "required"),
        ("## Required Readings:", "required"),
        ("## Required Readings: Model Serving", "required"),
        ("## REQUIRED READINGS: A TOPIC IN CAPITALS", "required"),
        ("## More Readings:", "more"),
        ("## More reading:", "more"),
        ("## More readings", "more"),
        ("### more readings", "more"),
        ("## Extra Readings:", "more"),
        ("## Background Readings:", "background"),
        ("## background readings", "background"),
    ],
)
def test_section_heading_variants_give_their_kind(heading: str, kind: str) -> None:
    (section,) = read(f"{heading} \n\n#### A Paper\n+ https://arxiv.org/abs/2401.00001\n").sections
    assert (section.kind, section.heading) == (kind, f"{heading} ")


def test_an_unknown_level_two_heading_ends_the_section_and_its_readings_are_unplaced() -> None:
    body = read(
        "## Required Readings:\n\n#### Kept\n+ https://arxiv.org/abs/2401.00001\n\n"
        "## Further Readings:\n\n#### Not Placed\n+ https://arxiv.org/abs/2401.00002\n"
    )
    assert [reading.title for reading in body.readings] == ["Kept"]
    assert body.sections[0].end == 4
    assert body.unplaced == ((8, "#### Not Placed"), (9, "+ https://arxiv.org/abs/2401.00002"))


def test_an_arxiv_link_outside_any_reading_is_unplaced() -> None:
    body = read(
        "Before we start, skim https://arxiv.org/abs/2401.00003.\n\n## Readings:\n\n#### A Paper\n", 20
    )
    assert body.unplaced == ((20, "Before we start, skim https://arxiv.org/abs/2401.00003."),)
    assert body.readings[0].url is None


@pytest.mark.parametrize(
    ("link_line", "url"),
    [
        (
            "+ [https://arxiv.org/abs/2401.00004](https://arxiv.org/abs/2401.00004)",
            "https://arxiv.org/abs/2401.00004",
        ),
        ("+ [URL](https://arxiv.org/abs/2401.00004)", "https://arxiv.org/abs/2401.00004"),
        ("  + [ URL](https://arxiv.org/abs/2401.00004) ", "https://arxiv.org/abs/2401.00004"),
        ("+ https://arxiv.org/abs/2401.00004", "https://arxiv.org/abs/2401.00004"),
        (" + https://arxiv.org/abs/2401.00004 ", "https://arxiv.org/abs/2401.00004"),
        ("https://arxiv.org/abs/2401.00004", "https://arxiv.org/abs/2401.00004"),
        ("- [URL](https://example.github.io/a-post/)", "https://example.github.io/a-post/"),
        ("\t- Link: https://arxiv.org/html/2401.00004v3", "https://arxiv.org/html/2401.00004v3"),
        ("\t- arXiv: https://arxiv.org/abs/2401.00004v1", "https://arxiv.org/abs/2401.00004v1"),
        ("  - arXiv: https://arxiv.org/abs/2401.00004", "https://arxiv.org/abs/2401.00004"),
    ],
)
def test_every_link_form_gives_the_url_exactly_as_written(link_line: str, url: str) -> None:
    (reading,) = read(f"## Readings:\n\n#### A Paper\n+ A. Writer\n{link_line}\n").readings
    assert (reading.url, reading.arxiv_id) == (url, "2401.00004" if "arxiv" in url else None)


@pytest.mark.parametrize(
    "line",
    [
        "+ [Submitted on 4 Jan 2024]",
        "+ A. Writer, B. Writer",
        "+ See https://arxiv.org/abs/2401.00005 for the follow-up.",
        "\t- GitHub: https://github.com/example/code",
        "\t- Project: https://example.org/project/",
        "\t- Venue: ICLR 2024",
        "\t- compare https://arxiv.org/abs/2401.00005",
    ],
)
def test_other_bullets_give_no_url(line: str) -> None:
    (reading,) = read(f"## Readings:\n\n+ a. A Paper (January 2024)\n{line}\n").readings
    assert (reading.url, reading.arxiv_id) == (None, None)


def test_the_first_link_is_the_url_and_the_first_arxiv_link_gives_the_id() -> None:
    (reading,) = read(
        "## Readings:\n\n+ a. A Paper (January 2024)\n\t- Link: https://example.org/paper\n"
        "\t- arXiv: https://arxiv.org/abs/2401.00006v2\n\t- arXiv: https://arxiv.org/abs/2401.00007\n"
    ).readings
    assert (reading.url, reading.arxiv_id) == ("https://example.org/paper", "2401.00006")


@pytest.mark.parametrize(
    ("heading", "title", "url"),
    [
        ("#### Sketchnet: https://arxiv.org/abs/2401.00008", "Sketchnet", "https://arxiv.org/abs/2401.00008"),
        (
            "#### [Sketchnet](https://arxiv.org/abs/2401.00008)",
            "Sketchnet",
            "https://arxiv.org/abs/2401.00008",
        ),
        ("####   Sketchnet: Drawing With Nets   ", "Sketchnet: Drawing With Nets", None),
        ("#### Sketchnet ####", "Sketchnet", None),
        ("#### **Sketchnet**", "Sketchnet", None),
    ],
)
def test_heading_titles_lose_their_markup_and_a_trailing_url(
    heading: str, title: str, url: str | None
) -> None:
    (reading,) = read(f"## Readings:\n\n{heading}\n+ A. Writer\n").readings
    assert (reading.title, reading.url) == (title, url)


@pytest.mark.parametrize(
    ("bullet", "title"),
    [
        ("+ a. Sketchnet (October 2023)", "Sketchnet"),
        (
            "+ e. Sketchnet: Drawing With Nets (Aug 2023, updated December 2024)",
            "Sketchnet: Drawing With Nets",
        ),
        ("+ b. Sketchnet (ICLR 2024)", "Sketchnet (ICLR 2024)"),
        ("+ c. Sketchnet", "Sketchnet"),
    ],
)
def test_lettered_titles_lose_the_letter_and_the_trailing_month_and_year(bullet: str, title: str) -> None:
    (reading,) = read(f"## Readings:\n\n{bullet}\n\t- arXiv: https://arxiv.org/abs/2401.00009\n").readings
    assert reading.title == title


def test_an_author_line_with_capital_initials_is_not_a_lettered_reading() -> None:
    (reading,) = read(
        "## Readings:\n\n#### A Paper\n+ A. Writer, B. Writer\n+ https://arxiv.org/abs/2401.00010\n"
    ).readings
    assert (reading.title, reading.arxiv_id) == ("A Paper", "2401.00010")


def test_a_level_five_heading_is_a_reading_of_its_own() -> None:
    body = read(
        "## Readings:\n\n#### Outer\n+ https://arxiv.org/abs/2401.00011\n\n##### Inner\n+ https://arxiv.org/abs/2401.00012\n"
    )
    assert [(reading.title, reading.level, reading.arxiv_id) for reading in body.readings] == [
        ("Outer", 4, "2401.00011"),
        ("Inner", 5, "2401.00012"),
    ]


def test_a_sub_heading_followed_by_lettered_readings_is_not_a_reading() -> None:
    body = read(
        "## Required Readings: TOPIC\n\n### Key papers on this topic\n\n+ a. A Paper (May 2024)\n\t- arXiv: https://arxiv.org/abs/2405.00013\n"
    )
    assert [(reading.title, reading.style) for reading in body.readings] == [("A Paper", "lettered")]


def test_a_sub_heading_over_a_table_is_not_a_reading_and_table_rows_are_not_readings() -> None:
    body = read(
        "## Required Readings: TOPIC\n\n### Slide decks from earlier offerings:\n\n"
        "| Topic | Deck |\n|---|---|\n| Old topic | [deck](https://example.github.io/deck/) |\n"
    )
    assert (body.readings, body.unplaced) == ((), ())


def test_a_heading_followed_directly_by_deeper_headings_groups_them() -> None:
    body = read("## Readings:\n\n### Group\n\n#### A Paper\n+ https://arxiv.org/abs/2401.00014\n")
    assert [reading.title for reading in body.readings] == ["A Paper"]


def test_a_heading_reading_with_only_notes_has_no_link() -> None:
    (reading,) = read("## Readings:\n\n### An Essay\n+ A summary.\n\t- a note item\n").readings
    assert (reading.title, reading.url, reading.end) == ("An Essay", None, 5)


def test_nested_note_items_are_never_readings() -> None:
    (reading,) = read(
        "## Readings:\n\n+ a. A Paper (May 2024)\n\t- b. not a reading\n  - c. nor this\n"
    ).readings
    assert (reading.title, reading.end) == ("A Paper", 5)


def test_a_reading_listed_twice_is_listed_twice() -> None:
    body = read("## Readings:\n\n+ a. Twice (May 2024)\n\n+ b. Twice (May 2024)\n")
    assert [(reading.title, reading.letter) for reading in body.readings] == [("Twice", "a"), ("Twice", "b")]


def test_a_paragraph_after_a_lettered_reading_ends_its_block() -> None:
    (reading,) = read(
        "## Readings:\n\n+ a. A Paper (May 2024)\n\t- Link: https://example.org/a\n\nA closing remark.\n"
    ).readings
    assert reading.end == 4


def test_nothing_after_the_excerpt_marker_is_read() -> None:
    body = read(
        "## Readings:\n\n#### Before\n\n<!--excerpt.start-->\n\n## More Readings:\n\n#### After\n+ https://arxiv.org/abs/2401.00015\n",
        7,
    )
    assert ([reading.title for reading in body.readings], body.excerpt_line, body.unplaced) == (
        ["Before"],
        11,
        (),
    )


def test_headings_inside_a_code_block_are_not_readings() -> None:
    (reading,) = read("## Readings:\n\n#### A Paper\n```\n#### not a heading\n```\n").readings
    assert (reading.title, reading.end) == ("A Paper", 6)


def test_windows_line_endings_give_the_same_readings() -> None:
    text = "## Readings:\n\n#### A Paper\n+ https://arxiv.org/abs/2401.00016\n"
    assert read(text.replace("\n", "\r\n")) == read(text)


@pytest.mark.parametrize(
    "line",
    [
        "#### " + "a" * 30_000,
        "#### a" + " " * 30_000 + "b",
        "#### " + "(May 2023 " * 3_000,
        "#### " + "](http://x" * 3_000,
        "#### " + "http://" * 4_000,
        "#### " + "# " * 15_000,
        "#### " + "arXiv: " * 4_000,
        "## " + "readings " * 3_000,
        "+ a. " + "(" * 30_000,
        "+ [" + "a" * 30_000 + "](" + "h" * 30_000,
        "+" + " " * 30_000 + "x",
        "|" + " " * 30_000,
        "see " + "arxiv.org/abs/" * 2_000,
    ],
)
def test_a_30000_character_line_parses_fast(line: str) -> None:
    started = time.perf_counter()
    read(f"## Readings:\n\n{line}\n+ https://arxiv.org/abs/2401.00017\n")
    assert time.perf_counter() - started < 0.5


# --- arXiv's HTML view ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://arxiv.org/html/2402.03300v3", ArxivId("2402.03300", 3)),
        ("https://arxiv.org/html/2402.03300", ArxivId("2402.03300")),
        ("http://www.arxiv.org/html/2402.03300v1/", ArxivId("2402.03300", 1)),
    ],
)
def test_parse_arxiv_id_reads_the_html_view_link(url: str, expected: ArxivId) -> None:
    assert parse_arxiv_id(url) == expected


def test_find_arxiv_ids_finds_html_view_links_in_text() -> None:
    assert find_arxiv_ids("see https://arxiv.org/html/2402.03300v3 and arxiv.org/abs/2401.00018") == [
        "2402.03300",
        "2401.00018",
    ]


# --- the three synthetic sites of ../shared/sites -------------------------------------------------------

SHARED_SITES = ("contents-site", "posts-site", "sessions-site")


@cache
def expected(site: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (SHARED / "sites" / site / "EXPECTED.json").read_text(encoding="utf-8")
    )
    return loaded


def session_files(site: str) -> list[str]:
    """Every session file of a site: the whole collection, or the posts of the site's term."""
    root = SHARED / "sites" / site
    term = expected(site)["term"]
    found = []
    for path in sorted((root / expected(site)["session_dir"]).glob("*.md")):
        front, _ = path.read_text(encoding="utf-8").split("\n---", 1)
        if site != "posts-site" or yaml.safe_load(front.removeprefix("---")).get("term") == term:
            found.append(str(path.relative_to(root)))
    return found


def shared_sessions() -> list[tuple[str, str]]:
    if not SHARED.is_dir():
        return [("missing", "missing")]  # a single case, which the `shared` fixture skips
    return [(site, path) for site in SHARED_SITES for path in session_files(site)]


@pytest.mark.parametrize("site", SHARED_SITES)
def test_every_session_file_of_the_shared_sites_is_an_expected_session(site: str, shared: Path) -> None:
    assert session_files(site) == sorted(session["path"] for session in expected(site)["sessions"])


@pytest.mark.parametrize(("site", "path"), shared_sessions())
def test_shared_site_sessions_give_exactly_the_expected_readings(site: str, path: str, shared: Path) -> None:
    (session,) = [session for session in expected(site)["sessions"] if session["path"] == path]
    body = read_file(shared / "sites" / site / path)
    found = [
        {"section": reading.section, "title": reading.title, "arxiv_id": reading.arxiv_id, "url": reading.url}
        for reading in body.readings
    ]
    wanted = [
        {key: reading[key] for key in ("section", "title", "arxiv_id", "url")}
        for reading in session["readings"]
    ]
    assert found == wanted


@pytest.mark.parametrize(("site", "path"), shared_sessions())
def test_shared_site_sessions_leave_nothing_unplaced(site: str, path: str, shared: Path) -> None:
    assert read_file(shared / "sites" / site / path).unplaced == ()


def test_shared_sections_and_lines_of_a_lettered_session(shared: Path) -> None:
    body = read_file(shared / "sites" / "sessions-site" / "_sessions" / "W01.2.md")
    assert [(section.kind, section.line, section.end) for section in body.sections] == [
        ("required", 19, 44),
        ("background", 47, 51),
    ]
    assert [(reading.line, reading.end, reading.letter) for reading in body.readings] == [
        (34, 36, "a"),
        (38, 40, "b"),
        (42, 44, "c"),
        (49, 51, "a"),
    ]


def test_shared_excerpt_markers_and_an_empty_more_section(shared: Path) -> None:
    contents = shared / "sites" / "contents-site" / "_contents"
    assert read_file(contents / "S0-L01.md").excerpt_line == 45
    more = read_file(contents / "S0-L04.md").sections[-1]
    assert (more.kind, more.line, more.end, more.readings) == ("more", 39, 39, ())
