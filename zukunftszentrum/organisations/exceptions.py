"""Domain errors raised by actions; views turn them into messages for the person."""

from __future__ import annotations


class OrganisationError(Exception):
    """Base class: the message is safe to show to the person."""


class NotAllowed(OrganisationError):
    pass


class DuplicateMembership(OrganisationError):
    pass


class LastCompanyLead(OrganisationError):
    pass


class InvitationInvalid(OrganisationError):
    pass


class InvitationExpired(InvitationInvalid):
    pass


class InvitationUsed(InvitationInvalid):
    pass


class CentreStillCovers(OrganisationError):
    pass


class AccompanimentError(OrganisationError):
    pass
