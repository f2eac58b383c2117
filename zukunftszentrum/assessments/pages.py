"""What the self-check pages show, assembled from `queries`: the overview, the personal result
and the company result (page and PDF). Reads only; views call one builder each.

Privacy: the company result shows only the latest batch release (`releases`): figures published
through `core.disclosure` when the release was made, checked against the viewer's own share, free
texts of an anonymous check only to the lead and only with their batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import formats
from django.utils.translation import gettext as _

from zukunftszentrum.core.suppression import effective_min_size
from zukunftszentrum.organisations.models import Membership, User

from .charts import build_profile
from .engine.schema import Instrument
from .exceptions import UnknownInstrument
from .models import Assessment, Participation, Perspective, Response, ResultRelease
from .pdf import report_context, result_from_profile
from .peers import PeerGroup, peer_group_for_company
from .queries import (
    assessments_visible_to,
    available_instruments,
    company_results_visible_to,
    has_participated,
    instrument_of,
    is_solo,
    lang,
    ordered_perspectives,
    perspective_for,
    responses_of,
)
from .releases import ReleaseView, view_for
from .releases import latest as latest_release
from .rules import (
    may_compare_perspectives,
    may_manage_assessment,
    may_reopen_assessment,
    reopen_deadline,
)


@dataclass(frozen=True)
class _Own:
    """The person's own part in the listed checks, read once for all rows: their newest
    response per check, and the anonymous checks they took part in."""

    responses: dict[int, Response]
    participated: set[int]


def _own_parts(user: User | AnonymousUser, assessments: list[Assessment]) -> _Own:
    ids = [a.pk for a in assessments]
    if not user.is_authenticated or not ids:
        return _Own({}, set())
    responses: dict[int, Response] = {}
    for response in responses_of(user).filter(assessment_id__in=ids).order_by("-started_at"):
        if response.assessment_id is not None:
            responses.setdefault(response.assessment_id, response)  # as .first(): the newest
    participated = set(
        Participation.objects.filter(user=user, assessment_id__in=ids).values_list(
            "assessment_id", flat=True
        )
    )
    return _Own(responses, participated)


def _entry(
    assessment: Assessment,
    member: Membership | None,
    own_parts: _Own,
    results: set[int],
) -> dict[str, Any]:
    inst = instrument_of(assessment)
    own = None
    participated = inst.anonymous and assessment.pk in own_parts.participated
    if not inst.anonymous:
        own = own_parts.responses.get(assessment.pk)
    return {
        "assessment": assessment,
        "instrument": inst,
        "title": inst.title.get(lang()),
        "own": own,
        "participated": participated,
        "can_answer": assessment.is_open and perspective_for(member, inst) is not None,
        "result_visible": assessment.pk in results,
        "closable": assessment.is_open and bool(may_manage_assessment(member, assessment)),
        "reopenable": not assessment.is_open and bool(may_reopen_assessment(member, assessment)),
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
    listed = list(runs)
    own_parts = _own_parts(user, listed)
    return {
        "available": available_instruments(member),
        "assessments": [_entry(a, member, own_parts, results) for a in listed],
        "own_responses": own,
        "is_solo": is_solo(member),
        "lang": lang(),
    }


def waiting_checks(member: Membership) -> dict[str, Any]:
    """The open company checks this person can answer in the active role and has not yet sent:
    for a named check, no submitted response of theirs; for an anonymous one, no participation
    (it is recorded when they start, since the answers carry no name). For "Meine Übersicht"."""
    waiting = []
    runs = assessments_visible_to(member).filter(status=Assessment.Status.OPEN)
    for assessment in runs.order_by("opened_at"):
        inst = instrument_of(assessment)
        if perspective_for(member, inst) is None:
            continue
        if inst.anonymous:
            if has_participated(member.user, assessment):
                continue
            started = None
        else:
            started = responses_of(member.user).filter(assessment=assessment).first()
            if started is not None and started.is_submitted:
                continue
        waiting.append(
            {"assessment": assessment, "title": inst.title.get(lang()), "started": started}
        )
    return {"waiting_checks": waiting}


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


def _release_view(
    assessment: Assessment, user: User | AnonymousUser | None
) -> tuple[ReleaseView | None, Response | None]:
    """The latest release as this viewer may see it, and the viewer's own response."""
    inst = instrument_of(assessment)
    own = None
    if user is not None and not inst.anonymous:
        own = responses_of(user).filter(assessment=assessment).first()
    row = latest_release(assessment)
    if row is None:
        return None, own
    view = view_for(
        row,
        own_response_id=str(own.pk) if own is not None and own.is_submitted else None,
        own_perspective=own.perspective if own is not None else None,
        took_part=bool(user is not None and inst.anonymous and has_participated(user, assessment)),
    )
    return view, own


def company_result_context(
    assessment: Assessment, member: Membership | None, user: User | AnonymousUser
) -> dict[str, Any]:
    """The company result page: the latest release's stored figures, never live means. The
    caller fetched `assessment` through `company_results_visible_to(member)`. Never one
    person's answers; free texts of an anonymous check only to the lead."""
    inst, language = instrument_of(assessment), lang()
    view, own = _release_view(assessment, user)
    full = _full_view(member, assessment)
    context: dict[str, Any] = {
        "assessment": assessment,
        "instrument": inst,
        "title": inst.title.get(language),
        "min_size": _minimum(),
        "release": view.row if view else None,
        "total": view.total.n if view else None,
        "shown": bool(view and view.shown),
        "own_share_withheld": bool(
            view and not view.shown and view.includes_viewer and view.row.figures["total"]["n"]
        ),
        "may_manage": _may_manage(member, assessment),
        "is_solo": is_solo(member),
        # A closed check says what can still happen: reopened by its lead within the period.
        "reopen_until": reopen_deadline(assessment)
        if not assessment.is_open and may_reopen_assessment(member, assessment)
        else None,
        "split": False,
        "split_hint": False,
        "perspective_counts": [],
        "may_download": bool(view and view.shown),
        "own": own,
    }
    if view is None:
        context["free_texts_hidden"] = (
            inst.anonymous
            and any(i.type == "text" for i in inst.items)
            and _may_manage(member, assessment)
        )
        return context
    compare = _compare(view) if full else {}
    context["split"] = bool(compare)
    context["split_hint"] = full and not inst.anonymous and len(view.counts) > 1 and not compare
    context["perspective_counts"] = _perspective_counts(view) if full else []
    if view.shown:
        peers = (
            None
            if inst.anonymous
            else peer_group_for_company(assessment.organisation, inst.key, inst.version)
        )
        context.update(_combined_context(inst, view, compare, language, peers))
        context["peers"] = peers
    context.update(_free_text_context(assessment, member, inst, view, language))
    return context


def _minimum() -> int:
    return effective_min_size(settings.ZZ_MIN_GROUP_SIZE)


def _compare(view: ReleaseView) -> dict[str, dict[str, int | None]]:
    """Per perspective (translated name) its published mean per dimension; empty unless the
    release was split and every perspective is visible to this viewer."""
    return {
        str(Perspective(p).label): view.groups[p].means() for p in ordered_perspectives(view.groups)
    }


def _perspective_counts(view: ReleaseView) -> list[dict[str, Any]]:
    return [
        {"label": Perspective(p).label, "count": view.counts[p]}
        for p in ordered_perspectives(view.counts)
    ]


def _combined_context(
    inst: Instrument,
    view: ReleaseView,
    compare: dict[str, dict[str, int | None]],
    language: str,
    peers: PeerGroup | None,
) -> dict[str, Any]:
    combined = result_from_profile(inst, view.total)
    marks: dict[str, Any] = {**compare}
    if peers:
        marks[_("Vergleichsgruppe (Mittelwert)")] = peers.means
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
    compare: dict[str, dict[str, int | None]], titles: dict[str, str]
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
    assessment: Assessment,
    member: Membership | None,
    inst: Instrument,
    view: ReleaseView,
    language: str,
) -> dict[str, Any]:
    """Free texts of an anonymous check: only for the lead, only as released — each with its
    batch, in the batch's fixed order, dated by the release, never by the answer."""
    items = [i for i in inst.items if i.type == "text"]
    if not (inst.anonymous and items and _may_manage(member, assessment)):
        return {"free_texts": [], "free_texts_hidden": False, "texts_withheld": False}
    rows = assessment.releases.filter(number__lte=view.row.number).order_by("number")
    texts: dict[str, list[dict[str, Any]]] = {i.id: [] for i in items}
    withheld = False
    for row in rows:
        withheld = withheld or row.texts_withheld
        for block in row.free_texts:
            for text in block.get("texts", []):
                if block.get("item") in texts:
                    texts[block["item"]].append({"text": text, "released_on": row.released_on})
    if not any(texts.values()) and not view.shown:
        return {"free_texts": [], "free_texts_hidden": True, "texts_withheld": withheld}
    blocks = [{"question": item.text.get(language), "answers": texts[item.id]} for item in items]
    return {"free_texts": blocks, "free_texts_hidden": False, "texts_withheld": withheld}


def company_report_ready(assessment: Assessment, member: Membership | None) -> bool:
    """Whether this viewer may have the company PDF now: a release they may see."""
    view, _own = _release_view(assessment, member.user if member else None)
    return bool(view is not None and view.shown)


def company_report_context(assessment: Assessment, member: Membership | None) -> dict[str, Any]:
    """Template data of the company PDF, from the latest release only; raises Suppressed
    before the first release or when this viewer may not see it."""
    view, _own = _release_view(assessment, member.user if member else None)
    if view is None or not view.shown:
        raise Suppressed
    language = lang()
    inst = instrument_of(assessment)
    compare: dict[str, Any] = _compare(view) if _full_view(member, assessment) else {}
    notes = [release_note(view.row)]
    if compare:
        notes.append(
            _("Die Sichtweisen sind getrennt gezeigt; jede Gruppe hat mindestens %(n)s Antworten.")
            % {"n": _minimum()}
        )
    peers = (
        None
        if inst.anonymous
        else peer_group_for_company(assessment.organisation, inst.key, inst.version)
    )
    if peers:
        compare = {**compare, _("Vergleichsgruppe (Mittelwert)"): peers.means}
        notes.append(peers.note)
    return report_context(
        instrument=inst,
        result=result_from_profile(inst, view.total),
        lang=language,
        date=view.row.released_on,
        organisation_name=assessment.organisation.legal_name,
        compare=compare or None,
        compare_notes=notes,
        bar_name=_("Alle Antworten"),  # the legend says what the page says
    )


def release_note(row: ResultRelease) -> str:
    """Which release a page or report shows, in one sentence."""
    return _("Stand: Freigabe Nr. %(number)s vom %(date)s.") % {
        "number": row.number,
        "date": formats.date_format(row.released_on, "SHORT_DATE_FORMAT"),
    }


class Suppressed(Exception):
    """Fewer responses than the minimum group size: no aggregate may be shown."""


# Grouping fields of an export: field -> column header.
