"""Workshops of a participation project: date, participants, an agenda copied from a template
(and then the workshop's own), results as named items of the idea list, and flip-chart photos."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.organisations.models import Membership

from .ideas import Item
from .workspace import Project


class Workshop(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(_("Titel"), max_length=200)
    template_key = models.CharField(_("Vorlage"), max_length=40, blank=True)
    held_on = models.DateField(_("Datum"))
    agenda = models.TextField(_("Ablauf"), blank=True, help_text=_("Ein Punkt pro Zeile."))
    notes = models.TextField(_("Notizen"), blank=True)
    participants = models.ManyToManyField(
        Membership, blank=True, related_name="+", verbose_name=_("Teilnehmende")
    )
    # Results captured as named items of the idea list (the person who records them is the
    # author; nothing here is anonymous: a workshop is a named meeting).
    results = models.ManyToManyField(Item, blank=True, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("Workshop")
        verbose_name_plural = _("Workshops")

    def __str__(self) -> str:
        return self.title

    def agenda_lines(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


def photo_path(instance: WorkshopPhoto, filename: str) -> str:
    # A random folder and a fixed name: uploads must not be guessable, and the person's own
    # file name may say more than they meant.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"participation/{instance.workshop.project_id}/workshops/{secrets.token_hex(8)}/foto.{suffix}"


class WorkshopPhoto(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("Foto"), upload_to=photo_path, max_length=300)
    caption = models.CharField(_("Bildunterschrift"), max_length=200)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Foto eines Flipcharts")
        verbose_name_plural = _("Fotos von Flipcharts")

    def __str__(self) -> str:
        return self.caption
