"""Sessions made from the real curated lists of ../shared/paperlists: readings carry their list notes, and
`--from-list --topic` picks them.

Moved here from test_session_from_list.py, which tests each of these behaviours on the project's own lists
(tests/fixtures/paperlists); these skip when ../shared is not beside the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_session_from_list import math_list, session_post

from conftest import SHARED, Site, jekyll_build

pytestmark = pytest.mark.usefixtures("shared")

SHARED_LISTS = SHARED / "paperlists"
APRIL = SHARED_LISTS / "PaperList_202404.md"

# ControlNet++'s entry in PaperList_202404.md (lines 231-245) as a session shows it, written from the file.
CONTROLNET_BLOCK = """\
#### ControlNet++: Improving Conditional Controls with Efficient Consistency Feedback
+ Keypoints: Controllable Generation; Diffusion Model; Controlnet
+ Objective: improve image generation controllability
+ Method:
\t- extract the corresponding condition of the generated images with pre-trained discriminative reward model
\t- optimize the consistency loss between the input conditional control and extracted condition
\t- introduce an efficient reward strategy that deliberately disturbs the input images by adding noise
\t- uses the single-step denoised images for reward fine-tuning
+ Metric: achieves improvements over ControlNet by 7.9% mIoU, 13.4% SSIM, and 7.6% RMSE, respectively, \
for segmentation mask, line-art edge, and depth conditions.
"""


def test_a_catalog_paper_named_by_title_brings_its_notes_in_order(site: Site) -> None:
    site.run("import-list", str(APRIL))
    result = site.run(
        "new-session", "--week", "S2", "--date", "2025-01-14", "--required",
        "ControlNet++: Improving Conditional Controls with Efficient Consistency Feedback",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert CONTROLNET_BLOCK in session_post(site)


def test_from_list_takes_the_topics_papers_in_list_order(site: Site) -> None:
    result = site.run(
        "new-session",
        "--week",
        "S2",
        "--date",
        "2025-01-14",
        "--from-list",
        str(APRIL),
        "--topic",
        "Controllable",
    )
    assert result.exit_code == 0, result.output
    assert "(readings: 3 required + 0 more)" in result.stdout
    headings = [line for line in session_post(site).splitlines() if line.startswith("#### ")]
    assert headings == [
        "#### ControlNet++: Improving Conditional Controls with Efficient Consistency Feedback",
        "#### Ctrl-Adapter:An Efficient and Versatile Framework for Adapting Diverse Controls to Any "
        "Diffusion Model",
        "#### MaxFusion: Plug&Play Multi-Modal Generation in Text-to-Image Diffusion Models",
    ]
    assert CONTROLNET_BLOCK in session_post(site)


def test_from_list_imports_the_file_so_its_papers_join_the_catalog(site: Site) -> None:
    site.run(
        "new-session", "--week", "S2", "--date", "2025-01-14", "--from-list", str(APRIL), "--topic", "LLM"
    )
    result = site.run("papers", "--topic", "Diffusion Transformer")
    assert "Diffscaler" in result.stdout


def test_from_list_can_name_a_list_imported_before(site: Site) -> None:
    site.run("import-list", str(APRIL))
    result = site.run(
        "new-session", "--week", "S2", "--date", "2025-01-14", "--from-list", "PaperList_202404.md",
        "--topic", "diffusion transformer", "--more", "LLoCO: Learning Long Contexts Offline",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "(readings: 1 required + 1 more)" in result.stdout


def test_an_unknown_topic_names_the_lists_topics_and_writes_nothing(site: Site) -> None:
    before = site.snapshot()
    result = site.run(
        "new-session", "--week", "S2", "--from-list", "PaperList_202404.md", "--topic", "Robots"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "error: PaperList_202404.md: no such list file, and no list of that name has been imported\n"
    )
    site.run("import-list", str(APRIL))
    result = site.run("new-session", "--week", "S2", "--from-list", str(APRIL), "--topic", "Robots")
    assert result.stderr == (
        "error: PaperList_202404.md: no papers under topic 'Robots' "
        "(its topics: Controllable, Diffusion, Diffusion Transformer, LLM)\n"
    )
    assert site.post_files() == [] and site.snapshot() != before  # only the import wrote


def test_a_dry_run_from_a_list_writes_nothing(site: Site) -> None:
    before = site.snapshot()
    result = site.run(
        "new-session", "--week", "S2", "--date", "2025-01-14", "--from-list", str(APRIL), "--topic",
        "Controllable", "--dry-run",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert CONTROLNET_BLOCK in result.stdout
    assert site.snapshot() == before


def test_list_notes_with_math_build_in_real_jekyll(jekyll: str, site: Site, tmp_path: Path) -> None:
    site.run("import-list", str(site.write("math.md", math_list("1605.08386"))), str(APRIL))
    result = site.run(
        "new-session", "--week", "S2", "--date", "2025-01-14", "--title", "Guidance",
        "--required", "Guidance With Math: A Study", "--required",
        "ControlNet++: Improving Conditional Controls with Efficient Consistency Feedback",
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
    controlnet_items = soup.select("article > ul")[1].select("li li")
    assert len(controlnet_items) == 4
