"""Reads of the self-checks. Functions that return people's data take the viewer first.

Privacy: responses are found only by their respondent (`responses_of`) or by the private
token (`response_by_token`); nobody else — not the company's lead — can open a response.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from zukunftszentrum.core.suppression import effective_min_size, is_disclosable
from zukunftszentrum.organisations.models import Accompaniment, Membership, User
from zukunftszentrum.organisations.roles import Capability, Role, has_capability

from .charts import build_profile
from .engine import aggregate, scoring
from .engine.schema import Instrument
from .exceptions import UnknownInstrument
from .exports import ExportTable, export_rows
from .instruments import catalog
from .models import Assessment, Participation, Perspective, Response
from .pdf import report_context, result_from_profile
from .peers import PeerGroup, peer_group_for_company
from .rules import may_compare_perspectives, may_manage_assessment, may_open_assessment

ROLE_PERSPECTIVE: dict[str, str] = {
    Role.COMPANY_LEAD: Perspective.COMPANY_LEAD,
    Role.SOLO: Perspective.COMPANY_LEAD,
    Role.EMPLOYEE: Perspective.EMPLOYEE,
    Role.WORKS_COUNCIL: Perspective.WORKS_COUNCIL,
    Role.ADVISOR: Perspective.ADVISOR,
}
# Who answers the employees' view when an instrument names no perspectives.
VOICE_PERSPECTIVES = (Perspective.EMPLOYEE, Perspective.WORKS_COUNCIL)


def instrument(key: str, version: str | None = None) -> Instrument:
    """One instrument version from the registry (None = newest)."""
    try:
        return catalog().get(key, version)
    except KeyError:
        raise UnknownInstrument(_("Diesen Check gibt es nicht (mehr): %s") % key) from None


def instrument_of(response: Response | Assessment) -> Instrument:
    """The instrument in the version the response (or check run) was answered in."""
    return instrument(response.instrument_key, response.version)


def lang() -> str:
    return (get_language() or "de")[:2]


def perspective_for(member: Membership | None, inst: Instrument) -> str | None:
    """The perspective in which the member answers this instrument, or None if not foreseen."""
    if member is None:
        return None
    perspective = ROLE_PERSPECTIVE.get(member.role)
    if perspective is None:
        return None
    if inst.kind == "employee_voice":
        allowed = inst.perspectives or VOICE_PERSPECTIVES
    else:
        allowed = inst.perspectives or tuple(p for p in ROLE_PERSPECTIVE.values())
    if perspective == Perspective.ADVISOR and inst.anonymous:
        return None
    return perspective if perspective in allowed else None


def assessments_visible_to(member: Membership | None) -> QuerySet[Assessment]:
    """Check runs of the member's organisation, or of organisations the member's centre
    accompanies with their consent (ACTIVE accompaniment)."""
    qs = Assessment.objects.select_related("organisation")
    if member is None:
        return qs.none()
    if member.organisation_id and has_capability(member.role, Capability.TAKE_ASSESSMENT):
        return qs.filter(organisation_id=member.organisation_id)
    if member.centre_id and has_capability(member.role, Capability.VIEW_ACCOMPANIED_RESULTS):
        accompanied = Accompaniment.objects.filter(
            centre_id=member.centre_id, status=Accompaniment.Status.ACTIVE
        ).values("organisation_id")
        return qs.filter(organisation_id__in=accompanied)
    return qs.none()


def managed_assessments(member: Membership | None) -> QuerySet[Assessment]:
    """Check runs the member may close: those of the organisation it leads."""
    if member is None or not has_capability(member.role, Capability.MANAGE_ASSESSMENTS):
        return Assessment.objects.none()
    if member.organisation_id is None:
        return Assessment.objects.none()
    return Assessment.objects.filter(organisation_id=member.organisation_id)


def responses_of(user: User | AnonymousUser) -> QuerySet[Response]:
    """The person's own responses (never anonymous ones: those have no respondent)."""
    if not user.is_authenticated:
        return Response.objects.none()
    return Response.objects.filter(respondent=user).select_related("assessment")


def response_by_token(token: str) -> Response | None:
    """The response a private link belongs to, or None."""
    from .actions import hash_token

    if not token or len(token) > 100:
        return None
    return Response.objects.filter(resume_token_hash=hash_token(token)).first()


def has_participated(user: User | AnonymousUser, assessment: Assessment) -> bool:
    if not user.is_authenticated:
        return False
    return Participation.objects.filter(user=user, assessment=assessment).exists()


def available_instruments(member: Membership | None) -> dict[str, list[Instrument]]:
    """The newest instruments by how they are taken: individually, or opened for the company."""
    insts = catalog().all_latest()
    manages = bool(may_open_assessment(member))
    running = set(
        assessments_visible_to(member)
        .filter(status=Assessment.Status.OPEN)
        .values_list("instrument_key", flat=True)
    )
    return {
        "individual": [i for i in insts if i.kind == "individual"],
        "openable": [i for i in insts if i.kind != "individual" and i.key not in running]
        if manages
        else [],
    }


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


def _recommendations(inst: Instrument, result: dict[str, Any], language: str) -> list[str]:
    out = []
    for rec in result.get("recommendations") or []:
        rec_id = rec.get("id") if isinstance(rec, dict) else rec
        match = next((r for r in inst.recommendations if r.id == rec_id), None)
        if match is not None:
            out.append(match.text.get(language))
    return out


def _level_number(value: Any) -> int | None:
    """A level in the snapshot is its number or the serialised Level."""
    if isinstance(value, dict):
        value = value.get("level")
    return value if isinstance(value, int) else None


# --- company results and exports ---------------------------------------------------------------
# Perspectives in the order the company result lists them.
PERSPECTIVE_ORDER = (
    Perspective.COMPANY_LEAD,
    Perspective.EMPLOYEE,
    Perspective.WORKS_COUNCIL,
    Perspective.ADVISOR,
)
GAPS_SHOWN = 3


def company_results_visible_to(member: Membership | None) -> QuerySet[Assessment]:
    """Check runs whose combined result the member may open: the lead (or solo) and the staff
    of a centre with an ACTIVE accompaniment see every run; employees and works council
    members see the combined result of CLOSED runs of their organisation (transparency)."""
    if member is None:
        return Assessment.objects.none()
    visible = assessments_visible_to(member)
    if has_capability(member.role, Capability.MANAGE_ASSESSMENTS):
        return visible
    if has_capability(member.role, Capability.VIEW_ACCOMPANIED_RESULTS):
        return visible
    if has_capability(member.role, Capability.TAKE_ASSESSMENT):
        return visible.filter(status=Assessment.Status.CLOSED)
    return Assessment.objects.none()


def snapshot_result(response: Response) -> scoring.Result:
    """A submitted response's stored result as an engine Result (recommendations left out)."""
    data = response.result or {}
    dims = {
        dim_id: scoring.DimensionResult(
            (raw or {}).get("score"),
            _number((raw or {}).get("level")),
            int((raw or {}).get("n_items") or 0),
        )
        for dim_id, raw in (data.get("dimensions") or {}).items()
    }
    return scoring.Result(
        dimensions=dims,
        overall=data.get("overall"),
        overall_level=_number(data.get("overall_level")),
        knowledge=dict(data.get("knowledge") or {}),
    )


def _number(value: Any) -> int | None:
    if isinstance(value, dict):
        value = value.get("level")
    return value if isinstance(value, int) else None


@dataclass(frozen=True)
class CompanyAggregate:
    """The combined profile of a check run, and per perspective where every group is large
    enough. `combined` is None while fewer than the minimum number have submitted."""

    instrument: Instrument
    total: int
    min_size: int
    counts: dict[str, int]  # submitted responses per perspective
    comparison: aggregate.GroupComparison
    combined: scoring.Result | None

    @property
    def split(self) -> bool:
        """Perspectives are shown side by side (each group reached the minimum)."""
        return (
            self.combined is not None
            and not self.instrument.anonymous
            and not self.comparison.combined
            and len(self.comparison.groups) > 1
        )

    def compare(self, language: str) -> dict[str, dict[str, float | None]]:
        """Per perspective (translated name) its mean per dimension; empty unless split."""
        if not self.split:
            return {}
        groups = self.comparison.groups
        return {
            str(Perspective(p).label): {d: v.mean for d, v in groups[p].dimensions.items()}
            for p in _ordered(groups)
        }


def _ordered(keys: Any) -> list[str]:
    order = {p.value: i for i, p in enumerate(PERSPECTIVE_ORDER)}
    return sorted(keys, key=lambda p: (order.get(p, len(order)), p))


def company_aggregate(assessment: Assessment) -> CompanyAggregate:
    """Mean profiles over the run's submitted responses, through the minimum-size rule."""
    inst = instrument_of(assessment)
    minimum = effective_min_size(settings.ZZ_MIN_GROUP_SIZE)
    groups: dict[str, list[scoring.Result]] = {}
    submitted = assessment.responses.filter(submitted_at__isnull=False).only(
        "perspective", "result"
    )
    for response in submitted:
        groups.setdefault(response.perspective, []).append(snapshot_result(response))
    comparison = aggregate.compare_groups(groups, minimum)
    total = sum(len(g) for g in groups.values())
    combined = None
    if not comparison.total.suppressed:
        combined = result_from_profile(inst, comparison.total)
    counts = {p: len(g) for p, g in groups.items()}
    return CompanyAggregate(inst, total, minimum, counts, comparison, combined)


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
        for p in _ordered(agg.counts)
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
EXPORT_GROUPINGS: dict[str, Any] = {
    "wz_section": gettext_lazy("WZ-Abschnitt"),
    "size_class": gettext_lazy("Größenklasse"),
    "land": gettext_lazy("Land"),
    "perspective": gettext_lazy("Perspektive"),
}


def exportable_responses(member: Membership | None) -> QuerySet[Response]:
    """Submitted responses a member may export aggregated: a centre those of organisations it
    accompanies (ACTIVE), a programme admin the whole network."""
    base = Response.objects.filter(
        submitted_at__isnull=False, organisation__isnull=False
    ).select_related("organisation")
    if member is None or not has_capability(member.role, Capability.EXPORT_RESPONSES):
        return base.none()
    if has_capability(member.role, Capability.MANAGE_NETWORK):
        return base
    if member.centre_id is None:
        return base.none()
    accompanied = Accompaniment.objects.filter(
        centre_id=member.centre_id, status=Accompaniment.Status.ACTIVE
    ).values("organisation_id")
    return base.filter(organisation_id__in=accompanied)


def export_instrument_choices() -> list[tuple[str, str]]:
    """Every instrument version as ("key:version", "Title (Version x)"), newest first."""
    choices = []
    for key in catalog().keys():  # noqa: SIM118 (a Catalog, not a dict)
        for version in reversed(catalog().versions(key)):
            inst = catalog().get(key, version)
            label = _("%(title)s (Version %(version)s)") % {
                "title": inst.title.get(lang()),
                "version": version,
            }
            choices.append((f"{key}:{version}", label))
    return choices


def export_table(
    member: Membership | None, *, key: str, version: str, grouping: list[str]
) -> ExportTable:
    """Means per group of the member's exportable responses to one instrument version.
    Suppression (groups below the minimum) happens in `exports.export_rows`."""
    inst = instrument(key, version)
    responses = exportable_responses(member).filter(instrument_key=key, version=version)
    pairs = [(_group_key(r, grouping), snapshot_result(r)) for r in responses]
    fields = [(g, str(EXPORT_GROUPINGS[g])) for g in grouping if g in EXPORT_GROUPINGS]
    return export_rows(pairs, instrument=inst, group_fields=fields, lang=lang())


def _group_key(response: Response, grouping: list[str]) -> dict[str, str]:
    org = response.organisation
    assert org is not None
    values = {
        "wz_section": org.wz_section,
        "size_class": org.get_size_class_display(),
        "land": org.land_id or "",
        "perspective": str(response.get_perspective_display()),
    }
    return {g: values[g] for g in grouping}


# --- one object, or 404 -------------------------------------------------------------------------
# Views fetch a single check run or response through these. "Does not exist" and "not yours"
# raise the same Http404, so a probe by id learns nothing about another organisation.


def access_assessment(member: Membership | None, pk: object) -> Assessment:
    """A check run the active role may answer or look at (see `assessments_visible_to`)."""
    return get_object_or_404(assessments_visible_to(member), pk=pk)


def access_managed_assessment(member: Membership | None, pk: object) -> Assessment:
    """A check run the active role may close (see `managed_assessments`)."""
    return get_object_or_404(managed_assessments(member), pk=pk)


def access_company_result(member: Membership | None, pk: object) -> Assessment:
    """A check run whose combined result the active role may open."""
    return get_object_or_404(company_results_visible_to(member), pk=pk)


def access_own_response(user: User | AnonymousUser, pk: object) -> Response:
    """One of the person's own responses (see `responses_of`)."""
    return get_object_or_404(responses_of(user), pk=pk)
