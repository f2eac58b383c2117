"""The events this app writes to the audit log (registered in extensions.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedsAction(models.TextChoices):
    POPULATION_UPLOADED = "population_uploaded", _("Grundgesamtheit hochgeladen")
    POPULATION_ACTIVATED = "population_activated", _("Grundgesamtheit aktiviert")
