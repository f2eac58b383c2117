"""The decision log: what was decided, when, by whom (a body or a role, not necessarily a
person), why, which ideas and concerns it answers, and who disagreed.

A published entry is final: `save()` refuses to change it, and a correction is a new entry
that `corrects` the old one (shown next to it). Drafts may be edited and deleted.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.organisations.models import Membership

from .ideas import Item
from .workshops import Workshop
from .workspace import Project


class PublishedEntryError(Exception):
    """A published decision was to be changed; corrections are appended instead."""


class Decision(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    decided_on = models.DateField(_("Datum der Entscheidung"))
    decided_by = models.CharField(
        _("Wer entschieden hat"),
        max_length=200,
        help_text=_("Ein Gremium oder eine Rolle, z. B. „Geschäftsführung und Betriebsrat“."),
    )
    title = models.CharField(_("Entscheidung"), max_length=200)
    text = models.TextField(_("Was gilt"))
    reasons = models.TextField(_("Begründung"))
    dissent = models.TextField(_("Abweichende Meinungen"), blank=True)
    answers = models.ManyToManyField(
        Item, blank=True, related_name="+", verbose_name=_("Beantwortet diese Beiträge")
    )
    workshop = models.ForeignKey(
        Workshop,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("Aus dem Workshop"),
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        # RESTRICT, not PROTECT: the original cannot go on its own, but deleting the project
        # (or the company) takes both.
        on_delete=models.RESTRICT,
        related_name="corrections",
        verbose_name=_("Korrigiert den Eintrag"),
    )
    recorded_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_on = models.DateField(_("veröffentlicht am"), null=True, blank=True)

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = _("Entscheidung")
        verbose_name_plural = _("Entscheidungen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(corrects=models.F("id")),
                name="participation_decision_not_self",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = Decision.objects.filter(pk=self.pk, published_on__isnull=False).exists()
            if stored:
                raise PublishedEntryError(self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_published:
            raise PublishedEntryError(self.pk)
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_on is not None
