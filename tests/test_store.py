"""The paper store: a sorted, stable Jekyll data file that loads fast and names what is wrong in it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from seminar.core.errors import SeminarError
from seminar.model.papers import Note, Paper
from seminar.sources.store import PaperStore


def paper(arxiv_id: str | None, title: str) -> Paper:
    return Paper(title=title, arxiv_id=arxiv_id, published=date(2024, 9, 17), notes=(Note("n", ("a", "b")),))


def test_entries_are_written_sorted_by_key_whatever_the_order_they_came_in(tmp_path: Path) -> None:
    store = PaperStore(tmp_path / "papers.json")
    for item in (paper("2409.11402", "B"), paper(None, "A title only"), paper("1605.08386", "C")):
        store.put(item)
    store.save()
    assert list(json.loads(store.path.read_text())) == ["1605.08386", "2409.11402", "a title only"]


def test_saving_again_with_nothing_new_does_not_touch_the_file(tmp_path: Path) -> None:
    store = PaperStore(tmp_path / "papers.json")
    store.put(paper("2409.11402", "B"))
    assert store.save() is True
    stamp = store.path.stat().st_mtime_ns
    reloaded = PaperStore.load(store.path)
    assert reloaded.save() is False
    assert store.path.stat().st_mtime_ns == stamp


def test_a_paper_survives_the_round_trip_through_the_file(tmp_path: Path) -> None:
    store = PaperStore(tmp_path / "papers.json")
    original = paper("2409.11402", "NVLM")
    store.put(original)
    store.save()
    assert PaperStore.load(store.path).get("2409.11402") == original


def test_a_missing_store_is_an_empty_one(tmp_path: Path) -> None:
    assert len(PaperStore.load(tmp_path / "nothing.json")) == 0


def test_invalid_json_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "papers.json"
    path.write_text('{\n  "a": {\n    "title": "x",\n  }\n}\n')
    with pytest.raises(SeminarError, match=r"papers.json:4: error: not valid JSON"):
        PaperStore.load(path)


def test_an_entry_with_an_unknown_field_is_named(tmp_path: Path) -> None:
    path = tmp_path / "papers.json"
    path.write_text(json.dumps({"x y": {"title": "X Y", "abstarct": "typo"}}))
    with pytest.raises(SeminarError, match=r"entry 'x y': abstarct: unknown field"):
        PaperStore.load(path).get("x y")


def test_title_lookup_prefers_the_arxiv_entry_over_a_title_only_one(tmp_path: Path) -> None:
    store = PaperStore(tmp_path / "papers.json")
    store.put(Paper(title="Same Title"))
    store.put(Paper(title="Same title!", arxiv_id="2409.11402"))
    assert store.by_title("same TITLE").arxiv_id == "2409.11402"
