"""The participation app's tables, one module per area (each area owns its tables)."""

from .ideas import AnswerEntry, Category, Comment, Item, ItemStatus, Vote
from .workspace import Project, ProjectDocument, ProjectMember, ProjectPhase

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
    "OpinionVoter",
    "ProjectFactsRecord",
    "Statement",
    "StatementVote",
    "StepStatus",
]
# --- co-determination, agreement, opinion map, notifications (end) ---
