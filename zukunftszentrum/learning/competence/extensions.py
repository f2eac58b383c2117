"""What the competence part of learning plugs in at start: its content (loaded and validated
once), the built-in target sources, the evidence log's listeners, "Meine Daten", the menu and
the demo step. Called from `extensions.register()`."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core import demo_steps, navigation, tasks
from zukunftszentrum.organisations.roles import Capability

from . import content as competence_content
from .framework import ContentError


def register() -> None:
    try:
        competence_content.load()
    except ContentError as exc:
        raise ImproperlyConfigured(f"Broken learning content: {exc}") from exc

    from zukunftszentrum.assessments.signals import response_submitted

    from ..signals import attendance_confirmed
    from . import personal_data  # noqa: F401 - registers itself
    from .evidence import on_attendance_confirmed, on_response_submitted
    from .targets import register_builtin_sources

    register_builtin_sources()
    tasks.register_recovery("learning.orphan_certificates", _remove_orphan_certificates)
    response_submitted.connect(on_response_submitted, dispatch_uid="learning-self-ratings")
    attendance_confirmed.connect(on_attendance_confirmed, dispatch_uid="learning-attended")
    navigation.register_menu_entry(
        "learning.competences",
        label=_("Meine Kompetenzen"),
        url_name="learning:competences",
        order=36,
        area="learning",
        capability=Capability.LEARN,
        current=("learning:competences",),
    )
    navigation.register_menu_entry(
        "learning.job_profiles",
        label=_("Berufsprofile"),
        url_name="learning:job_profiles",
        order=40,
        area="learning",
        capability=Capability.PLAN_TEAM_LEARNING,
        current=("learning:job_profiles", "learning:job_profiles_for"),
    )
    demo_steps.register_demo_step("competences", order=45, run=_seed_demo)


def _seed_demo(*, site_url: str = "") -> str:
    from .demo import seed_competences

    return seed_competences()


def _remove_orphan_certificates() -> int:
    """Certificate files whose upload was killed before its row was committed."""
    from django.core.files.storage import default_storage

    from zukunftszentrum.core.uploads import remove_orphans

    from ..models import Evidence

    names = Evidence.objects.exclude(certificate="").values_list("certificate", flat=True)
    return remove_orphans(default_storage, "learning/certificates", names)
