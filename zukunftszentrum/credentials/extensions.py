"""What the app plugs into the shell (menu, audit actions, personal data, demo step).
Called once from the app's `ready()`; see docs/architecture.md, "Extension points"."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core import audit_actions, demo_steps, navigation, overview_cards
from zukunftszentrum.organisations.roles import Capability, has_capability

from . import personal_data
from .audit_actions import CredentialAction


def register() -> None:
    navigation.register_menu_entry(
        "credentials.mine",
        label=_("Nachweise"),
        url_name="credentials:mine",
        order=39,
        area="learning",
        capability=Capability.LEARN,
        current=("credentials:mine",),
    )
    navigation.register_menu_entry(
        "credentials.manage",
        label=_("Nachweise"),
        url_name="credentials:manage",
        order=39,
        area="learning",
        shows=_administers,
        current=("credentials:manage", "credentials:revoke"),
    )
    overview_cards.register_card(
        "credentials.claimable",
        template="credentials/overview_cards.html#claimable",
        order=36,
        shows=_has_claimable,
        context=_claimable,
    )
    audit_actions.register_actions(CredentialAction, order=450)
    personal_data.register_section()
    demo_steps.register_demo_step("credentials", order=60, run=_seed_demo)


def _administers(request: object) -> bool:
    from zukunftszentrum.core.access import request_capabilities

    capabilities = request_capabilities(request)  # type: ignore[arg-type]
    return bool({Capability.MANAGE_CENTRE, Capability.MANAGE_NETWORK} & capabilities)


def _has_claimable(member: Any) -> bool:
    if not has_capability(member.role, Capability.LEARN):
        return False
    from . import queries  # models load after the app registry is ready

    return queries.claimable_for(member).exists()


def _claimable(member: Any) -> dict[str, Any]:
    from . import queries

    return {"claimable_credentials": list(queries.claimable_for(member)[:5])}


def _seed_demo(*, site_url: str = "") -> str:
    from .demo import seed_demo_credentials  # reads the demo network's tables when it runs

    return seed_demo_credentials(site_url=site_url)
