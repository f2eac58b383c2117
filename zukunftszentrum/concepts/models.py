"""The concept designer's tables: a centre's resources and places, and its scenarios with the
proposed items. No personal data beyond who created a scenario (kept in the audit log too).

A scenario keeps a snapshot of the resources it was planned with (`resources`), so changing the
centre's resources later does not change a saved scenario; the result of the last solve is
stored as keys and numbers (`result`), worded when shown, in the reader's language.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.organisations.models import Centre, Land

WEIGHT = [MinValueValidator(0), MaxValueValidator(10)]


class Resources(models.Model):
    """What a centre can spend on a planning period, and the weights of its policy."""

    centre = models.OneToOneField(
        Centre, on_delete=models.CASCADE, related_name="concept_resources"
    )
    trainer_days = models.JSONField(_("Trainertage pro Monat und Bereich"), default=dict)
    budget_eur = models.PositiveIntegerField(_("Budget für den Zeitraum (Euro)"), default=40000)
    day_rate_eur = models.PositiveIntegerField(_("Kosten eines Trainertags (Euro)"), default=600)
    venue_eur = models.PositiveIntegerField(_("Raumkosten je Präsenztermin (Euro)"), default=250)
    sessions_per_place_month = models.PositiveSmallIntegerField(
        _("Termine je Ort und Monat"), default=4
    )
    online_sessions_per_month = models.PositiveSmallIntegerField(
        _("Online-Termine je Monat"), default=6
    )
    min_participants = models.PositiveSmallIntegerField(_("Mindestzahl Teilnehmende"), default=6)
    max_participants = models.PositiveSmallIntegerField(_("Höchstzahl Teilnehmende"), default=16)
    min_share_per_land = models.PositiveSmallIntegerField(
        _("Mindestanteil je Land (%)"), default=10, validators=[MaxValueValidator(50)]
    )
    travel_half_km = models.PositiveSmallIntegerField(
        _("Entfernung, ab der nur noch die Hälfte kommt (km)"), default=60
    )
    weight_micro = models.FloatField(_("Gewicht Kleinstbetriebe"), default=1.5, validators=WEIGHT)
    weight_thin = models.FloatField(
        _("Gewicht dünn besetzter Regionen"), default=1.2, validators=WEIGHT
    )
    weight_industries = models.JSONField(_("Gewichte nach Wirtschaftszweig"), default=dict)
    weight_unmet = models.FloatField(
        _("Gewicht von Wartelisten und Lücken"), default=1.0, validators=WEIGHT
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Ressourcen eines Zentrums")
        verbose_name_plural = _("Ressourcen der Zentren")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_participants__gte=models.F("min_participants")),
                name="concept_resources_participants",
            ),
        ]

    def __str__(self) -> str:
        return str(self.centre)


class Place(models.Model):
    """A place where the centre can hold in-person sessions."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="concept_places")
    name = models.CharField(_("Bezeichnung"), max_length=120)
    land = models.ForeignKey(Land, on_delete=models.PROTECT, related_name="+")
    kreis_ags = models.CharField(_("Kreis (AGS)"), max_length=5, blank=True)
    kreis_name = models.CharField(_("Kreis"), max_length=80, blank=True)
    lat = models.FloatField(_("Breitengrad"), null=True, blank=True)
    lon = models.FloatField(_("Längengrad"), null=True, blank=True)

    class Meta:
        ordering = ["land_id", "name"]
        verbose_name = _("Veranstaltungsort")
        verbose_name_plural = _("Veranstaltungsorte")
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="concept_place_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ScenarioStatus(models.TextChoices):
    DRAFT = "draft", _("noch nicht berechnet")
    QUEUED = "queued", _("wartet auf Berechnung")
    RUNNING = "running", _("wird berechnet")
    DONE = "done", _("berechnet")
    INFEASIBLE = "infeasible", _("nicht planbar")
    FAILED = "failed", _("fehlgeschlagen")


PENDING = (ScenarioStatus.QUEUED, ScenarioStatus.RUNNING)


class Scenario(models.Model):
    """One proposal for a planning period. `version` counts saves: a form sends the version
    it was drawn from, so a save from an older tab is noticed (and still kept, as the later)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="concept_scenarios")
    name = models.CharField(_("Name"), max_length=120)
    first_month = models.CharField(_("erster Monat"), max_length=7)  # "2027-01"
    months = models.PositiveSmallIntegerField(_("Monate"), default=6)
    resources = models.JSONField(_("Ressourcen des Szenarios"), default=dict)
    status = models.CharField(
        _("Status"), max_length=12, choices=ScenarioStatus.choices, default=ScenarioStatus.DRAFT
    )
    stage = models.CharField(_("Schritt"), max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    requested_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Szenario")
        verbose_name_plural = _("Szenarien")
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="concept_scenario_name"),
            models.CheckConstraint(
                condition=Q(months__gte=1) & Q(months__lte=12), name="concept_scenario_months"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ScenarioItem(models.Model):
    """One proposed line: a module in a format, at a place, in a month, with a number of
    sessions. The centre locks (`fixed`), removes or adds items; a re-solve keeps those."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="items")
    option = models.CharField(max_length=40)  # "m<module id>"
    module_id = models.PositiveIntegerField()  # a catalogue module of the centre
    title = models.CharField(_("Modul"), max_length=200)
    format = models.CharField(_("Format"), max_length=20)
    place = models.CharField(max_length=40)  # "p<place id>" or "online"
    place_label = models.CharField(_("Ort"), max_length=120)
    land = models.CharField(_("Land"), max_length=2, blank=True)
    month = models.CharField(_("Monat"), max_length=7)
    sessions = models.PositiveSmallIntegerField(_("Termine"), default=1)
    participants = models.FloatField(default=0)
    covered = models.FloatField(default=0)
    fixed = models.BooleanField(_("festgelegt"), default=False)
    removed = models.BooleanField(_("entfernt"), default=False)
    added = models.BooleanField(_("von Hand ergänzt"), default=False)
    reasons = models.JSONField(default=dict, blank=True)
    robustness = models.CharField(max_length=10, blank=True)
    offer_ids = models.JSONField(default=list, blank=True)  # draft offers made on publishing

    class Meta:
        ordering = ["month", "land", "title", "pk"]
        verbose_name = _("Position eines Szenarios")
        verbose_name_plural = _("Positionen eines Szenarios")
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "option", "place", "month"], name="concept_item_once"
            ),
            models.CheckConstraint(condition=Q(sessions__gte=1), name="concept_item_sessions"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.place_label} {self.month}"
