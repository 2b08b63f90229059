"""The parser on whole list files: the project's own, in tests/fixtures/paperlists.

They are made-up lists in our own words, written in the shapes of the real curated lists that
test_paperlist_real.py reads from ../shared: CRLF line endings, no-break spaces, full-width punctuation,
figures, `<details>` left open, tables of contents, math blocks, mojibake. Each test here is the counterpart
of the test of the same behaviour there, so that a clone without ../shared still tests every one. Every
expected figure was written down by reading the files (line numbers as `cat -n` shows them).
"""

from __future__ import annotations

from functools import cache

import pytest

from conftest import LISTS
from seminar.model.papers import Field
from seminar.sources.paperlist import ListedPaper, ParsedList, read_list

FEBRUARY = "Weekly_202502.md"  # CRLF; no-break spaces in titles; full-width separators and colons
MARCH = "Weekly_202503.md"  # CRLF; `<p align="center"><img …>` figures; un-keyed `Finding 1.` bullets
APRIL = "Weekly_202504.md"  # CRLF; `$$…$$` and ```math blocks; keyed sub-bullets; `## Diffusion` twice
AUDIO = "AudioTopics.md"  # a table of contents of one-liners merged with detailed entries, open `<details>`
SOUND = "SoundTopics.md"  # one-line bullets under `### 📌Topic` headings, an empty link
INDEX = "Index.md"  # an index of the other lists, then a "# Latest Update: February 2025" list


@cache
def parsed(name: str) -> ParsedList:
    return read_list(LISTS / name)


def paper(name: str, title_start: str) -> ListedPaper:
    (found,) = [paper for paper in parsed(name).papers if paper.title.startswith(title_start)]
    return found


def keys(listed: ListedPaper) -> list[str | None]:
    return [field.key for field in listed.listing.fields]


@pytest.mark.parametrize(
    ("name", "papers", "topics"),
    [
        (FEBRUARY, 15, ["Agents", "Audio", "Controllable", "Audio Transformer"]),
        (MARCH, 7, ["Agents", "Controllable", "Music Generation", "Image Generation"]),
        (APRIL, 6, ["Diffusion"]),
        (INDEX, 3, ["Agents", "Audio"]),
        ("Draft_202503.txt", 4, ["Agents"]),
        ("Draft_202504.txt", 3, ["Diffusion"]),
    ],
)
def test_monthly_lists_give_every_paper_and_topic(name: str, papers: int, topics: list[str]) -> None:
    assert len(parsed(name).papers) == papers
    assert list(parsed(name).topics) == topics


def test_papers_per_topic_in_the_february_list() -> None:
    per_topic: dict[str, int] = {}
    for listed in parsed(FEBRUARY).papers:
        (place,) = listed.listing.places
        per_topic[place.topic] = per_topic.get(place.topic, 0) + 1
    assert per_topic == {"Agents": 5, "Audio": 6, "Controllable": 3, "Audio Transformer": 1}


def test_the_month_heading_dates_every_paper_under_it() -> None:
    months = {place.month for listed in parsed(MARCH).papers for place in listed.listing.places}
    assert months == {"2025-03"}


def test_a_latest_update_heading_names_the_month() -> None:
    assert paper(INDEX, "TIDY").listing.places[0].month == "2025-02"


def test_papers_keep_their_line_ranges() -> None:
    assert paper(FEBRUARY, "PLANT").listing.places[0].lines == (8, 20)
    assert paper(FEBRUARY, "Tunescaler").listing.places[0].lines[0] == 198


def test_keypoints_split_on_ascii_and_full_width_separators() -> None:
    assert paper(FEBRUARY, "Learnable Forward").listing.keypoints == (
        "Flow based Generation",
        "Diffusion",
        "SDE",
        "ODE",
    )
    assert paper(FEBRUARY, "Choosing").listing.keypoints == (
        "Microphone placement",
        "Text-to-audio",
        "Room acoustics",
    )
    assert paper(FEBRUARY, "LOOPBACK").listing.keypoints == (
        "Feedback Attention Loop (FAL)",
        "Plan Memory in Agents",
        "Long-Episode Control",
        "Cheap Integration",
    )
    assert paper(MARCH, "Beyond Bigger Prompts").listing.keypoints == (
        "Agents",
        "Prompt Size",
        "memorization",
    )


def test_chosen_february_papers_have_their_fields_in_order() -> None:
    plant = paper(FEBRUARY, "PLANT")
    assert plant.listing.keypoints == ("Planning horizon", "Household benchmark")
    assert plant.listing.objective.text.startswith("To measure how far ahead household agents really plan")
    assert keys(plant) == ["Method"]
    assert len(plant.listing.fields[0].items) == 3 and plant.listing.fields[0].text == ""
    assert keys(paper(FEBRUARY, "EchoNet++")) == ["Method", "Metric"]
    assert paper(FEBRUARY, "EchoNet++").listing.objective == Field(
        "Objective", "make audio generation follow its conditions more closely"
    )
    assert keys(paper(FEBRUARY, "Learnable Forward")) == ["Method", "Metric", "Limitation"]
    assert keys(paper(FEBRUARY, "Analysis of Guidance")) == ["Results", "Discussion"]
    assert keys(paper(FEBRUARY, "QUEUE")) == ["Method", "Summary"]
    assert keys(paper(FEBRUARY, "Fast Conditional")) == ["Method"]  # written `Methods:`
    assert paper(FEBRUARY, "Guiding Only").listing.fields == ()


def test_full_width_colons_inside_labels_are_not_keys() -> None:
    method = paper(FEBRUARY, "SHELF").listing.fields[0]
    assert method.key == "Method" and len(method.items) == 4
    assert method.items[1].startswith("Item Encoder：each item")


def test_a_value_on_the_next_line_is_the_fields_text() -> None:
    metric = paper(FEBRUARY, "Knob-Adapter").listing.fields[1]
    assert metric.key == "Metric" and metric.text.startswith("They show that Knob-Adapter")


def test_full_width_colon_key_is_folded() -> None:
    metric = paper(FEBRUARY, "From Speech to Song").listing.fields[1]
    assert metric == Field("Metric", "Q & A on lyrics is best so far;")


def test_no_break_spaces_in_titles_are_folded() -> None:
    titles = [listed.title for listed in parsed(FEBRUARY).papers]
    assert "Choosing Microphone Positions for Spatial Audio Generation" in titles
    assert "MixFusion: Plug&Play Multi-Condition Generation in Text-to-Audio Diffusion Models" in titles
    assert all("\u00a0" not in title for title in titles)


def test_unkeyed_bullets_are_notes_without_a_key() -> None:
    agents = paper(MARCH, "What matters")
    assert keys(agents) == ["Method", "Metric", None, None, None, None, None, None]
    assert agents.listing.fields[2].text.startswith("Finding 1. For a fixed number of parameters")
    assert agents.listing.keypoints == ("Tool-Using Agents (TUAs)", "Design Choices", "Performance Gains")


def test_figures_are_kept_as_images_not_text() -> None:
    sketch = paper(MARCH, "RectiSketch")
    assert sketch.listing.images == ("https://example.org/figures/rectisketch.png",)
    assert keys(sketch) == ["Method"]
    assert len(paper(MARCH, "Faster & Smaller").listing.images) == 2


def test_figures_in_a_bullet_or_on_a_bare_line_are_images_too() -> None:
    draft = "Draft_202503.txt"
    assert len(paper(draft, "Faster & Smaller").listing.images) == 2  # `- <p align="center">` and its <img>s
    assert paper(draft, "iChef").listing.images == ("https://example.org/figures/ichef.png",)  # `- ![image]`
    assert paper(draft, "Stacking").listing.images == ("https://example.org/figures/stacking.png",)
    assert all(keys(listed) == [] for listed in parsed(draft).papers)


def test_keyed_sub_bullets_and_math_stay_in_their_field() -> None:
    no_labels = paper(APRIL, "No Labels, No Problem")
    assert keys(no_labels) == ["Method", "Metric"]
    method = no_labels.listing.fields[0]
    assert method.text == "The author proposes two techniques."
    assert method.items[0].startswith("Independent Condition Guidance: During training, conditions")
    assert method.items[5].startswith("Time-step Guidance: As the time step is embedded")


def test_math_blocks_survive_intact() -> None:
    items = paper(APRIL, "No Labels, No Problem").listing.fields[0].items
    assert (
        "$$\n\\nabla_{a_t} \\log p_t(a_t \\mid c) = \\nabla_{a_t} \\log p_t(a_t) + "
        "\\nabla_{a_t} \\log p_t(c \\mid a_t).\n$$"
    ) in items
    assert (
        "```math\n\\hat{A}_{\\theta}(a_t, t) = A_{\\theta}(a_t, \\tilde{t}) + w_{\\text{TSG}} \\left( "
        "A_{\\theta}(a_t, t) - A_{\\theta}(a_t, \\tilde{t}) \\right),\n```"
    ) in items
    assert sum(item.startswith("$$") for item in items) == 2


def test_a_key_given_twice_is_kept_twice_in_order() -> None:
    assert keys(paper(APRIL, "VD4A")) == ["Motivation", "Method", "Method"]
    assert keys(paper(APRIL, "DisCo-Tune")) == ["Main Pipeline", "Method"]  # written `Main PipeLine:`


def test_a_topic_heading_given_twice_is_one_topic() -> None:
    papers = parsed(APRIL).papers
    assert [listed.listing.places[0].topic for listed in papers] == ["Diffusion"] * 6
    assert paper(APRIL, "AEnhancer").listing.places[0].lines[0] == 91


def test_mojibake_is_repaired() -> None:
    metric = paper("Draft_202504.txt", "AEnhancer").listing.fields[1]
    assert "benchmark – SoundBench" in metric.text and "â€" not in metric.text


def test_an_empty_key_is_a_warning() -> None:
    (warning,) = parsed("Draft_202504.txt").warnings
    assert warning.line == 11
    assert warning.message == "empty `Main Pipeline` in " + repr(
        "DisCo-Tune: Continuous Audio Diffusion with Discrete Motif Latents"
    )


def test_a_topic_list_merges_its_table_of_contents_with_its_entries() -> None:
    audio = parsed(AUDIO)
    assert len(audio.papers) == 22  # 22 contents lines (LayerRoom twice) and 18 entries, of which one is new
    assert audio.topics == (
        "Long Audio Genaration",
        "Controllable Generation",
        "Spatial Generation",
        "High Fidelty",
        "Efficiency",
        "Spatial",
    )
    storytune = paper(AUDIO, "StoryTune")
    assert storytune.arxiv_id == "2405.90002"
    assert [place.lines[0] for place in storytune.listing.places] == [9]  # one topic: its first line
    assert storytune.listing.links == (
        ("paper", "https://arxiv.org/abs/2405.90002"),
        ("code", "https://github.com/example/StoryTune"),
    )


def test_a_heading_only_entry_is_a_paper() -> None:
    echoclone = paper(AUDIO, "EchoClone")
    assert echoclone.arxiv_id == "2406.90006"  # from its contents line
    assert paper(AUDIO, "EM Distillation").arxiv_id == "2405.90011"


def test_key_takeaways_is_the_objective_and_summay_is_summary() -> None:
    tunecog = paper(AUDIO, "TuneCog")
    assert tunecog.listing.objective.text.startswith("How do we write long pieces that stay consistent?")
    assert keys(tunecog) == ["Method", "Metric", "Summary"]
    symphony = paper(AUDIO, "SymphonyDreamer")
    assert symphony.listing.objective.text.startswith("a hierarchical framework")
    assert symphony.listing.keypoints == ("autoencoder", "diffusion", "long-duration music generation")


def test_an_objective_with_sub_bullets_keeps_them() -> None:
    objective = paper(AUDIO, "No Labels").listing.objective
    assert objective.text == "" and len(objective.items) == 2


def test_unclosed_details_keep_the_next_papers_separate() -> None:
    audio = parsed(AUDIO)
    unclosed = [warning.line for warning in audio.warnings if "<details> is never closed" in warning.message]
    assert unclosed == [76, 86, 98, 110]
    assert paper(AUDIO, "AEnhancer").listing.keypoints == ("High-resolution", "High-rate")
    assert paper(AUDIO, "Vista").listing.keypoints == ("High-fidelity", "High rate audio generation")
    assert keys(paper(AUDIO, "Factorized-Singer")) == ["Method", "Metric", "Summary"]


def test_an_arxiv_id_on_two_titles_is_kept_for_neither() -> None:
    assert paper(AUDIO, "Cadence").arxiv_id is None
    assert paper(AUDIO, "Steering Pitch and Time").arxiv_id is None
    assert paper(AUDIO, "SV4A").arxiv_id is None
    assert paper(AUDIO, "Factorized-Singer").arxiv_id is None
    messages = [warning.message for warning in parsed(AUDIO).warnings]
    assert sum("is linked from two titles" in message for message in messages) == 3


def test_a_paper_listed_twice_is_one_paper_and_a_warning() -> None:
    layerroom = paper(AUDIO, "LayerRoom")
    assert [(place.topic, place.lines[0]) for place in layerroom.listing.places] == [
        ("Spatial Generation", 21),
        ("Spatial", 35),
    ]
    assert any(
        warning.line == 198 and "listed again (first at line 146)" in warning.message
        for warning in parsed(AUDIO).warnings
    )


def test_bare_id_bullets_and_titles_written_as_anchors_are_read() -> None:
    choosing = paper(AUDIO, "Choosing")
    assert choosing.arxiv_id == "2404.90012"
    assert choosing.listing.keypoints == ("Microphone placement", "Text-to-audio", "Room acoustics")
    assert paper(AUDIO, "No Labels, No Problem").arxiv_id == "2407.90009"
    assert paper(AUDIO, "Vista: A Generalizable").arxiv_id == "2405.90010"


def test_entries_without_links_under_a_contents_topic_are_papers() -> None:
    assert paper(AUDIO, "RoomForge").listing.places[0].topic == "Spatial"
    assert paper(AUDIO, "Loop").arxiv_id == "2410.90004"


def test_sound_list_one_liners_with_topics_and_dates() -> None:
    sound = parsed(SOUND)
    assert len(sound.papers) == 12
    assert sound.topics == (
        "Controllable Generation",
        "Super Resolution",
        "MultiModal",
        "Autoregressive Generation",
        "Efficiency",
        "Dataset Expansion",
        "High-Fidelity Generation",
    )
    foleynext = paper(SOUND, "FoleyNeXt")
    assert foleynext.title == "FoleyNeXt: Powerful and Efficient Control for Sound and Music Generation"
    assert foleynext.arxiv_id == "2408.90101"
    assert foleynext.listing.places[0].month == "2024-08"
    assert paper(SOUND, "InstanceFoley").title == "InstanceFoley:Instance-level Control for Sound Generation"
    assert paper(SOUND, "FOLEYTAILOR").arxiv_id is None


def test_an_empty_link_is_a_warning() -> None:
    assert [(warning.line, warning.message) for warning in parsed(SOUND).warnings] == [
        (13, "empty link [paper analysis]()")
    ]
    assert dict(paper(SOUND, "JanusSound").listing.links) == {"paper": "https://arxiv.org/abs/2411.90105"}


def test_an_index_of_other_lists_is_not_papers() -> None:
    titles = [listed.title for listed in parsed(INDEX).papers]
    assert not any("weekly papers" in title or title == "Audio topics" for title in titles)
    assert [title[:5] for title in titles] == ["PLANT", "TIDY:", "Guidi"]
