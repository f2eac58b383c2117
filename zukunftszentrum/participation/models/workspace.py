"""A participation project: one company introducing AI together with its people.

Who takes part: the company's lead always; its employees and works council members either all
(`all_employees`) or as listed; an advisor of an accompanying centre when listed. A listed
member may carry the facilitator flag (moderation, moving phases).
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.organisations.models import Membership, Organisation

from ..phases import ProjectRole

PROJECT_ROLE_CHOICES = [
    (ProjectRole.LEAD.value, _("Leitung")),
    (ProjectRole.EMPLOYEE.value, _("Beschäftigte")),
    (ProjectRole.WORKS_COUNCIL.value, _("Betriebsrat")),
    (ProjectRole.ADVISOR.value, _("Begleitung")),
]


def new_project_secret() -> str:
    return secrets.token_hex(32)


class Project(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="participation_projects",
        verbose_name=_("Organisation"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    plan = models.TextField(_("Was geplant ist"), blank=True)
    # The system of the AI inventory being introduced, by key only: the inventory is a sibling
    # app, and a project outlives a system deleted from it.
    ai_system_id = models.PositiveBigIntegerField(_("KI-System (Inventar)"), null=True, blank=True)
    current_phase = models.CharField(_("Aktuelle Phase"), max_length=40)
    all_employees = models.BooleanField(
        _("Alle Beschäftigten und der Betriebsrat nehmen teil"), default=True
    )
    # Keys the hashes of votes (with SECRET_KEY): one vote per person per item, without storing
    # who voted. Never shown; a database copy alone cannot recompute the hashes.
    vote_secret = models.CharField(max_length=64, default=new_project_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Beteiligungsprojekt")
        verbose_name_plural = _("Beteiligungsprojekte")

    def __str__(self) -> str:
        return self.title


class ProjectPhase(models.Model):
    """The dates of one phase (content/participation/phases.yaml) in one project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    key = models.CharField(max_length=40)
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    ends_on = models.DateField(_("Ende"), null=True, blank=True)

    class Meta:
        verbose_name = _("Phase")
        verbose_name_plural = _("Phasen")
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="participation_phase_once"),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(starts_on__lte=models.F("ends_on")),
                name="participation_phase_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class ProjectMember(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="participation_roles"
    )
    role = models.CharField(_("Rolle im Projekt"), max_length=20, choices=PROJECT_ROLE_CHOICES)
    is_facilitator = models.BooleanField(_("Moderation"), default=False)

    class Meta:
        verbose_name = _("Projektmitglied")
        verbose_name_plural = _("Projektmitglieder")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "membership"], name="participation_member_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership} ({self.role})"


def document_path(instance: ProjectDocument, filename: str) -> str:
    # A random folder: file names are guessable, uploads must not be.
    return f"participation/{instance.project_id}/{secrets.token_hex(8)}/{filename}"


class ProjectDocument(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=document_path, max_length=300)
    uploaded_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_on = models.DateField(_("hochgeladen am"), auto_now_add=True)
    # The upload form's one-time key: the same form sent twice (the answer to the first was
    # lost) stores one document. None for documents stored without a form.
    upload_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-uploaded_on", "title"]
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "upload_key"], name="participation_document_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title
