"""The participation app's tables, one module per area (each area owns its tables)."""

from .ideas import AnswerEntry, Category, Comment, Item, ItemStatus, Vote
from .workspace import Project, ProjectDocument, ProjectMember, ProjectPhase

# --- pulse, workshops, work-impact assessment, decision log ---
from .decisions import Decision, PublishedEntryError  # noqa: E402
from .impact import BodyRating, EmployeeImpactRating, ImpactAssessment  # noqa: E402
from .pulse import PulseResponse, PulseRound, PulseToken  # noqa: E402
from .workshops import Workshop, WorkshopPhoto  # noqa: E402
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
    # --- pulse, workshops, impact, decisions ---
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
