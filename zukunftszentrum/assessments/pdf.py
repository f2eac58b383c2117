"""The PDF report of a result: the same content as the result page, rendered with WeasyPrint.

`report_context(...)` turns an instrument and a result into plain template data;
`render_report_pdf(context)` renders `assessments/report_pdf.html` to PDF bytes. Fonts come from
the vendored KERN files through a file:// base URL, so rendering works offline.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from zukunftszentrum.assessments.charts import Profile, build_profile, format_score
from zukunftszentrum.assessments.engine import aggregate, scoring
from zukunftszentrum.assessments.engine.schema import Instrument

TEMPLATE = "assessments/report_pdf.html"
FONT_CSS = "vendor/kern/fonts/fira-sans.css"


@dataclass(frozen=True)
class RecommendationLine:
    dimension: str
    level_label: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeLine:
    dimension: str
    percent: str  # "" when the dimension had no knowledge questions


def report_context(
    *,
    instrument: Instrument,
    result: Any,
    lang: str,
    date: datetime.date,
    organisation_name: str | None = None,
    compare: Mapping[str, Mapping[str, float | None]] | None = None,
    compare_notes: Sequence[str] = (),
) -> dict[str, Any]:
    """Template data for a report. `result` is shaped like engine.scoring.Result.

    `compare` holds only groups that already passed the minimum-size rule (peer group,
    perspectives); `compare_notes` explains them (group, size) in one sentence each.
    """
    with translation.override(lang):
        scores = {dim_id: d.score for dim_id, d in result.dimensions.items()}
        profile = build_profile(
            instrument,
            scores,
            lang=lang,
            title=_("Ergebnis je Bereich"),
            compare=compare,
            chart_id="report-profile",
            no_data=_("keine Daten"),
            bar_name=_("Ihr Ergebnis"),
        )
        overall_level = instrument.level_for(result.overall)
        return {
            "lang": lang,
            "instrument_title": instrument.title.get(lang),
            "instrument_kind": instrument.kind,
            "version": instrument.version,
            "subject": organisation_name or _("persönlicher Check"),
            "date": formats.date_format(date, "DATE_FORMAT"),
            "profile": profile,
            "overall": format_score(result.overall),
            "overall_level": overall_level.label.get(lang) if overall_level else "",
            "recommendations": _recommendations(instrument, profile, result, lang),
            "knowledge": _knowledge(instrument, result, lang),
            "compare_notes": list(compare_notes),
        }


def result_from_profile(instrument: Instrument, profile: aggregate.Profile) -> scoring.Result:
    """A company's mean profile in the shape of one result, so it gets the same report.

    Suppressed means stay None ("keine Daten"); recommendations follow the mean levels.
    """
    dims = {}
    for dim in instrument.dimensions:
        value = profile.dimensions.get(dim.id)
        mean = value.mean if value else None
        level = instrument.level_for(mean)
        dims[dim.id] = scoring.DimensionResult(
            mean, level.level if level else None, (value.n or 0) if value else 0
        )
    overall_level = instrument.level_for(profile.overall.mean)
    return scoring.Result(
        dimensions=dims,
        overall=profile.overall.mean,
        overall_level=overall_level.level if overall_level else None,
        knowledge={k: v.mean for k, v in profile.knowledge.items()},
        recommendations=scoring.recommendations(instrument, dims),
    )


def render_report_pdf(context: Mapping[str, Any], *, template: str = TEMPLATE) -> bytes:
    """The report as PDF bytes (A4), rendered from `template` (default: the self-check report)."""
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    with translation.override(context.get("lang", "de")):
        html = render_to_string(template, dict(context))
    pdf = HTML(string=html, base_url=_font_base_url()).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    """A download of the PDF that no shared cache keeps (it holds personal results)."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def _font_base_url() -> str:
    found = finders.find(FONT_CSS)
    if not found:
        raise FileNotFoundError(f"static file {FONT_CSS} not found")
    path = Path(found if isinstance(found, str) else found[0])
    return path.parent.as_uri() + "/"


def _recommendations(
    instrument: Instrument, profile: Profile, result: Any, lang: str
) -> list[RecommendationLine]:
    rows = {row.id: row for row in profile.rows}
    lines = []
    for rec in result.recommendations:
        row = rows.get(rec.dimension)
        label = row.label if row else rec.dimension
        lines.append(
            RecommendationLine(label, row.level_label if row else "", rec.text.get(lang), rec.tags)
        )
    return lines


def _knowledge(instrument: Instrument, result: Any, lang: str) -> list[KnowledgeLine]:
    knowledge = getattr(result, "knowledge", None) or {}
    if not any(v is not None for v in knowledge.values()):
        return []
    return [
        KnowledgeLine(dim.title.get(lang), format_score(knowledge.get(dim.id)))
        for dim in instrument.dimensions
        if dim.id in knowledge
    ]
