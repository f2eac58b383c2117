"""The events this app writes to the audit log (registered in extensions.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LearningAction(models.TextChoices):
    JOB_PROFILE_ASSIGNED = "job_profile_assigned", _("Berufsprofil zugeordnet")
    TARGET_ADJUSTED = "target_adjusted", _("Zielstufe eines Berufsprofils angepasst")
    CERTIFICATE_ADDED = "certificate_added", _("Zertifikat als Nachweis hochgeladen")


class CatalogueAction(models.TextChoices):
    MODULE_SAVED = "learning_module_saved", _("Lernmodul gespeichert")
    OFFER_SAVED = "learning_offer_saved", _("Termin gespeichert")
    OFFER_CAPACITY_CHANGED = "learning_offer_capacity", _("Plätze eines Termins geändert")
    ATTENDANCE_CONFIRMED = "learning_attendance_confirmed", _("Teilnahme bestätigt")
    NO_SHOW_RECORDED = "learning_no_show", _("Nicht erschienen vermerkt")
    # --- trainer's assessment (begin) ---
    TRAINER_ASSESSMENT_RECORDED = (
        "learning_trainer_assessment",
        _("Einschätzung der Lehrkraft erfasst"),
    )
    # --- trainer's assessment (end) ---


# --- Sharing completions with the organisation (learning/sharing/completions.py) ---
class SharingAction(models.TextChoices):
    COMPLETION_SHARED = "learning_completion_shared", _("Lernnachweis mit dem Unternehmen geteilt")
    COMPLETION_WITHDRAWN = (
        "learning_completion_withdrawn",
        _("Freigabe eines Lernnachweises zurückgenommen"),
    )
