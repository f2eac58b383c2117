"""What this app plugs into the shell: its menu entry, its card on "Meine Übersicht", its demo
step, its audit actions and the prepared company PDF. Called once from
`AssessmentsConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core import audit_actions, demo_steps, navigation, overview_cards, prepared
from zukunftszentrum.organisations.roles import Capability, Role, Scope, has_capability, scope_of

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
    # Right after the organisation's "Was auf Sie wartet": the checks this person can answer.
    overview_cards.register_card(
        "assessments.waiting",
        template="assessments/overview_cards.html#waiting",
        order=6,
        shows=_answers_checks,
        context=_waiting_checks,
    )
    overview_cards.register_link(
        "assessments.works_council",
        place="works_council",
        label=_("Zu den Checks Ihres Unternehmens"),
        url_name="assessments:overview",
        order=10,
        primary=True,
        shows=_is_works_council,
    )
    demo_steps.register_demo_step("checks", order=20, run=_seed_demo_checks)
    audit_actions.register_actions(AssessmentAction, order=200)
    _register_prepared_downloads()


def _register_prepared_downloads() -> None:
    """The company result PDF takes seconds to render: a worker prepares it."""
    from . import downloads

    prepared.register_kind(
        downloads.COMPANY_REPORT_KIND,
        build=downloads.build_company_report,
        still_allowed=downloads.still_allowed,
        back_url=downloads.back_url,
        order=200,
    )


def _in_organisation(member: Any) -> bool:
    return scope_of(member.role) is Scope.ORGANISATION


def _answers_checks(member: Any) -> bool:
    return _in_organisation(member) and has_capability(member.role, Capability.TAKE_ASSESSMENT)


def _is_works_council(member: Any) -> bool:
    return bool(member.role == Role.WORKS_COUNCIL)


def _waiting_checks(member: Any) -> dict[str, Any]:
    from .pages import waiting_checks  # pages reads models; load it when a card is drawn

    return waiting_checks(member)


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
