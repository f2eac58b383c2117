"""What this app plugs into the shell: its units (loaded and validated once), the menu, the
card on "Meine Übersicht", the demo step and the audit actions. Called from the app's ready();
see docs/architecture.md, "Extension points"."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.assessments.engine.yamlsource import ContentError
from zukunftszentrum.core import audit_actions, demo_steps, navigation, overview_cards
from zukunftszentrum.organisations.roles import Capability, has_capability

from . import content
from .audit_actions import SelfLearningAction


def register() -> None:
    try:
        content.load()
    except ContentError as exc:
        raise ImproperlyConfigured(f"Broken self-learning unit: {exc}") from exc
    from . import personal_data  # noqa: F401 - registers itself

    audit_actions.register_actions(SelfLearningAction, order=410)
    navigation.register_menu_entry(
        "self_learning.units",
        label=_("Lerneinheiten"),
        url_name="self_learning:list",
        order=37,
        area="learning",
        signed_in=False,
        current=("self_learning:list", "self_learning:unit", "self_learning:section"),
    )
    navigation.register_menu_entry(
        "self_learning.statistics",
        label=_("Fragenstatistik"),
        url_name="self_learning:statistics",
        order=41,
        area="learning",
        shows=_author_request,
        current=("self_learning:statistics", "self_learning:unit_statistics"),
    )
    overview_cards.register_card(
        "self_learning.next_unit",
        template="self_learning/overview_cards.html#next",
        order=34,
        shows=_learns,
        context=_next_unit,
    )
    demo_steps.register_demo_step("units", order=46, run=_seed_demo)


def _learns(member: Any) -> bool:
    return member is not None and has_capability(member.role, Capability.LEARN)


def _author_request(request: Any) -> bool:
    held: frozenset[str] = getattr(request, "capabilities", frozenset())
    return Capability.MANAGE_CATALOGUE in held or Capability.MANAGE_NETWORK in held


def _next_unit(member: Any) -> dict[str, Any]:
    from .overview import next_unit

    return next_unit(member)


def _seed_demo(*, site_url: str = "") -> str:
    from .demo import seed_units

    return seed_units()
