"""Every link form under which arXiv serves a paper gives the paper's id (issue 12, kind 4).

arXiv serves a paper at /abs/, /pdf/, /html/, /format/, /ps/, /dvi/, /src/ and /e-print/ followed by its id
(the routes of arXiv's own site, github.com/arXiv/arxiv-browse), on arxiv.org and the hosts under it; the
id is new style (2403.00101) or old style (hep-th/0312001, math.GT/0309136), see
https://info.arxiv.org/help/arxiv_identifier.html. Each form is tried through the command line against the
local arXiv stand-in (`seminar fetch-abstract`, `seminar fetch`, `seminar new-session`,
`seminar import-list`), and the whole product of hosts, schemes, views and endings on the parser itself.
"""

from __future__ import annotations

import json
import shutil
from itertools import product
from pathlib import Path

import pytest
from arxiv_server import FakeArxiv

from conftest import Site
from seminar.model.arxiv_ids import ArxivId, find_arxiv_ids, parse_arxiv_id

NEW = "2403.00101"  # our made-up paper, tests/fixtures/arxiv/id_2403.00101.xml
PAPER_TITLE = "Sorting Socks at Scale: Pairing Heuristics for Unlabelled Laundry"
OLD = "hep-th/0312001"  # our made-up old-style paper, tests/fixtures/arxiv/id_hep-th_0312001v2.xml
VIEWS = ("abs", "pdf", "html", "format", "ps", "dvi", "src", "e-print")
HOSTS = ("arxiv.org", "www.arxiv.org", "export.arxiv.org", "browse.arxiv.org", "lanl.arxiv.org", "ARXIV.ORG")
SCHEMES = ("https://", "http://", "//", "", "HTTPS://")
ENDINGS = ("", "/", "?context=cs", "#S2", "/#S2")  # after any view
VIEW_ENDINGS = {"pdf": (".pdf", ".pdf#page=2"), "html": (".html", "/x1.png"), "src": ("/anc/pseudocode.py",)}


def forms(base: str) -> list[str]:
    """The links to one paper the command line is tried on: each view, host and scheme at least once, with
    and without a version, and each ending arXiv's links carry."""
    return [
        # the forms people copy from the browser
        f"https://arxiv.org/abs/{base}",
        f"https://arxiv.org/abs/{base}v2",
        f"https://arxiv.org/pdf/{base}",
        f"https://arxiv.org/pdf/{base}v2",
        f"https://arxiv.org/pdf/{base}.pdf",
        f"https://arxiv.org/pdf/{base}v2.pdf",
        f"https://arxiv.org/html/{base}",
        f"https://arxiv.org/html/{base}v2",
        f"https://arxiv.org/html/{base}v2/",
        f"https://arxiv.org/html/{base}v2#S2",
        f"https://arxiv.org/html/{base}v2/#S2.SS1",
        f"https://arxiv.org/html/{base}v2/x1.png",
        f"https://arxiv.org/format/{base}",
        f"https://arxiv.org/ps/{base}v2",
        f"https://arxiv.org/dvi/{base}v2",
        f"https://arxiv.org/src/{base}v2",
        f"https://arxiv.org/src/{base}v2/anc/pseudocode.py",
        f"https://arxiv.org/e-print/{base}v2",
        # other hosts arXiv serves from
        f"https://export.arxiv.org/abs/{base}",
        f"https://www.arxiv.org/pdf/{base}v2.pdf",
        f"https://browse.arxiv.org/html/{base}v2",
        f"http://lanl.arxiv.org/abs/{base}",
        # other schemes, and none
        f"http://arxiv.org/abs/{base}",
        f"//arxiv.org/abs/{base}",
        f"arxiv.org/abs/{base}",
        f"arxiv.org/html/{base}v2/",
        f"www.arxiv.org/pdf/{base}v2",
        # queries, fragments, case
        f"https://arxiv.org/abs/{base}?context=cs",
        f"https://arxiv.org/abs/{base}v2?context=cs#comments",
        f"HTTPS://ARXIV.ORG/abs/{base}",
        f"https://ArXiv.Org/ABS/{base}",
        # not links
        base,
        f"{base}v2",
        f"arXiv:{base}",
        f"arXiv:{base}v2",
        f"ARXIV: {base}",
    ]


def fetch_json(site: Site, *references: str) -> tuple[int, list[dict], str]:
    result = site.run("fetch-abstract", "--format", "json", *references)
    entries = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, entries, result.stderr


def asked_since(arxiv: FakeArxiv, count: int) -> list[list[str]]:
    """The ids of each id_list request after the first `count` requests."""
    return [query["id_list"][0].split(",") for query in arxiv.requests[count:] if query.get("id_list")]


@pytest.mark.parametrize(
    ("base", "title"),
    [(NEW, PAPER_TITLE), (OLD, "A Toy Model of Teacup Turbulence")],
    ids=["new-style", "old-style"],
)
def test_fetch_abstract_gives_the_paper_for_every_form(
    site: Site, arxiv: FakeArxiv, tmp_path: Path, base: str, title: str
) -> None:
    wrong = {}
    for number, form in enumerate(forms(base)):
        fresh = Site(shutil.copytree(site.root, tmp_path / f"site-{number}"))  # nothing cached: fetched
        before = len(arxiv.requests)
        code, entries, errors = fetch_json(fresh, form)
        # asked by its base id, whatever form it was given in
        got = (code, errors, [(entry["id"], entry["title"]) for entry in entries], asked_since(arxiv, before))
        if got != (0, "", [(base, title)], [[base]]):
            wrong[form] = got
    assert wrong == {}


def test_every_form_at_once_is_one_paper_asked_for_once(site: Site, arxiv: FakeArxiv) -> None:
    code, entries, errors = fetch_json(site, *forms(NEW), *forms(OLD))
    assert (code, errors) == (0, "")
    assert [entry["id"] for entry in entries] == [NEW] * len(forms(NEW)) + [OLD] * len(forms(OLD))
    assert arxiv.asked_ids() == [[NEW, OLD]]


NOT_LINKS_TO_A_PAPER = [
    "٢٤٠٣.٠٠١٠١",  # Arabic-Indic digits: not the ASCII digits of an id (issue 14)
    "２４０３.００１０１",  # full-width digits
    "https://arxiv.org/abs/٢٤٠٣.٠٠١٠١",
    "https://notarxiv.org/abs/2403.00101",
    "https://arxiv.org.example.com/abs/2403.00101",
    "https://example.org/abs/2403.00101",
    "https://arxiv.org/list/2403.00101",
    "https://arxiv.org/abs/2403.001011",
    "https://arxiv.org/abs/2403.00101v0",
    "ftp://arxiv.org/abs/2403.00101",
    "2403.00101#S2",
    "arx\u0131v:2403.00101",  # a dotless i: no look-alike of arXiv
]


def test_what_is_no_link_to_a_paper_is_refused_without_asking_arxiv(site: Site, arxiv: FakeArxiv) -> None:
    wrong = {}
    for text in NOT_LINKS_TO_A_PAPER:
        code, entries, errors = fetch_json(site, text)
        if (code, entries) != (1, []) or f"{text!r}: not an arXiv id" not in errors:
            wrong[text] = (code, entries, errors)
    assert wrong == {}
    assert arxiv.requests == []


def test_fetch_finds_the_papers_a_post_links_in_any_form(site: Site, arxiv: FakeArxiv) -> None:
    site.write(
        "_posts/2025-03-04-forms.md",
        "---\ntitle: Forms\n---\n"
        f"+ [HTML](https://arxiv.org/html/{NEW}v1/#S2)\n"
        f"+ [Old](http://export.arxiv.org/abs/{OLD}v2?context=hep-th)\n",
    )
    result = site.run("fetch")
    assert result.exit_code == 0, result.output
    assert arxiv.asked_ids() == [[NEW, OLD]]


def test_new_session_takes_an_html_link_as_the_paper_not_as_a_title(site: Site) -> None:
    # offline: the demo's store has the paper; a title search would find nothing and fail
    result = site.run(
        "new-session",
        "--week", "S4", "--title", "Forms", "--date", "2025-03-18",
        "--required", "https://arxiv.org/html/2409.11402v2/#S2",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (post,) = site.posts.glob("*.md")
    assert "NVLM: Open Frontier-Class Multimodal LLMs" in post.read_text(encoding="utf-8")


PAPER_LIST = """\
# 202502
## Forms
### A Paper Linked by its HTML View
[2024.02] [[paper](https://arxiv.org/html/2402.90001v1)]
- `Keypoints:` html
### A Paper Linked to a Section of its HTML View
[[paper](https://arxiv.org/html/2402.90002v3/#S2)]
- `Keypoints:` html
### An Old Paper Linked on the Export Host
[[paper](http://export.arxiv.org/abs/hep-th/9901001v2?context=hep-th)]
- `Keypoints:` old
## Topics
- [A Paper Listed by its Source](https://arxiv.org/src/2402.90004) `[2024.02]`
- [A Paper Listed by its PDF](https://www.arxiv.org/pdf/2402.90005v2.pdf) `[2024.02]`
"""


def test_a_paper_list_linking_the_html_view_records_the_id(site: Site, tmp_path: Path) -> None:
    listed = tmp_path / "Forms.md"
    listed.write_text(PAPER_LIST, encoding="utf-8")
    result = site.run("import-list", str(listed))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Forms.md: 5 papers, 5 new, 0 updated, 0 unchanged, 0 warnings\n"
    store = json.loads((site.root / "_data" / "papers.json").read_text(encoding="utf-8"))
    assert {key: store[key]["title"] for key in ("2402.90001", "2402.90002", "hep-th/9901001")} == {
        "2402.90001": "A Paper Linked by its HTML View",
        "2402.90002": "A Paper Linked to a Section of its HTML View",
        "hep-th/9901001": "An Old Paper Linked on the Export Host",
    }
    assert store["2402.90004"]["title"] == "A Paper Listed by its Source"
    assert store["2402.90005"]["title"] == "A Paper Listed by its PDF"
    assert all(store[key]["arxiv_id"] == key for key in ("2402.90001", "2402.90002", "2402.90004"))


# The parser on the whole product: every host, scheme, view, ending, with and without a version.


@pytest.mark.parametrize("base", [NEW, OLD, "math.GT/0309136", "0704.0001", "1501.00001"])
def test_every_combination_of_host_scheme_view_and_ending_gives_the_id(base: str) -> None:
    wrong = []
    for host, scheme, view, version in product(HOSTS, SCHEMES, VIEWS, (None, 3)):
        spelled = base if version is None else f"{base}v{version}"
        for ending in ENDINGS + VIEW_ENDINGS.get(view, ()):
            link = f"{scheme}{host}/{view}/{spelled}{ending}"
            if parse_arxiv_id(link) != ArxivId(base, version):
                wrong.append(link)
            if find_arxiv_ids(f"see [the paper]({link}), then") != [base]:
                wrong.append(f"in text: {link}")
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://arxiv.org/html/2402.00001v1", ArxivId("2402.00001", 1)),  # the example
        ("https://arxiv.org/html/2402.00001v1.html", ArxivId("2402.00001", 1)),  # arXiv redirects it
        ("arxiv.org/abs/2409.11402", ArxivId("2409.11402")),
        ("arXiv:2409.11402v2", ArxivId("2409.11402", 2)),
        ("arXiv:hep-th/9901001", ArxivId("hep-th/9901001")),
        ("arXiv:math.GT/0309136v1", ArxivId("math.GT/0309136", 1)),
        ("https://arxiv.org/abs/math.GT/0309136", ArxivId("math.GT/0309136")),
        ("https://arxiv.org/pdf/math.GT/0309136v2.pdf", ArxivId("math.GT/0309136", 2)),
        ("https://arxiv.org/ps/hep-th/9901001v1", ArxivId("hep-th/9901001", 1)),
        ("2409.11402v1.pdf", ArxivId("2409.11402", 1)),  # a downloaded file's name
        ("  https://arxiv.org/html/2402.00001v1/  ", ArxivId("2402.00001", 1)),
    ],
)
def test_more_forms_and_their_versions(text: str, expected: ArxivId) -> None:
    assert parse_arxiv_id(text) == expected


def test_unicode_digits_are_never_an_id_in_text_either() -> None:
    arabic = "٢٤٠٩.١١٤٠٢"
    assert parse_arxiv_id(arabic) is None and parse_arxiv_id(f"arXiv:{arabic}") is None
    assert find_arxiv_ids(f"arXiv:{arabic} and https://arxiv.org/abs/{arabic}") == []
    assert find_arxiv_ids("arXiv:2409.11402٣") == []  # an id followed by another digit is not that id
    assert find_arxiv_ids("https://arxiv.org/abs/2409.114023") == []


def test_mentions_are_found_in_order_once_each_and_only_on_arxiv() -> None:
    text = (
        "[a](https://arxiv.org/html/2402.00001v1/#S2) [b](www.arxiv.org/format/2402.00002) "
        "arXiv:hep-th/9901001v2 [c](https://notarxiv.org/abs/2402.00003) "
        "[d](https://export.arxiv.org/abs/2402.00001?context=cs) 2402.00004"
    )
    assert find_arxiv_ids(text) == ["2402.00001", "2402.00002", "hep-th/9901001"]
