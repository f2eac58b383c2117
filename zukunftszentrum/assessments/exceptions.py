"""Domain errors of the self-checks; the message is safe to show to the person."""

from __future__ import annotations


class AssessmentError(Exception):
    """Base class for every refusal of a self-check action."""


class NotAllowed(AssessmentError):
    pass


class UnknownInstrument(AssessmentError):
    pass


class AssessmentClosed(AssessmentError):
    """The company check was closed; the answers given so far stay in the response."""


class AlreadySubmitted(AssessmentError):
    pass


class AlreadyParticipated(AssessmentError):
    pass


class OutdatedVersion(AssessmentError):
    """The page showed other questions than the response is answered in."""
