"""The PDF "Bedarfsanalyse" of a region: the dashboard's figures on paper, with the method note.

`report_context` turns a `Dashboard` (the data step) into template data for `TEMPLATE` through
the page's own shape and drawing steps (`pages.shape`, `drawing.draw`), so page and paper
agree; `core.pdf` renders it like the self-check reports.
Suppressed parts say why there is no figure.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import get_language

from .dashboard import RAW, Dashboard, DomainView
from .drawing import draw
from .forms import window_label
from .method import method_note, published_companies
from .outcomes import Outcome
from .pages import count_text, fmt, fmt_interval, missing_reason, shape
from .selection import Selection

TEMPLATE = "needs/report.html"
TOP_TOPICS = 3  # the topics shown per Land, industry and size class


@dataclass
class MatrixRow:
    """A Land, industry or size class: the top topics' figures, or why there are none."""

    label: str
    n: str  # "unter 5" below the minimum: never the number
    thin: bool
    note: str  # "zu wenige Antworten" for the whole row
    cells: list[tuple[str, str]]  # (estimate, interval) per topic; ("", "") when missing


def report_context(board: Dashboard, sel: Selection, *, today: datetime.date) -> dict[str, Any]:
    """Template data for `needs/report.html` (call only when `board.run` is set)."""
    run = board.run
    assert run is not None
    page = draw(shape(board, sel))  # the page's shape and drawing, once
    top = [o for o, fig in board.ranked_topics if fig is not None][:TOP_TOPICS]
    finished = timezone.localtime(run.finished_at) if run.finished_at else None
    return {
        "lang": (get_language() or "de")[:2],
        "board": board,
        "run": run,
        "region": board.focus.label if board.focus else str(sel.area.name),
        "area": sel.area,
        "window": window_label(sel.window),
        "date": formats.date_format(today, "DATE_FORMAT"),
        "computed_at": formats.date_format(finished, "DATETIME_FORMAT") if finished else "",
        "weighted": sel.weighting != RAW,
        "min_size": run.min_size,
        "companies": published_companies(run),
        "topics": page.topics,
        "compare_nation": board.focus is not None and board.focus.key != "nation",
        "top": [o.label() for o in top],
        "lands": matrix(board.lands, top, run.min_size),
        "industries": matrix(board.industries, top, run.min_size),
        "sizes": matrix(board.sizes, top, run.min_size),
        "choices": page.choices,
        "scores": page.scores,
        "trend": page.trend if board.complete else None,
        "method": method_note(run, sel.weighting),
    }


def matrix(views: list[DomainView], topics: list[Outcome], min_size: int) -> list[MatrixRow]:
    """One row per domain with the given topics; a suppressed domain gets no figure at all."""
    rows = []
    for view in views:
        if not view.shown:
            n = count_text(view, min_size)
            rows.append(MatrixRow(view.label, n, False, missing_reason(view), []))
            continue
        cells = [(fmt(f), fmt_interval(f)) for f in (view.figure(t.key) for t in topics)]
        rows.append(MatrixRow(view.label, str(view.n), view.thin, "", cells))
    return rows
