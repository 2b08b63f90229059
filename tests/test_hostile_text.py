"""Outside text renders as text (issue 14): titles, abstracts, authors and list notes never reach the built
page as HTML, and only their http(s) links become links.

A hostile corpus — raw `<script>`, `<iframe>`, `<style>`, `<img onerror>`, `javascript:`, `data:` and
`vbscript:` links written as markdown links, images, autolinks and raw `<a href>`, HTML entities, kramdown's
`{::nomarkdown}` and attribute lists `{: onclick=...}`, definitions — goes into the paper store (titles,
abstracts, authors) and into a paper list's notes (`seminar import-list`, then `new-session --from-list
... --topic ...`), and the post is built by the real Jekyll.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Site, jekyll_build
from seminar.model.titles import normalize_title

pytestmark = pytest.mark.jekyll

HOSTILE = [
    "<script>alert('script')</script>",
    '<iframe src="https://evil.example/"></iframe>',
    "<style>body { display: none }</style>",
    "<img src=x onerror=\"alert('img')\">",
    "[markdown](javascript:alert('markdown'))",
    "[upper](JaVaScRiPt:alert('upper'))",
    "[data](data:text/html,<script>alert('data')</script>)",
    "[vb](vbscript:msgbox('vb'))",
    "![image](javascript:alert('image'))",
    "[spaced]( <javascript:alert('angle')>)",
    "<javascript:alert('autolink')>",
    "<data:text/html,autolink>",
    "<a href=\"javascript:alert('a')\">raw link</a>",
    "&lt;script&gt;alert('entity')&lt;/script&gt; &#60;script&#62;",
    "[entity](&#106;avascript:alert('entity'))",
    "{::nomarkdown}<script>alert('nomarkdown')</script>{:/}",
    '{::options parse_block_html="true" /} <div onclick="alert(\'options\')">x</div>',
    "*emphasis*{: onclick=\"alert('ial')\"}",
    "[a](https://example.org/`) `<script>alert('after a link')</script>`",
]
# A definition counts only at the start of a line, so it is a note of its own; `[defined]` uses it.
DEFINITION = "[defined]: javascript:alert('definition')"
USES_DEFINITION = "see [defined] and [defined][]"

TITLE = "Title <script>alert('title')</script> [t](javascript:alert('title')) {::nomarkdown}<b>b</b>{:/}"
ABSTRACT = " ".join(HOSTILE)
LIST_TITLE = "A Paper With Hostile Notes"


def hostile_list() -> str:
    notes = "\n".join(f"  - {text}" for text in [*HOSTILE, USES_DEFINITION])
    return f"""\
# Weekly

## Hostile
### {LIST_TITLE}
[2025.01] [[paper](https://arxiv.org/abs/2501.00002)]
- `Keypoints:` <script>alert('kp')</script>
- `Method:` [paper](javascript:alert(1)) <a href="data:text/html,x">x</a>
{notes}
- `Definition:` x
  - {DEFINITION}
- `Links:` [code](https://example.org/code) and <https://example.org/auto> and `<eos>` and $$ a<b $$
"""


def hostile_site(site: Site) -> Path:
    """The hostile store and list made into one session post, built by Jekyll: the built page."""
    site.add_papers(
        {
            "2501.00001": {
                "arxiv_id": "2501.00001",
                "title": TITLE,
                "authors": ["Eve <script>alert('author')</script>", "[Mallory](javascript:alert('m'))"],
                "abstract": ABSTRACT,
                "published": "2025-01-02",
            },
            "2501.00002": {
                "arxiv_id": "2501.00002",
                "title": LIST_TITLE,
                "authors": ["Ada Quill"],
                "abstract": "An abstract.",
                "published": "2025-01-03",
            },
        }
    )
    imported = site.run("import-list", str(site.write("hostile.md", hostile_list())))
    assert imported.exit_code == 0, imported.output
    result = site.run(
        "new-session", "--week", "S1", "--date", "2025-01-07", "--title", "Hostile",
        "--from-list", str(site.root / "hostile.md"), "--topic", "Hostile", "--required", "2501.00001",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return site.root


def built_page(jekyll: str, site: Site, tmp_path: Path) -> BeautifulSoup:
    hostile_site(site)
    site.write("_layouts/post.html", "<article>{{ content }}</article>\n")
    destination = tmp_path / "built"
    jekyll_build(jekyll, site.root, destination)
    (page,) = destination.glob("2025/01/07/*.html")
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split()).translate(str.maketrans("“”‘’", "\"\"''"))


def test_a_hostile_corpus_builds_with_no_active_element_or_address(
    jekyll: str, site: Site, tmp_path: Path
) -> None:
    soup = built_page(jekyll, site, tmp_path)
    article = soup.article
    assert article is not None
    assert article.find_all(["script", "iframe", "style", "img", "div", "b", "object", "embed"]) == []
    handlers = [
        (tag.name, name) for tag in article.find_all(True) for name in tag.attrs if name.startswith("on")
    ]
    assert handlers == []
    addresses = [tag.get("href") or tag.get("src") for tag in article.find_all(["a", "img"])]
    assert all(str(address).startswith(("https://", "http://", "#")) for address in addresses), addresses


def test_hostile_markup_shows_as_the_text_it_was_written_as(jekyll: str, site: Site, tmp_path: Path) -> None:
    text = text_of(built_page(jekyll, site, tmp_path))
    assert "Keypoints: <script>alert('kp')</script>" in text
    assert "[paper](javascript:alert(1))" in text
    assert "{::nomarkdown}<script>alert('nomarkdown')</script>{:/}" in text
    assert "<img src=x onerror=\"alert('img')\">" in text
    assert "Title <script>alert('title')</script> [t](javascript:alert('title'))" in text
    assert "Eve <script>alert('author')</script>, [Mallory](javascript:alert('m'))" in text
    assert "[defined]: javascript:alert('definition')" in text


def test_http_links_code_and_math_in_notes_still_work(jekyll: str, site: Site, tmp_path: Path) -> None:
    soup = built_page(jekyll, site, tmp_path)
    links = {a.get_text(): a["href"] for a in soup.select("article a")}
    assert links["code"] == "https://example.org/code"
    assert links["https://example.org/auto"] == "https://example.org/auto"
    assert "<eos>" in [code.get_text() for code in soup.select("article code")]
    assert "\\(a\\lt b\\)" in " ".join(soup.get_text().split())  # MathJax's `<`, not an HTML tag


def test_a_papers_own_address_that_is_not_http_is_shown_not_linked(
    jekyll: str, site: Site, tmp_path: Path
) -> None:
    title = "A Blog Post With A Hostile Address"
    site.add_papers({normalize_title(title): {"title": title, "url": "javascript:alert('url')"}})
    result = site.run("new-session", "--week", "S1", "--date", "2025-01-07", "--required", title)
    assert result.exit_code == 0, result.output
    site.write("_layouts/post.html", "<article>{{ content }}</article>\n")
    destination = tmp_path / "built"
    jekyll_build(jekyll, site.root, destination)
    (page,) = destination.glob("2025/01/07/*.html")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.select("article a") == []
    assert "javascript:alert('url')" in text_of(soup)


def test_the_instructors_own_notes_are_left_as_written(site: Site) -> None:
    own = "Read <b>section 3</b> first; see [our notes](notes.html) {: .highlight}"
    site.add_papers({"2501.00003": {"arxiv_id": "2501.00003", "title": "A Paper", "authors": ["Ada Quill"],
                                    "published": "2025-01-03", "notes": [own]}})  # fmt: skip
    result = site.run("new-session", "--week", "S1", "--date", "2025-01-07", "--required", "2501.00003")
    assert result.exit_code == 0, result.output
    (post,) = site.posts.glob("*.md")
    assert f"\n+ {own}\n" in post.read_text(encoding="utf-8")
