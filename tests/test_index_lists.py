"""The positional date and week lists of a schedule page, read and rewritten byte for byte.

First on the project's own index pages (tests/fixtures/sites: a counter bumped after the row, one bumped
before it with a blank slot 0, and a blog index with no lists) and on small pages written inline; then on
the index pages of ../shared/sites, whose dates and weeks per session are compared with EXPECTED.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, SHARED
from seminar.sources.index_lists import ScheduleIndex, liquid_split, read_schedule_index, rewrite_lists

SITES = FIXTURES / "sites"


def page(site: str) -> str:
    return (SITES / site / "index.html").read_text(encoding="utf-8")


def index_of(text: str) -> ScheduleIndex:
    index = read_schedule_index(text)
    assert index is not None
    return index


def loop(body: str, *, before: str = "", collection: str = "contents") -> str:
    """A page with one list of dates and one of weeks, a counter set to 0, and a loop with `body`."""
    return (
        '{% assign dd = "0101,0102,0103" | split: "," %}\n{% assign ww = "W1,W1,W2" | split: "," %}\n'
        f"{before}{{% for s in site.{collection} %}}{body}{{% endfor %}}\n"
    )


# --- the project's own index pages ----------------------------------------------------------------------


def test_a_counter_bumped_after_the_row_gives_slot_zero_to_the_first_session() -> None:
    index = index_of(page("headings-site"))
    assert (index.collection, index.loop_line, index.first_slot) == ("contents", 16, 0)
    assert [index.date_for(position) for position in range(2)] == ["0902", "0904"]
    assert [index.week_for(position) for position in range(2)] == ["Week 1", "Week 1"]


def test_a_counter_bumped_before_the_row_gives_slot_one_to_the_first_session() -> None:
    index = index_of(page("lettered-site"))
    assert (index.collection, index.loop_line, index.first_slot) == ("sessions", 9, 1)
    assert [index.date_for(position) for position in range(3)] == ["0106", "0108", "0113"]


def test_week_labels_blank_on_a_weeks_later_meetings_read_as_empty() -> None:
    index = index_of(page("lettered-site"))
    assert index.weeks is not None
    assert index.weeks.items == ("", "W1", " ", "W2")
    assert [index.week_for(position) for position in range(3)] == ["W1", "", "W2"]


def test_the_dates_are_the_list_of_mmdd_items_and_the_weeks_the_other_one() -> None:
    index = index_of(page("headings-site"))
    assert index.dates is not None and index.weeks is not None
    assert (index.dates.name, index.dates.items) == ("classdays", ("0902", "0904", "0909", "0911"))
    assert (index.weeks.name, index.weeks.line) == ("weeknames", 12)


def test_list_offsets_span_exactly_the_text_inside_the_quotes() -> None:
    text = page("lettered-site")
    index = index_of(text)
    assert index.dates is not None and index.weeks is not None
    assert (index.dates.line, text[index.dates.start : index.dates.end]) == (5, ",0106,0108,0113")
    assert text[index.weeks.start - 1 : index.weeks.end + 1] == '",W1, ,W2"'


def test_a_list_assigned_inside_a_comment_is_not_read() -> None:
    index = index_of(page("headings-site"))
    assert index.dates is not None and index.dates.line == 11


def test_a_posts_index_with_no_positional_lists_gives_none() -> None:
    assert read_schedule_index(page("log-site")) is None


def test_a_session_past_the_end_of_the_list_gets_no_date() -> None:
    assert index_of(page("headings-site")).date_for(4) == ""


# --- Liquid's split -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("0114,0116", ("0114", "0116")),
        (",0113,0115", ("", "0113", "0115")),
        (",W1, ,W2, ", ("", "W1", " ", "W2", " ")),
        ("a,,b", ("a", "", "b")),
        ("a,b,,", ("a", "b")),
        (",,", ()),
        ("", ()),
        (" W1 , W2", (" W1 ", " W2")),
    ],
)
def test_lists_split_as_ruby_does_dropping_only_trailing_empty_items(
    text: str, items: tuple[str, ...]
) -> None:
    assert liquid_split(text) == items


# --- loops written here ---------------------------------------------------------------------------------


def test_whitespace_control_and_single_quotes_are_read() -> None:
    text = "{%- assign dd = '0101,0102' | split: ',' -%}{%- assign n = 0 -%}\n" + (
        "{%- for s in site.sessions -%}{{- dd[n] -}}{%- assign n = n | plus: 1 -%}{%- endfor -%}"
    )
    index = index_of(text)
    assert index.dates is not None
    assert (index.first_slot, text[index.dates.start : index.dates.end]) == (0, "0101,0102")


@pytest.mark.parametrize(("counter", "slot"), [("forloop.index0", 0), ("forloop.index", 1)])
def test_liquid_loop_counters_index_the_lists_too(counter: str, slot: int) -> None:
    assert index_of(loop(f"{{{{ dd[{counter}] }}}}")).first_slot == slot


def test_a_loop_over_posts_names_the_posts_collection() -> None:
    text = loop("{{ dd[i] }}{% assign i = i | plus: 1 %}", collection="posts")
    assert index_of(text).collection == "posts"


def test_a_page_with_only_a_date_list_has_no_weeks() -> None:
    text = '{% assign dd = "0101,0102" | split: "," %}{% for s in site.contents %}{{ dd[i] }}'
    index = index_of(text + "{% assign i = i | plus: 1 %}{% endfor %}")
    assert index.dates is not None and index.weeks is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "<p>no Liquid at all</p>",
        loop("{{ dd[i] }}"),  # the counter is never bumped: every row would read one slot
        loop("{{ dd[i] }}{% assign i = i | plus: 1 %}").replace("{% endfor %}", ""),  # no endfor
        loop("{{ other[i] }}{% assign i = i | plus: 1 %}"),  # a list never assigned
        '{% assign dd = "0101" | split: ";" %}{% for s in site.x %}{{ dd[forloop.index] }}{% endfor %}',
        "{% for s in site.contents %}{{ dd[i] }",  # an output never closed
        "{% assign dd = \"0101 | split: ',' %}",  # a string never closed
    ],
)
def test_a_page_without_a_readable_schedule_loop_gives_none(text: str) -> None:
    assert read_schedule_index(text) is None


# --- rewriting ------------------------------------------------------------------------------------------


def test_rewriting_with_the_same_items_returns_the_text_unchanged() -> None:
    for site in ("headings-site", "lettered-site"):
        text = page(site)
        index = index_of(text)
        assert index.dates is not None and index.weeks is not None
        same = {index.dates.name: index.dates.items, index.weeks.name: index.weeks.items}
        assert rewrite_lists(text, same, index) == text


def test_inserting_one_date_changes_only_that_lists_line() -> None:
    text = page("lettered-site")
    index = index_of(text)
    assert index.dates is not None
    items = list(index.dates.items)
    items.insert(3, "0110")
    rewritten = rewrite_lists(text, {index.dates.name: items}, index)
    before, after = text.split("\n"), rewritten.split("\n")
    changed = [number for number, (old, new) in enumerate(zip(before, after, strict=True), 1) if old != new]
    assert changed == [index.dates.line]
    assert after[index.dates.line - 1] == '{%- assign days = ",0106,0108,0110,0113" | split: "," -%}'


def test_rewritten_lists_read_back_as_written() -> None:
    text = page("headings-site")
    index = index_of(text)
    assert index.dates is not None and index.weeks is not None
    dates, weeks = ("0902", "0904", "0916"), ("Week 1", "Week 1", "Week 3")
    again = index_of(rewrite_lists(text, {index.dates.name: dates, index.weeks.name: weeks}, index))
    assert again.dates is not None and again.weeks is not None
    assert (again.dates.items, again.weeks.items) == (dates, weeks)


@pytest.mark.parametrize("item", ["0901,0902", '09"01'])
def test_rewriting_refuses_an_item_that_would_split_or_end_the_list(item: str) -> None:
    text = page("headings-site")
    index = index_of(text)
    assert index.dates is not None
    with pytest.raises(ValueError, match="holds"):
        rewrite_lists(text, {index.dates.name: [item]}, index)


def test_rewriting_refuses_a_list_the_index_does_not_have() -> None:
    text = page("headings-site")
    with pytest.raises(ValueError, match="no list named"):
        rewrite_lists(text, {"holidays": ["0101"]}, index_of(text))


def test_rewriting_refuses_an_index_read_from_another_text() -> None:
    index = index_of(page("headings-site"))
    assert index.dates is not None
    with pytest.raises(ValueError, match="not where the index says"):
        rewrite_lists(page("lettered-site"), {index.dates.name: ["0101"]}, index)


# --- the synthetic sites of ../shared/sites -------------------------------------------------------------


def expected(site: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (SHARED / "sites" / site / "EXPECTED.json").read_text(encoding="utf-8")
    )
    return loaded


@pytest.mark.parametrize(
    ("site", "collection", "first_slot"), [("contents-site", "contents", 0), ("sessions-site", "sessions", 1)]
)
def test_shared_collection_sites_give_each_session_its_expected_date_and_week(
    site: str, collection: str, first_slot: int, shared: Path
) -> None:
    index = index_of((shared / "sites" / site / "index.html").read_text(encoding="utf-8"))
    assert (index.collection, index.first_slot) == (collection, first_slot)
    sessions = sorted(expected(site)["sessions"], key=lambda session: session["order"])
    assert [(index.date_for(position), index.week_for(position)) for position in range(len(sessions))] == [
        (session["index_date"], session["week"]) for session in sessions
    ]


def test_shared_posts_site_has_no_positional_lists(shared: Path) -> None:
    assert (
        read_schedule_index((shared / "sites" / "posts-site" / "index.html").read_text(encoding="utf-8"))
        is None
    )


@pytest.mark.parametrize("site", ["contents-site", "sessions-site"])
def test_shared_index_rewritten_with_its_own_items_is_unchanged(site: str, shared: Path) -> None:
    text = (shared / "sites" / site / "index.html").read_text(encoding="utf-8")
    index = index_of(text)
    assert index.dates is not None and index.weeks is not None
    same = {index.dates.name: index.dates.items, index.weeks.name: index.weeks.items}
    assert rewrite_lists(text, same, index) == text
