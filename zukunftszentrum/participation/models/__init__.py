"""The participation app's tables, one module per area (each area owns its tables)."""

# --- pulse, workshops, work-impact assessment, decision log ---
from .decisions import Decision, PublishedEntryError
from .ideas import AnswerEntry, Category, Comment, Item, ItemStatus, Vote
from .impact import BodyRating, EmployeeImpactRating, ImpactAssessment
from .pulse import PulseResponse, PulseRound, PulseToken
from .workshops import Workshop, WorkshopPhoto
from .workspace import Project, ProjectDocument, ProjectMember, ProjectPhase

# --- end pulse, workshops, impact, decisions ---

__all__ = [
    "AnswerEntry",
    "Category",
    "Comment",
    "Item",
    "ItemStatus",
    "Project",
    "ProjectDocument",
    "ProjectMember",
    "ProjectPhase",
    "Vote",
]

# --- co-determination, agreement, opinion map, notifications (begin) ---
from .codetermination import (
    COUNCIL_STATUSES,
    AgreementSectionEdit,
    CodeterminationStep,
    OpinionMapRelease,
    OpinionVoter,
    ProjectFactsRecord,
    Statement,
    StatementVote,
    StepStatus,
)
from .notifications import NotificationPreference

__all__ += [
    "COUNCIL_STATUSES",
    "AgreementSectionEdit",
    "CodeterminationStep",
    "NotificationPreference",
    "OpinionMapRelease",
    "OpinionVoter",
    "ProjectFactsRecord",
    "Statement",
    "StatementVote",
    "StepStatus",
]
# --- co-determination, agreement, opinion map, notifications (end) ---
# --- pulse, workshops, impact, decisions ---
__all__ += [
    "BodyRating",
    "Decision",
    "EmployeeImpactRating",
    "ImpactAssessment",
    "PublishedEntryError",
    "PulseResponse",
    "PulseRound",
    "PulseToken",
    "Workshop",
    "WorkshopPhoto",
]
# --- end pulse, workshops, impact, decisions ---
