"""Unmet demand: the open gaps of everyone's current plan, by competence and Land, for the
centre's demand page. People are counted once per cell and published through disclosure
control only (small groups withheld, the rest perturbed and rounded)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from zukunftszentrum.core.disclosure import Contribution, Parameters, publish_count
from zukunftszentrum.core.suppression_labels import below_minimum_label
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Scope, scope_of

from ..models import LearningPlan
from .pages import competence_title, gap_reason


@dataclass(frozen=True)
class GapRow:
    competence: str
    region: str
    reason: str  # the most frequent reason in the cell
    people: str  # a published count, or "unter 5"


def _plans(member: Membership):  # type: ignore[no-untyped-def]
    plans = LearningPlan.objects.filter(superseded_by__isnull=True).exclude(open_gaps=[])
    if member.centre_id is None and scope_of(member.role) is Scope.NETWORK:
        return plans
    if member.centre is None:
        return plans.none()
    return plans.filter(organisation__land__in=member.centre.lands.all())


def gap_rows(member: Membership) -> list[GapRow]:
    params = Parameters(min_size=settings.ZZ_MIN_GROUP_SIZE)
    cells: dict[tuple[str, str], dict[int, int]] = {}
    reasons: dict[tuple[str, str], dict[str, int]] = {}
    rows = _plans(member).values_list(
        "user_id", "record_key", "open_gaps", "organisation__land__name"
    )
    for user_id, key, gaps, land in rows:
        region = land or _("ohne Land")
        for gap in gaps:
            cell = (gap["competence"], region)
            keys = cells.setdefault(cell, {})
            keys[user_id] = min(key, keys.get(user_id, key))
            counts = reasons.setdefault(cell, {})
            counts[gap["reason"]] = counts.get(gap["reason"], 0) + 1
    result = []
    for (competence, region), keys in cells.items():
        figure = publish_count([Contribution(key=k) for k in sorted(keys.values())], params=params)
        code = max(sorted(reasons[(competence, region)].items()), key=lambda item: item[1])[0]
        if code in ("no_module", "excluded"):
            reason = _("kein Modul erreicht die Zielstufe")
        else:
            reason = gap_reason(code, 0)
        shown = str(figure.value) if figure.shown else below_minimum_label(params.minimum)
        result.append(GapRow(competence_title(competence), region, reason, shown))
    return sorted(result, key=lambda r: (r.competence, r.region))
