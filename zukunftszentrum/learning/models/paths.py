"""Learning paths: a person's planning settings, their stored plans (the history), team plans.

A plan is stored once when it is made and read on every page view; planning again writes a new
plan and marks the old one superseded, so the history shows how the path changed and why.
Steps and open gaps are stored as the planner returned them (module and offer ids, codes and
levels), never as text: the page words them in the reader's language.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.disclosure import draw_record_key
from zukunftszentrum.organisations.models import Organisation


class PathSettings(models.Model):
    """What the person told the planner: the window, hours per month, online and travel, and the
    modules they fixed or ruled out (module ids)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_path_settings"
    )
    start = models.DateField(_("von"))
    end = models.DateField(_("bis"))
    monthly_hours = models.DecimalField(_("Stunden pro Monat"), max_digits=4, decimal_places=1)
    online = models.BooleanField(_("online lernen"), default=True)
    travels = models.BooleanField(_("Anreise im Land"), default=True)
    locked = models.JSONField(_("festgelegte Module"), default=list, blank=True)
    excluded = models.JSONField(_("ausgeschlossene Module"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Einstellungen des Lernwegs")
        verbose_name_plural = _("Einstellungen der Lernwege")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="path_window"),
            models.CheckConstraint(condition=Q(monthly_hours__gt=0), name="path_monthly_hours"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.start} – {self.end}"


class PlanStatus(models.TextChoices):
    OPTIMAL = "optimal", _("alle Lücken geschlossen")
    PARTIAL = "partial", _("einige Lücken bleiben offen")
    INFEASIBLE = "infeasible", _("nicht planbar")
    TIME_LIMIT = "time_limit", _("bester Plan in der Rechenzeit")
    HEURISTIC = "heuristic", _("Näherung")


class LearningPlan(models.Model):
    """One plan of one person: the inputs it was made from, its steps and open gaps."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_plans"
    )
    # The company whose targets counted (None: the person's own goals only).
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("Status"), max_length=12, choices=PlanStatus.choices)
    inputs = models.JSONField(_("Grundlagen"), default=dict)
    steps = models.JSONField(_("Schritte"), default=list)
    open_gaps = models.JSONField(_("offene Lücken"), default=list)
    gaps_total = models.PositiveSmallIntegerField(default=0)
    explanation = models.TextField(blank=True)
    # The person's key for disclosure control when open gaps are counted as unmet demand.
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Lernweg")
        verbose_name_plural = _("Lernwege")
        indexes = [models.Index(fields=["user", "superseded_by"], name="plan_user_current")]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d} ({self.status})"


class TeamPlanStatus(models.TextChoices):
    QUEUED = "queued", _("wartet")
    RUNNING = "running", _("wird berechnet")
    DONE = "done", _("fertig")
    FAILED = "failed", _("fehlgeschlagen")


class TeamPlan(models.Model):
    """A schedule for a group of a company: who attends which offer. It stores no levels, gaps
    or targets of anyone (those stay in the personal plans), only the schedule a lead may see."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="learning_team_plans"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    group_kind = models.CharField(max_length=20)  # job_profile | members (| ai_system later)
    group_key = models.CharField(max_length=60, blank=True)
    people = models.JSONField(default=list)  # user ids of the group
    status = models.CharField(
        max_length=10, choices=TeamPlanStatus.choices, default=TeamPlanStatus.QUEUED
    )
    progress = models.CharField(max_length=200, blank=True)
    schedule = models.JSONField(default=dict)  # offer id -> [user ids]
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("Teamplan")
        verbose_name_plural = _("Teampläne")

    def __str__(self) -> str:
        return f"{self.organisation} {self.requested_at:%Y-%m-%d} ({self.status})"
