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
