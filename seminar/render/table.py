"""Text for people at a terminal: the catalog as a table that fits the window."""

from __future__ import annotations

from seminar.model.papers import Paper

_HEADERS = ("arXiv", "month", "topic", "title")


def catalog_table(papers: list[Paper], width: int | None) -> list[str]:
    """One row per paper; with a `width` (a terminal's), long topics and titles are cut to fit it."""
    rows = [_row(paper) for paper in papers]
    widths = [max(len(row[column]) for row in [_HEADERS, *rows]) for column in range(3)]
    if width is not None:
        widths[2] = min(widths[2], 24)
    lines = []
    for row in [_HEADERS, *rows]:
        cells = [_cut(cell, size).ljust(size) for cell, size in zip(row, widths, strict=False)]
        line = "  ".join([*cells, row[3]])
        lines.append(_cut(line, width) if width is not None else line)
    return lines


def _row(paper: Paper) -> tuple[str, str, str, str]:
    place = paper.places[0][1] if paper.places else None
    return (
        paper.arxiv_id or "-",
        (place.month if place else None) or "-",
        (place.topic if place else None) or "-",
        paper.title,
    )


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: max(size - 1, 0)] + "…"
