"""The events this app writes to the audit log (registered in extensions.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationAction(models.TextChoices):
    ROLE_GRANTED = "role_granted", _("Rolle vergeben")
    ROLE_ENDED = "role_ended", _("Rolle beendet")
    INVITATION_SENT = "invitation_sent", _("Einladung versandt")
    INVITATION_REVOKED = "invitation_revoked", _("Einladung zurückgezogen")
    INVITATION_ACCEPTED = "invitation_accepted", _("Einladung angenommen")
    INVITATION_REFUSED = "invitation_refused", _("Einladung für eine andere Adresse abgewiesen")
    ACCOMPANIMENT_CHANGED = "accompaniment_changed", _("Begleitung geändert")
    ACCOMPANIMENT_ASKED = "accompaniment_asked", _("Zentrum um Begleitung gebeten")
    ACCOMPANIMENT_ANSWERED = "accompaniment_answered", _("Bitte um Begleitung beantwortet")
    CENTRE_CHANGED = "centre_changed", _("Zentrum geändert")
    ORGANISATION_CHANGED = "organisation_changed", _("Organisation geändert")


# The actor's own events whose summary names nobody else ("Meine Daten" hands it out). A role
# granted or an invitation sent names the other person, so those summaries stay out.
OWN_SUMMARY = (
    OrganisationAction.INVITATION_ACCEPTED,
    OrganisationAction.ACCOMPANIMENT_CHANGED,
    OrganisationAction.ACCOMPANIMENT_ASKED,
    OrganisationAction.ACCOMPANIMENT_ANSWERED,
    OrganisationAction.CENTRE_CHANGED,
    OrganisationAction.ORGANISATION_CHANGED,
)
