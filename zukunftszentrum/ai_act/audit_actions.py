"""The events this app writes to the audit log (registered in extensions.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AISystemAction(models.TextChoices):
    SYSTEM_CREATED = "ai_system_created", _("KI-System erfasst")
    SYSTEM_UPDATED = "ai_system_updated", _("KI-System geändert")
    SYSTEM_RETIRED = "ai_system_retired", _("KI-System außer Betrieb genommen")
    SYSTEMS_IMPORTED = "ai_systems_imported", _("KI-Systeme importiert")
    CLASSIFICATION_STORED = "ai_classification_stored", _("Einstufung eines KI-Systems gespeichert")
    DUTY_STATUS_CHANGED = "ai_duty_status_changed", _("Stand einer Pflicht geändert")
    LETTER_DRAFTED = "ai_letter_drafted", _("Informationsschreiben nach Art. 26(7) entworfen")
    LETTER_TRACKED = "ai_letter_tracked", _("Information nach Art. 26(7) vermerkt")


class LiteracyAction(models.TextChoices):
    """The Art. 4 record (literacy*.py)."""

    GUIDANCE_ADDED = "ai_literacy_guidance_added", _("Interne Maßnahme zur KI-Kompetenz erfasst")
    GUIDANCE_REMOVED = (
        "ai_literacy_guidance_removed",
        _("Interne Maßnahme zur KI-Kompetenz entfernt"),
    )
    RECORD_DOWNLOADED = (
        "ai_literacy_record_downloaded",
        _("Nachweis über Maßnahmen zur KI-Kompetenz heruntergeladen"),
    )
