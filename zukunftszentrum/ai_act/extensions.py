"""What this app plugs into the shell (menu, overview cards, demo step, audit actions).
Called once from the app's `ready()`; see docs/architecture.md, "Extension points"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core import audit_actions, demo_steps, navigation, overview_cards
from zukunftszentrum.core.access import request_capabilities
from zukunftszentrum.organisations.roles import Capability, has_capability

from . import learning_source
from .audit_actions import AISystemAction, LiteracyAction

READERS = frozenset({Capability.VIEW_AI_SYSTEMS.value, Capability.VIEW_ACCOMPANIED_RESULTS.value})


def register() -> None:
    navigation.register_menu_entry(
        "ai_act.systems",
        label=_("KI-Systeme"),
        url_name="ai_act:systems",
        order=45,
        area="company_ai",
        shows=_reads_systems,
    )
    overview_cards.register_card(
        "ai_act.systems",
        template="ai_act/overview_cards.html#systems",
        order=36,  # after the self-checks (30), before the next steps (40)
        shows=_manages_systems,
        context=_card,
    )
    navigation.register_menu_entry(
        "ai_act.knowledge",
        label=_("KI-Wissen"),
        url_name="ai_act:knowledge",
        order=70,
        area="company_ai",
        signed_in=False,
        current=("ai_act:knowledge", "ai_act:factsheet", "ai_act:notices", "ai_act:notices_filled"),
    )
    demo_steps.register_demo_step("ai_systems", order=50, run=_seed_demo_systems)
    audit_actions.register_actions(AISystemAction, order=500)
    learning_source.register()
    # The Art. 4 record (literacy*.py)
    overview_cards.register_card(
        "ai_act.literacy",
        template="ai_act/literacy_cards.html#literacy",
        order=37,  # after the inventory's card
        shows=_manages_systems,
        context=_literacy_card,
    )
    audit_actions.register_actions(LiteracyAction, order=505)
    _register_prepared_downloads()


def _register_prepared_downloads() -> None:
    """The report and the Art. 4 record are rendered by a worker (downloads.py)."""
    from . import downloads  # reads models: loaded when the app is ready

    downloads.register()


def _reads_systems(request: HttpRequest) -> bool:
    return bool(READERS & request_capabilities(request))


def _manages_systems(member: Any) -> bool:
    return bool(
        member is not None
        and member.organisation_id
        and has_capability(member.role, Capability.MANAGE_AI_SYSTEMS)
    )


def _card(member: Any) -> dict[str, Any]:
    from .pages import overview_card  # pages reads models; load it when a card is drawn

    return overview_card(member)


def _literacy_card(member: Any) -> dict[str, Any]:
    from .literacy import summary  # reads models; load it when a card is drawn

    assert member.organisation is not None  # shown to leads of an organisation only
    return summary(member.organisation, member.user) | {
        "literacy_organisation": member.organisation_id
    }


def _seed_demo_systems(*, site_url: str = "") -> str:
    """The showcase company's AI systems (the demo network must exist already)."""
    from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
    from zukunftszentrum.organisations.models import Organisation

    from .demo import seed_ai_systems

    if not Organisation.objects.filter(legal_name=SHOWCASE_COMPANY).exists():
        raise demo_steps.DemoStepError(
            gettext("Bitte legen Sie zuerst das Demo-Netzwerk an (seed_demo).")
        )
    counts = seed_ai_systems()
    return (
        gettext("KI-Systeme der Demo: %(systems)d Systeme und %(classified)d Einstufungen neu.")
        % (counts)
        + " "
        + _seed_demo_literacy()
    )


def _seed_demo_literacy() -> str:
    """The Art. 4 record of the showcase company (after its systems: they name the profiles)."""
    from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
    from zukunftszentrum.organisations.models import Organisation

    from .literacy_demo import seed_literacy

    counts = seed_literacy(Organisation.objects.get(legal_name=SHOWCASE_COMPANY))
    return (
        gettext(
            "Nachweis zur KI-Kompetenz: %(guidance)d interne Maßnahmen und %(shared)d geteilte "
            "Abschlüsse neu."
        )
        % counts
    )
