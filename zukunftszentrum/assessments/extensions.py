"""What this app plugs into the shell: its menu entry, its card on "Meine Übersicht", its demo
step and its audit actions. Called once from `AssessmentsConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core import audit_actions, demo_steps, navigation, overview_cards
from zukunftszentrum.organisations.roles import Scope, scope_of

from .audit_actions import AssessmentAction


def register() -> None:
    navigation.register_menu_entry(
        "assessments.overview",
        label=_("Selbstchecks"),
        url_name="assessments:overview",
        order=30,
    )
    overview_cards.register_card(
        "assessments.selfchecks",
        template="assessments/overview_cards.html#selfchecks",
        order=30,
        shows=_in_organisation,
    )
    demo_steps.register_demo_step("checks", order=20, run=_seed_demo_checks)
    audit_actions.register_actions(AssessmentAction, order=200)


def _in_organisation(member: Any) -> bool:
    return scope_of(member.role) is Scope.ORGANISATION


def _seed_demo_checks(*, site_url: str = "") -> str:
    """Answers to the self-checks for the demo companies (they must exist already)."""
    # Imported here: the demo code loads only when someone seeds.
    from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
    from zukunftszentrum.organisations.models import Organisation

    from .demo import seed_assessments

    if not Organisation.objects.filter(legal_name=SHOWCASE_COMPANY).exists():
        raise demo_steps.DemoStepError(
            gettext("Bitte legen Sie zuerst das Demo-Netzwerk an (seed_demo).")
        )
    counts = seed_assessments()
    return (
        gettext("Selbstchecks der Demo: %(assessments)d Checks und %(responses)d Antworten neu.")
        % counts
    )
