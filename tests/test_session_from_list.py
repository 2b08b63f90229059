"""Sessions made from the catalog: readings carry their list notes, and `--from-list --topic` picks them.

The lists are the project's own (tests/fixtures/paperlists) and small ones written here; the same behaviours
on the real curated lists of ../shared are tested by test_session_from_list_real.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from arxiv_server import OURS, FakeArxiv
from bs4 import BeautifulSoup

from conftest import LISTS, Site, jekyll_build

FEBRUARY = LISTS / "Weekly_202502.md"

# EchoNet++'s entry in Weekly_202502.md (lines 151-165) as a session shows it, written from the file.
ECHONET_BLOCK = """\
#### EchoNet++: Better Conditional Control of Audio with Consistency Feedback
+ Keypoints: Controllable Generation; Audio Diffusion; Echonet
+ Objective: make audio generation follow its conditions more closely
+ Method:
\t- extract the condition back from the generated audio with a pre-trained classifier
\t- penalise the difference between the input condition and the extracted one
\t- add noise to the training audio on purpose so that the feedback stays cheap
\t- use the audio denoised in a single step for the feedback
+ Metric: follows its conditions 6.1% better on pitch, 9.8% on loudness and 4.2% on timbre than EchoNet.
"""

# A list of one paper whose notes hold math, one block with `{{` in it; `math_list` links it to an arXiv id.
MATH_LIST = """\
## Guidance
### Guidance With Math: A Study
[2024.07] [[paper](https://arxiv.org/abs/PAPER_ID)]
- `Keypoints:` guidance; math
- `Method:` two steps
$$
\\nabla_{z_t} \\log p_t(z_t \\mid y) = {{ not liquid }}
$$
```math
\\hat{D}_{\\theta}(z_t, t)
```
"""


def math_list(paper_id: str) -> str:
    return MATH_LIST.replace("PAPER_ID", paper_id)


def session_post(site: Site) -> str:
    (post,) = site.posts.glob("*.md")
    return post.read_text(encoding="utf-8")


def test_a_catalog_paper_named_by_title_brings_its_notes_in_order(site: Site) -> None:
    site.run("import-list", str(FEBRUARY))
    result = site.run(
        "new-session", "--week", "S2", "--date", "2025-01-14", "--required",
        "EchoNet++: Better Conditional Control of Audio with Consistency Feedback",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert ECHONET_BLOCK in session_post(site)


def test_from_list_takes_the_topics_papers_in_list_order(site: Site) -> None:
    result = site.run(
        "new-session",
        "--week",
        "S2",
        "--date",
        "2025-01-14",
        "--from-list",
        str(FEBRUARY),
        "--topic",
        "Controllable",
    )
    assert result.exit_code == 0, result.output
    assert "(readings: 3 required + 0 more)" in result.stdout
    headings = [line for line in session_post(site).splitlines() if line.startswith("#### ")]
    assert headings == [
        "#### EchoNet++: Better Conditional Control of Audio with Consistency Feedback",
        "#### Knob-Adapter:An Adapter that Brings Any Control to Any Audio Model",
        "#### MixFusion: Plug&Play Multi-Condition Generation in Text-to-Audio Diffusion Models",
    ]
    assert ECHONET_BLOCK in session_post(site)


def test_from_list_imports_the_file_so_its_papers_join_the_catalog(site: Site) -> None:
    site.run(
        "new-session",
        "--week",
        "S2",
        "--date",
        "2025-01-14",
        "--from-list",
        str(FEBRUARY),
        "--topic",
        "Agents",
    )
    result = site.run("papers", "--topic", "Audio Transformer")
    assert "Tunescaler" in result.stdout


def test_from_list_can_name_a_list_imported_before(site: Site) -> None:
    site.run("import-list", str(FEBRUARY))
    result = site.run(
        "new-session", "--week", "S2", "--date", "2025-01-14", "--from-list", "Weekly_202502.md",
        "--topic", "audio transformer", "--more", "TIDY: Tidying Rooms Offline",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "(readings: 1 required + 1 more)" in result.stdout


def test_an_unknown_topic_names_the_lists_topics_and_writes_nothing(site: Site) -> None:
    before = site.snapshot()
    result = site.run("new-session", "--week", "S2", "--from-list", "Weekly_202502.md", "--topic", "Robots")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: Weekly_202502.md: no such list file, and no list of that name has been imported\n"
    )
    site.run("import-list", str(FEBRUARY))
    result = site.run("new-session", "--week", "S2", "--from-list", str(FEBRUARY), "--topic", "Robots")
    assert result.stderr == (
        "error: Weekly_202502.md: no papers under topic 'Robots' "
        "(its topics: Agents, Audio, Audio Transformer, Controllable)\n"
    )
    assert site.post_files() == [] and site.snapshot() != before  # only the import wrote


def test_from_list_needs_a_topic(site: Site) -> None:
    result = site.run("new-session", "--week", "S2", "--from-list", str(FEBRUARY))
    assert result.exit_code == 1
    assert result.stderr == "error: --from-list and --topic go together: the list's papers under that topic\n"


def test_a_dry_run_from_a_list_writes_nothing(site: Site) -> None:
    before = site.snapshot()
    result = site.run(
        "new-session", "--week", "S2", "--date", "2025-01-14", "--from-list", str(FEBRUARY), "--topic",
        "Controllable", "--dry-run",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert ECHONET_BLOCK in result.stdout
    assert site.snapshot() == before


@pytest.mark.parametrize(
    ("arxiv", "authors", "abstract"),
    [
        ("ours", "+ Ada Quill, Bra", "+ We study how t"),  # tests/fixtures/arxiv/id_2403.00101.xml
        ("recorded", "+ Caprice Stanle", "+ Graphs on latt"),  # ../shared/arxiv-atom: needs ../shared
    ],
    indirect=["arxiv"],
)
def test_list_notes_follow_arxivs_abstract_and_link(
    site: Site, arxiv: FakeArxiv, authors: str, abstract: str
) -> None:
    paper = arxiv.answers.paper
    site.run("import-list", str(site.write("math.md", math_list(paper))))
    result = site.run("new-session", "--week", "S3", "--date", "2025-01-21", "--required", paper)
    assert result.exit_code == 0, result.output
    bullets = [line[:16] for line in session_post(site).split("## Required Readings:")[1].splitlines()[3:]]
    assert bullets[:7] == [
        "+ [Submitted on ",
        authors,
        abstract,
        "+ [https://arxiv",
        "+ Keypoints: gui",
        "+ Method: two st",
        "\t- {% raw %}$$ \\",  # Liquid-safe: the math holds `{{`
    ]


def test_list_notes_with_math_build_in_real_jekyll(jekyll: str, site: Site, tmp_path: Path) -> None:
    site.run("import-list", str(site.write("math.md", math_list(OURS.paper))), str(FEBRUARY))
    result = site.run(
        "new-session", "--week", "S2", "--date", "2025-01-14", "--title", "Guidance",
        "--required", "Guidance With Math: A Study", "--required",
        "EchoNet++: Better Conditional Control of Audio with Consistency Feedback",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    site.write("_layouts/post.html", "<article>{{ content }}</article>\n")
    destination = tmp_path / "built"
    jekyll_build(jekyll, site.root, destination)
    (page,) = destination.glob("2025/01/14/*.html")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    method = next(li for li in soup.select("article > ul > li") if li.get_text().startswith("Method:"))
    items = [" ".join(li.get_text(" ").split()) for li in method.select("li")]
    assert "\\nabla_{z_t} \\log p_t(z_t \\mid y) = {{ not liquid }}" in items[0]  # kramdown's math, unrun
    assert "\\hat{D}_{\\theta}(z_t, t)" in items[1]
    echonet_items = soup.select("article > ul")[1].select("li li")
    assert len(echonet_items) == 4
