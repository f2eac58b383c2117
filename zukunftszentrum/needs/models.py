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


class EstimateRun(models.Model):
    """One computation of all domain estimates for a time window, with the table it used.

    Runs are computed in the background (see `needs.runs`); pages read the current run of a
    window and never recompute. A run goes queued -> running -> done (or failed); when it is
    done it becomes the window's current run. New responses mark the current run stale.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("wird berechnet")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    window = models.CharField(_("Zeitraum"), max_length=10)  # "2026" or "2026-Q3"
    population = models.ForeignKey(
        PopulationTable,
        on_delete=models.PROTECT,
        related_name="runs",
        verbose_name=_("Grundgesamtheit"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("Fortschritt (%)"), default=0)
    stage = models.CharField(_("Schritt"), max_length=20, blank=True)
    requested_at = models.DateTimeField(_("angefordert am"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("angefordert von"),
    )
    started_at = models.DateTimeField(_("begonnen am"), null=True, blank=True)
    finished_at = models.DateTimeField(_("fertig am"), null=True, blank=True)
    is_current = models.BooleanField(_("aktuell"), default=False)
    stale = models.BooleanField(_("neue Antworten seit der Berechnung"), default=False)
    min_size = models.PositiveSmallIntegerField(_("Mindestgruppengröße"), default=5)
    n_companies = models.PositiveIntegerField(_("Unternehmen"), default=0)
    n_excluded = models.PositiveIntegerField(_("nicht zuordenbare Unternehmen"), default=0)
    # Raking diagnostics: iterations, converged, max_margin_error, trim_rounds, max_weight_ratio,
    # uncovered (Land x WZ cells with establishments but no respondents).
    diagnostics = models.JSONField(_("Kennzahlen der Gewichtung"), default=dict, blank=True)
    error = models.TextField(_("Fehler"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("Berechnung der Bedarfsanalyse")
        verbose_name_plural = _("Berechnungen der Bedarfsanalyse")
        constraints = [
            models.UniqueConstraint(
                fields=["window"], condition=Q(is_current=True), name="estimate_run_one_current"
            ),
            models.UniqueConstraint(
                fields=["window"],
                condition=Q(status__in=["queued", "running"]),
                name="estimate_run_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.window} #{self.pk} ({self.status})"


class DomainResult(models.Model):
    """The estimates of one domain in one run: weighted and raw, per outcome, as computed (for
    the method's checks) and as published (`published`, the only figures any channel shows).

    `weighted` and `raw` map an outcome key ("topic_data", "formats:coaching", ...) to
    [value, se, ci_low, ci_high, n, n_eff], or null where the item has too few answers. A
    suppressed domain (`suppressed` set) stores no weighted figures; `raw` is empty when fewer
    than the minimum companies answered at all (`n_raw`).
    """

    run = models.ForeignKey(EstimateRun, on_delete=models.CASCADE, related_name="domains")
    key = models.CharField(_("Domäne"), max_length=80)
    suppressed = models.CharField(_("ohne Schätzung, weil"), max_length=20, blank=True)
    n = models.PositiveIntegerField(_("Unternehmen"), null=True, blank=True)  # weighted
    n_raw = models.PositiveIntegerField(_("Unternehmen (ungewichtet)"), default=0)
    population = models.FloatField(_("geschätzte Betriebe"), null=True, blank=True)
    n_eff = models.FloatField(_("effektive Fallzahl"), null=True, blank=True)
    deff = models.FloatField(_("Designeffekt"), null=True, blank=True)
    thin = models.BooleanField(_("dünn besetzt"), default=False)
    weighted = models.JSONField(default=dict, blank=True)
    raw = models.JSONField(default=dict, blank=True)
    # What may be shown, made once by the run (`needs.publication`): {"weighted": {"n": count,
    # "figures": {outcome: [value, low, high, n] or null}}, "raw": {...}}, whole points or
    # percent, perturbed by the cell key method. Pages, PDF, downloads and API read only this.
    published = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["run", "key"]
        constraints = [
            models.UniqueConstraint(fields=["run", "key"], name="domain_result_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.key}"
