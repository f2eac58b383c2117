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
from .evidence import Evidence, EvidenceKind
from .paths import (
    LearningPlan,
    PathSettings,
    PlanStatus,
    TeamPlan,
    TeamPlanStatus,
)
from .profiles import JobProfileAssignment, OwnGoal, TargetAdjustment
from .sharing import CompletionSharing, SharedCompletion

__all__ = [
    "CompletionSharing",
    "Evidence",
    "EvidenceKind",
    "JobProfileAssignment",
    "LearningPlan",
    "Module",
    "ModuleFormat",
    "ModuleLanguage",
    "Offer",
    "OfferStatus",
    "OwnGoal",
    "PathSettings",
    "PlanStatus",
    "Registration",
    "RegistrationStatus",
    "Session",
    "SharedCompletion",
    "TargetAdjustment",
    "TeamPlan",
    "TeamPlanStatus",
]
