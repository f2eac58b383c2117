"""What the self-check pages show, assembled from `queries`: the overview, the personal result
and the company result (page and PDF). Reads only; views call one builder each.

Privacy: the company result never shows one person's answers — means over at least the minimum
number of responses, free texts of an anonymous check only to the lead.
"""

from __future__ import annotations

import random
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.suppression import is_disclosable
from zukunftszentrum.organisations.models import Membership, User

from .charts import build_profile
from .exceptions import UnknownInstrument
from .models import Assessment, Perspective, Response
from .pdf import report_context
from .peers import PeerGroup, peer_group_for_company
from .queries import (
    CompanyAggregate,
    assessments_visible_to,
    available_instruments,
    company_aggregate,
    company_results_visible_to,
    has_participated,
    instrument_of,
    lang,
    ordered_perspectives,
    perspective_for,
    responses_of,
)
from .rules import may_compare_perspectives, may_manage_assessment


def _entry(
    assessment: Assessment,
    member: Membership | None,
    user: User | AnonymousUser,
    results: set[int],
) -> dict[str, Any]:
    inst = instrument_of(assessment)
    own = None
    participated = inst.anonymous and has_participated(user, assessment)
    if not inst.anonymous:
        own = responses_of(user).filter(assessment=assessment).first()
    return {
        "assessment": assessment,
        "instrument": inst,
        "title": inst.title.get(lang()),
        "own": own,
        "participated": participated,
        "can_answer": assessment.is_open and perspective_for(member, inst) is not None,
        "result_visible": assessment.pk in results,
        "closable": assessment.is_open and bool(may_manage_assessment(member, assessment)),
    }


def overview_context(member: Membership | None, user: User | AnonymousUser) -> dict[str, Any]:
    """Everything the "Selbstchecks" page lists for the person in the active role."""
    runs = assessments_visible_to(member).order_by("status", "-opened_at")
    # The combined result is linked where the result page would open (one query for all rows).
    results = set(company_results_visible_to(member).values_list("pk", flat=True))
    own = [
        {"response": r, "title": _title(r)}
        for r in responses_of(user).order_by("submitted_at", "-updated_at")
    ]
    return {
        "available": available_instruments(member),
        "assessments": [_entry(a, member, user, results) for a in runs],
        "own_responses": own,
        "lang": lang(),
    }


def _title(response: Response) -> str:
    try:
        return instrument_of(response).title.get(lang())
    except UnknownInstrument:
        return response.instrument_key


def result_context(response: Response, viewer: User | None) -> dict[str, Any]:
    """The data of a submitted response's personal result page (see `results.page_context`):
    profile with peer comparison, recommendations, the knowledge quiz apart, and progress.
    The caller has already made sure the viewer owns the response (or holds its token)."""
    from .results import page_context  # results imports pdf and charts; keep this module light

    context = page_context(response, lang())
    context["viewer"] = viewer
    return context


GAPS_SHOWN = 3


def _may_manage(member: Membership | None, assessment: Assessment) -> bool:
    return bool(may_manage_assessment(member, assessment))


def _full_view(member: Membership | None, assessment: Assessment) -> bool:
    """The lead and accompanying centre staff see perspectives; employees the combined only."""
    return bool(may_compare_perspectives(member, assessment))


def company_result_context(
    assessment: Assessment, member: Membership | None, user: User | AnonymousUser
) -> dict[str, Any]:
    """The company result page. The caller fetched `assessment` through
    `company_results_visible_to(member)`. Never one person's answers: means over at least the
    minimum number of responses, free texts of an anonymous check only to the lead."""
    agg = company_aggregate(assessment)
    inst, language = agg.instrument, lang()
    full = _full_view(member, assessment) and agg.split
    compare = agg.compare(language) if full else {}
    context: dict[str, Any] = {
        "assessment": assessment,
        "instrument": inst,
        "title": inst.title.get(language),
        "total": agg.total,
        "min_size": agg.min_size,
        "shown": agg.combined is not None,
        "split": full,
        "split_hint": _full_view(member, assessment)
        and not inst.anonymous
        and len(agg.counts) > 1
        and not agg.split,
        "perspective_counts": _perspective_counts(agg) if _full_view(member, assessment) else [],
        "may_download": agg.combined is not None,
        "own": None if inst.anonymous else responses_of(user).filter(assessment=assessment).first(),
    }
    if agg.combined is not None:
        peers = (
            None
            if inst.anonymous
            else peer_group_for_company(assessment.organisation, inst.key, inst.version)
        )
        context.update(_combined_context(agg, compare, language, peers))
        context["peers"] = peers
    context.update(_free_text_context(assessment, member, agg, language))
    return context


def _perspective_counts(agg: CompanyAggregate) -> list[dict[str, Any]]:
    if agg.instrument.anonymous:
        return []
    return [
        {
            "label": Perspective(p).label,
            "count": agg.counts[p] if is_disclosable(agg.counts[p], agg.min_size) else None,
        }
        for p in ordered_perspectives(agg.counts)
    ]


def _combined_context(
    agg: CompanyAggregate,
    compare: dict[str, dict[str, float | None]],
    language: str,
    peers: PeerGroup | None,
) -> dict[str, Any]:
    inst, combined = agg.instrument, agg.combined
    assert combined is not None
    marks = {**compare, _("Vergleichsgruppe (Mittelwert)"): peers.means} if peers else compare
    profile = build_profile(
        inst,
        {d: r.score for d, r in combined.dimensions.items()},
        lang=language,
        title=_("Ergebnis je Bereich"),
        compare=marks or None,
        chart_id="company-profile",
        no_data=_("zu wenige Antworten"),
        bar_name=_("Alle Antworten"),
    )
    level = inst.level_for(combined.overall)
    titles = {d.id: d.title.get(language) for d in inst.dimensions}
    return {
        "profile": profile,
        "overall": combined.overall,
        "overall_level": level.level if level else None,
        "overall_label": level.label.get(language) if level else "",
        "recommendations": [
            {"dimension": titles.get(r.dimension, r.dimension), "text": r.text.get(language)}
            for r in combined.recommendations
        ],
        "gaps": largest_gaps(compare, titles),
    }


def largest_gaps(
    compare: dict[str, dict[str, float | None]], titles: dict[str, str]
) -> list[dict[str, Any]]:
    """The dimensions where the perspectives differ most: highest and lowest mean, the gap."""
    gaps: list[dict[str, Any]] = []
    for dim_id, title in titles.items():
        values: list[tuple[str, float]] = [
            (name, value) for name, s in compare.items() if (value := s.get(dim_id)) is not None
        ]
        if len(values) < 2:
            continue
        high = max(values, key=lambda v: v[1])
        low = min(values, key=lambda v: v[1])
        if high[1] - low[1] > 0:
            gaps.append({"title": title, "gap": high[1] - low[1], "high": high, "low": low})
    gaps.sort(key=lambda g: -float(g["gap"]))
    return gaps[:GAPS_SHOWN]


def _free_text_context(
    assessment: Assessment, member: Membership | None, agg: CompanyAggregate, language: str
) -> dict[str, Any]:
    """Free texts of an anonymous check: only for the lead, only from the minimum number of
    respondents on, shuffled per question, without dates or perspectives."""
    inst = agg.instrument
    items = [i for i in inst.items if i.type == "text"]
    if not (inst.anonymous and items and _may_manage(member, assessment)):
        return {"free_texts": [], "free_texts_hidden": False}
    if not is_disclosable(agg.total, agg.min_size):
        return {"free_texts": [], "free_texts_hidden": True}
    answers = assessment.responses.filter(submitted_at__isnull=False).values_list(
        "answers", flat=True
    )
    texts: dict[str, list[str]] = {i.id: [] for i in items}
    for data in answers:
        for item_id, bucket in texts.items():
            value = (data or {}).get(item_id)
            if isinstance(value, str) and value.strip():
                bucket.append(value.strip())
    blocks = []
    for item in items:
        shuffle(texts[item.id])
        blocks.append({"question": item.text.get(language), "answers": texts[item.id]})
    return {"free_texts": blocks, "free_texts_hidden": False}


def shuffle(values: list[str]) -> None:
    """Shuffle in place, so the order tells nothing about who answered when."""
    random.SystemRandom().shuffle(values)


def company_report_context(assessment: Assessment, member: Membership | None) -> dict[str, Any]:
    """Template data of the company PDF; raises Suppressed below the minimum size."""
    agg = company_aggregate(assessment)
    if agg.combined is None:
        raise Suppressed
    language = lang()
    compare = agg.compare(language) if _full_view(member, assessment) else {}
    notes = [_("Mittelwerte über %(n)s abgesendete Antworten.") % {"n": agg.total}]
    if compare:
        notes.append(
            _("Die Sichtweisen sind getrennt gezeigt; jede Gruppe hat mindestens %(n)s Antworten.")
            % {"n": agg.min_size}
        )
    inst = agg.instrument
    peers = (
        None
        if inst.anonymous
        else peer_group_for_company(assessment.organisation, inst.key, inst.version)
    )
    if peers:
        compare = {**compare, _("Vergleichsgruppe (Mittelwert)"): peers.means}
        notes.append(peers.note)
    return report_context(
        instrument=agg.instrument,
        result=agg.combined,
        lang=language,
        date=timezone.localdate(),
        organisation_name=assessment.organisation.legal_name,
        compare=compare or None,
        compare_notes=notes,
    )


class Suppressed(Exception):
    """Fewer responses than the minimum group size: no aggregate may be shown."""


# Grouping fields of an export: field -> column header.
