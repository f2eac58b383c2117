"""The PDF report of a result: the same content as the result page.

`report_context(...)` turns an instrument and a result into plain template data for `TEMPLATE`;
`core.pdf` renders it with WeasyPrint and serves it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _

from zukunftszentrum.assessments.charts import Profile, build_profile
from zukunftszentrum.assessments.engine import aggregate, scoring
from zukunftszentrum.assessments.engine.schema import Instrument
from zukunftszentrum.core.charts import format_score

TEMPLATE = "assessments/report_pdf.html"


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
    bar_name: str | None = None,
) -> dict[str, Any]:
    """Template data for a report. `result` is shaped like engine.scoring.Result.

    `bar_name` names the bars in the legend as the page does ("Alle Antworten" for a company);
    a personal report says "Ihr Ergebnis".
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
            bar_name=bar_name or _("Ihr Ergebnis"),
        )
        overall_level = instrument.level_for(result.overall)
        return {
            "lang": lang,
            "instrument_title": instrument.title.get(lang),
            "instrument_kind": instrument.kind,
            "version": instrument.version,
            "subject": organisation_name or _("persönlicher Check"),
            "for_organisation": organisation_name is not None,  # headings say what the page says
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
