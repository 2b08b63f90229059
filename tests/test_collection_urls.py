"""Collection documents' URLs as Jekyll 4.3 computes them: real builds of sites whose sessions are documents
of a collection (`_contents/S0-L07.md`), one build per permalink setting, say where each document went."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from conftest import jekyll_build
from seminar.site.posts import SitePost, post_files, read_post, read_posts
from seminar.site.urls import (
    STYLES,
    BuildFails,
    DocumentAddress,
    UnknownURL,
    URLSettings,
    add_permalink_suffix,
    document_address,
    document_url,
    post_address,
    shared_urls,
    site_url_settings,
)

BASEURL = "/2025sp-fixture-seminar"
# The collections of the built sites: `contents` takes the default template, the others their own.
COLLECTIONS = """\
collections:
  contents:
    output: true
  notes:
    output: true
    permalink: /:collection/:name/
  talks:
    output: true
    permalink: /t/:categories/:title:output_ext
  raw:
    output: true
    permalink: pretty
"""
# Path in the site -> front matter. Each body prints Jekyll's own `page.url`, and with the baseurl.
DOCUMENTS = {
    "_contents/S0-L00-Intro.md": "title: Course Introduction\n",
    "_contents/S0-L02.1.md": "",
    "_contents/W02.1.morealign.md": "",
    "_contents/week1/S0-L01.md": "",
    "_contents/week1/deeper/Été & Über (v2).md": "",  # the path is escaped in the URL, not in the file
    "_contents/trailing-dots...md": "",
    "_contents/page.html": "",
    "_contents/readme.txt": "",  # not Markdown: the output extension is its own
    "_contents/own-permalink.md": "permalink: /sessions/own/\n",
    "_contents/slugged.md": "slug: My Custom Slug!\npermalink: /s/:title/:slug/\n",
    "_contents/2025-03-04-dated-name.md": "permalink: /dated/:year/:month/:day/:title/:name/\n",
    "_contents/dated-by-front-matter.md": (
        "date: 2025-03-05\npermalink: /:collection/:year/:i_month/:name:output_ext\n"
    ),
    "_contents/offset.md": (  # 2025-03-13 in New York
        "date: 2025-03-12 23:30:00 -08:00\npermalink: /:collection/:year-:month-:day/:name/\n"
    ),
    "_notes/W02.1.morealign.md": "",
    "_notes/Sub/S0-L02.1.md": "",
    "_talks/S0 Talk.md": "categories: [Foo Bar, 'c#']\n",
    "_raw/only.md": "",  # a style name as a collection's permalink is no style: the URL is /pretty
}
POSTS = {"_posts/2025-03-04-a-post.md": ""}
LABELS = ("contents", "notes", "talks", "raw")
# The site's `permalink:` (None: Jekyll's default, `date`), and `collections: posts: permalink:` or None.
SITES = [
    pytest.param("pretty", None, id="pretty"),
    pytest.param(None, None, id="default-date"),
    pytest.param("weekdate", None, id="weekdate-adds-nothing"),
    pytest.param("/:categories/:title/", None, id="custom-ending-in-slash"),
    pytest.param("/:year/:title:output_ext", "/blog/:title/", id="custom-ending-in-output-ext-posts-own"),
    pytest.param("/:title", None, id="custom-ending-in-neither"),
]
SHOWS = "URL={{ page.url }}=URL REL={{ page.url | relative_url }}=REL"
SHOWN_URL = re.compile(r"URL=(.*?)=URL")
SHOWN_RELATIVE = re.compile(r"REL=(.*?)=REL")


def write_site(root: Path, permalink: str | None, posts_permalink: str | None) -> Path:
    config = f"timezone: America/New_York\nbaseurl: {BASEURL}\n"
    config += f"permalink: {permalink}\n" if permalink else ""
    config += COLLECTIONS
    config += f"  posts:\n    permalink: {posts_permalink}\n" if posts_permalink else ""
    (root / "_config.yml").parent.mkdir(parents=True)
    (root / "_config.yml").write_text(config, encoding="utf-8")
    for name, front_matter in {**DOCUMENTS, **POSTS}.items():
        text = f"---\n{front_matter}---\n<!-- {SHOWS} -->\n"  # a comment, which Markdown leaves as it is
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def documents_of(source: Path) -> list[tuple[str, SitePost]]:
    """Every document of the built sites' collections (any extension), with its collection's label."""
    return [(label, read_post(path)) for label in LABELS for path in post_files(source / f"_{label}")]


def located(settings: URLSettings, label: str, document: SitePost) -> tuple[DocumentAddress, str]:
    """Where seminar says the document goes, from the site's settings: its address and its URL."""
    arguments = (settings.style, label, settings.collection_permalink(label), document.path, document.values)
    address = document_address(*arguments, timezone=settings.timezone)
    return address, document_url(*arguments, baseurl=settings.baseurl, timezone=settings.timezone)


def shown(page: Path) -> tuple[list[str], list[str]]:
    """The `page.url` and `page.url | relative_url` the built page printed."""
    text = page.read_text(encoding="utf-8")
    return SHOWN_URL.findall(text), SHOWN_RELATIVE.findall(text)


def written(destination: Path) -> set[str]:
    """Every file the build wrote, relative to its destination."""
    return {path.relative_to(destination).as_posix() for path in destination.rglob("*") if path.is_file()}


@pytest.mark.jekyll
@pytest.mark.parametrize(("permalink", "posts_permalink"), SITES)
def test_every_document_is_written_at_the_url_computed_for_it(
    jekyll: str, tmp_path: Path, permalink: str | None, posts_permalink: str | None
) -> None:
    source = write_site(tmp_path / "site", permalink, posts_permalink)
    destination = tmp_path / "built"
    jekyll_build(jekyll, source, destination)

    settings = site_url_settings(source)
    documents = documents_of(source)
    assert len(documents) == len(DOCUMENTS)
    outputs = set()
    for label, document in documents:
        address, url = located(settings, label, document)
        page = destination / address.output
        assert page.is_file(), (document.path.relative_to(source).as_posix(), address.output)
        assert shown(page) == ([address.url], [url]), document.path.name
        outputs.add(address.output)
    (post,) = read_posts(source / "_posts")  # posts keep their own permalink beside the collections
    outputs.add(post_address(settings.permalink, post.path, post.values, timezone=settings.timezone).output)
    assert written(destination) == outputs


@pytest.mark.jekyll
def test_a_blank_collection_permalink_stops_the_build_as_seminar_says(jekyll: str, tmp_path: Path) -> None:
    source = tmp_path / "site"
    (source / "_blank").mkdir(parents=True)
    config = "collections:\n  blank:\n    output: true\n    permalink:\n"
    (source / "_config.yml").write_text(config, encoding="utf-8")
    (source / "_blank" / "a.md").write_text("---\n---\nA\n", encoding="utf-8")
    result = subprocess.run(
        [jekyll, "build", "--safe", "--source", str(source), "--destination", str(tmp_path / "built")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "One of :template or :permalink must be supplied" in result.stdout + result.stderr
    with pytest.raises(BuildFails, match="blank"):
        site_url_settings(source).collection_permalink("blank")


# The fixture site kept beside the repository: sessions in `contents`, `permalink: pretty`, a baseurl.
CONTENTS_SITE = "sites/contents-site"


def contents_site_sessions(root: Path) -> dict[str, tuple[DocumentAddress, str]]:
    """Each session's path in the site, in Jekyll's order (by path), and where seminar says it goes."""
    settings = site_url_settings(root)
    return {
        path.relative_to(root).as_posix(): located(settings, "contents", read_post(path))
        for path in post_files(root / "_contents")
    }


def test_the_contents_site_sessions_have_the_urls_its_expectations_give(shared: Path) -> None:
    root = shared / CONTENTS_SITE
    expected = json.loads((root / "EXPECTED.json").read_text(encoding="utf-8"))["sessions"]
    computed = {path: url for path, (_, url) in contents_site_sessions(root).items()}
    assert computed == {session["path"]: session["page_url"] for session in expected}


@pytest.mark.jekyll
def test_the_contents_site_is_built_and_linked_where_computed(
    jekyll: str, shared: Path, tmp_path: Path
) -> None:
    source = tmp_path / "site"
    shutil.copytree(shared / CONTENTS_SITE, source)  # the build writes nothing beside the shared fixture
    destination = tmp_path / "built"
    jekyll_build(jekyll, source, destination)  # --safe: the site's plugins are not loaded

    sessions = contents_site_sessions(source).values()
    assert written(destination) == {"index.html", *(address.output for address, _ in sessions)}
    index = (destination / "index.html").read_text(encoding="utf-8")
    # The index links each session as {{ site.baseurl }}{{ session.url }}, in the collection's order.
    assert re.findall(r'href="([^"]*/contents/[^"]*)"', index) == [url for _, url in sessions]


def test_a_session_document_takes_the_collection_and_its_path_under_the_baseurl() -> None:
    url = document_url("pretty", "contents", None, "_contents/S0-L00-Intro.md", {}, baseurl=BASEURL)
    assert url == "/2025sp-fixture-seminar/contents/S0-L00-Intro/"


def test_the_baseurl_comes_first_however_it_is_written() -> None:
    for baseurl in ("blog", "/blog", "/blog/"):
        assert document_url("pretty", "contents", None, "_contents/S0-L01.md", {}, baseurl=baseurl) == (
            "/blog/contents/S0-L01/"
        )


@pytest.mark.parametrize(
    ("style", "url", "output"),
    [
        ("pretty", "/contents/S0-L01/", "contents/S0-L01/index.html"),
        ("date", "/contents/S0-L01.html", "contents/S0-L01.html"),
        ("ordinal", "/contents/S0-L01.html", "contents/S0-L01.html"),
        ("none", "/contents/S0-L01.html", "contents/S0-L01.html"),
        ("weekdate", "/contents/S0-L01", "contents/S0-L01.html"),
        ("/:categories/:title/", "/contents/S0-L01/", "contents/S0-L01/index.html"),
        ("/:year/:title:output_ext", "/contents/S0-L01.html", "contents/S0-L01.html"),
        ("/:title", "/contents/S0-L01", "contents/S0-L01.html"),
    ],
)
def test_the_default_url_ends_as_the_sites_permalink_style_ends(style: str, url: str, output: str) -> None:
    address = document_address(style, "contents", None, "_contents/S0-L01.md", {})
    assert (address.url, address.output) == (url, output)


def test_add_permalink_suffix_follows_jekylls_examples() -> None:
    assert add_permalink_suffix("/:basename", "pretty") == "/:basename/"
    assert add_permalink_suffix("/:basename", "date") == "/:basename:output_ext"
    assert add_permalink_suffix("/:basename", "/:year/:month/:title/") == "/:basename/"
    assert add_permalink_suffix("/:basename", "/:year/:month/:title") == "/:basename"


def test_the_collections_permalink_wins_over_the_sites_style() -> None:
    url = document_url("pretty", "contents", "/:collection/:name/", "_contents/S0-L02.1.md", {})
    assert url == "/contents/s0-l02-1/"


def test_the_documents_own_permalink_wins_over_the_collections() -> None:
    own = {"permalink": "/sessions/:title/"}
    assert document_url("pretty", "contents", "/:collection/:name/", "_contents/S0-L02.1.md", own) == (
        "/sessions/S0-L02.1/"
    )


def test_a_collection_permalink_is_a_template_even_when_it_names_a_style() -> None:
    assert document_address("date", "raw", "pretty", "_raw/only.md", {}).output == "pretty.html"


def test_path_keeps_the_folders_and_dots_below_the_collection_folder() -> None:
    url = document_url("pretty", "contents", None, "site/_contents/week1/S0-L02.1.md", {})
    assert url == "/contents/week1/S0-L02.1/"


def test_a_path_without_the_collection_folder_is_taken_as_relative_to_it() -> None:
    assert document_url("pretty", "contents", None, "week1/S0-L01.md", {}) == "/contents/week1/S0-L01/"


def test_an_absolute_path_outside_the_collection_folder_has_no_url() -> None:
    with pytest.raises(UnknownURL, match="_contents"):
        document_address("pretty", "contents", None, "/site/_notes/S0-L01.md", {})


def test_name_is_slugified_and_title_keeps_case_and_dots() -> None:
    url = document_url("pretty", "contents", "/:name/:title/", "_contents/W02.1.morealign.md", {})
    assert url == "/w02-1-morealign/W02.1.morealign/"


def test_a_slug_in_front_matter_names_the_title_and_slug() -> None:
    url = document_url("pretty", "contents", "/:title/:slug/", "_contents/x.md", {"slug": "My Slug!"})
    assert url == "/My-Slug!/my-slug/"


def test_a_document_without_a_date_has_none() -> None:
    assert document_address("pretty", "contents", None, "_contents/S0-L01.md", {}).date is None


def test_a_date_placeholder_for_a_document_without_a_date_is_unknown() -> None:
    with pytest.raises(UnknownURL, match="time of the build"):
        document_address("pretty", "contents", "/:collection/:year/:name/", "_contents/S0-L01.md", {})


def test_a_front_matter_date_fills_the_date_placeholders() -> None:
    address = document_address(
        "pretty", "contents", "/:year/:month_:day/", "_contents/x.md", {"date": "2025-03-05"}
    )
    assert (address.url, address.date) == ("/2025/03_05/", datetime(2025, 3, 5))


def test_a_time_with_an_offset_is_moved_into_the_sites_time_zone() -> None:
    front_matter = {"date": "2025-03-12 23:30:00 -08:00"}
    with pytest.raises(UnknownURL, match="time zone of the machine"):
        document_address("pretty", "contents", "/:year/:month/:day/", "_contents/x.md", front_matter)
    moved = document_address(
        "pretty",
        "contents",
        "/:year/:month/:day/",
        "_contents/x.md",
        front_matter,
        timezone="America/New_York",
    )
    assert moved.url == "/2025/03/13/"


def test_a_dated_file_name_dates_the_document_and_leaves_the_date_out_of_its_title() -> None:
    address = document_address(
        "pretty", "contents", "/:year/:title/:name/", "_contents/2025-03-04-intro.md", {}
    )
    assert (address.url, address.date) == ("/2025/intro/2025-03-04-intro/", datetime(2025, 3, 4))


def test_an_unknown_placeholder_stops_the_build() -> None:
    with pytest.raises(BuildFails, match=":basename"):
        document_address("pretty", "contents", "/:basename/", "_contents/x.md", {})


def test_a_post_and_a_document_writing_one_file_are_found() -> None:
    post = post_address("date", "_posts/2025-03-04-x.md", {"permalink": "/contents/S0-L01/"})
    document = document_address("pretty", "contents", None, "_contents/S0-L01.md", {})
    other = document_address("pretty", "contents", None, "_contents/S0-L02.md", {})
    assert shared_urls([post, document, other]) == {"contents/S0-L01/index.html": [post, document]}


def test_settings_give_each_collections_own_permalink() -> None:
    settings = URLSettings.from_config(
        {"collections": {"contents": {"output": True}, "notes": {"permalink": "/:collection/:name/"}}}
    )
    assert settings.collection_permalink("notes") == "/:collection/:name/"
    assert settings.collection_permalink("contents") is None
    assert settings.collection_permalink("unlisted") is None


def test_collections_end_like_the_sites_permalink_even_when_posts_have_their_own() -> None:
    config = {"permalink": "pretty", "collections": {"posts": {"permalink": "/blog/:title/"}}}
    settings = URLSettings.from_config(config)
    assert (settings.permalink, settings.style) == ("/blog/:title/", "pretty")


def test_without_a_posts_permalink_posts_take_the_sites_style_as_their_collections() -> None:
    settings = URLSettings.from_config({"permalink": "pretty"})
    assert settings.collection_permalink("posts") == STYLES["pretty"]


def test_collections_listed_by_name_have_no_permalink_of_their_own() -> None:
    settings = URLSettings.from_config({"permalink": "pretty", "collections": ["contents"]})
    assert (settings.style, settings.collection_permalink("contents")) == ("pretty", None)


def test_settings_made_by_hand_use_their_one_permalink_for_posts_and_collections() -> None:
    settings = URLSettings(permalink="pretty", baseurl="/blog")
    assert (settings.style, settings.collection_permalink("contents")) == ("pretty", None)
