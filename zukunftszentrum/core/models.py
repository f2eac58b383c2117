"""Glue records without domain: the audit log, recorded consents and the operator's pages."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit_actions import action_label


class AuditEvent(models.Model):
    """A security-relevant event: login, role change, export, deletion, ..."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A code registered by the app that logs it (core/audit_actions.py), not a closed list here:
    # core knows no domain, and every app's events stay filterable.
    action = models.CharField(max_length=30)
    summary = models.CharField(max_length=300, blank=True)
    # Plain ids, not foreign keys: core knows no domain models, and the log outlives its subjects.
    centre_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def get_action_display(self) -> str:
        """The action's translated label, as its app registered it."""
        return str(action_label(self.action))


class ConsentRecord(models.Model):
    """A consent a person gave (or withdrew), with the version of the text they agreed to."""

    class Kind(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", _("Datenschutzhinweise zur Kenntnis genommen")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    version = models.CharField(max_length=20)
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}"


class OperatorPage(models.Model):
    """One version of a page the operator must publish (Impressum, accessibility statement,
    the operator's part of the privacy notice). Versions are never changed; a save adds one."""

    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Impressum")
        ACCESSIBILITY = "accessibility", _("Erklärung zur Barrierefreiheit")
        PRIVACY = "privacy", _("Datenschutzhinweise (Angaben des Betreibers)")

    kind = models.CharField(_("Seite"), max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField(_("Fassung"))
    content = models.JSONField(_("Angaben"), default=dict, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("angelegt von"),
    )

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("Pflichtseite des Betreibers")
        verbose_name_plural = _("Pflichtseiten des Betreibers")
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="operator_page_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {_('Fassung')} {self.version}"


# One entry per page in the administration, each with its own form.
class ImprintPage(OperatorPage):
    class Meta:
        proxy = True
        verbose_name = _("Impressum")
        verbose_name_plural = _("Impressum")


class AccessibilityPage(OperatorPage):
    class Meta:
        proxy = True
        verbose_name = _("Erklärung zur Barrierefreiheit")
        verbose_name_plural = _("Erklärung zur Barrierefreiheit")


class PrivacyPage(OperatorPage):
    class Meta:
        proxy = True
        verbose_name = _("Datenschutzhinweise (Angaben des Betreibers)")
        verbose_name_plural = _("Datenschutzhinweise (Angaben des Betreibers)")


class OutgoingMail(models.Model):
    """An email waiting for the task that sends it (core/mail.py).

    The message lives here rather than in the task's arguments because it may carry a one-time
    link (an invitation, a password reset): the row is deleted once the mail server took the
    message, while task results are kept for weeks. What stays is a mail that failed for good,
    with its error, until someone deletes it in the administration."""

    kind = models.CharField(max_length=60)
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    # [[filename, content, mimetype], ...]: text attachments such as an iCalendar invitation.
    attachments = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ausgehende E-Mail")
        verbose_name_plural = _("ausgehende E-Mails")

    def __str__(self) -> str:
        return f"{self.kind} → {self.to}"


class PreparedDownload(models.Model):
    """A long PDF or export built in the background for one person (see core/prepared.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("wird erstellt")
        READY = "ready", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prepared_downloads",
        verbose_name=_("Person"),
    )
    kind = models.CharField(_("Art"), max_length=60)
    key = models.CharField(max_length=64)  # digest of kind and parameters (core.prepared)
    # Digest of what the file holds, for kinds whose file is the same for everybody asking the
    # same (core.prepared, `content_key`): a later request copies it instead of building it.
    content_key = models.CharField(max_length=64, blank=True)
    params = models.JSONField(default=dict)
    label = models.CharField(_("Bezeichnung"), max_length=200)
    language = models.CharField(max_length=10, blank=True)  # the file speaks the person's language
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("Fortschritt (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)
    file = models.CharField(max_length=300, blank=True)  # the name in the default storage
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    requested_at = models.DateTimeField(_("angefordert am"), default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("verfügbar bis"))

    class Meta:
        verbose_name = _("vorbereiteter Download")
        verbose_name_plural = _("vorbereitete Downloads")
        indexes = [
            models.Index(fields=["user", "key"]),
            models.Index(fields=["expires_at"]),
            models.Index(fields=["kind", "content_key"]),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.status})"
