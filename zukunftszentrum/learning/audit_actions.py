"""The events this app writes to the audit log (registered in extensions.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LearningAction(models.TextChoices):
    JOB_PROFILE_ASSIGNED = "job_profile_assigned", _("Berufsprofil zugeordnet")
    TARGET_ADJUSTED = "target_adjusted", _("Zielstufe eines Berufsprofils angepasst")
    CERTIFICATE_ADDED = "certificate_added", _("Zertifikat als Nachweis hochgeladen")
