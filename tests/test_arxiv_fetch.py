"""Fetching from arXiv (a real local server standing in for it): batched, cached, polite, clear on faults."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import bibtexparser
import pytest
from arxiv_server import NS, OURS, FakeArxiv, Fault
from lxml import etree

from conftest import Site

PAPER = OURS.paper  # the made-up paper of our one-entry answer, tests/fixtures/arxiv/id_2403.00101.xml
# Tests of how arXiv's own answers are read run on ours and on the real recorded ones (those need ../shared).
ON_OURS_AND_RECORDED = pytest.mark.parametrize("arxiv", ["ours", "recorded"], indirect=True)


def synthetic_ids(arxiv: FakeArxiv, count: int) -> list[str]:
    ids = [f"2501.{number:05d}" for number in range(1, count + 1)]
    for number, key in enumerate(ids, 1):
        arxiv.add_paper(key, f"Synthetic Paper Number {number}")
    return ids


def fetch_json(site: Site, *ids: str, extra: tuple[str, ...] = ()) -> tuple[object, list[dict]]:
    result = site.run("fetch-abstract", "--format", "json", *extra, *ids)
    return result, json.loads(result.stdout or "[]")


def set_arxiv_settings(site: Site, **settings: object) -> None:
    lines = "".join(f"    {key}: {value}\n" for key, value in settings.items())
    site.write("_config.yml", f"seminar:\n  term: T\n  year: 2025\n  arxiv:\n{lines}")


# Ids and batches


def test_junk_ids_are_rejected_without_a_request(site: Site, arxiv: FakeArxiv) -> None:
    result = site.run("fetch-abstract", "abc", "2409.1", "https://example.org/abs/2409.11402")
    assert result.exit_code == 1
    assert [line.split(":")[1].strip() for line in result.stderr.splitlines()] == [
        "'abc'",
        "'2409.1'",
        "'https",
    ]
    assert all("not an arXiv id" in line for line in result.stderr.splitlines())
    assert arxiv.requests == []


def test_every_form_of_one_id_is_fetched_once_as_its_base_id(site: Site, arxiv: FakeArxiv) -> None:
    result, entries = fetch_json(
        site, PAPER, f"{PAPER}v1", f"arXiv:{PAPER}", f"https://www.arxiv.org/pdf/{PAPER}v1.pdf"
    )
    assert result.exit_code == 0, result.output
    assert [entry["id"] for entry in entries] == [PAPER] * 4
    assert arxiv.asked_ids() == [[PAPER]]


def test_250_uncached_ids_cost_3_requests_and_a_second_run_none(site: Site, arxiv: FakeArxiv) -> None:
    ids = synthetic_ids(arxiv, 250)
    result = site.run("fetch-abstract", "-", input="\n".join(ids) + "\n")
    assert result.exit_code == 0, result.stderr
    assert [len(batch) for batch in arxiv.asked_ids()] == [100, 100, 50]
    assert result.stdout.count("#### Synthetic Paper Number") == 250
    again = site.run("fetch-abstract", "-", input="\n".join(ids) + "\n")
    assert again.stdout == result.stdout
    assert len(arxiv.requests) == 3


def test_answers_in_shuffled_order_are_matched_by_id(site: Site, arxiv: FakeArxiv) -> None:
    ids = synthetic_ids(arxiv, 40)
    arxiv.shuffle = True
    result, entries = fetch_json(site, *ids)
    assert result.exit_code == 0
    assert [(entry["id"], entry["title"]) for entry in entries] == [
        (key, f"Synthetic Paper Number {number}") for number, key in enumerate(ids, 1)
    ]


def test_an_id_left_out_of_an_answer_is_asked_once_more(site: Site, arxiv: FakeArxiv) -> None:
    ids = synthetic_ids(arxiv, 3)
    arxiv.leave_out_once = {ids[1]}
    result, entries = fetch_json(site, *ids)
    assert result.exit_code == 0, result.stderr
    assert [entry["id"] for entry in entries] == ids
    assert arxiv.asked_ids() == [ids, [ids[1]]]


def test_an_id_arxiv_does_not_have_is_reported_after_asking_twice(site: Site, arxiv: FakeArxiv) -> None:
    ids = synthetic_ids(arxiv, 2)
    result, entries = fetch_json(site, ids[0], "2501.99999", ids[1])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["error: 2501.99999: not on arXiv (no paper has this id)"]
    assert [entry["id"] for entry in entries] == ids
    assert arxiv.asked_ids() == [[ids[0], "2501.99999", ids[1]], ["2501.99999"]]


@ON_OURS_AND_RECORDED
def test_an_empty_answer_by_mistake_is_asked_again(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.faults.append(Fault(file=arxiv.answers.empty))
    result, entries = fetch_json(site, arxiv.answers.paper)
    assert result.exit_code == 0, result.stderr
    assert [entry["id"] for entry in entries] == [arxiv.answers.paper] and len(arxiv.requests) == 2


# Faults


def test_429_then_200_is_retried(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.faults.append(Fault(status=429))
    result, entries = fetch_json(site, PAPER)
    assert result.exit_code == 0, result.stderr
    assert entries[0]["id"] == PAPER and len(arxiv.requests) == 2


def test_503_twice_with_retry_after_waits_as_asked(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.faults.extend([Fault(status=503, headers={"Retry-After": "2"})] * 2)
    result, entries = fetch_json(site, PAPER)
    assert result.exit_code == 0, result.stderr
    assert entries[0]["id"] == PAPER and len(arxiv.requests) == 3
    first, second, third = arxiv.times
    assert second - first >= 2.0 and third - second >= 2.0


def test_a_stalled_server_times_out_is_retried_and_then_named(
    site: Site, arxiv: FakeArxiv, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_ARXIV_TIMEOUT", "0.5")
    set_arxiv_settings(site, retry_for=2)
    arxiv.faults.extend([Fault(stall=2.0)] * 5)
    result = site.run("fetch-abstract", PAPER)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines()[-1] == (
        f"error: {PAPER}: no answer from arXiv within 0.5 s; gave up after 2 tries"
    )
    assert len(arxiv.requests) == 2  # the message can only come from the timeout firing, twice


def test_a_stall_then_an_answer_succeeds(
    site: Site, arxiv: FakeArxiv, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_ARXIV_TIMEOUT", "0.5")
    arxiv.faults.append(Fault(stall=2.0))
    result, entries = fetch_json(site, PAPER)
    assert result.exit_code == 0, result.stderr
    assert entries[0]["id"] == PAPER


def test_a_truncated_answer_is_retried_never_half_used(site: Site, arxiv: FakeArxiv) -> None:
    ids = synthetic_ids(arxiv, 20)
    arxiv.faults.append(Fault(truncate=True))
    result, entries = fetch_json(site, *ids)
    assert result.exit_code == 0, result.stderr
    assert len(entries) == 20 and len(arxiv.requests) == 2


def test_answers_that_stay_truncated_end_in_a_clear_error(site: Site, arxiv: FakeArxiv) -> None:
    set_arxiv_settings(site, retry_for=1.5)
    arxiv.faults.extend([Fault(truncate=True)] * 5)
    result = site.run("fetch-abstract", PAPER)
    assert result.exit_code == 1
    assert f"{PAPER}: arXiv's answer was cut off or malformed; gave up after" in result.stderr
    assert json.loads((site.root / "_data" / "papers.json").read_text()).get(PAPER) is None


@ON_OURS_AND_RECORDED
def test_arxivs_400_error_feed_is_not_retried(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.faults.append(Fault(status=400, file=arxiv.answers.error))
    result = site.run("fetch-abstract", arxiv.answers.paper)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {arxiv.answers.paper}: arXiv refused it (incorrect id format for abc)"
    ]
    assert len(arxiv.requests) == 1


@ON_OURS_AND_RECORDED
def test_a_400_naming_one_id_drops_it_and_asks_again_for_the_rest(site: Site, arxiv: FakeArxiv) -> None:
    ids = synthetic_ids(arxiv, 3)
    error_feed = (arxiv.answers.folder / arxiv.answers.error).read_bytes()
    body = error_feed.replace(b"for abc", f"for {ids[1]}".encode())
    arxiv.faults.append(Fault(status=400, body=body))
    result, entries = fetch_json(site, *ids)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {ids[1]}: arXiv calls it malformed (incorrect id format for {ids[1]})"
    ]
    assert [entry["id"] for entry in entries] == [ids[0], ids[2]]
    assert arxiv.asked_ids() == [ids, [ids[0], ids[2]]]


def test_an_unreachable_server_is_named_after_retries(site: Site) -> None:
    set_arxiv_settings(site, retry_for=1.5)  # SEMINAR_ARXIV_API is a closed port in every test
    result = site.run("fetch-abstract", PAPER)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{PAPER}: cannot reach arXiv (ConnectionError); gave up after" in result.stderr


# What is kept, and how it prints


@ON_OURS_AND_RECORDED
def test_the_kept_metadata_matches_the_entry_arxiv_sent(site: Site, arxiv: FakeArxiv) -> None:
    answers = arxiv.answers
    entry = etree.fromstring((answers.folder / answers.one_entry).read_bytes()).find("atom:entry", NS)
    result, (kept,) = fetch_json(site, answers.paper)
    assert result.exit_code == 0
    assert kept["title"] == " ".join(entry.findtext("atom:title", namespaces=NS).split())
    assert kept["abstract"] == " ".join(entry.findtext("atom:summary", namespaces=NS).split())
    assert kept["authors"] == [" ".join(a.findtext("atom:name", namespaces=NS).split())
                               for a in entry.iterfind("atom:author", NS)]  # fmt: skip
    assert kept["published"] == entry.findtext("atom:published", namespaces=NS)[:10]
    assert kept["updated"] == entry.findtext("atom:updated", namespaces=NS)[:10]
    assert kept["categories"] == [c.get("term") for c in entry.iterfind("atom:category", NS)]
    assert kept["primary_category"] == entry.find("arxiv:primary_category", NS).get("term")
    assert kept["comment"] == " ".join(entry.findtext("arxiv:comment", namespaces=NS).split())
    assert kept["abs_url"] == f"https://arxiv.org/abs/{answers.paper}"
    assert kept["pdf_url"] == f"https://arxiv.org/pdf/{answers.paper}"
    assert kept["version"] == int(entry.findtext("atom:id", namespaces=NS).rsplit("v", 1)[1])


def test_a_revised_paper_keeps_its_dates_version_journal_reference_and_doi(
    site: Site, arxiv: FakeArxiv
) -> None:
    result, (kept,) = fetch_json(site, "2403.00103")
    assert result.exit_code == 0, result.stderr
    assert (kept["published"], kept["updated"], kept["version"]) == ("2024-03-05", "2024-06-20", 3)
    assert kept["journal_ref"] == "Journal of Imaginary Instruments 7 (2024) 101-117"
    assert kept["doi"] == "10.0000/seminar-tests.lanterns"
    assert "comment" not in kept  # the entry has none


def test_an_old_style_id_is_asked_and_kept_by_its_base_id(site: Site, arxiv: FakeArxiv) -> None:
    result, (kept,) = fetch_json(site, "hep-th/0312001v2")
    assert result.exit_code == 0, result.stderr
    assert (kept["id"], kept["version"]) == ("hep-th/0312001", 2)
    assert kept["abs_url"] == "https://arxiv.org/abs/hep-th/0312001"
    assert arxiv.asked_ids() == [["hep-th/0312001"]]


def test_every_author_of_a_long_list_is_kept_in_order(site: Site, arxiv: FakeArxiv) -> None:
    _, (kept,) = fetch_json(site, "2403.00102")
    assert len(kept["authors"]) == 12
    assert (kept["authors"][0], kept["authors"][-1]) == ("Ines Kettleworth", "Tove Infuser")


def test_a_one_character_title_is_the_title(site: Site, arxiv: FakeArxiv) -> None:
    _, (kept,) = fetch_json(site, "2403.00104")
    assert kept["title"] == "7"


def test_the_submitted_line_for_one_version_and_for_several(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.add_paper("2501.00001", "Once", published="2024-09-07T23:30:00Z")
    arxiv.add_paper("2501.00002", "Revised", version=3, published="2024-09-17T10:00:00Z",
                    updated="2024-10-22T01:00:00Z")  # fmt: skip
    result = site.run("fetch-abstract", "2501.00001", "2501.00002")
    lines = [line for line in result.stdout.splitlines() if line.startswith("+ [Submitted")]
    assert lines == [
        "+ [Submitted on 7 Sep 2024]",
        "+ [Submitted on 17 Sep 2024 (v1), last revised 22 Oct 2024 (this version, v3)]",
    ]


def test_a_withdrawn_paper_is_marked(site: Site, arxiv: FakeArxiv) -> None:
    arxiv.add_paper(
        "2501.00002", "Gone Paper", version=2, comment="This paper has been withdrawn by the author"
    )
    _, (kept,) = fetch_json(site, "2501.00002")
    assert kept["withdrawn"] is True
    block = site.run("fetch-abstract", "2501.00002").stdout
    assert "+ Withdrawn on arXiv: This paper has been withdrawn by the author\n" in block


@ON_OURS_AND_RECORDED
def test_bibtex_entries_parse_and_carry_the_eprint_fields(site: Site, arxiv: FakeArxiv) -> None:
    paper = arxiv.answers.paper
    result = site.run("fetch-abstract", "--format", "bibtex", paper, "2409.11402")
    assert result.exit_code == 0, result.stderr
    library = bibtexparser.parse_string(result.stdout)
    assert not library.failed_blocks
    fields = [{field.key: field.value for field in entry.fields} for entry in library.entries]
    assert [f["eprint"] for f in fields] == [paper, "2409.11402"]
    assert all(f["archivePrefix"] == "arXiv" for f in fields)
    assert fields[0]["primaryClass"] == arxiv.entries[paper].find("arxiv:primary_category", NS).get("term")


# The cache


def test_refresh_fetches_again_and_keeps_the_notes(site: Site, arxiv: FakeArxiv) -> None:
    site.add_papers(
        {
            PAPER: {
                "arxiv_id": PAPER,
                "title": "Old title",
                "published": "2016-05-26",
                "notes": ["Our note"],
            }
        }
    )
    _, (kept,) = fetch_json(site, PAPER)
    assert kept["title"] == "Old title" and arxiv.requests == []
    _, (kept,) = fetch_json(site, PAPER, extra=("--refresh",))
    assert kept["title"] != "Old title" and kept["notes"] == ["Our note"] and len(arxiv.requests) == 1


def test_offline_never_touches_the_network_and_writes_nothing(site: Site, arxiv: FakeArxiv) -> None:
    before = site.snapshot()
    result = site.run("fetch-abstract", "--offline", PAPER)
    assert result.exit_code == 1 and "--offline" in result.stderr
    assert arxiv.requests == [] and site.snapshot() == before


def test_fetch_gets_what_the_posts_link_to_and_then_nothing(site: Site, arxiv: FakeArxiv) -> None:
    site.write(
        "_posts/2025-01-07-a.md",
        f"---\n---\n+ [x](https://arxiv.org/abs/{PAPER}v1)\nsee arXiv:2403.00102\n",
    )
    site.write("_posts/2025-01-09-b.md", "---\n---\n+ https://arxiv.org/pdf/2409.11402v2.pdf\n")
    result = site.run("fetch")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "3 readings: 2 fetched, 1 cached, 0 failed in 1 request\n"
    before = site.snapshot()
    again = site.run("fetch")
    assert again.stdout == "3 readings: 0 fetched, 3 cached, 0 failed in 0 requests\n"
    assert site.snapshot() == before


def test_fetch_names_each_failure_and_exits_1(site: Site, arxiv: FakeArxiv) -> None:
    site.write("_posts/2025-01-07-a.md", f"---\n---\narXiv:{PAPER} and arXiv:2501.99999\n")
    result = site.run("fetch")
    assert result.exit_code == 1
    assert result.stderr == "error: 2501.99999: not on arXiv (no paper has this id)\n"
    assert result.stdout == "2 readings: 1 fetched, 0 cached, 1 failed in 2 requests\n"


def test_new_session_fetches_its_uncached_readings_in_one_request(site: Site, arxiv: FakeArxiv) -> None:
    ids = synthetic_ids(arxiv, 3)
    result = site.run("new-session", "--week", "S4", "--title", "X", "--date", "2025-03-18",
                      "--required", ids[0], "--required", "2409.11402", "--more", f"arXiv:{ids[1]}",
                      "--more", ids[2])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert arxiv.asked_ids() == [ids]
    text = (site.posts / "2025-03-18-x.md").read_text()
    assert text.index("#### Synthetic Paper Number 1") < text.index("## More Readings:")
    assert text.index("## More Readings:") < text.index("#### Synthetic Paper Number 2")


def test_new_session_names_what_cannot_be_fetched_and_writes_no_post(site: Site, arxiv: FakeArxiv) -> None:
    result = site.run("new-session", "--week", "S4", "--title", "X", "--date", "2025-03-18",
                      "--required", PAPER, "--required", "2501.99999")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == "error: 2501.99999: not on arXiv (no paper has this id)\n"
    assert site.post_files() == []


def test_a_dry_run_fetches_nothing(site: Site, arxiv: FakeArxiv) -> None:
    result = site.run("new-session", "--week", "S4", "--date", "2025-03-18", "--dry-run", "--required", PAPER)
    assert result.exit_code == 1 and "this command fetches nothing" in result.stderr
    assert arxiv.requests == []


# Settings


def test_the_endpoint_and_delay_come_from_the_config(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeArxiv() as server:
        monkeypatch.delenv("SEMINAR_ARXIV_API")
        monkeypatch.delenv("SEMINAR_ARXIV_DELAY")
        set_arxiv_settings(site, api_url=server.url, delay=1)
        ids = synthetic_ids(server, 150)
        result = site.run("fetch-abstract", "-", input="\n".join(ids))
        assert result.exit_code == 0, result.stderr
        assert len(server.requests) == 2 and server.times[1] - server.times[0] >= 1.0


def test_the_environment_wins_over_the_config(site: Site, arxiv: FakeArxiv) -> None:
    set_arxiv_settings(site, api_url="http://127.0.0.1:9/api/query")
    result, _ = fetch_json(site, PAPER)
    assert result.exit_code == 0 and len(arxiv.requests) == 1


def test_a_bad_endpoint_setting_is_named(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMINAR_ARXIV_DELAY", "soon")
    result = site.run("fetch-abstract", PAPER)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: environment variable SEMINAR_ARXIV_DELAY: must be a number")


@pytest.mark.parametrize(
    ("api_url", "delay"),
    [
        ("https://export.arxiv.org/api/query", 3.0),  # arXiv's own hosts: never below 3 s
        ("http://mirror-of-notarxiv.org/api/query", 0),  # a host merely ending in those letters is not arXiv
    ],
)
def test_the_delay_never_drops_below_3_seconds_on_arxiv_org(
    site: Site, monkeypatch: pytest.MonkeyPatch, api_url: str, delay: float
) -> None:
    from seminar.sources.config import load_config

    set_arxiv_settings(site, api_url=api_url, delay=0)
    monkeypatch.delenv("SEMINAR_ARXIV_API")
    monkeypatch.delenv("SEMINAR_ARXIV_DELAY")
    assert load_config(site.root).arxiv.delay == delay


# Two processes, and a crash


def test_two_fetches_at_once_lose_no_entry(site: Site, arxiv: FakeArxiv) -> None:
    ids = synthetic_ids(arxiv, 20)
    arxiv.latency = 0.5  # both would read the store before either saved it, without the lock
    command = [
        sys.executable,
        "-m",
        "seminar",
        "--site",
        str(site.root),
        "fetch-abstract",
        "--format",
        "json",
    ]
    first = subprocess.Popen([*command, *ids[:10]], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen([*command, *ids[10:]], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.wait(60) == 0 and second.wait(60) == 0
    stored = json.loads((site.root / "_data" / "papers.json").read_text())
    assert set(ids) <= set(stored) and "2409.11402" in stored


def test_a_process_killed_while_saving_leaves_a_whole_store(tmp_path: Path) -> None:
    store = tmp_path / "papers.json"
    writer = (
        "import sys\n"
        "from pathlib import Path\n"
        "from seminar.model.papers import Paper\n"
        "from seminar.sources.store import PaperStore\n"
        f"store = PaperStore(Path({str(store)!r}))\n"
        "for n in range(100000):\n"
        "    store.put(Paper(title='Paper %d ' % n + 'x' * 2000, arxiv_id='2501.%05d' % n))\n"
        "    store.save()\n"
        "    print(n, flush=True)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True)
    saved = -1
    for line in process.stdout:
        saved = int(line)
        if saved >= 150:
            break
    time.sleep(0.05)  # let it be somewhere inside its next save
    process.send_signal(signal.SIGKILL)
    process.wait()
    from seminar.sources.store import PaperStore

    kept = PaperStore.load(store)
    assert all(f"2501.{n:05d}" in kept for n in range(saved + 1))
    assert all(kept.get(f"2501.{n:05d}") is not None for n in range(saved + 1))
