"""Domain errors of the catalogue; the message is safe to show to the person."""

from __future__ import annotations


class CatalogueError(Exception):
    """Base class: views turn it into a message."""


class NotAllowed(CatalogueError):
    pass


class RegistrationClosed(CatalogueError):
    pass


class CapacityTooLow(CatalogueError):
    pass


class PrerequisiteCycle(CatalogueError):
    pass


class InvalidLevels(CatalogueError):
    pass
