"""This app's tables, one module per area; each is imported here so Django finds it."""

from .evidence import Evidence, EvidenceKind
from .profiles import JobProfileAssignment, OwnGoal, TargetAdjustment

__all__ = ["Evidence", "EvidenceKind", "JobProfileAssignment", "OwnGoal", "TargetAdjustment"]
