"""Job profiles in a company: who has which profile, the company's own target levels, and a
person's own goals. The profiles themselves are content (content/learning/job_profiles.yaml);
these tables store only ids of it, so a new content version needs no migration."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.disclosure import draw_record_key


class JobProfileAssignment(models.Model):
    """The lead assigned a job profile to a person in the organisation (one per person)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="job_profile_assignments",
        verbose_name=_("Organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="job_profile_assignments",
        verbose_name=_("Person"),
    )
    profile = models.CharField(_("Berufsprofil"), max_length=40)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("zugeordnet am"), default=timezone.now)
    # The cell key method's random key (core.disclosure) for the company's aggregates over the
    # profile: drawn once, never shown or exported.
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)

    class Meta:
        verbose_name = _("Zuordnung eines Berufsprofils")
        verbose_name_plural = _("Zuordnungen von Berufsprofilen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="learning_one_profile_per_person"
            )
        ]

    def __str__(self) -> str:
        return self.profile


class TargetAdjustment(models.Model):
    """The company's own target level for one competence of one profile (0: no target)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="target_adjustments",
        verbose_name=_("Organisation"),
    )
    profile = models.CharField(_("Berufsprofil"), max_length=40)
    competence = models.CharField(_("Kompetenz"), max_length=40)
    level = models.PositiveSmallIntegerField(_("Zielstufe"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("geändert am"), default=timezone.now)

    class Meta:
        verbose_name = _("Angepasstes Ziel")
        verbose_name_plural = _("Angepasste Ziele")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "profile", "competence"],
                name="learning_one_adjustment_per_target",
            ),
            models.CheckConstraint(
                condition=Q(level__lte=4), name="learning_adjustment_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile}: {self.competence} {self.level}"


class OwnGoal(models.Model):
    """A goal the person set themselves: a competence and the level they want to reach."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learning_goals",
        verbose_name=_("Person"),
    )
    competence = models.CharField(_("Kompetenz"), max_length=40)
    level = models.PositiveSmallIntegerField(_("Zielstufe"))
    note = models.CharField(_("Notiz"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Eigenes Ziel")
        verbose_name_plural = _("Eigene Ziele")
        constraints = [
            models.UniqueConstraint(fields=["user", "competence"], name="learning_one_goal_each"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="learning_goal_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence} {self.level}"
