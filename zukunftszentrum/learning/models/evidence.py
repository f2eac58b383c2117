"""The evidence log: what shows a person's level in a competence. Append-only.

An entry is never changed or deleted by the product: the queryset refuses `update()` and
`delete()`, an entry refuses a second `save()` and `delete()`. A mistake is corrected by a new entry
that names the one it corrects (`corrects`); the level rules then ignore the corrected one. Only
erasure of the person's data ("Meine Daten") removes entries, through `erase_for`.
Every entry keeps the framework version it was recorded under.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Someone tried to change or delete an evidence entry."""


class EvidenceKind(models.TextChoices):
    SELF_RATING = "self_rating", _("Selbsteinschätzung")
    QUIZ = "quiz", _("Quiz")
    UNIT_PASSED = "unit_passed", _("Lerneinheit bestanden")
    ATTENDED = "attended", _("Teilnahme bestätigt")
    TRAINER_ASSESSMENT = "trainer_assessment", _("Einschätzung der Lehrkraft")
    CERTIFICATE = "certificate", _("Zertifikat")


class EvidenceQuerySet(models.QuerySet["Evidence"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("evidence entries are never changed; add a correction instead")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("evidence entries are never deleted; add a correction instead")

    def erase_for(self, user: Any) -> None:
        """The one way entries go: the person's own erasure request."""
        models.QuerySet.delete(self.model._base_manager.filter(user=user))


def certificate_path(instance: Evidence, filename: str) -> str:
    # A random name: the person's file name may contain their name.
    return f"learning/certificates/{uuid.uuid4().hex}.pdf"


class Evidence(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learning_evidence",
        verbose_name=_("Person"),
    )
    competence = models.CharField(_("Kompetenz"), max_length=40)
    kind = models.CharField(_("Art"), max_length=20, choices=EvidenceKind.choices)
    level = models.PositiveSmallIntegerField(_("Stufe"))
    framework_version = models.CharField(_("Version des Kompetenzrahmens"), max_length=20)
    recorded_at = models.DateTimeField(_("erfasst am"), default=timezone.now)
    # Where the entry comes from (e.g. "response:<id>", "offer:<id>"); with the person, the
    # competence and the kind it makes a repeated signal write nothing twice.
    source = models.CharField(_("Quelle"), max_length=120, blank=True)
    note = models.CharField(_("Notiz"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("erfasst von"),
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,  # only erasure deletes, and it takes all of a person's entries
        related_name="corrections",
        verbose_name=_("berichtigt"),
    )
    certificate = models.FileField(_("Zertifikat"), upload_to=certificate_path, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("Nachweis")
        verbose_name_plural = _("Nachweise")
        indexes = [models.Index(fields=["user", "competence"])]
        constraints = [
            models.CheckConstraint(condition=Q(level__lte=4), name="learning_evidence_level_range"),
            models.UniqueConstraint(
                fields=["user", "competence", "kind", "source"],
                condition=~Q(source=""),
                name="learning_evidence_once_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence} {self.kind} {self.level}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("evidence entries are never changed; add a correction instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("evidence entries are never deleted; add a correction instead")
