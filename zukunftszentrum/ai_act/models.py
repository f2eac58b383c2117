"""This app's tables: the AI systems an organisation uses, their classifications (append-only),
the status of each obligation, and the information letters of Art. 26(7).

A stored classification is never changed: a new set of answers, a new tree version or a new
law version makes a new record, so what a company once read stays readable as it was.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.organisations.models import Organisation


class AISystem(models.Model):
    """One AI-based system in an organisation's inventory."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        PILOT = "pilot", _("Pilotbetrieb")
        IN_USE = "in_use", _("im Einsatz")
        RETIRED = "retired", _("außer Betrieb")

    class Hosting(models.TextChoices):
        EU = "eu", _("Cloud in der EU")
        NON_EU = "non_eu", _("Cloud außerhalb der EU")
        ON_PREMISES = "on_premises", _("im eigenen Haus")
        UNKNOWN = "unknown", _("unbekannt")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ai_systems"
    )
    name = models.CharField(_("Name"), max_length=120)
    vendor = models.CharField(_("Anbieter"), max_length=120, blank=True)
    product = models.CharField(_("Produkt"), max_length=120, blank=True)
    system_type = models.CharField(_("Art des Systems"), max_length=40)
    purpose = models.TextField(_("Zweck"), blank=True)
    department = models.CharField(_("Abteilung"), max_length=120, blank=True)
    # Job profile ids of the learning framework (content/learning/job_profiles.yaml).
    user_profiles = models.JSONField(_("Tätigkeitsprofile der Nutzenden"), default=list, blank=True)
    number_of_users = models.PositiveIntegerField(_("Zahl der Nutzenden"), null=True, blank=True)
    overseer_profiles = models.JSONField(
        _("Tätigkeitsprofile der Aufsicht"), default=list, blank=True
    )
    personal_data = models.BooleanField(_("verarbeitet personenbezogene Daten"), default=False)
    employee_data = models.BooleanField(_("verarbeitet Daten von Beschäftigten"), default=False)
    hosting = models.CharField(
        _("Betrieb"), max_length=12, choices=Hosting.choices, default=Hosting.UNKNOWN
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    planned_from = models.DateField(_("geplant ab"), null=True, blank=True)
    in_use_since = models.DateField(_("im Einsatz seit"), null=True, blank=True)
    retired_on = models.DateField(_("außer Betrieb seit"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("KI-System")
        verbose_name_plural = _("KI-Systeme")
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="retired") | models.Q(retired_on__isnull=False),
                name="ai_system_retired_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Classification(models.Model):
    """One stored result: the answers, the facts they set, and what the engine derived, under
    the tree and law version named. Append-only; the newest record is the system's result."""

    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="classifications")
    tree_version = models.CharField(_("Version des Fragebaums"), max_length=20)
    law_version = models.CharField(_("Rechtsstand"), max_length=20)
    answers = models.JSONField(_("Antworten"), default=dict)
    facts = models.JSONField(_("abgeleitete Merkmale"), default=dict)
    risk = models.CharField(_("Einstufung"), max_length=20)
    # Obligations with their dates per law version, as the engine gave them when stored.
    result = models.JSONField(_("Ergebnis"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gespeichert am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Einstufung")
        verbose_name_plural = _("Einstufungen")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.system} – {self.risk} ({self.tree_version}, {self.law_version})"


class ClassificationDraft(models.Model):
    """Answers given so far, kept on the server so that nothing is lost between screens."""

    system = models.OneToOneField(
        AISystem, on_delete=models.CASCADE, related_name="classification_draft"
    )
    tree_version = models.CharField(max_length=20)
    answers = models.JSONField(default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Entwurf einer Einstufung")
        verbose_name_plural = _("Entwürfe von Einstufungen")

    def __str__(self) -> str:
        return f"{self.system} ({self.tree_version})"


class ObligationStatus(models.Model):
    """How far the organisation is with one obligation of one system under one law version."""

    class State(models.TextChoices):
        OPEN = "open", _("offen")
        IN_PROGRESS = "in_progress", _("in Arbeit")
        DONE = "done", _("erledigt")

    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="duty_statuses")
    obligation_id = models.CharField(_("Pflicht"), max_length=30)
    law_version = models.CharField(_("Rechtsstand"), max_length=20)
    state = models.CharField(_("Stand"), max_length=12, choices=State.choices, default=State.OPEN)
    evidence = models.TextField(_("Nachweis"), blank=True)
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Stand einer Pflicht")
        verbose_name_plural = _("Stand der Pflichten")
        constraints = [
            models.UniqueConstraint(
                fields=("system", "obligation_id", "law_version"), name="one_status_per_duty"
            ),
            # "Done" needs its evidence and date; the form asks for both.
            models.CheckConstraint(
                condition=~models.Q(state="done")
                | (models.Q(done_on__isnull=False) & ~models.Q(evidence="")),
                name="done_duty_has_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system} {self.obligation_id} ({self.law_version}): {self.state}"


class InformationLetter(models.Model):
    """The information of the works council and the affected workers before a high-risk system
    is used at the workplace (Art. 26(7)): the draft and when it went out."""

    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="letters")
    law_version = models.CharField(_("Rechtsstand"), max_length=20)
    text = models.TextField(_("Text"))
    drafted_at = models.DateTimeField(_("entworfen am"), auto_now_add=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_to_works_council_on = models.DateField(
        _("an den Betriebsrat gegeben am"), null=True, blank=True
    )
    workers_informed_on = models.DateField(_("Beschäftigte informiert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Informationsschreiben")
        verbose_name_plural = _("Informationsschreiben")
        ordering = ("-drafted_at", "-pk")

    def __str__(self) -> str:
        return f"{self.system} ({self.drafted_at:%Y-%m-%d})"


class LawVersionStatus(models.Model):
    """A law version's status as the programme administration recorded it (e.g. the Digital
    Omnibus published in the Official Journal); it replaces the content file's default, and every
    stored result measured against it shows a re-check."""

    class Law(models.TextChoices):
        ADOPTED = "adopted", _("KI-Verordnung in der beschlossenen Fassung")
        OMNIBUS = "omnibus", _("KI-Verordnung in der Fassung des Digital-Omnibus")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("in Kraft")
        PENDING = "pending_publication", _("beschlossen, Veröffentlichung im Amtsblatt ausstehend")
        PUBLISHED = "published", _("im Amtsblatt veröffentlicht")

    law_version = models.CharField(
        _("Rechtsstand"), max_length=20, choices=Law.choices, unique=True
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    note = models.CharField(_("Fundstelle oder Anmerkung"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("vermerkt am"), auto_now=True)

    class Meta:
        verbose_name = _("Status eines Rechtsstands")
        verbose_name_plural = _("Status der Rechtsstände")

    def __str__(self) -> str:
        return f"{self.law_version}: {self.status}"


# The Art. 4 record's table lives in its own module; imported here so Django finds it.
from .literacy_models import LiteracyGuidance  # noqa: E402, F401
