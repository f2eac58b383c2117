"""This app's share of "Meine Daten" and account deletion.

A person's named ideas, concerns and comments are theirs to download. Anonymous ones are not:
nothing links them to anyone, so they cannot be found for a person — not for the author, and
not for a lead whose data is exported either. Votes are stored as keyed hashes and are in
nobody's download. Deleting the account leaves named contributions in the project without a
name ("gelöschtes Konto"), because others have answered and voted on them.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.personal_data import register

# --- co-determination, agreement, notifications (begin) ---
from .models import (
    AgreementSectionEdit,
    CodeterminationStep,
    Comment,
    Item,
    NotificationPreference,
    ProjectFactsRecord,
    ProjectMember,
)

# --- co-determination, agreement, notifications (end) ---


def export_contributions(user: Any) -> dict[str, list[dict[str, Any]]]:
    items = Item.objects.filter(author__user=user, is_anonymous=False).select_related("project")
    comments = Comment.objects.filter(author__user=user, is_anonymous=False).select_related(
        "item__project"
    )
    roles = ProjectMember.objects.filter(membership__user=user).select_related("project")
    return {
        "projects": [
            {"project": r.project.title, "role": r.role, "facilitator": r.is_facilitator}
            for r in roles
        ],
        "items": [
            {
                "project": i.project.title,
                "kind": i.kind,
                "category": i.category,
                "title": i.title,
                "text": i.body,
                "posted_on": i.posted_on.isoformat(),
            }
            for i in items.order_by("posted_on", "title")
        ],
        "comments": [
            {
                "project": c.item.project.title,
                "on": c.item.title,
                "text": c.body,
                "posted_on": c.posted_on.isoformat(),
            }
            for c in comments.order_by("posted_on")
        ],
        # --- notifications (begin) ---
        "notifications": [
            {
                "project": n.project.title,
                "new_phase": n.new_phase,
                "answers": n.answers,
                "new_pulse": n.new_pulse,
            }
            for n in NotificationPreference.objects.filter(membership__user=user).select_related(
                "project"
            )
        ],
        # --- notifications (end) ---
    }


def erase_contributions(user: Any) -> None:
    Item.objects.filter(author__user=user).update(author=None)
    Comment.objects.filter(author__user=user).update(author=None)
    ProjectMember.objects.filter(membership__user=user).delete()
    # --- co-determination, agreement, notifications (begin) ---
    NotificationPreference.objects.filter(membership__user=user).delete()
    ProjectFactsRecord.objects.filter(recorded_by__user=user).update(recorded_by=None)
    CodeterminationStep.objects.filter(updated_by__user=user).update(updated_by=None)
    AgreementSectionEdit.objects.filter(edited_by__user=user).update(edited_by=None)
    # --- co-determination, agreement, notifications (end) ---


def register_section() -> None:
    register(
        "participation",
        position=70,
        export=export_contributions,
        erase=erase_contributions,
        order=20,
        title=_("Mitgestalten"),
        description=_(
            "Ihre Projekte und die Ideen, Bedenken und Kommentare, die Sie mit Ihrem Namen "
            "geschrieben haben. Anonyme Beiträge und Ihre Stimmen sind nicht dabei: Sie sind "
            "mit niemandem verknüpft, auch nicht mit Ihnen. Beim Löschen bleiben Ihre "
            "namentlichen Beiträge ohne Namen im Projekt stehen."
        ),
    )
