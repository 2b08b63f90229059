"""The schedule include, `_includes/seminar-schedule.html`, built by real Jekyll and read as headless Chromium
shows it: the plan's sessions in its order with their dates, titles linked to their pages, the days without
class where they fall, and "WE ARE HERE" just before the first session still to come.

Each site is built once per module in a temporary folder, from the repository's include and `schedule.md`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
import yaml

from conftest import REPO, jekyll_build

pytestmark = pytest.mark.jekyll

LAYOUT = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ page.title | escape }}</title></head>
<body>{{ content }}</body></html>
"""
INCLUDE = "_includes/seminar-schedule.html"
HOSTILE_TITLE = "Q&A: <b>bold</b> {{ page.title }} & more"


@dataclass(frozen=True)
class Row:
    """One row of the schedule table as the browser shows it."""

    kind: str  # the row's class: session-row, no-class-row or we-are-here
    dates: tuple[str, ...]  # the `datetime` of each <time> in its date cell: a day, or a range's ends
    week: str
    title: str
    href: str | None  # the title's link
    version: str
    text: str  # all its text, whitespace folded

    @property
    def label(self) -> str:
        """The row in a word: the session's week, `no class <dates>` or `WE ARE HERE`."""
        if self.kind == "session-row":
            return self.week
        if self.kind == "no-class-row":
            return "no class " + "/".join(self.dates)
        return self.text


def folded(element: lxml.html.HtmlElement | None) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def table_rows(html: str) -> list[Row]:
    """The rows of the page's one schedule table, in order; every row sits in its body."""
    (table,) = lxml.html.fromstring(html).xpath('//table[contains(@class, "seminar-schedule")]')
    rows = table.xpath("./tbody/tr")
    assert len(table.xpath(".//tr")) == len(rows) + 1  # the header row, and no row the browser moved

    def cell(row: lxml.html.HtmlElement, name: str) -> lxml.html.HtmlElement | None:
        found = row.xpath(f'./td[@class="{name}"]')
        return found[0] if found else None

    return [
        Row(
            kind=row.get("class"),
            dates=tuple(row.xpath('./td[@class="date"]//time/@datetime')),
            week=folded(cell(row, "week")),
            title=folded(cell(row, "title")),
            href=next(iter(row.xpath('./td[@class="title"]/a/@href')), None),
            version=folded(cell(row, "version")),
            text=folded(row),
        )
        for row in rows
    ]


def browser_dom(chromium: str, page: Path, profile: Path) -> str:
    """The page's DOM after headless Chromium loaded it; any address but the file leads to a closed port."""
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--proxy-server=http://127.0.0.1:9",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "<table" in result.stdout, result.stderr
    return result.stdout


def write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def post(title: str, desc: str, version: str, date: str | None = None) -> str:
    """A session page's front matter, as seminar writes it (the keys the include reads)."""
    dated = f"date: {date}\n" if date else ""
    front = f"layout: default\ntitle: {title}\n{dated}desc: {desc}\nlectureVersion: {version}\n"
    return f"---\n{front}---\nReadings.\n"


@dataclass(frozen=True)
class Built:
    """A site built by Jekyll, and its schedule table as Chromium shows it."""

    destination: Path
    rows: list[Row]

    def session(self, week: str) -> Row:
        (row,) = (row for row in self.rows if row.kind == "session-row" and row.week == week)
        return row


def build_site(jekyll: str, chromium: str, root: Path, files: dict[str, str], config: str) -> Built:
    """The site of these files with the repository's include and schedule page, built and loaded."""
    source = root / "site"
    ours = {name: (REPO / name).read_text(encoding="utf-8") for name in (INCLUDE, "schedule.md")}
    write(source, {"_config.yml": config, "_layouts/default.html": LAYOUT, **ours, **files})
    destination = root / "built"
    jekyll_build(jekyll, source, destination)
    html = browser_dom(chromium, destination / "schedule" / "index.html", root / "chromium-profile")
    return Built(destination, table_rows(html))


def built_file(built: Built, href: str, baseurl: str = "") -> Path:
    """The built file a link of the site leads to."""
    assert href.startswith(f"{baseurl}/"), href
    path = built.destination / href[len(baseurl) :].lstrip("/")
    return path / "index.html" if href.endswith("/") else path


# A term of posts: the plan names no `year` (so seminar.year is used), fixes some dates and not others, finds
# one post by `file:` and one by its own `desc:`, has a session without a post yet, and lists its days without
# class out of order. The site lives under a baseurl.
POSTS_CONFIG = """\
title: Posts term
baseurl: /class
future: true
permalink: /:year/:month/:day/:title:output_ext
seminar:
  year: 2024
"""
POSTS_PLAN = f"""\
term: 2024-test
first_day: 2024-01-16
last_day: 2024-03-01
meets: [Tue, Thu]
no_class:
  - {{date: 2024-02-27, why: Exams}}
  - {{from: 2024-01-29, to: 2024-02-02, why: Reading week}}
  - 2024-02-13
  - {{date: 2024-01-16, why: "Rooms <closed> & locked"}}
  - {{date: 2024-02-20, why: Holiday}}
sessions:
  - week: L01
    title: {yaml.safe_dump(HOSTILE_TITLE).splitlines()[0]}
  - week: L02
    title: Second
    date: 2024-01-25
  - week: L03
    title: Third
    file: _posts/2024-02-06-renamed.md
  - week: L04
    title: Fourth
    date: 2024-02-08
  - week: L05
    title: Fifth
    desc: 2024-special
  - week: L06
    title: Sixth
"""
POSTS_FILES = {
    "_data/schedule.yml": POSTS_PLAN,
    "_posts/2024-01-23-first.md": post("First post", "2024-L01", "current"),
    "_posts/2024-01-24-second.md": post("Second", "2024-L02", "current"),
    "_posts/2024-01-30-extra.md": post("Not in the plan", "2024-X99", "next"),
    "_posts/2024-02-06-renamed.md": post("Third", "2024-old-label", "next"),
    "_posts/2024-02-15-fifth.md": post("Fifth", "2024-special", "next"),
}


@pytest.fixture(scope="module")
def posts_term(jekyll: str, chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_site(jekyll, chromium, tmp_path_factory.mktemp("posts"), POSTS_FILES, POSTS_CONFIG)


def test_each_session_of_the_plan_is_a_row_in_the_plans_order(posts_term: Built) -> None:
    weeks = [row.week for row in posts_term.rows if row.kind == "session-row"]
    assert weeks == ["L01", "L02", "L03", "L04", "L05", "L06"]  # and not the post the plan does not name


def test_a_session_without_a_date_has_its_posts_date(posts_term: Built) -> None:
    assert posts_term.session("L01").dates == ("2024-01-23",)
    assert posts_term.session("L03").dates == ("2024-02-06",)


def test_a_date_the_plan_gives_wins_over_the_posts(posts_term: Built) -> None:
    assert posts_term.session("L02").dates == ("2024-01-25",)  # its post is dated 2024-01-24


def test_titles_link_to_their_posts_under_the_baseurl(posts_term: Built) -> None:
    links = {row.week: row.href for row in posts_term.rows if row.kind == "session-row"}
    assert links == {
        "L01": "/class/2024/01/23/first.html",
        "L02": "/class/2024/01/24/second.html",
        "L03": "/class/2024/02/06/renamed.html",
        "L04": None,
        "L05": "/class/2024/02/15/fifth.html",
        "L06": None,
    }
    for href in filter(None, links.values()):
        assert built_file(posts_term, href, "/class").is_file(), href


def test_a_session_with_a_file_is_that_post_whatever_its_desc(posts_term: Built) -> None:
    row = posts_term.session("L03")
    assert (row.href, row.version) == ("/class/2024/02/06/renamed.html", "next")


def test_a_session_with_its_own_desc_is_the_post_with_that_desc(posts_term: Built) -> None:
    row = posts_term.session("L05")
    assert (row.href, row.dates, row.version) == ("/class/2024/02/15/fifth.html", ("2024-02-15",), "next")


def test_a_session_without_a_post_still_has_its_row_unlinked(posts_term: Built) -> None:
    row = posts_term.session("L04")
    assert (row.dates, row.title, row.href, row.version) == (("2024-02-08",), "Fourth", None, "")
    undated = posts_term.session("L06")
    assert (undated.dates, undated.title, undated.href) == ((), "Sixth", None)


def test_days_without_class_sit_among_the_sessions_in_date_order(posts_term: Built) -> None:
    assert [row.label for row in posts_term.rows] == [
        "no class 2024-01-16",
        "L01",
        "L02",
        "no class 2024-01-29/2024-02-02",
        "WE ARE HERE",
        "L03",
        "L04",
        "no class 2024-02-13",
        "L05",
        "L06",
        "no class 2024-02-20",  # after the last dated session, in date order
        "no class 2024-02-27",
    ]


def test_a_day_without_class_shows_its_dates_and_why(posts_term: Built) -> None:
    texts = [row.text for row in posts_term.rows if row.kind == "no-class-row"]
    assert texts == [
        "Tue 16 Jan 2024 No class: Rooms <closed> & locked",
        "Mon 29 Jan 2024 – Fri 2 Feb 2024 No class: Reading week",
        "Tue 13 Feb 2024 No class",
        "Tue 20 Feb 2024 No class: Holiday",
        "Tue 27 Feb 2024 No class: Exams",
    ]


def test_we_are_here_comes_just_before_the_first_session_not_current(posts_term: Built) -> None:
    kinds = [row.kind for row in posts_term.rows]
    assert kinds.count("we-are-here") == 1
    here = kinds.index("we-are-here")
    sessions_before = [row for row in posts_term.rows[:here] if row.kind == "session-row"]
    assert {row.version for row in sessions_before} == {"current"}
    assert posts_term.rows[here + 1].week == "L03"


def test_titles_show_literally(posts_term: Built) -> None:
    assert posts_term.session("L01").title == HOSTILE_TITLE  # the plan's title, not the post's


# A term whose sessions are documents of the collection `_contents/`: one named by `file:`, the others found
# as `_contents/<week>.md` through `seminar: collection:`; a post with a matching desc is not taken instead.
COLLECTION_CONFIG = """\
title: Collection term
collections:
  contents:
    output: true
    permalink: /:collection/:name/
seminar:
  year: 2024
  collection: contents
"""
COLLECTION_FILES = {
    "_data/schedule.yml": """\
year: 2024
no_class:
  - {date: 2024-01-26, why: Snow}
sessions:
  - week: S0-L01
    title: Introduction
    file: _contents/intro.md
  - week: S0-L02
    title: Agents
    date: 2024-01-30
  - week: S0-L03
    title: Planning
    date: 2024-02-01
""",
    "_contents/intro.md": post("Introduction", "2024-S0-L01", "current", date="2024-01-23"),
    "_contents/S0-L02.md": post("Agents", "2024-S0-L02", "next"),
    "_posts/2024-01-30-decoy.md": post("Decoy", "2024-S0-L02", "current"),
}


@pytest.fixture(scope="module")
def collection_term(jekyll: str, chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("collection")
    return build_site(jekyll, chromium, root, COLLECTION_FILES, COLLECTION_CONFIG)


def test_a_collection_session_is_the_document_its_file_names(collection_term: Built) -> None:
    row = collection_term.session("S0-L01")
    assert (row.href, row.dates, row.version) == ("/contents/intro/", ("2024-01-23",), "current")
    assert built_file(collection_term, row.href).is_file()


def test_with_seminar_collection_a_session_is_the_document_named_for_its_week(collection_term: Built) -> None:
    row = collection_term.session("S0-L02")  # its URL's :name is slugified, as Jekyll does
    assert (row.href, row.dates, row.version) == ("/contents/s0-l02/", ("2024-01-30",), "next")
    assert built_file(collection_term, row.href).is_file()


def test_a_collection_term_reads_in_date_order_with_we_are_here(collection_term: Built) -> None:
    assert [row.label for row in collection_term.rows] == [
        "S0-L01",
        "no class 2024-01-26",
        "WE ARE HERE",
        "S0-L02",
        "S0-L03",
    ]
    assert collection_term.session("S0-L03").href is None


def test_a_file_under_collections_dir_is_found(
    jekyll: str, chromium: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    config = "title: Nested\ncollections_dir: terms\ncollections:\n  contents:\n    output: true\n"
    plan = "year: 2024\nsessions:\n  - {week: A1, title: One, file: terms/_contents/one.md}\n"
    files = {"_data/schedule.yml": plan, "terms/_contents/one.md": post("One", "x", "current", "2024-01-23")}
    built = build_site(jekyll, chromium, tmp_path_factory.mktemp("nested"), files, config)
    assert [(row.week, row.href, row.dates) for row in built.rows] == [
        ("A1", "/contents/one.html", ("2024-01-23",))
    ]


# The demo site of the repository, whose plan fixes no dates: they come from its posts.
@pytest.fixture(scope="module")
def demo(jekyll: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Row]]:
    root = tmp_path_factory.mktemp("demo")
    source = root / "site"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(".*", "_site", "*.egg-info", "seminar", "tests", "bench", "templates"),
    )
    destination = root / "built"
    jekyll_build(jekyll, source, destination)
    return destination, table_rows((destination / "schedule" / "index.html").read_text(encoding="utf-8"))


def demo_posts() -> dict[str, tuple[str, str]]:
    """Each demo post's date and URL by its desc."""
    found = {}
    for path in sorted((REPO / "_posts").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        year, month, day, slug = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})-(.+)\.md", path.name).groups()
        found[front["desc"]] = (f"{year}-{month}-{day}", f"/{year}/{month}/{day}/{slug}.html")
    return found


def test_the_demo_schedule_lists_every_session_of_its_plan_on_its_posts_date(
    demo: tuple[Path, list[Row]],
) -> None:
    destination, rows = demo
    plan = yaml.safe_load((REPO / "_data" / "schedule.yml").read_text(encoding="utf-8"))
    posts = demo_posts()
    sessions = [row for row in rows if row.kind == "session-row"]
    assert [(row.week, row.title) for row in sessions] == [
        (session["week"], session["title"]) for session in plan["sessions"]
    ]
    for row in sessions:
        day, url = posts[f"{plan['year']}-{row.week}"]
        assert (row.dates, row.href) == ((day,), url)
        assert (destination / url.lstrip("/")).is_file()


def test_the_demo_schedule_shows_its_break_between_sessions_and_no_we_are_here(
    demo: tuple[Path, list[Row]],
) -> None:
    _, rows = demo
    labels = ["W08.1", "W08.2", "no class 2025-03-10/2025-03-14", "W10.1", "W10.2"]
    assert [row.label for row in rows] == labels
