"""What a person shares with their organisation: completed modules and passed units.

Nothing of a person's learning reaches the employer by default. A `CompletionSharing` is the
person's choice for one organisation; each `SharedCompletion` names one completion by its
reference ("offer:<id>", "unit:<id>"). Withdrawing deletes the row, so the next read of the
organisation's record no longer counts it. Title, date and competences are read from the
person's evidence log at that moment, never copied: what the log no longer holds (erasure) is
not shared either.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.disclosure import draw_record_key


class CompletionSharing(models.Model):
    """One person's sharing with one organisation. Kept while empty: its record key stays the
    same, so the organisation's figures do not draw new noise each time a person changes
    what they share."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="completion_sharings",
        verbose_name=_("Person"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="completion_sharings",
        verbose_name=_("Organisation"),
    )
    # The cell key method's random key (core.disclosure) for the organisation's counts.
    record_key = models.PositiveBigIntegerField(default=draw_record_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Freigabe von Lernnachweisen")
        verbose_name_plural = _("Freigaben von Lernnachweisen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="learning_one_sharing_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.organisation_id}"


class SharedCompletion(models.Model):
    """One completion the person shares with the organisation."""

    sharing = models.ForeignKey(CompletionSharing, on_delete=models.CASCADE, related_name="items")
    ref = models.CharField(_("Nachweis"), max_length=100)
    shared_at = models.DateTimeField(_("geteilt am"), default=timezone.now)

    class Meta:
        ordering = ["shared_at", "pk"]
        verbose_name = _("Geteilter Lernnachweis")
        verbose_name_plural = _("Geteilte Lernnachweise")
        constraints = [
            models.UniqueConstraint(fields=["sharing", "ref"], name="learning_shared_once")
        ]

    def __str__(self) -> str:
        return self.ref
