"""Claimable achievements, issued credentials and the revocation status list."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClaimableAchievement(models.Model):
    """Something a person achieved and may turn into a credential (recorded, not yet issued)."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claimable_achievements"
    )
    kind = models.CharField(_("Art"), max_length=32)  # "module", "unit", …
    source = models.CharField(_("Quelle"), max_length=200)  # the id in the source app
    name = models.CharField(_("Bezeichnung"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    criteria = models.TextField(_("Kriterien"), blank=True)
    competences = models.JSONField(default=list, blank=True)  # [{"id": …, "level": …}]
    evidence = models.JSONField(default=list, blank=True)  # [{"name": …, "narrative": …}]
    centre = models.ForeignKey(
        "organisations.Centre", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "kind", "source"], name="claimable_once_per_holder"
            )
        ]

    def __str__(self) -> str:
        return self.name


class StatusList(models.Model):
    """One Bitstring Status List per purpose; bit i belongs to the credential with index i."""

    purpose = models.CharField(max_length=32, unique=True, default="revocation")
    bits = models.BinaryField()
    # The signed BitstringStatusListCredential, kept until a bit or the signing key changes.
    signed = models.TextField(blank=True)
    signed_with = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.purpose


class IssuedCredential(models.Model):
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="issued_credentials"
    )
    achievement_kind = models.CharField(_("Art"), max_length=32)
    achievement_source = models.CharField(_("Quelle"), max_length=200)
    achievement_id = models.CharField(max_length=300)  # the URI in the credential
    name = models.CharField(_("Bezeichnung"), max_length=300)
    centre = models.ForeignKey(
        "organisations.Centre", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    credential_id = models.CharField(max_length=100, unique=True)  # urn:uuid:…
    # Text, not JSON: the download is byte for byte what was signed (jsonb would reorder keys).
    document = models.TextField()
    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    status_index = models.PositiveIntegerField()
    issued_at = models.DateTimeField(_("ausgestellt am"))
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)
    revocation_reason = models.TextField(_("Grund des Widerrufs"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "achievement_kind", "achievement_source"],
                name="credential_once_per_holder_and_achievement",
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="credential_status_index_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def uuid(self) -> str:
        return self.credential_id.removeprefix("urn:uuid:")
