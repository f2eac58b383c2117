"""Ideas and concerns, their comments, votes and the management's answers.

Anonymous content is stored with no link to the person at all: no author, no user id, no IP,
no session key, and only the day it was posted. Primary keys are random UUIDs, so neither the
URL nor the order by key says which item came before which; lists sort by day, then by key.
Votes hold a keyed hash of (person, item, project secret) instead of the person, so one vote
per person per item holds without a table that joins votes back to people.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.disclosure import draw_record_key
from zukunftszentrum.organisations.models import Membership

from .workspace import Project


class Category(models.TextChoices):
    WORK_CONTENT = "work_content", _("Arbeitsinhalte")
    WORKLOAD = "workload", _("Arbeitsbelastung")
    SKILLS = "skills", _("Kompetenzen")
    DATA_PROTECTION = "data_protection", _("Datenschutz")
    MONITORING = "monitoring", _("Überwachung")
    QUALITY = "quality", _("Qualität")
    HEALTH = "health", _("Gesundheit")


class ItemStatus(models.TextChoices):
    """Where the management's answer stands (as Decidim's accountability results)."""

    OPEN = "open", _("noch ohne Antwort")
    CONSIDERING = "considering", _("wird geprüft")
    ACCEPTED = "accepted", _("angenommen")
    REJECTED = "rejected", _("abgelehnt")


ANONYMOUS_HAS_NO_AUTHOR = Q(is_anonymous=False) | Q(author__isnull=True)


class Item(models.Model):
    class Kind(models.TextChoices):
        IDEA = "idea", _("Idee")
        CONCERN = "concern", _("Bedenken")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("Thema"), max_length=20, choices=Category.choices)
    title = models.CharField(_("Titel"), max_length=200)
    body = models.TextField(_("Beschreibung"))
    is_anonymous = models.BooleanField(_("anonym"), default=False)
    # Named items only; an anonymous item never has one (database constraint below). Deleting
    # an account leaves its named items standing without a name.
    author = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    posted_on = models.DateField(_("eingereicht am"))  # the day only, for everyone alike
    status = models.CharField(
        _("Antwort"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.OPEN
    )
    hidden_reason = models.TextField(_("Grund für das Ausblenden"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        verbose_name=_("zusammengeführt mit"),
    )

    class Meta:
        ordering = ["-posted_on", "id"]
        verbose_name = _("Idee oder Bedenken")
        verbose_name_plural = _("Ideen und Bedenken")
        constraints = [
            models.CheckConstraint(
                condition=ANONYMOUS_HAS_NO_AUTHOR, name="participation_item_anonymous"
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("id")), name="participation_item_not_self"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden_reason)


class Comment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField(_("Kommentar"))
    is_anonymous = models.BooleanField(_("anonym"), default=False)
    author = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    posted_on = models.DateField(_("geschrieben am"))
    hidden_reason = models.TextField(_("Grund für das Ausblenden"), blank=True)

    class Meta:
        ordering = ["posted_on", "id"]
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        constraints = [
            models.CheckConstraint(
                condition=ANONYMOUS_HAS_NO_AUTHOR, name="participation_comment_anonymous"
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden_reason)


class Vote(models.Model):
    """Agree or disagree; `voter` is HMAC(SECRET_KEY + project secret, person and item), so the
    same person cannot vote twice on an item and nobody can tell whose vote this is."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="votes")
    voter = models.CharField(max_length=64)
    agree = models.BooleanField()
    # The vote's record key for the published counts (core.disclosure).
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)

    class Meta:
        verbose_name = _("Stimme")
        verbose_name_plural = _("Stimmen")
        constraints = [
            models.UniqueConstraint(fields=["item", "voter"], name="participation_vote_once"),
        ]

    def __str__(self) -> str:
        return str(_("Zustimmung") if self.agree else _("Ablehnung"))


class AnswerEntry(models.Model):
    """One step of the management's answer to an item; the latest is the current answer, the
    earlier ones its history (nothing is overwritten)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="answers")
    status = models.CharField(_("Stand"), max_length=12, choices=ItemStatus.choices)
    reason = models.TextField(_("Begründung"))
    answered_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_at", "-id"]
        verbose_name = _("Antwort der Geschäftsführung")
        verbose_name_plural = _("Antworten der Geschäftsführung")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.OPEN), name="participation_answer_has_status"
            ),
        ]

    def __str__(self) -> str:
        return self.get_status_display()
