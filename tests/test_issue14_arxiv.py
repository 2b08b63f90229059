"""Hostile inputs on the arXiv side: a paper store entry's own keys, a refresh arXiv refuses, an answer that
drips, and an id in another script's digits. Each through the real command line, arXiv played by the local
stand-in (tests/arxiv_server.py); nothing reaches the internet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from arxiv_server import OURS, FakeArxiv, Fault
from plans import build, write_plan

from conftest import Site

PAPER = OURS.paper  # the made-up paper of the stand-in's one-entry answer
REFUSED = "connection refused by 127.0.0.1:9"  # SEMINAR_ARXIV_API is this closed port unless `arxiv` is used
# What a person may keep in an entry besides seminar's fields: a value of their own, nested data of any
# shape, and the instructor's notes in the form seminar reads.
OWN_KEYS: dict[str, Any] = {
    "my_key": "mine",
    "slides": {"url": "https://example.org/s.pdf", "pages": [1, 2, 3], "shown": True, "by": None},
    "reading group": [{"week": "W08.1", "who": ["Ana", "Björn"]}, "then discuss", 42],
}
NOTES = ["Read section 3 first", {"text": "Questions", "items": ["Why?", "How?"]}]


def stored(site: Site) -> dict[str, dict[str, Any]]:
    return json.loads((site.root / "_data" / "papers.json").read_text(encoding="utf-8"))


def cached_entry(**extra: Any) -> dict[str, Any]:
    """An entry of PAPER as an earlier fetch left it (an older title), with `extra` keys."""
    return {"arxiv_id": PAPER, "title": "Old title", "published": "2016-05-26", **extra}


def set_retry_for(site: Site, seconds: float) -> None:
    site.write("_config.yml", f"seminar:\n  term: T\n  year: 2025\n  arxiv:\n    retry_for: {seconds}\n")


def the_kept_keys(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: entry[key] for key in [*OWN_KEYS, "notes"] if key in entry}


# 1. An entry keeps every key seminar does not own


def test_hand_added_keys_survive_fetch_abstract_refresh(site: Site, arxiv: FakeArxiv) -> None:
    site.add_papers({PAPER: cached_entry(notes=NOTES, **OWN_KEYS)})
    result = site.run("fetch-abstract", "--refresh", "--json", PAPER)
    assert result.exit_code == 0, result.stderr
    entry = stored(site)[PAPER]
    assert entry["title"] != "Old title" and len(arxiv.requests) == 1  # arXiv's fields were replaced
    assert json.dumps(the_kept_keys(entry)) == json.dumps({**OWN_KEYS, "notes": NOTES})
    assert json.loads(result.stdout)[0]["my_key"] == "mine"


def test_hand_added_keys_survive_fetch_refresh(site: Site, arxiv: FakeArxiv) -> None:
    site.add_papers({PAPER: cached_entry(notes=NOTES, **OWN_KEYS)})
    site.write("_posts/2025-01-07-a.md", f"---\n---\narXiv:{PAPER}\n")
    result = site.run("fetch", "--refresh")
    assert result.exit_code == 0, result.stderr
    entry = stored(site)[PAPER]
    assert entry["title"] != "Old title"
    assert json.dumps(the_kept_keys(entry)) == json.dumps({**OWN_KEYS, "notes": NOTES})


def test_an_entry_with_only_an_id_keeps_its_notes_and_own_keys_when_a_build_fetches_it(
    site: Site, arxiv: FakeArxiv
) -> None:
    site.add_papers({PAPER: {"arxiv_id": PAPER, "notes": NOTES, **OWN_KEYS}})
    write_plan(site, [{"week": "W01.1", "title": "Session one", "required": [PAPER]}])
    result = build(site, offline=False)
    assert result.exit_code == 0, result.stderr
    entry = stored(site)[PAPER]
    assert entry["title"] and "published" in entry
    assert json.dumps(the_kept_keys(entry)) == json.dumps({**OWN_KEYS, "notes": NOTES})
    assert "Read section 3 first" in (site.posts / "2025-01-14-session-one.md").read_text(encoding="utf-8")


def test_a_title_only_entry_found_on_arxiv_keeps_its_own_keys_and_link(site: Site, arxiv: FakeArxiv) -> None:
    title = "Sorting Socks at Scale: Pairing Heuristics for Unlabelled Laundry"  # the stand-in's PAPER
    link = "https://example.org/socks"
    site.add_papers(
        {
            "sorting socks at scale pairing heuristics for unlabelled laundry": {
                "title": title,
                "url": link,
                **OWN_KEYS,
            }
        }
    )
    result = site.run("resolve", title)
    assert result.exit_code == 0, result.stderr
    entries = stored(site)
    assert "sorting socks at scale pairing heuristics for unlabelled laundry" not in entries  # folded in
    assert json.dumps(the_kept_keys(entries[PAPER])) == json.dumps(OWN_KEYS)
    assert entries[PAPER]["url"] == link


def test_a_hand_added_key_does_not_stop_the_entry_from_being_used(site: Site) -> None:
    site.add_papers({PAPER: cached_entry(**OWN_KEYS)})
    result = site.run("fetch-abstract", "--offline", PAPER)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("#### Old title\n")


def test_a_key_spelt_like_a_field_is_named_as_a_misspelling(site: Site) -> None:
    site.add_papers({PAPER: cached_entry(autors=["A. Person"])})
    result = site.run("fetch-abstract", "--offline", PAPER)
    assert result.exit_code == 1
    assert (
        f"papers.json: error: entry {PAPER!r}: autors: unknown field (did you mean 'authors'?"
        in result.stderr
    )


def test_malformed_notes_are_kept_as_written_when_the_paper_is_refreshed(
    site: Site, arxiv: FakeArxiv
) -> None:
    site.add_papers({PAPER: cached_entry(notes=[{"txt": "not a note"}], my_key="mine")})
    site.write("_posts/2025-01-07-a.md", f"---\n---\narXiv:{PAPER}\n")
    result = site.run("fetch", "--refresh")
    assert result.exit_code == 0, result.stderr
    entry = stored(site)[PAPER]
    assert entry["title"] != "Old title"
    assert entry["notes"] == [{"txt": "not a note"}] and entry["my_key"] == "mine"


# 2. A refresh arXiv cannot answer is an error, in `fetch-abstract` as in `fetch`


def test_fetch_abstract_refresh_says_when_arxiv_keeps_answering_503_and_exits_1(
    site: Site, arxiv: FakeArxiv
) -> None:
    site.add_papers({PAPER: cached_entry()})
    set_retry_for(site, 1.5)
    arxiv.faults.extend([Fault(status=503)] * 5)
    result = site.run("fetch-abstract", "--refresh", PAPER)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: {PAPER}: arXiv answered HTTP 503; gave up after 2 tries"
    )
    assert result.stdout.startswith("#### Old title\n")  # the cached metadata, still printed
    assert stored(site)[PAPER]["title"] == "Old title"


def test_fetch_abstract_refresh_says_when_arxiv_cannot_be_reached_and_exits_1(site: Site) -> None:
    site.add_papers({PAPER: cached_entry()})
    result = site.run("fetch-abstract", "--refresh", PAPER)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(
        f"error: {PAPER}: cannot reach arXiv (ConnectionError); gave up after 2 tries: {REFUSED}"
    )


def test_a_failed_refresh_is_reported_alike_by_fetch_abstract_and_fetch(site: Site) -> None:
    site.add_papers({PAPER: cached_entry()})
    site.write("_posts/2025-01-07-a.md", f"---\n---\narXiv:{PAPER}\n")
    single = site.run("fetch-abstract", "--refresh", PAPER)
    whole = site.run("fetch", "--refresh")
    assert single.exit_code == whole.exit_code == 1
    errors = [
        [line for line in result.stderr.splitlines() if line.startswith("error:")]
        for result in (single, whole)
    ]
    assert errors[0] == errors[1] and len(errors[0]) == 1


# 3. The timeout bounds the whole request


def test_an_answer_dripping_slower_than_the_timeout_times_out(
    site: Site, arxiv: FakeArxiv, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_ARXIV_TIMEOUT", "0.5")
    set_retry_for(site, 1)
    arxiv.faults.extend([Fault(drip=10)] * 5)  # ten bytes a second: never a read that waits 0.5 s
    result = site.run("fetch-abstract", PAPER)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: {PAPER}: no answer from arXiv within 0.5 s; gave up after 1 try"
    )


def test_a_timed_out_answer_is_asked_again(
    site: Site, arxiv: FakeArxiv, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_ARXIV_TIMEOUT", "0.5")
    arxiv.faults.append(Fault(drip=10))
    result = site.run("fetch-abstract", "--json", PAPER)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == PAPER and len(arxiv.requests) == 2


# 4. An id in another script's digits is refused, and nothing is asked of arXiv


@pytest.mark.parametrize("written", ["٢٤٠٩.١١٤٠٢", "\uff12\uff14\uff10\uff19.\uff11\uff11\uff14\uff10\uff12"])
def test_fetch_abstract_refuses_an_id_in_other_digits_without_a_request(
    site: Site, arxiv: FakeArxiv, written: str
) -> None:
    result = site.run("fetch-abstract", written)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {written!r}: not an arXiv id: arXiv ids are ASCII digits (did you mean 2409.11402?)\n"
    )
    assert arxiv.requests == []


def test_resolve_refuses_an_id_in_other_digits_without_searching_for_it_as_a_title(
    site: Site, arxiv: FakeArxiv
) -> None:
    result = site.run("resolve", "٢٤٠٩.١١٤٠٢")
    assert result.exit_code == 1
    assert "'٢٤٠٩.١١٤٠٢': not an arXiv id: arXiv ids are ASCII digits (did you mean 2409.11402?)" in (
        result.stderr
    )
    assert arxiv.requests == []


def test_a_plan_reading_in_other_digits_is_refused_without_a_request(site: Site, arxiv: FakeArxiv) -> None:
    write_plan(site, [{"week": "W01.1", "title": "Session one", "required": ["٢٤٠٩.١١٤٠٢"]}])
    result = build(site, offline=False)
    assert result.exit_code == 1
    assert "'٢٤٠٩.١١٤٠٢': not an arXiv id: arXiv ids are ASCII digits" in result.stderr
    assert arxiv.requests == []


@pytest.mark.parametrize(
    ("key", "value"),
    [("time", '"١٥:٣٠-١٦:٤٥"'), ("time", '"１５:３０-１６:４５"')],
)
def test_a_plan_time_in_other_scripts_digits_is_refused_naming_its_line(
    site: Site, key: str, value: str
) -> None:
    site.write(
        "_data/schedule.yml", f"term: T\nfirst_day: 2025-01-14\nmeets: [Tue]\n{key}: {value}\nsessions: []\n"
    )
    result = site.run("check")
    assert result.exit_code == 1
    assert "_data/schedule.yml:4: error: time:" in result.stderr


def test_a_year_in_other_scripts_digits_is_refused_by_init(tmp_path: Path) -> None:
    result = Site(tmp_path / "class").run("init", "class", "--year", "٢٠٢٥", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == "error: --year: must be a year such as 2025, not '٢٠٢٥'\n"
    assert not (tmp_path / "class").exists()
