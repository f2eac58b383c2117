"""New or changed inputs make the estimates stale; the dashboard then asks for a new run."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_save, pre_save

from zukunftszentrum.assessments.signals import response_submitted
from zukunftszentrum.organisations.models import Centre, Organisation

from .queries import COMPETENCE_KEY, NEEDS_KEY, READINESS_KEY, windows_of
from .runs import mark_stale

INPUT_KEYS = frozenset({NEEDS_KEY, READINESS_KEY, COMPETENCE_KEY})


def answer_arrived(sender: Any, instrument_key: str, submitted_at: Any, **kwargs: Any) -> None:
    if instrument_key in INPUT_KEYS:
        mark_stale(windows_of(submitted_at))


WEIGHTING_FIELDS = ("land_id", "wz_section", "headcount")


def organisation_saving(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    """Remember the stored Land, industry and headcount, to see after saving if they changed."""
    if instance.pk is not None:
        stored = Organisation.objects.filter(pk=instance.pk).values_list(*WEIGHTING_FIELDS)
        instance._needs_before = stored.first()  # type: ignore[attr-defined]


def organisation_saved(sender: Any, instance: Organisation, created: bool, **kwargs: Any) -> None:
    """A changed Land, industry or size counts the organisation elsewhere in every window."""
    before = getattr(instance, "_needs_before", None)
    if not created and before != tuple(getattr(instance, f) for f in WEIGHTING_FIELDS):
        mark_stale()


def centre_lands_changed(sender: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        mark_stale()  # the coverage areas are domains of every run


def connect() -> None:
    response_submitted.connect(answer_arrived, dispatch_uid="needs-response")
    pre_save.connect(organisation_saving, sender=Organisation, dispatch_uid="needs-organisation-1")
    post_save.connect(organisation_saved, sender=Organisation, dispatch_uid="needs-organisation")
    m2m_changed.connect(
        centre_lands_changed, sender=Centre.lands.through, dispatch_uid="needs-centre-lands"
    )
