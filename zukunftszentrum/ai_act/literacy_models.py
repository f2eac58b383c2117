"""The company's own measures for AI literacy (Art. 4): guidelines, briefings and instructions
it records itself, each with an optional PDF. Courses and units its people took come from the
learning module, and only when each person shares them (learning/sharing/completions.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.organisations.models import Organisation


def guidance_path(instance: LiteracyGuidance, filename: str) -> str:
    # A random name: a file name may name people or internal projects.
    return f"ai_act/guidance/{uuid.uuid4().hex}.pdf"


class LiteracyGuidance(models.Model):
    """One internal measure: what it was, when, and which kind."""

    class Kind(models.TextChoices):
        GUIDELINE = "guideline", _("Richtlinie")
        BRIEFING = "briefing", _("Einweisung")
        INSTRUCTION = "instruction", _("Arbeitsanweisung")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="literacy_guidance"
    )
    title = models.CharField(_("Titel"), max_length=200)
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices)
    issued_on = models.DateField(_("Datum"))
    attachment = models.FileField(_("PDF"), upload_to=guidance_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Interne Maßnahme zur KI-Kompetenz")
        verbose_name_plural = _("Interne Maßnahmen zur KI-Kompetenz")
        ordering = ("-issued_on", "-pk")

    def __str__(self) -> str:
        return self.title
