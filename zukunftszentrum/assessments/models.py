"""Company check runs, answers to a check, and who took part in an anonymous one."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.disclosure import draw_record_key


class Perspective(models.TextChoices):
    """In which role someone answered: shown separately only for groups of the minimum size."""

    COMPANY_LEAD = "company_lead", _("Geschäftsführung")
    EMPLOYEE = "employee", _("Beschäftigte")
    WORKS_COUNCIL = "works_council", _("Betriebsrat")
    ADVISOR = "advisor", _("Beratung (gemeinsam mit dem Unternehmen)")
    SOLO = "solo", _("Solo-Selbstständige")
    INDIVIDUAL = "individual", _("Einzelperson")
    ANONYMOUS = "anonymous", _("anonym")


class Assessment(models.Model):
    """A company check run: opened by the company's lead, answered by several of its people."""

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        CLOSED = "closed", _("abgeschlossen")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("Organisation"),
    )
    instrument_key = models.CharField(_("Check"), max_length=40)
    version = models.CharField(_("Version"), max_length=20)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("eröffnet am"), default=timezone.now)
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("Unternehmens-Check")
        verbose_name_plural = _("Unternehmens-Checks")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "instrument_key"],
                condition=Q(status="open"),
                name="assessment_one_open_per_instrument",
            ),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(closed_at__isnull=True))
                | (Q(status="closed") & Q(closed_at__isnull=False)),
                name="assessment_closed_at_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_key} {self.version} – {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Response(models.Model):
    """One person's answers to one check, kept with the version it was answered in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("Unternehmens-Check"),
    )
    instrument_key = models.CharField(_("Check"), max_length=40)
    version = models.CharField(_("Version"), max_length=20)
    # NULL for anonymous answers and for people without an account (they hold the token).
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessment_responses",
        verbose_name=_("Person"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessment_responses",
        verbose_name=_("Organisation"),
    )
    perspective = models.CharField(
        _("Perspektive"), max_length=20, choices=Perspective.choices, blank=True
    )
    answers = models.JSONField(_("Antworten"), default=dict, blank=True)
    current_page = models.PositiveSmallIntegerField(_("aktuelle Seite"), default=0)
    started_at = models.DateTimeField(_("begonnen am"), default=timezone.now)
    # Set by the actions: an anonymous response keeps only the day (see actions.stamp).
    updated_at = models.DateTimeField(_("zuletzt gespeichert"), default=timezone.now)
    submitted_at = models.DateTimeField(_("abgesendet am"), null=True, blank=True)
    resume_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    result = models.JSONField(_("Ergebnis"), null=True, blank=True)
    # The cell key method's random key (core.disclosure): drawn once, never shown or exported,
    # so nobody can tell which noise a set of responses gets.
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "respondent"],
                condition=Q(assessment__isnull=False, respondent__isnull=False),
                name="response_one_per_person_and_assessment",
            ),
            models.UniqueConstraint(
                fields=["respondent", "instrument_key"],
                condition=Q(
                    assessment__isnull=True, respondent__isnull=False, submitted_at__isnull=True
                ),
                name="response_one_draft_per_person_and_instrument",
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True, result__isnull=True)
                | Q(submitted_at__isnull=False, result__isnull=False),
                name="response_result_on_submit",
            ),
            models.CheckConstraint(
                condition=Q(respondent__isnull=False) | Q(resume_token_hash__isnull=False),
                name="response_has_owner_or_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_key} {self.version} ({self.pk})"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_anonymous(self) -> bool:
        """Answers to an anonymous check: never tied to a person, only to the private link."""
        return self.perspective == Perspective.ANONYMOUS


class Participation(models.Model):
    """THAT a person answered an anonymous check, never WHICH answers: no link to the response.
    Only the day is kept, so the time cannot be matched with a response's timestamps."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_participations"
    )
    created_on = models.DateField(_("am"), default=timezone.localdate)

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "user"], name="participation_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.assessment}"


class ResultRelease(models.Model):
    """A published state of a company check run's combined result (core.disclosure releases).

    Made when at least the minimum number of new responses came in since the last release, or
    once when the run closes. Pages and the PDF show the latest release's stored figures and
    never recompute them, so reloading before and after one more answer shows the same page.
    `figures` holds only published (perturbed, rounded) values, plus the true group sizes that
    the view-time check of a viewer's own share needs (never displayed)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="releases", verbose_name=_("Check")
    )
    number = models.PositiveIntegerField(_("Nummer"))
    released_on = models.DateField(_("freigegeben am"))
    response_ids = models.JSONField(default=list, editable=False)
    response_count = models.PositiveIntegerField(default=0, editable=False)
    figures = models.JSONField(default=dict, editable=False)
    # The free texts of this release's batch: [{"item": id, "texts": [...]}], in batch order.
    free_texts = models.JSONField(default=list, editable=False)
    texts_withheld = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["assessment", "-number"]
        verbose_name = _("Freigabe")
        verbose_name_plural = _("Freigaben")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="result_release_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} #{self.number}"


class PeerSnapshot(models.Model):
    """Published peer figures of one comparison group without one organisation (the viewer's:
    peers never include it), taken when first needed and then only when `snapshot_due` says
    so; never recomputed on a page view (see peers.py)."""

    instrument_key = models.CharField(max_length=40)
    version = models.CharField(max_length=20)
    grouping = models.CharField(max_length=200)  # e.g. "org:wz_section=C,size_class=small"
    excluded = models.CharField(max_length=80, blank=True)  # pk of the organisation left out
    figures = models.JSONField(default=dict, editable=False)  # {} = group below the minimum
    contributors = models.PositiveIntegerField(default=0, editable=False)
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Vergleichsgruppe")
        verbose_name_plural = _("Vergleichsgruppen")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument_key", "version", "grouping", "excluded"],
                name="peer_snapshot_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument_key} {self.version} {self.grouping} -{self.excluded}"
