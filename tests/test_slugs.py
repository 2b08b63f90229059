"""A post's slug is a prefix of its title's words, cut at a word boundary (issue 12, kind 5).

python-slugify's own `max_length` with `word_boundary` skips a word that does not fit and goes on with
shorter later ones (`...-a-comprehensive-survey-of-for-long`); the slug must be the title's first words, in
order, as many as fit in 60 characters.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from slugify import slugify

from conftest import REPO, Site
from seminar.model.session import Session
from seminar.render.post import post_slug

LIMIT = 60
# The title: python-slugify alone gives long-context-modeling-a-comprehensive-survey-of-for-long.
SURVEY = "Long Context Modeling: A Comprehensive Survey of Architectures for Long Documents"


def session(title: str | None, week: str = "S5") -> Session:
    return Session(week=week, date=date(2025, 3, 25), title=title, lecture_version="next", desc="2025-S5")


def new_session(site: Site, title: str, week: str = "S5", day: str = "2025-03-25") -> str:
    """The slug of the post `new-session` writes for this title."""
    before = set(site.post_files())
    result = site.run("new-session", "--week", week, "--title", title, "--date", day)
    assert result.exit_code == 0, result.output
    (post,) = set(site.post_files()) - before
    assert post.startswith(f"{day}-") and post.endswith(".md")
    return post.removeprefix(f"{day}-").removesuffix(".md")


def test_a_long_title_gives_its_first_words_in_order(site: Site) -> None:
    assert new_session(site, SURVEY) == "long-context-modeling-a-comprehensive-survey-of"


def test_a_slug_of_exactly_sixty_characters_is_kept_whole_and_one_more_drops_the_last_word(
    site: Site,
) -> None:
    sixty = "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Rho"  # 60 characters as a slug
    assert len(slugify(sixty)) == LIMIT
    assert new_session(site, sixty) == slugify(sixty)
    assert new_session(site, f"{sixty} M", week="S6", day="2025-03-27") == slugify(sixty)
    assert new_session(site, f"{sixty}s", week="S7", day="2025-04-01") == slugify(sixty).removesuffix("-rho")


def test_a_first_word_longer_than_the_limit_is_cut(site: Site) -> None:
    word = "Supercalifragilistic" * 4  # one 80-letter word
    assert new_session(site, f"{word} and More") == word.lower()[:LIMIT]


def test_the_title_is_transliterated_before_it_is_cut(site: Site) -> None:
    title = (
        "Modèles de diffusion：vidéo 生成 pour les séquences longues et les mondes ouverts à grande échelle"
    )
    slug = new_session(site, title)
    assert slug.isascii() and len(slug) <= LIMIT
    assert slug == "modeles-de-diffusion-video-sheng-cheng-pour-les-sequences"


def test_a_title_with_no_letter_or_digit_gives_the_weeks_slug(site: Site) -> None:
    assert new_session(site, "?!", week="W03.2") == "w03-2"


def test_the_demo_posts_keep_their_names(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    shutil.copytree(
        REPO,
        demo,
        ignore=shutil.ignore_patterns(
            ".git", "_site", ".jekyll-cache", "*.egg-info", ".*cache*", ".hypothesis", "__pycache__", "bench"
        ),
    )
    before = sorted(path.name for path in (demo / "_posts").glob("*.md"))
    result = Site(demo).run("build", "--offline")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"\d+ sessions: 0 new, 0 updated, \d+ unchanged\n", result.stdout), result.stdout
    assert sorted(path.name for path in (demo / "_posts").glob("*.md")) == before


# Titles: any text, and runs of words (some long, some accented) that reach well past the limit.
WORDS = st.text(st.characters(categories=("Ll", "Lu", "Nd")), min_size=1, max_size=30)
TITLES = st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=25).map(" ".join))


@settings(max_examples=400)
@given(TITLES)
def test_the_slug_is_the_longest_prefix_of_the_titles_words_within_the_limit(title: str) -> None:
    slug = post_slug(session(title))
    assert slug and len(slug) <= LIMIT and slug.isascii()
    full = slugify(title)
    if not full:
        assert slug == "s5"  # the week's
        return
    words = full.split("-")
    kept = slug.split("-")
    if len(words[0]) > LIMIT:  # a first word too long for the limit is cut
        assert slug == words[0][:LIMIT]
        return
    assert kept == words[: len(kept)]  # a prefix of the words: none skipped, none moved
    if len(kept) < len(words):  # and the longest: the next word would not fit
        assert len("-".join(words[: len(kept) + 1])) > LIMIT


@given(st.text(max_size=200))
def test_the_slug_is_a_prefix_of_the_slugified_title(title: str) -> None:
    slug = post_slug(session(title))
    assert slug == "s5" if not slugify(title) else slugify(title).startswith(slug)
