"""What this app plugs into the shell (menu, overview cards, demo step, audit actions).
Called once from the app's `ready()`; see docs/architecture.md, "Extension points"."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core import audit_actions, demo_steps, navigation, overview_cards, tasks
from zukunftszentrum.organisations.roles import Capability, Role, has_capability

from .audit_actions import CatalogueAction, LearningAction, SharingAction
from .competence import extensions as competence_extensions


def register() -> None:
    audit_actions.register_actions(LearningAction, order=400)
    competence_extensions.register()
    _register_catalogue()
    _register_paths()
    # --- Sharing completions with the organisation (learning/sharing/completions.py) ---
    from .sharing import personal_data  # noqa: F401 - registers its section on import

    audit_actions.register_actions(SharingAction, order=405)


def _register_paths() -> None:
    from .paths import personal_data  # noqa: F401 - registers its section on import

    navigation.register_menu_entry(
        "learning.paths",
        label=_("Mein Lernweg"),
        url_name="learning:paths",
        order=35,
        area="learning",
        capability=Capability.LEARN,
        current=(
            "learning:paths",
            "learning:path_old",
            "learning:team",
            "learning:team_of",
            "learning:team_plan",
        ),
    )
    # Plans come after every step that writes evidence or targets (units, the AI systems' users
    # and shared completions, credentials), so no later evidence closes a demo plan's gaps after
    # the fact; and before the concept designer, which reads the plans' open gaps.
    demo_steps.register_demo_step("learning_paths", order=65, run=_seed_demo_paths)
    tasks.register_recovery("learning.team_plans", _requeue_team_plans)


def _requeue_team_plans() -> int:
    from .paths.team import requeue_lost  # models load after ready()

    return requeue_lost()


def _seed_demo_paths(*, site_url: str = "") -> str:
    from .paths.demo import seed_paths  # the demo code loads only when someone seeds

    return seed_paths()


def _register_catalogue() -> None:
    from .catalogue import personal_data  # noqa: F401 - registers its section on import

    navigation.register_menu_entry(
        "learning.catalogue",
        label=_("Lernkatalog"),
        url_name="learning:catalogue",
        order=38,
        area="learning",
        signed_in=False,
        current=(
            "learning:catalogue",
            "learning:module",
            "learning:offer",
            "learning:my_registrations",
        ),
    )
    overview_cards.register_card(
        "learning.registrations",
        template="learning/catalogue/overview_cards.html#registrations",
        order=37,
        shows=lambda member: has_capability(member.role, Capability.LEARN),
        context=_learner_card,
    )
    overview_cards.register_card(
        "learning.courses",
        template="learning/catalogue/overview_cards.html#courses",
        order=37,
        shows=lambda member: member.role == Role.TRAINER,
        context=_trainer_card,
    )
    audit_actions.register_actions(CatalogueAction, order=410)
    demo_steps.register_demo_step("learning_catalogue", order=44, run=_seed_demo_catalogue)
    tasks.register_recovery("learning.reminders", _queue_due_reminders)


def _learner_card(member: Any) -> dict[str, Any]:
    from .catalogue.pages import learner_card  # pages read models; load when a card is drawn

    return learner_card(member)


def _trainer_card(member: Any) -> dict[str, Any]:
    from .catalogue.pages import trainer_card

    return trainer_card(member)


def _queue_due_reminders() -> int:
    from .catalogue.tasks import queue_due_reminders  # models load after ready()

    return queue_due_reminders()


def _seed_demo_catalogue(*, site_url: str = "") -> str:
    from .catalogue.demo import seed_catalogue  # the demo code loads only when someone seeds

    return seed_catalogue()
