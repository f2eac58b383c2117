"""What this app plugs into the shell: the menu entry "Programmplanung" (centre staff who read
the learning demand: admins plan, advisors and trainers read), a card on "Meine Übersicht", the
demo step, its audit actions, the recovery of lost solves and the prepared concept PDF. Called
once from `ConceptsConfig.ready()`; see docs/architecture.md, "Extension points". No personal
data is stored beyond who created a scenario, so there is no "Meine Daten" section."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core import (
    audit_actions,
    demo_steps,
    navigation,
    overview_cards,
    prepared,
    tasks,
)
from zukunftszentrum.organisations.roles import Capability, Role

from .audit_actions import ConceptAction

STAFF = (Role.CENTRE_ADMIN, Role.ADVISOR)


def register() -> None:
    navigation.register_menu_entry(
        "concepts.index",
        label=_("Programmplanung"),
        url_name="concepts:index",
        order=41,
        area="region",
        shows=_centre_staff,
        current=("concepts:*",),
    )
    overview_cards.register_card(
        "concepts.scenarios",
        template="concepts/overview_cards.html#scenarios",
        order=38,
        shows=_plans_here,
        context=_scenarios,
    )
    demo_steps.register_demo_step("concepts", order=70, run=_seed_demo)
    audit_actions.register_actions(ConceptAction, order=700)
    tasks.register_recovery("concepts.scenarios", _requeue)
    _register_prepared_downloads()


def _register_prepared_downloads() -> None:
    """The concept PDF takes seconds to render: a worker prepares it."""
    from . import downloads

    prepared.register_kind(
        downloads.CONCEPT_KIND,
        build=downloads.build_concept,
        still_allowed=downloads.still_allowed,
        back_url=downloads.back_url,
        order=700,
    )


def _plans_here(member: Any) -> bool:
    return member is not None and member.role in STAFF and member.centre_id is not None


def _centre_staff(request: HttpRequest) -> bool:
    held: frozenset[str] = getattr(request, "capabilities", frozenset())
    return _plans_here(getattr(request, "member", None)) and Capability.VIEW_LEARNING_DEMAND in held


def _scenarios(member: Any) -> dict[str, Any]:
    from .queries import scenarios_of  # loads models; only when a card is drawn

    return {"concept_scenarios": list(scenarios_of(member)[:3])}


def _requeue() -> int:
    from .solving import requeue_lost

    return requeue_lost()


def _seed_demo(*, site_url: str = "") -> str:
    from zukunftszentrum.organisations.demo_data import SHOWCASE_CENTRE
    from zukunftszentrum.organisations.models import Centre

    from .demo import seed_concepts

    if not Centre.objects.filter(slug=SHOWCASE_CENTRE).exists():
        raise demo_steps.DemoStepError(
            gettext("Bitte legen Sie zuerst das Demo-Netzwerk an (seed_demo).")
        )
    counts = seed_concepts()
    return (
        gettext("Programmplanung in der Demo: %(scenarios)d Szenarien, %(items)d Positionen.")
        % counts
    )
