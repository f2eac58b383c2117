"""What "Meine Kompetenzen" and "Berufsprofile" show, assembled from the reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zukunftszentrum.core.disclosure import Published, Reason
from zukunftszentrum.core.suppression_labels import reason_label
from zukunftszentrum.organisations.models import Membership, Organisation
from zukunftszentrum.organisations.queries import members_of_organisation

from ..models import Evidence
from . import content
from .evidence import evidence_of, import_self_ratings, levels_of
from .forms import AdjustForm, AssignForm, CertificateForm, GoalForm
from .profiles import assignment_of, assignments_by_person, own_goals, profile_rows
from .rules import may_adjust_targets, may_assign_profiles
from .targets import Target, targets_for


def _lang() -> str:
    return (get_language() or "de")[:2]


@dataclass
class CompetenceRow:
    id: str
    title: str
    measured: int | None
    self_rating: int | None
    level: int
    basis: str
    target: Target | None
    next_descriptors: list[str]
    entries: list[Evidence] = field(default_factory=list)

    @property
    def gap(self) -> bool:
        return self.target is not None and self.level < self.target.level


def level_titles() -> dict[int, str]:
    return {n.level: n.title.get(_lang()) for n in content.framework().levels}


def my_competences_context(
    member: Membership,
    *,
    goal_form: GoalForm | None = None,
    certificate_form: CertificateForm | None = None,
) -> dict[str, Any]:
    user = member.user
    organisation = member.organisation
    import_self_ratings(user)  # older checks; new ones arrive through the signal
    entries = evidence_of(user)
    states = levels_of(user, entries)
    targets = targets_for(user, organisation)
    lang = _lang()
    framework = content.framework()
    areas = []
    for area in framework.areas:
        rows = []
        for competence in area.competences:
            state = states[competence.id]
            following = min(state.level + 1, 4)
            rows.append(
                CompetenceRow(
                    id=competence.id,
                    title=competence.title.get(lang),
                    measured=state.measured,
                    self_rating=state.self_rating,
                    level=state.level,
                    basis=state.basis,
                    target=targets.get(competence.id),
                    next_descriptors=[
                        d.get(lang) for d in competence.descriptors.get(following, ())
                    ],
                    entries=[e for e in entries if e.competence == competence.id],
                )
            )
        areas.append({"id": area.id, "title": area.title.get(lang), "rows": rows})
    assignment = assignment_of(user, organisation)
    profile = content.job_profile(assignment.profile) if assignment else None
    titles = {c.id: c.title.get(lang) for c in framework.competences}
    return {
        "areas": areas,
        "level_titles": level_titles(),
        "framework": framework,
        "profile": profile.title.get(lang) if profile else None,
        "goals": [(g, titles.get(g.competence, g.competence)) for g in own_goals(user)],
        "goal_form": goal_form or GoalForm(),
        "certificate_form": certificate_form or CertificateForm(),
        "unknown_entries": [e for e in entries if e.competence not in titles],
    }


def _reached_label(figure: Published) -> str:
    if figure.value is not None:
        return f"{figure.value} %"
    if figure.reason == Reason.TOO_FEW_OTHERS:
        return _("nicht gezeigt – dafür braucht es mindestens %(n)s Personen mit diesem Profil") % {
            "n": settings.ZZ_MIN_GROUP_SIZE
        }
    return reason_label(figure.reason)


def job_profiles_context(member: Membership, organisation: Organisation) -> dict[str, Any]:
    """The company's profiles and targets; for the lead also who has which profile. Never a
    person's level: the only figure about people is the published share per profile."""
    may_assign = bool(may_assign_profiles(member, organisation))
    lang = _lang()
    titles = {c.id: c.title.get(lang) for c in content.framework().competences}
    rows = profile_rows(organisation, with_holders=may_assign)
    people = []
    if may_assign:
        assigned = assignments_by_person(organisation)
        people = [(m, assigned.get(m.user_id, "")) for m in members_of_organisation(organisation)]
    return {
        "organisation": organisation,
        "rows": [
            {
                "profile": row.profile,
                "title": row.profile.title.get(lang),
                "description": row.profile.description.get(lang),
                "targets": [(c, titles[c], lvl, base) for c, lvl, base in row.targets],
                "holders": row.holders,
                "reached": row.reached,
                "add_form": AdjustForm(auto_id=f"ergaenzen-{row.profile.id}-%s"),
                "reached_label": _reached_label(row.reached),
            }
            for row in rows
        ],
        "may_assign": may_assign,
        "may_adjust": bool(may_adjust_targets(member, organisation)),
        "people": people,
        "assign_form": AssignForm(),
        "adjust_form": AdjustForm(),
        "level_titles": level_titles(),
    }
