"""What this app plugs into the shell: the menu entry "Mitgestalten", a card on "Meine
Übersicht", the demo step, its audit actions and its share of "Meine Daten". Called once from
`ParticipationConfig.ready()`; see docs/architecture.md, "Extension points"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core import audit_actions, demo_steps, navigation, overview_cards
from zukunftszentrum.organisations.roles import Capability, Role

from .audit_actions import ParticipationAction

_PEOPLE = (Role.COMPANY_LEAD, Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.ADVISOR, Role.CENTRE_ADMIN)


def register() -> None:
    navigation.register_menu_entry(
        "participation.projects",
        label=_("Mitgestalten"),
        url_name="participation:projects",
        order=46,
        area="company_ai",
        shows=_takes_part,
        current=("participation:*",),
    )
    overview_cards.register_card(
        "participation.projects",
        template="participation/overview_cards.html#projects",
        order=45,
        shows=_in_company,
        context=_projects,
    )
    demo_steps.register_demo_step("participation", order=60, run=_seed_demo)
    audit_actions.register_actions(ParticipationAction, order=600)
    # --- pulse, workshops, impact, decisions ---
    from . import activity_personal_data

    activity_personal_data.register_section()
    # --- end pulse, workshops, impact, decisions ---
    from . import personal_data

    personal_data.register_section()
    # --- notifications (begin): emails on a new phase and an answer, opt-in ---
    from . import notifications

    notifications.connect()
    # --- notifications (end) ---
    from . import downloads  # the PDFs a worker prepares (core.prepared)

    downloads.register()


def _may_take_part(member: Any) -> bool:
    return member is not None and member.role in _PEOPLE


def _in_company(member: Any) -> bool:
    return member is not None and member.role in _PEOPLE[:3]


def _takes_part(request: HttpRequest) -> bool:
    held: frozenset[str] = getattr(request, "capabilities", frozenset())
    member = getattr(request, "member", None)
    return _may_take_part(member) and bool(
        {Capability.VIEW_OWN_ORGANISATION, Capability.ACCOMPANY_COMPANIES} & held
    )


def _projects(member: Any) -> dict[str, Any]:
    from .queries import projects_visible_to  # loads models; only when a card is drawn

    return {"participation_projects": list(projects_visible_to(member)[:3])}


def _seed_demo(*, site_url: str = "") -> str:
    from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
    from zukunftszentrum.organisations.models import Organisation

    from .demo import seed_participation

    if not Organisation.objects.filter(legal_name=SHOWCASE_COMPANY).exists():
        raise demo_steps.DemoStepError(
            gettext("Bitte legen Sie zuerst das Demo-Netzwerk an (seed_demo).")
        )
    counts = seed_participation()
    # --- pulse, workshops, impact, decisions: added to the same step, after the ideas ---
    from .demo import seed_activities

    seed_activities()
    # --- end pulse, workshops, impact, decisions ---
    return (
        gettext("Mitgestalten in der Demo: %(projects)d Projekt, %(items)d Beiträge neu.") % counts
    )
