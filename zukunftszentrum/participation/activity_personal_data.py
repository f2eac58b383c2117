"""The pulse, workshops, impact assessment and decision log in "Meine Daten" and account
deletion (a section of its own next to the app's "Mitgestalten").

What is a person's: that they were asked in a pulse round and whether they took part (never
their answers: nothing links those to anyone), the workshops they are listed in, the ratings
they entered for the management or the works council, and the decisions they recorded. An
employee's own impact ratings are stored under a keyed hash like votes and belong to nobody.
Deleting the account removes the tokens and the workshop listings and leaves ratings and
decisions standing without a name: they are the statements of a body, not of the person.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.personal_data import register

from .models import BodyRating, Decision, PulseToken, Workshop


def export_activities(user: Any) -> dict[str, list[dict[str, Any]]]:
    tokens = PulseToken.objects.filter(membership__user=user).select_related("round__project")
    workshops = Workshop.objects.filter(participants__user=user).select_related("project")
    ratings = BodyRating.objects.filter(entered_by__user=user).select_related("assessment__project")
    decisions = Decision.objects.filter(recorded_by__user=user).select_related("project")
    return {
        "pulse_rounds": [
            {"project": t.round.project.title, "round": t.round.title, "took_part": t.used}
            for t in tokens.order_by("round__opens_on", "pk")
        ],
        "workshops": [
            {"project": w.project.title, "title": w.title, "held_on": w.held_on.isoformat()}
            for w in workshops.order_by("held_on", "pk").distinct()
        ],
        "body_ratings": [
            {
                "project": r.assessment.project.title,
                "subject": r.assessment.subject,
                "body": r.body,
                "dimension": r.dimension,
                "rating": r.rating,
                "note": r.note,
            }
            for r in ratings.order_by("assessment_id", "dimension")
        ],
        "decisions_recorded": [
            {"project": d.project.title, "title": d.title, "decided_on": d.decided_on.isoformat()}
            for d in decisions.order_by("decided_on", "pk")
        ],
    }


def erase_activities(user: Any) -> None:
    PulseToken.objects.filter(membership__user=user).delete()
    for workshop in Workshop.objects.filter(participants__user=user).distinct():
        workshop.participants.remove(*workshop.participants.filter(user=user))
    BodyRating.objects.filter(entered_by__user=user).update(entered_by=None)
    # A queryset update: Decision.save() refuses to touch published entries, but the name of
    # the person who recorded one is not part of the decision.
    Decision.objects.filter(recorded_by__user=user).update(recorded_by=None)


def register_section() -> None:
    register(
        "participation_activities",
        position=71,
        export=export_activities,
        erase=erase_activities,
        order=21,
        title=_("Mitgestalten: Befragungen, Workshops, Bewertungen"),
        description=_(
            "In welchen Pulsbefragungen Sie gefragt wurden und ob Sie teilgenommen haben – "
            "nie Ihre Antworten, die mit niemandem verknüpft sind –, die Workshops, in denen "
            "Sie eingetragen sind, Bewertungen, die Sie für die Geschäftsführung oder den "
            "Betriebsrat eingegeben haben, und Entscheidungen, die Sie festgehalten haben."
        ),
    )
