"""The work-impact assessment: per affected task or job profile, how the introduction changes
each dimension (participation.impact_scale), from three perspectives.

Management and works council each give one rating per dimension as a body (`BodyRating`, the
member who entered it is kept: a body's statement is not anonymous). Employees rate one by one
(`EmployeeImpactRating`); the row holds a keyed hash of (person, assessment) instead of the
person, so each can change their own rating and is marked as its author on their own page,
while nobody can tell from the table who rated what. Their ratings are shown only as published
means, and only once the facilitator has closed the employees' rating (no live figures).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.disclosure import draw_record_key
from zukunftszentrum.organisations.models import Membership

from ..impact_scale import DIMENSIONS
from .workspace import Project

DIMENSION_CHOICES = [
    ("tasks", _("Aufgaben")),
    ("workload", _("Arbeitsbelastung")),
    ("autonomy", _("Handlungsspielraum")),
    ("skills", _("Kompetenzen")),
    ("health", _("Gesundheit")),
    ("monitoring", _("Überwachungsmöglichkeiten")),
    ("data", _("Daten")),
]
assert tuple(k for k, _label in DIMENSION_CHOICES) == DIMENSIONS
RATING_CHOICES = [
    (-2, _("deutlich schlechter")),
    (-1, _("etwas schlechter")),
    (0, _("unverändert")),
    (1, _("etwas besser")),
    (2, _("deutlich besser")),
]


class ImpactAssessment(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="impact_assessments"
    )
    subject = models.CharField(_("Tätigkeit oder Berufsbild"), max_length=200)
    description = models.TextField(_("Was sich ändern soll"), blank=True)
    employees_closed_on = models.DateField(
        _("Bewertung der Beschäftigten abgeschlossen am"), null=True, blank=True
    )
    secret = models.CharField(max_length=64, editable=False)  # keys the raters' hashes

    class Meta:
        ordering = ["subject", "id"]
        verbose_name = _("Folgenabschätzung für die Arbeit")
        verbose_name_plural = _("Folgenabschätzungen für die Arbeit")

    def __str__(self) -> str:
        return self.subject


class BodyRating(models.Model):
    class Body(models.TextChoices):
        MANAGEMENT = "management", _("Geschäftsführung")
        WORKS_COUNCIL = "works_council", _("Betriebsrat")

    assessment = models.ForeignKey(
        ImpactAssessment, on_delete=models.CASCADE, related_name="body_ratings"
    )
    body = models.CharField(max_length=20, choices=Body.choices)
    dimension = models.CharField(max_length=20, choices=DIMENSION_CHOICES)
    rating = models.SmallIntegerField(choices=RATING_CHOICES)
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Bewertung eines Gremiums")
        verbose_name_plural = _("Bewertungen der Gremien")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "body", "dimension"], name="participation_body_rating_once"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=-2, rating__lte=2),
                name="participation_body_rating_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.dimension} {self.rating}"


class EmployeeImpactRating(models.Model):
    assessment = models.ForeignKey(
        ImpactAssessment, on_delete=models.CASCADE, related_name="employee_ratings"
    )
    rater = models.CharField(max_length=64)  # HMAC of (person, assessment), see queries
    dimension = models.CharField(max_length=20, choices=DIMENSION_CHOICES)
    rating = models.SmallIntegerField(choices=RATING_CHOICES)
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)

    class Meta:
        verbose_name = _("Bewertung einer oder eines Beschäftigten")
        verbose_name_plural = _("Bewertungen der Beschäftigten")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "rater", "dimension"],
                name="participation_employee_rating_once",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=-2, rating__lte=2),
                name="participation_employee_rating_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.rating}"
