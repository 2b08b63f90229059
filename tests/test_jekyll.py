"""Real Jekyll (Debian's 4.3.1): posts build strictly, show outside text literally, and sit at their URLs."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Site, jekyll_build

pytestmark = pytest.mark.jekyll

HOSTILE_TITLE = "Attention: Is \"All\" You Need? #1 & 'more' <b>bold</b>"
HOSTILE_PAPER_TITLE = "Q&A: {{ page.title }} and {% raw %} in C# #"
HOSTILE_ABSTRACT = (
    "We study {{ x }} and {% if a %} blocks, {%- endraw -%} and {{% raw %} too,\n"
    "+ a wrapped line that starts with a plus,\n"
    "- one with a minus, # one with a hash and 1984. a year.\n"
    "<script>alert(1)</script> beside $\\nabla_{z_t} \\log p$ and $|x|_2$ | a*b*c | _under_ | "
    "\\{set\\} \\_ | $$E = mc^2$$ | [link](http://example.org) | `code` | &lt; | {: .x} | 2 < 3 > 1"
)
TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def page_text(html: str, selector: str) -> str:
    """The visible text of one element, whitespace folded, kramdown's typographic quotes made plain."""
    element = BeautifulSoup(html, "html.parser").select_one(selector)
    assert element is not None, selector
    return " ".join(element.get_text(" ").split()).translate(TYPOGRAPHY)


def build(jekyll: str, site: Site, tmp_path: Path) -> Path:
    layouts = REPO / "_layouts"
    shutil.copytree(layouts, site.root / "_layouts", dirs_exist_ok=True)
    destination = tmp_path / "built"
    jekyll_build(jekyll, site.root, destination)
    return destination


def test_hostile_text_shows_literally_and_runs_nothing(jekyll: str, site: Site, tmp_path: Path) -> None:
    site.add_papers({"2501.00001": {"arxiv_id": "2501.00001", "title": HOSTILE_PAPER_TITLE,
                                    "authors": ["Ada *Star* Lovelace", "Alan_Turing_"],
                                    "abstract": HOSTILE_ABSTRACT, "published": "2025-01-02"}})  # fmt: skip
    result = site.run("new-session", "--week", "S1", "--title", HOSTILE_TITLE, "--date", "2025-01-07",
                      "--required", "2501.00001")  # fmt: skip
    assert result.exit_code == 0, result.output
    (post,) = site.posts.glob("*.md")

    built = build(jekyll, site, tmp_path)
    page = built / "2025" / "01" / "07" / f"{post.name[len('2025-01-07-') : -3]}.html"
    html = page.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")

    assert page_text(html, "article h1") == " ".join(HOSTILE_TITLE.split())
    assert page_text(html, "article h4") == HOSTILE_PAPER_TITLE
    items = [
        " ".join(li.get_text(" ").split()).translate(TYPOGRAPHY)
        for li in soup.select("article > ul")[1].select("li")
    ]
    assert items[:3] == [
        "[Submitted on 2 Jan 2025]",
        "Ada *Star* Lovelace, Alan_Turing_",
        " ".join(HOSTILE_ABSTRACT.split()),
    ]
    assert soup.find("script") is None and soup.find("table") is None and soup.find("em") is None
    assert "\\(" not in html  # $$...$$ not turned into math


def test_the_paper_store_is_jekyll_data(jekyll: str, site: Site, tmp_path: Path) -> None:
    site.write(
        "store.html", "---\n---\n{{ site.data.papers['2409.11402'].title }}|{{ site.data.papers.size }}\n"
    )
    built = build(jekyll, site, tmp_path)
    title, size = (built / "store.html").read_text(encoding="utf-8").strip().split("|")
    assert title == "NVLM: Open Frontier-Class Multimodal LLMs" and int(size) >= 2


def test_we_are_here_sits_before_the_first_session_still_to_come(
    jekyll: str, site: Site, tmp_path: Path
) -> None:
    shutil.copy(REPO / "index.html", site.root / "index.html")
    today = date.today()
    for week, offset in (("S1", -14), ("S2", -7), ("S3", 7), ("S4", 14)):
        when = (today + timedelta(days=offset)).isoformat()
        assert (
            site.run("new-session", "--week", week, "--title", f"Session {week}", "--date", when).exit_code
            == 0
        )
    built = build(jekyll, site, tmp_path)
    rows = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser").select("tbody tr")
    shown = [row.a.get_text() if row.a else row.get_text().strip() for row in rows]
    assert shown == ["Session S1", "Session S2", "WE ARE HERE", "Session S3", "Session S4"]


def test_every_demo_post_is_built_at_its_url_and_listed_in_date_order(jekyll: str, tmp_path: Path) -> None:
    source = tmp_path / "demo"
    shutil.copytree(
        REPO, source, ignore=shutil.ignore_patterns(".git", "_site", ".jekyll-cache", "*.egg-info")
    )
    destination = tmp_path / "built"
    jekyll_build(jekyll, source, destination)

    posts = sorted((REPO / "_posts").glob("*.md"))
    assert len(posts) >= 4
    urls = []
    for post in posts:
        year, month, day, slug = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})-(.+)\.md", post.name).groups()
        url = f"/{year}/{month}/{day}/{slug}.html"
        assert (destination / url.lstrip("/")).is_file(), url
        urls.append(url)
    index = BeautifulSoup((destination / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [link["href"] for link in index.select("tbody tr.session a")] == urls
    assert not (destination / "seminar").exists() and not (destination / "tests").exists()
    assert not (destination / "templates").exists() and not (destination / "pyproject.toml").exists()
