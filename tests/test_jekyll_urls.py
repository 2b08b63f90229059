"""Post URLs as Jekyll 4.3 computes them: real builds, one per permalink setting, say where each post went."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import jekyll_build
from seminar.site.posts import post_files, read_posts
from seminar.site.urls import (
    BuildFails,
    PostAddress,
    UnknownURL,
    post_address,
    post_url,
    shared_urls,
    site_url_settings,
)

# File name -> front matter. Each post's body prints Jekyll's own `page.url`, to compare with ours.
POSTS = {
    "2025-03-04-plain-post.md": "",
    "2025-03-05-Été & Über! (v2) a+b.md": "",  # pretty slug keeps case and punctuation; URL escapes Unicode
    "2025-03-06-with-categories.md": "categories: [Foo Bar, 'c#', 'a?b', Été, foo bar, News]\n",
    "2025-03-07-string-categories.markdown": "categories: Alpha   beta\n",  # split on spaces
    "2025-03-08-blank-categories.html": "categories:\n",
    "2025-03-09-own-permalink.md": "permalink: /custom/:year/:title/\n",
    "2025-03-10-named-by-slug.md": "slug: My Custom Slug!\n",
    "2025-01-01-front-matter-date.md": "date: 2025-03-11\n",
    "2025-03-12-offset.md": "date: 2025-03-12 23:30:00 -08:00\n",  # 2025-03-13 in New York
    "2025-03-13-timestamp.md": "date: 2025-03-13 02:00:00\n",  # a YAML timestamp is UTC: 03-12 in New York
    "2025-03-14-local-time.md": "date: 2025-03-14 23:30\n",  # text: the site's local time
    "2025-02-30-rolled-over.md": "",  # Ruby rolls it over to 2025-03-02
    "2024-12-30-iso-week.md": "",  # ISO week 1 of 2025
    "2025-3-7-unpadded.md": "",
    "2025-03-15-trailing-dots...md": "",
    "2025-03-16-category-and-categories.md": "category: Solo\ncategories: [Two]\n",
}
PERMALINKS = [
    None,  # Jekyll's default, `date`
    "pretty",
    "ordinal",
    "weekdate",
    "none",
    "/:year/:month/:day/:title:output_ext",
    "/:categories/:title/",
    "/:short_year/:i_month/:i_day/:y_day/:long_month/:short_day/:slug-:name:output_ext",
    "/:collection/:w_year-:week-:w_day/:long_day/:hour:minute:second/:slugified_categories/:path/:title/",
]
SHOWN_URL = re.compile(r"URL=(.*?)=URL")


def write_site(root: Path, permalink: str | None) -> Path:
    settings = "timezone: America/New_York\n" + (f"permalink: {permalink}\n" if permalink else "")
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text(settings, encoding="utf-8")
    for name, front_matter in POSTS.items():
        text = f"---\n{front_matter}---\n<!-- URL={{{{ page.url }}}}=URL -->\n"
        (root / "_posts" / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.jekyll
@pytest.mark.parametrize("permalink", PERMALINKS)
def test_every_post_is_written_at_the_url_computed_for_it(
    jekyll: str, tmp_path: Path, permalink: str | None
) -> None:
    source = write_site(tmp_path / "site", permalink)
    destination = tmp_path / "built"
    jekyll_build(jekyll, source, destination)

    settings = site_url_settings(source)
    addresses = {
        post.path: post_address(settings.permalink, post.path, post.values, timezone=settings.timezone)
        for post in read_posts(source / "_posts")
    }
    assert len(addresses) == len(POSTS)
    for path, address in addresses.items():
        assert isinstance(address, PostAddress), (path.name, address)
        page = destination / address.output
        assert page.is_file(), (path.name, address.output)
        assert SHOWN_URL.findall(page.read_text(encoding="utf-8")) == [address.url], path.name
    written = {path.relative_to(destination).as_posix() for path in destination.rglob("*") if path.is_file()}
    assert written == {address.output for address in addresses.values()}


def test_the_default_permalink_is_the_date_style() -> None:
    assert post_url("date", "_posts/2025-03-04-intro.md", {}) == "/2025/03/04/intro.html"
    assert post_url("/:categories/:year/:month/:day/:title:output_ext", "_posts/2025-03-04-intro.md", {}) == (
        "/2025/03/04/intro.html"
    )


def test_categories_are_lowercased_deduplicated_and_escaped() -> None:
    categories = {"categories": ["Foo Bar", "c#", "Été", "foo bar"]}
    url = post_url("/:categories/:title/", "_posts/2025-03-04-intro.md", categories)
    assert url == "/foo%20bar/c%23/%C3%A9t%C3%A9/intro/"


def test_the_baseurl_comes_first_however_it_is_written() -> None:
    for baseurl in ("blog", "/blog", "/blog/"):
        assert (
            post_url("pretty", "_posts/2025-03-04-intro.md", {}, baseurl=baseurl) == "/blog/2025/03/04/intro/"
        )


def test_a_url_ending_in_a_slash_is_written_as_its_index_file() -> None:
    address = post_address("pretty", "_posts/2025-03-05-Été.md", {})
    assert (address.url, address.output) == ("/2025/03/05/%C3%89t%C3%A9/", "2025/03/05/Été/index.html")


def test_a_time_with_an_offset_is_unknown_without_the_sites_time_zone() -> None:
    front_matter = {"date": "2025-03-12 23:30:00 -08:00"}
    with pytest.raises(UnknownURL, match="time zone of the machine"):
        post_address("date", "_posts/2025-03-12-x.md", front_matter)
    moved = post_address("date", "_posts/2025-03-12-x.md", front_matter, timezone="Asia/Tokyo")
    assert moved.url == "/2025/03/13/x.html"


def test_a_category_jekyll_reads_as_a_uri_scheme_stops_its_build() -> None:
    with pytest.raises(BuildFails, match="scheme"):
        post_address("/:categories/:title/", "_posts/2025-03-04-x.md", {"categories": ["Q&A: agents"]})


def test_an_unknown_placeholder_stops_the_build() -> None:
    with pytest.raises(BuildFails, match=":month_name"):
        post_address("/:month_name/:title/", "_posts/2025-03-04-x.md", {})


def test_a_name_jekyll_does_not_read_as_a_post_has_no_url() -> None:
    with pytest.raises(UnknownURL, match="skips"):
        post_address("date", "_posts/intro.md", {})


def test_two_posts_writing_one_file_are_found() -> None:
    first = post_address("date", "_posts/2025-03-04-intro.md", {})
    moved = post_address("date", "_posts/2025-03-05-intro.md", {"date": "2025-03-04"})
    other = post_address("date", "_posts/2025-03-05-other.md", {})
    assert shared_urls([first, moved, other]) == {"2025/03/04/intro.html": [first, moved]}


def test_post_files_skip_what_jekylls_reader_skips(tmp_path: Path) -> None:
    for name in ("2025-03-04-a.md", ".2025-03-04-a.md.123.tmp", "#x.md#", "x.md~", "_draft.md", "sub/b.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [path.relative_to(tmp_path).as_posix() for path in post_files(tmp_path)] == [
        "2025-03-04-a.md",
        "sub/b.md",
    ]
