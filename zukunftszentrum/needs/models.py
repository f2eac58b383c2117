"""Population tables: the weighting targets of the regional needs analysis.

A table holds establishments per Land x WZ section (one `PopulationCell` each) and the national
size-class shares with their source. Exactly one table is active; every estimate records which
table it used (a foreign key to `PopulationTable`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PopulationTable(models.Model):
    name = models.CharField(_("Bezeichnung"), max_length=200)
    source = models.CharField(_("Quelle"), max_length=300)
    year = models.PositiveSmallIntegerField(_("Berichtsjahr"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hochgeladen von"),
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), default=timezone.now)
    is_default = models.BooleanField(_("mitgelieferte Tabelle"), default=False)
    is_active = models.BooleanField(_("aktiv"), default=False)
    # {"source": "...", "shares": {"micro": 0.849, "small": 0.117, "medium": 0.027, "large": 0.008}}
    size_shares = models.JSONField(_("Anteile der Größenklassen"), default=dict)

    class Meta:
        ordering = ["-is_active", "-year", "-uploaded_at"]
        verbose_name = _("Grundgesamtheit")
        verbose_name_plural = _("Grundgesamtheiten")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="population_one_active"
            ),
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="population_one_default"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class PopulationCell(models.Model):
    table = models.ForeignKey(
        PopulationTable, on_delete=models.CASCADE, related_name="cells", verbose_name=_("Tabelle")
    )
    land = models.CharField(_("Land"), max_length=2)
    wz_section = models.CharField(_("WZ-Abschnitt"), max_length=1)
    establishments = models.PositiveIntegerField(_("Betriebe"))

    class Meta:
        ordering = ["table", "land", "wz_section"]
        verbose_name = _("Zelle der Grundgesamtheit")
        verbose_name_plural = _("Zellen der Grundgesamtheit")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "land", "wz_section"], name="population_cell_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.land}/{self.wz_section}: {self.establishments}"
