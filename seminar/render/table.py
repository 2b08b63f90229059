"""Text for people at a terminal: the catalog and the plan's sessions as tables that fit the window."""

from __future__ import annotations

from collections.abc import Sequence

from seminar.model.papers import Paper

_CATALOG_HEADERS = ("arXiv", "month", "topic", "title")
_SESSION_HEADERS = ("week", "date", "title", "readings", "held", "file")
_GAP = "  "  # between two columns
_TOPIC_WIDTH = 24  # the most a topic takes of a terminal's width
_TITLE_WIDTH = 16  # the least a session's title is cut to, however narrow the terminal


def catalog_table(papers: list[Paper], width: int | None) -> list[str]:
    """One row per paper; with a `width` (a terminal's), long topics and titles are cut to fit it."""
    rows = [_paper_row(paper) for paper in papers]
    widths = _widths(_CATALOG_HEADERS, rows)
    if width is not None:
        widths[2] = min(widths[2], _TOPIC_WIDTH)
    return _lines(_CATALOG_HEADERS, rows, widths, width)


def sessions_table(rows: Sequence[tuple[str, ...]], width: int | None) -> list[str]:
    """The plan's sessions, one row each (week, date, title, readings, held, file) under a header; with a
    `width` (a terminal's), the titles are cut to what the other columns leave, and each line to `width`."""
    widths = _widths(_SESSION_HEADERS, rows)
    if width is not None:
        others = sum(widths) - widths[2] + max(len(row[-1]) for row in [_SESSION_HEADERS, *rows])
        left = width - others - len(_GAP) * (len(_SESSION_HEADERS) - 1)
        widths[2] = min(widths[2], max(left, _TITLE_WIDTH))
    return _lines(_SESSION_HEADERS, rows, widths, width)


def _widths(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[int]:
    """The widest cell of each column but the last, which is not padded."""
    return [max(len(row[column]) for row in [headers, *rows]) for column in range(len(headers) - 1)]


def _lines(
    headers: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: list[int], width: int | None
) -> list[str]:
    lines = []
    for row in [headers, *rows]:
        cells = [_cut(cell, size).ljust(size) for cell, size in zip(row, widths, strict=False)]
        line = _GAP.join([*cells, row[-1]])
        lines.append(_cut(line, width) if width is not None else line)
    return lines


def _paper_row(paper: Paper) -> tuple[str, str, str, str]:
    place = paper.places[0][1] if paper.places else None
    return (
        paper.arxiv_id or "-",
        (place.month if place else None) or "-",
        (place.topic if place else None) or "-",
        paper.title,
    )


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: max(size - 1, 0)] + "…"
