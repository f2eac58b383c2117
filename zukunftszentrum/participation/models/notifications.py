"""Who wants an email from a project, and about what. Off by default: no row, no email.

Only named contributions can trigger "an answer to my idea": an anonymous item has no link to
its author, and any stored way to reach the author when it is answered (an address, a token
held by the server) would be exactly that link. See docs/participation.md.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.organisations.models import Membership

from .workspace import Project


class NotificationPreference(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="participation_notifications"
    )
    new_phase = models.BooleanField(_("bei einer neuen Phase"), default=False)
    answers = models.BooleanField(
        _("bei einer Antwort auf meine Beiträge mit Namen"), default=False
    )
    new_pulse = models.BooleanField(_("bei einer neuen Kurzbefragung"), default=False)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "membership"], name="participation_notification_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}/{self.membership_id}"
