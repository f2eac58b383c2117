"""The events this app writes to the audit log (registered in extensions.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CredentialAction(models.TextChoices):
    CREDENTIAL_ISSUED = "credential_issued", _("Nachweis ausgestellt")
    CREDENTIAL_REVOKED = "credential_revoked", _("Nachweis widerrufen")
