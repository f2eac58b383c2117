"""The events this app writes to the audit log (registered in extensions.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SelfLearningAction(models.TextChoices):
    UNIT_PASSED = "unit_passed", _("Lerneinheit bestanden")
    PROGRESS_CLAIMED = "unit_progress_claimed", _("Lernfortschritt aus privatem Link übernommen")
