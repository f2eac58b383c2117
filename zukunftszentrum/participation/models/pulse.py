"""The anonymous pulse: rounds, one-time tokens, and answers that are kept apart from them.

`PulseToken` knows who may answer a round and whether they did, nothing else (no time, no
answer). `PulseResponse` has no link to a token or a person: a random UUID key (the table is
read in key order, i.e. in random order), the round, the day only, and the answers. The only
connection between the two is that both rows are written in one transaction; neither stores
anything that would pair them up afterwards. The published figures of a round are computed
once when it closes and stored (`released`), see pulse_content.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.disclosure import draw_record_key
from zukunftszentrum.organisations.models import Membership

from .workspace import Project, new_project_secret


class PulseRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("läuft")
        RELEASED = "released", _("abgeschlossen, Ergebnisse freigegeben")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pulse_rounds")
    number = models.PositiveIntegerField(_("Runde"))
    title = models.CharField(_("Titel"), max_length=200)
    version = models.CharField(max_length=20)  # of content/participation/pulse.yaml
    opens_on = models.DateField(_("offen ab"))
    closes_on = models.DateField(_("offen bis"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # Keys the one-time tokens (with SECRET_KEY); never shown.
    secret = models.CharField(max_length=64, default=new_project_secret, editable=False)
    released_on = models.DateField(_("freigegeben am"), null=True, blank=True)
    released = models.JSONField(default=dict, blank=True)  # the published figures, stored once

    class Meta:
        ordering = ["-number"]
        verbose_name = _("Pulsbefragung")
        verbose_name_plural = _("Pulsbefragungen")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="participation_pulse_once"),
            models.CheckConstraint(
                condition=models.Q(opens_on__lte=models.F("closes_on")),
                name="participation_pulse_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PulseToken(models.Model):
    """Who may answer a round, and whether they did. No time of use: it could be matched with
    the answers' order."""

    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="tokens")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)
    # The token's record key for the published turnout (core.disclosure).
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)

    class Meta:
        verbose_name = _("Zugang zur Pulsbefragung")
        verbose_name_plural = _("Zugänge zur Pulsbefragung")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "membership"], name="participation_pulse_token_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} ({'used' if self.used else 'open'})"


class PulseResponse(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="responses")
    answered_on = models.DateField()  # the day only
    answers = models.JSONField()  # question key -> 1..5
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)

    class Meta:
        ordering = ["id"]  # random: says nothing about who answered first
        verbose_name = _("Antwort der Pulsbefragung")
        verbose_name_plural = _("Antworten der Pulsbefragung")

    def __str__(self) -> str:
        return str(self.round)
