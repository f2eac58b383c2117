"""The events this app writes to the audit log (registered in extensions.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentAction(models.TextChoices):
    ASSESSMENT_OPENED = "assessment_opened", _("Unternehmens-Check eröffnet")
    ASSESSMENT_CLOSED = "assessment_closed", _("Unternehmens-Check abgeschlossen")
    ASSESSMENT_REOPENED = "assessment_reopened", _("Unternehmens-Check wieder geöffnet")
