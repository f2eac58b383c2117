"""This app's tables, one module per area; each is imported here so Django finds it."""

from .catalogue import (
    Module,
    ModuleFormat,
    ModuleLanguage,
    Offer,
    OfferStatus,
    Registration,
    RegistrationStatus,
    Session,
)

__all__ = [
    "Module",
    "ModuleFormat",
    "ModuleLanguage",
    "Offer",
    "OfferStatus",
    "Registration",
    "RegistrationStatus",
    "Session",
]
