"""Writes. Keyword-only, typed, atomic; each checks permission itself before it writes.

One module per concern; everything is importable from here (`actions.invite(...)`).
"""

from .accompaniment import (
    answer_request,
    ask_centre,
    decide_accompaniment,
    end_accompaniment,
    request_accompaniment,
    request_accompaniment_by_lead_email,
)
from .invitations import (
    INVITATION_REFUSED,
    accept_invitation,
    find_invitation,
    hash_token,
    invite,
    refuse_invitation,
    register_and_accept_invitation,
    revoke_invitation,
)
from .memberships import end_membership, grant_membership
from .organisations import (
    EDITABLE_CENTRE_FIELDS,
    EDITABLE_ORGANISATION_FIELDS,
    delete_centre,
    update_centre,
    update_organisation,
)
from .privacy import delete_account, record_consent

__all__ = [
    "EDITABLE_CENTRE_FIELDS",
    "EDITABLE_ORGANISATION_FIELDS",
    "INVITATION_REFUSED",
    "accept_invitation",
    "answer_request",
    "ask_centre",
    "decide_accompaniment",
    "delete_account",
    "delete_centre",
    "end_accompaniment",
    "end_membership",
    "find_invitation",
    "grant_membership",
    "hash_token",
    "invite",
    "record_consent",
    "refuse_invitation",
    "register_and_accept_invitation",
    "request_accompaniment",
    "request_accompaniment_by_lead_email",
    "revoke_invitation",
    "update_centre",
    "update_organisation",
]
