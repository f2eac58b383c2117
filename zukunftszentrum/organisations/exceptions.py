"""Domain errors raised by actions; views turn them into messages for the person."""

from __future__ import annotations


class OrganisationError(Exception):
    """Base class: the message is safe to show to the person."""


class NotAllowed(OrganisationError):
    pass


class DuplicateMembership(OrganisationError):
    pass


class SelfInvitation(OrganisationError):
    """Someone invited their own address: the mail would come back to them, and the role they
    already hold is not changed by a link to themselves."""


class LastCompanyLead(OrganisationError):
    pass


class AccountExists(OrganisationError):
    """Someone tried to sign up with an address that already has an account."""


class InvitationInvalid(OrganisationError):
    """The link does not work (any more); `invitation` is set when the link was once valid."""

    def __init__(self, message: str = "", *, invitation: object = None) -> None:
        super().__init__(message)
        self.invitation = invitation


class InvitationExpired(InvitationInvalid):
    pass


class InvitationUsed(InvitationInvalid):
    pass


class InvitationForAnotherAccount(NotAllowed):
    """A signed-in account whose address is not the invited one tried to accept."""


class CentreStillCovers(OrganisationError):
    pass


class AccompanimentError(OrganisationError):
    pass
