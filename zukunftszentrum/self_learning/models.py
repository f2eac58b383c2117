"""Progress through a unit and attempts at its knowledge check.

Progress belongs either to a person or, without an account, to a private link whose hash alone
is stored (core.tokens); claiming the link moves it to the person. Attempts hang off the
progress, so they always move with it. Both keep the unit version they were made under; an
attempt also keeps the questions as drawn (a snapshot), so it stays scorable and reviewable
when the unit changes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.disclosure import draw_record_key


class UnitProgress(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="unit_progress",
        verbose_name=_("Person"),
    )
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    unit_id = models.CharField(_("Lerneinheit"), max_length=80)
    unit_version = models.CharField(_("Version"), max_length=20)
    section = models.PositiveSmallIntegerField(_("aktueller Abschnitt"), default=1)
    started_at = models.DateTimeField(_("begonnen am"), default=timezone.now)
    updated_at = models.DateTimeField(_("zuletzt gelesen"), default=timezone.now)
    read_at = models.DateTimeField(_("alle Abschnitte gelesen am"), null=True, blank=True)
    passed_at = models.DateTimeField(_("bestanden am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Fortschritt in einer Lerneinheit")
        verbose_name_plural = _("Fortschritte in Lerneinheiten")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit_id"],
                condition=Q(user__isnull=False),
                name="self_learning_progress_once_per_person",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(token_hash__isnull=False),
                name="self_learning_progress_has_owner_or_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.unit_version}"


class Attempt(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    progress = models.ForeignKey(
        UnitProgress,
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("Fortschritt"),
    )
    unit_id = models.CharField(_("Lerneinheit"), max_length=80)
    unit_version = models.CharField(_("Version"), max_length=20)
    # The questions as drawn: texts, feedback and the order the options were shown in.
    questions = models.JSONField(_("gezogene Fragen"))
    answers = models.JSONField(_("Antworten"), default=dict, blank=True)
    pass_mark = models.FloatField(_("Bestehensgrenze"))
    points = models.PositiveSmallIntegerField(_("Punkte"), null=True, blank=True)
    passed = models.BooleanField(_("bestanden"), null=True, blank=True)
    started_at = models.DateTimeField(_("begonnen am"), default=timezone.now)
    submitted_at = models.DateTimeField(_("abgegeben am"), null=True, blank=True)
    # The cell key method's random key (core.disclosure) for the authors' question statistics.
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)

    class Meta:
        ordering = ["started_at"]
        verbose_name = _("Versuch")
        verbose_name_plural = _("Versuche")
        indexes = [models.Index(fields=["unit_id", "unit_version"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.started_at:%Y-%m-%d}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None
