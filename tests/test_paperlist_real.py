"""The parser on the real curated lists of ../shared/paperlists and the seed lists.

Every expected figure here was written down by reading the files (line numbers as `cat -n` shows them),
not copied from the parser's output. Each behaviour is also tested on the project's own lists, written in
the same shapes, by test_paperlist_files.py; these tests skip when ../shared is not beside the repository.
"""

from __future__ import annotations

from functools import cache

import pytest

from conftest import SHARED
from seminar.model.papers import Field
from seminar.sources.paperlist import ListedPaper, ParsedList, read_list

pytestmark = pytest.mark.usefixtures("shared")

LISTS = SHARED / "paperlists"
SEEDS = SHARED / "seeds"


@cache
def parsed(name: str) -> ParsedList:
    folder = SEEDS if name[0].isdigit() else LISTS
    (path,) = folder.glob(f"{name}*")
    return read_list(path)


def paper(name: str, title_start: str) -> ListedPaper:
    (found,) = [paper for paper in parsed(name).papers if paper.title.startswith(title_start)]
    return found


def keys(listed: ListedPaper) -> list[str | None]:
    return [field.key for field in listed.listing.fields]


@pytest.mark.parametrize(
    ("name", "papers", "topics"),
    [
        ("PaperList_202404.md", 21, ["LLM", "Diffusion", "Controllable", "Diffusion Transformer"]),
        ("PaperList_202405.md", 9, ["LLM", "Controllable", "Video Generation", "Image Generation"]),
        ("PaperList_202407.md", 8, ["Diffusion"]),
        ("README.md", 21, ["LLM", "Diffusion", "Controllable", "Diffusion Transformer"]),
        ("000_", 4, ["LLM"]),
        ("001_", 6, ["LLM"]),
        ("002_", 5, ["Diffusion"]),
        ("003_", 21, ["LLM", "Diffusion", "Controllable", "Diffusion Transformer"]),
    ],
)
def test_monthly_lists_give_every_paper_and_topic(name: str, papers: int, topics: list[str]) -> None:
    assert len(parsed(name).papers) == papers
    assert list(parsed(name).topics) == topics


def test_papers_per_topic_in_the_april_list() -> None:
    per_topic: dict[str, int] = {}
    for listed in parsed("PaperList_202404.md").papers:
        (place,) = listed.listing.places
        per_topic[place.topic] = per_topic.get(place.topic, 0) + 1
    assert per_topic == {"LLM": 11, "Diffusion": 6, "Controllable": 3, "Diffusion Transformer": 1}


def test_the_month_heading_dates_every_paper_under_it() -> None:
    months = {
        place.month for listed in parsed("PaperList_202405.md").papers for place in listed.listing.places
    }
    assert months == {"2024-05"}


def test_a_latest_update_heading_names_the_month() -> None:
    assert paper("003_", "RULER").listing.places[0].month == "2024-04"


def test_papers_keep_their_line_ranges() -> None:
    assert paper("PaperList_202404.md", "RULER").listing.places[0].lines == (8, 20)
    assert paper("PaperList_202404.md", "Diffscaler").listing.places[0].lines[0] == 278


def test_keypoints_split_on_ascii_and_full_width_separators() -> None:
    assert paper("PaperList_202404.md", "Neural Flow Diffusion").listing.keypoints == (
        "Flow based Generation",
        "Diffusion",
        "SDE",
        "ODE",
    )
    assert paper("PaperList_202404.md", "Customizing").listing.keypoints == (
        "Camera control",
        "Text-to-image",
        "NeRF",
    )
    assert paper("PaperList_202404.md", "TransformerFAM").listing.keypoints == (
        "Feedback Attention Memory (FAM)",
        "Working Memory in Transformers",
        "Long-Context Processing",
        "Efficiency and Integration",
    )
    assert paper("PaperList_202405.md", "Beyond Scaling Laws").listing.keypoints == (
        "LLM",
        "Scaling Laws",
        "memorization",
    )


def test_chosen_april_papers_have_their_fields_in_order() -> None:
    ruler = paper("PaperList_202404.md", "RULER")
    assert ruler.listing.keypoints == ("Long-context LMs", "Synthetic Benchmark")
    assert ruler.listing.objective.text.startswith(
        "To provide a more comprehensive evaluation of long-context"
    )
    assert keys(ruler) == ["Method"]
    assert len(ruler.listing.fields[0].items) == 3 and ruler.listing.fields[0].text == ""
    assert keys(paper("PaperList_202404.md", "ControlNet++")) == ["Method", "Metric"]
    assert paper("PaperList_202404.md", "ControlNet++").listing.objective == Field(
        "Objective", "improve image generation controllability"
    )
    assert keys(paper("PaperList_202404.md", "Neural Flow")) == ["Method", "Metric", "Limitation"]
    assert keys(paper("PaperList_202404.md", "Analysis of Classifier-Free")) == ["Results", "Discussion"]
    assert keys(paper("PaperList_202404.md", "TriForce")) == ["Method", "Summary"]
    assert paper("PaperList_202404.md", "Applying Guidance").listing.fields == ()


def test_full_width_colons_inside_labels_are_not_keys() -> None:
    method = paper("PaperList_202404.md", "MA-LMM").listing.fields[0]
    assert method.key == "Method" and len(method.items) == 4
    assert method.items[1].startswith("Visual Feature Extraction：we inject")


def test_a_value_on_the_next_line_is_the_fields_text() -> None:
    metric = paper("PaperList_202404.md", "Ctrl-Adapter").listing.fields[1]
    assert metric.key == "Metric" and metric.text.startswith("They demonstrate that CTRL-Adapter")


def test_full_width_colon_key_is_folded() -> None:
    metric = paper("PaperList_202404.md", "From Image to Video").listing.fields[1]
    assert metric == Field("Metric", "Q & A task is sota;")


def test_no_break_spaces_in_titles_are_folded() -> None:
    titles = [listed.title for listed in parsed("PaperList_202404.md").papers]
    assert "Customizing Text-to-Image Diffusion with Camera Viewpoint Control" in titles
    assert "MaxFusion: Plug&Play Multi-Modal Generation in Text-to-Image Diffusion Models" in titles
    assert all("\u00a0" not in title for title in titles)


def test_unkeyed_bullets_are_notes_without_a_key() -> None:
    vlm = paper("PaperList_202405.md", "What matters")
    assert keys(vlm) == ["Method", "Metric", None, None, None, None, None, None]
    assert vlm.listing.fields[2].text.startswith("Finding 1. For a fixed number of parameters")
    assert vlm.listing.keypoints == (
        "Vision-Language Models (VLMs)",
        "Design Decisions",
        "Performance Improvement",
    )


def test_figures_are_kept_as_images_not_text() -> None:
    rectifid = paper("PaperList_202405.md", "RectifID")
    assert rectifid.listing.images == (
        "https://github.com/user-attachments/assets/b3d3d944-918b-4182-b1d7-a4e186287031",
    )
    assert keys(rectifid) == ["Method"]
    assert len(paper("PaperList_202405.md", "Better & Faster").listing.images) == 2


def test_keyed_sub_bullets_and_math_stay_in_their_field() -> None:
    no_training = paper("PaperList_202407.md", "No Training, No Problem")
    assert keys(no_training) == ["Method", "Metric"]
    method = no_training.listing.fields[0]
    assert method.text == "The author proposes two techniques."
    assert method.items[0].startswith("Independent Condition Guidance: During the training process")
    assert method.items[5].startswith("Time-step Guidance: As many conditions")


def test_math_blocks_survive_intact() -> None:
    items = paper("PaperList_202407.md", "No Training, No Problem").listing.fields[0].items
    assert (
        "$$\n\\nabla_{z_t} \\log p_t(z_t \\mid y) = \\nabla_{z_t} \\log p_t(z_t) + "
        "\\nabla_{z_t} \\log p_t(y \\mid z_t).\n$$"
    ) in items
    assert (
        "```math\n\\hat{D}_{\\theta}(z_t, t) = D_{\\theta}(z_t, \\tilde{t}) + w_{\\text{TSG}} \\left( "
        "D_{\\theta}(z_t, t) - D_{\\theta}(z_t, \\tilde{t}) \\right),\n```"
    ) in items
    assert sum(item.startswith("$$") for item in items) == 2


def test_a_key_given_twice_is_kept_twice_in_order() -> None:
    assert keys(paper("PaperList_202407.md", "VD3D")) == ["Motivation", "Method", "Method"]
    assert keys(paper("PaperList_202407.md", "DisCo-Diff")) == ["Main Pipeline", "Method"]


def test_a_topic_heading_given_twice_is_one_topic() -> None:
    papers = parsed("PaperList_202407.md").papers
    assert [listed.listing.places[0].topic for listed in papers] == ["Diffusion"] * 8
    assert paper("PaperList_202407.md", "VEnhancer").listing.places[0].lines[0] == 96


def test_mojibake_is_repaired() -> None:
    metric = paper("002_", "VEnhancer").listing.fields[1]
    assert "benchmark – VBench" in metric.text and "â€" not in metric.text


def test_an_empty_key_is_a_warning() -> None:
    (warning,) = parsed("002_").warnings
    assert warning.line == 11
    assert warning.message == "empty `Main Pipeline` in " + repr(
        "DisCo-Diff: Enhancing Continuous Diffusion Models with Discrete Latents"
    )


def test_video_list_merges_its_table_of_contents_with_its_entries() -> None:
    video = parsed("VideoGeneration.md")
    assert (
        len(video.papers) == 44
    )  # 44 contents lines (LayerPano3D twice) and 36 entries, of which one is new
    assert video.topics == (
        "Long Video Genaration",
        "Controllable Generation",
        "Multiview Generation",
        "High Fidelty",
        "Efficiency",
        "Multiview",
    )
    storydiffusion = paper("VideoGeneration.md", "StoryDiffusion")
    assert storydiffusion.arxiv_id == "2405.01434"
    assert [place.lines[0] for place in storydiffusion.listing.places] == [9]  # one topic: its first line
    assert storydiffusion.listing.links == (
        ("paper", "https://arxiv.org/abs/2405.01434"),
        ("code", "https://github.com/HVision-NKU/StoryDiffusion"),
    )


def test_a_heading_only_entry_is_a_paper() -> None:
    motionclone = paper("VideoGeneration.md", "MotionClone")
    assert motionclone.arxiv_id == "2406.05338"  # from its contents line
    assert paper("VideoGeneration.md", "EM Distillation").arxiv_id == "2405.16852"


def test_key_takeaways_is_the_objective_and_summay_is_summary() -> None:
    cogvideo = paper("VideoGeneration.md", "CogVideoX")
    assert cogvideo.listing.objective.text.startswith(
        "How do we achieve long-term consistent video generation?"
    )
    assert keys(cogvideo) == ["Method", "Metric", "Summary"]
    movie_dreamer = paper("VideoGeneration.md", "MovieDreamer")
    assert movie_dreamer.listing.objective.text.startswith("a novel hierarchical framework")
    assert movie_dreamer.listing.keypoints == ("autoencoder", "diffusion", "long-duration video generation")


def test_an_objective_with_sub_bullets_keeps_them() -> None:
    objective = paper("VideoGeneration.md", "No Training").listing.objective
    assert objective.text == "" and len(objective.items) == 2


def test_unclosed_details_keep_the_next_papers_separate() -> None:
    video = parsed("VideoGeneration.md")
    unclosed = [warning.line for warning in video.warnings if "<details> is never closed" in warning.message]
    assert unclosed == [155, 165, 179, 192]
    assert paper("VideoGeneration.md", "VEnhancer").listing.keypoints == ("High-resolution", "High-FPS")
    assert paper("VideoGeneration.md", "Vista").listing.keypoints == (
        "High-fidelity",
        "High FPS video generation",
    )
    factorized = paper("VideoGeneration.md", "Factorized-Dreamer")
    assert keys(factorized) == ["Method", "Metric", "Summary"]


def test_an_arxiv_id_on_two_titles_is_kept_for_neither() -> None:
    assert paper("VideoGeneration.md", "Cinemo").arxiv_id is None
    assert paper("VideoGeneration.md", "Controlling Space and Time").arxiv_id is None
    assert paper("VideoGeneration.md", "SV3D").arxiv_id is None
    assert paper("VideoGeneration.md", "Factorized-Dreamer").arxiv_id is None
    messages = [warning.message for warning in parsed("VideoGeneration.md").warnings]
    assert sum("is linked from two titles" in message for message in messages) == 3


def test_a_paper_listed_twice_is_one_paper_and_a_warning() -> None:
    layerpano = paper("VideoGeneration.md", "LayerPano3D")
    assert [(place.topic, place.lines[0]) for place in layerpano.listing.places] == [
        ("Multiview Generation", 35),
        ("Multiview", 55),
    ]
    assert any(
        warning.line == 354 and "listed again (first at line 236)" in warning.message
        for warning in parsed("VideoGeneration.md").warnings
    )


def test_bare_id_bullets_and_titles_written_as_anchors_are_read() -> None:
    customizing = paper("VideoGeneration.md", "Customizing")
    assert customizing.arxiv_id == "2404.12333"
    assert customizing.listing.keypoints == ("Camera control", "Text-to-image", "NeRF")
    assert paper("VideoGeneration.md", "No Training, No Problem").arxiv_id == "2407.02687"
    assert paper("VideoGeneration.md", "Vista: A Generalizable").arxiv_id == "2405.17398"


def test_entries_without_links_under_a_contents_topic_are_papers() -> None:
    assert paper("VideoGeneration.md", "DreamForge").listing.places[0].topic == "Multiview"
    assert paper("VideoGeneration.md", "Loong").arxiv_id == "2410.02757"


def test_image_list_one_liners_with_topics_and_dates() -> None:
    image = parsed("ImageGeneration.md")
    assert len(image.papers) == 26
    assert image.topics == (
        "Controllable Generation",
        "Super Resolution",
        "MultiModal",
        "Autoregressive Generation",
        "Efficiency",
        "Dataset Expansion",
        "High-Fidelity Generation",
    )
    controlnext = paper("ImageGeneration.md", "ControlNeXt")
    assert controlnext.title == "ControlNeXt: Powerful and Efficient Control for Image and Video Generation"
    assert controlnext.arxiv_id == "2408.06070"
    assert controlnext.listing.places[0].month == "2024-08"
    assert paper("ImageGeneration.md", "InstanceDiffusion").title == (
        "InstanceDiffusion:Instance-level Control for Image Generation"
    )
    assert paper("ImageGeneration.md", "MAGICTAILOR").arxiv_id is None


def test_an_empty_link_is_a_warning() -> None:
    assert [(warning.line, warning.message) for warning in parsed("ImageGeneration.md").warnings] == [
        (21, "empty link [paper analysis]()")
    ]
    assert dict(paper("ImageGeneration.md", "JanusFlow").listing.links) == {
        "paper": "https://arxiv.org/abs/2411.07975"
    }


def test_an_index_of_other_lists_is_not_papers() -> None:
    assert not any("weekly papers" in listed.title for listed in parsed("README.md").papers)
