"""Who may revoke a credential: the programme administration any, a centre's administration those
of its own offers. The holder cannot revoke (a credential is the issuer's statement)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from zukunftszentrum.core.access import ALLOWED, Answer, refused
from zukunftszentrum.organisations.roles import Capability, has_capability


def can_revoke(member: Any, credential: Any) -> Answer:
    if member is None:
        return refused(_("Bitte wählen Sie eine Rolle."))
    if has_capability(member.role, Capability.MANAGE_NETWORK):
        return ALLOWED
    if (
        has_capability(member.role, Capability.MANAGE_CENTRE)
        and credential.centre_id is not None
        and credential.centre_id == member.centre_id
    ):
        return ALLOWED
    return refused(
        _("Nur die Verwaltung des ausstellenden Zentrums kann diesen Nachweis widerrufen.")
    )
