"""The trainer's assessment: after confirming attendance, the trainer of a course may record the
level they observed per participant for the module's competences.

Each level is an evidence entry of kind `trainer_assessment` (append-only, the trainer named as
`recorded_by`); the level rules (competence/levels.py, R4) let the newest assessment set the measured level,
and attested evidence counts again only when recorded after it. Source
"assessment:<registration>:<n>" numbers a participant's assessments per competence: a second tab
sending the same form hits the unique source and writes nothing twice, and an unchanged level is
not written again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Capability, has_capability

from ..audit_actions import CatalogueAction
from ..competence import content
from ..competence.evidence import record
from ..models import Evidence, EvidenceKind, Offer, Registration, RegistrationStatus
from .exceptions import NotAllowed

PREFIX = "assessment"


def _source(registration: Registration, n: int) -> str:
    return f"{PREFIX}:{registration.pk}:{n}"


def _lang() -> str:
    return (get_language() or "de")[:2]


def competences_of(offer: Offer) -> list[tuple[str, str]]:
    """(id, title) of the module's competences that the framework knows, in framework order."""
    lang = _lang()
    wanted = offer.module.competences
    return [(c.id, c.title.get(lang)) for c in content.framework().competences if c.id in wanted]


class AssessmentForm(forms.Form):
    """One select per competence of the module (levels 0-4), and an optional note."""

    note = forms.CharField(
        label=gettext_lazy("Bemerkung (für die Person sichtbar)"), max_length=200, required=False
    )

    def __init__(self, *args: Any, competences: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = _lang()
        levels = [
            ("", _("– nicht eingeschätzt –")),
            ("0", _("0 – noch nicht")),
            *(
                (str(n.level), f"{n.level} – {n.title.get(lang)}")
                for n in content.framework().levels
            ),
        ]
        for competence, title in competences:
            self.fields[f"level_{competence}"] = forms.ChoiceField(
                label=title, choices=levels, required=False
            )
        self.competences = [c for c, _title in competences]
        self.order_fields([*(f"level_{c}" for c in self.competences), "note"])

    def levels(self) -> dict[str, int]:
        return {
            c: int(value)
            for c in self.competences
            if (value := self.cleaned_data.get(f"level_{c}")) not in (None, "")
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.levels():
            raise forms.ValidationError(_("Bitte schätzen Sie mindestens eine Kompetenz ein."))
        return data


@dataclass(frozen=True)
class Recorded:
    written: list[str]  # competences with a new entry
    unchanged: list[str]  # same level as the newest assessment of this participant


@transaction.atomic
def record_assessment(
    *, member: Membership, registration: Registration, levels: dict[str, int], note: str = ""
) -> Recorded:
    """The trainer's observed levels for one participant who attended."""
    offer = registration.offer
    if not has_capability(member.role, Capability.RUN_COURSES):
        raise NotAllowed(_("Dafür fehlt Ihrer Rolle die Berechtigung."))
    if member.centre_id != offer.module.centre_id:
        raise NotAllowed(_("Das gehört zu einem anderen Zentrum."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.ATTENDED:
        raise NotAllowed(_("Einschätzen können Sie erst, wenn die Teilnahme bestätigt ist."))
    allowed = {c for c, _title in competences_of(offer)}
    if not set(levels) <= allowed:
        raise NotAllowed(_("Diese Kompetenz gehört nicht zu diesem Modul."))
    before = assessments_of([registration]).get(registration.pk, {})
    written: list[str] = []
    unchanged: list[str] = []
    for competence, level in sorted(levels.items()):
        previous = before.get(competence, [])
        if previous and previous[-1].level == level:
            unchanged.append(competence)
            continue
        entry = record(
            user=registration.user,
            competence=competence,
            kind=EvidenceKind.TRAINER_ASSESSMENT,
            level=level,
            source=_source(registration, len(previous) + 1),
            note=(note or str(offer.module.title))[:300],
            recorded_by=member.user,
        )
        (written if entry is not None else unchanged).append(competence)
    if written:
        record_event(
            CatalogueAction.TRAINER_ASSESSMENT_RECORDED,
            actor=member.user,
            centre_id=offer.module.centre_id,
            summary=offer.module.title,
            registration=registration.pk,
            competences=written,
        )
    return Recorded(written, unchanged)


def assessments_of(registrations: list[Registration]) -> dict[int, dict[str, list[Evidence]]]:
    """Registration -> competence -> the trainer assessments of that course, oldest first (one
    query for the whole course)."""
    if not registrations:
        return {}
    wanted = Q()
    for r in registrations:
        wanted |= Q(user_id=r.user_id, source__startswith=f"{PREFIX}:{r.pk}:")
    found: dict[int, dict[str, list[Evidence]]] = {}
    entries = Evidence.objects.filter(wanted, kind=EvidenceKind.TRAINER_ASSESSMENT).order_by(
        "recorded_at", "id"
    )
    for entry in entries:
        registration = int(entry.source.split(":")[1])
        found.setdefault(registration, {}).setdefault(entry.competence, []).append(entry)
    return found


def latest_levels(registrations: list[Registration]) -> dict[int, dict[str, int]]:
    """Registration -> competence -> the newest assessed level (what the course page shows)."""
    return {
        pk: {c: entries[-1].level for c, entries in per.items()}
        for pk, per in assessments_of(registrations).items()
    }


@dataclass
class ParticipantAssessment:
    """What the course page shows per participant who attended: the newest levels and a form."""

    levels: list[tuple[str, int]]  # (competence title, level)
    form: AssessmentForm


def course_assessments(offer: Offer, registrations: list[Registration]) -> dict[int, Any]:
    """Registration pk -> ParticipantAssessment, for the participants who attended; each
    registration also gets it as `assessment` (None for the others) for the template."""
    attended = [r for r in registrations if r.status == RegistrationStatus.ATTENDED]
    competences = competences_of(offer)
    titles = dict(competences)
    latest = latest_levels(attended) if competences else {}
    found = {
        r.pk: ParticipantAssessment(
            levels=[(titles.get(c, c), lvl) for c, lvl in sorted(latest.get(r.pk, {}).items())],
            form=AssessmentForm(
                prefix=f"r{r.pk}",
                competences=competences,
                initial={f"level_{c}": str(v) for c, v in latest.get(r.pk, {}).items()},
            ),
        )
        for r in attended
        if competences
    }
    for r in registrations:
        setattr(r, "assessment", found.get(r.pk))  # noqa: B010 - read by the template only
    return found
