"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py).

Every sample uses one project of tenant a's company, with the tenant's advisor listed as
facilitator; the lead, employees and works council take part through `all_employees`.
"""

from __future__ import annotations

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample

from . import activity_factories as af
from . import factories as f

LEAD, EMPLOYEE, ADVISOR = Role.COMPANY_LEAD, Role.EMPLOYEE, Role.ADVISOR


def _p(t: object) -> dict[str, object]:
    return {"pk": f.walk_project(t).pk}


def _i(t: object) -> dict[str, object]:
    item = f.walk_item(t)
    return {"pk": item.project_id, "item_pk": item.pk}


def _c(t: object) -> dict[str, object]:
    item = f.walk_item(t)
    comment = item.comments.first() or item.comments.create(body="x", posted_on=item.posted_on)
    return {"pk": item.project_id, "item_pk": item.pk, "comment_pk": comment.pk}


# --- co-determination, agreement, opinion map, report, notifications, hand-over (begin) ---
def _s(t: object) -> dict[str, object]:
    from django.utils import timezone

    from ..models import Statement

    project = f.walk_project(t)
    statement = project.statements.first() or Statement.objects.create(
        project=project, text="Aussage", state="accepted", added_on=timezone.localdate()
    )
    return {"pk": project.pk, "statement_pk": statement.pk}


def _walk_system(t: object) -> object:
    from zukunftszentrum.ai_act.tests.factories import make_system

    company = t.company  # type: ignore[attr-defined]
    return company.ai_systems.first() or make_system(company)


# --- co-determination, agreement, opinion map, report, notifications, hand-over (end) ---
# --- pulse, workshops, impact, decisions ---
def _round(t: object) -> dict[str, object]:
    return {"pk": f.walk_project(t).pk, "round_pk": af.walk_round(t).pk}


def _workshop(t: object) -> dict[str, object]:
    return {"pk": f.walk_project(t).pk, "workshop_pk": af.walk_workshop(t).pk}


def _assessment(t: object) -> dict[str, object]:
    return {"pk": f.walk_project(t).pk, "assessment_pk": af.walk_assessment(t).pk}


def _decision(t: object) -> dict[str, object]:
    return {"pk": f.walk_project(t).pk, "decision_pk": af.walk_decision(t).pk}


# --- end pulse, workshops, impact, decisions ---


SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "participation:workspace": (_p, LEAD),
    "participation:project_edit": (_p, LEAD),
    "participation:phase_move": (_p, ADVISOR),
    "participation:member_add": (_p, LEAD),
    "participation:member_remove": (
        lambda t: {"pk": f.walk_project(t).pk, "member_pk": f.walk_listed(t).pk},
        LEAD,
    ),
    "participation:document_upload": (_p, LEAD),
    "participation:document": (
        lambda t: {"pk": f.walk_project(t).pk, "document_pk": f.walk_document(t).pk},
        EMPLOYEE,
    ),
    "participation:items": (_p, EMPLOYEE),
    "participation:item_new": (_p, EMPLOYEE),
    "participation:item": (_i, EMPLOYEE),
    "participation:comment": (_i, EMPLOYEE),
    "participation:vote": (_i, EMPLOYEE),
    "participation:item_hide": (_i, ADVISOR),
    "participation:item_show": (_i, ADVISOR),
    "participation:comment_hide": (_c, ADVISOR),
    "participation:item_merge": (_i, ADVISOR),
    "participation:item_answer": (_i, LEAD),
    # --- co-determination, agreement, opinion map, report, notifications, hand-over (begin) ---
    "participation:codetermination": (_p, EMPLOYEE),
    "participation:facts_save": (_p, LEAD),
    "participation:step_record": (
        lambda t: {"pk": f.walk_project(t).pk, "step_id": "monitoring_consent"},
        LEAD,
    ),
    "participation:agreement": (_p, Role.WORKS_COUNCIL),
    "participation:section_save": (_p, LEAD),
    "participation:agreement_regenerate": (_p, LEAD),
    "participation:agreement_docx": (_p, LEAD),
    "participation:agreement_pdf": (_p, LEAD),
    "participation:opinion": (_p, EMPLOYEE),
    "participation:statement_add": (_p, ADVISOR),
    "participation:opinion_release": (_p, ADVISOR),
    "participation:statement_decide": (_s, ADVISOR),
    "participation:statement_vote": (_s, EMPLOYEE),
    "participation:report_pdf": (_p, LEAD),
    "participation:notifications": (_p, EMPLOYEE),
    "participation:project_for_system": (
        lambda t: {"system_pk": _walk_system(t).pk},
        LEAD,
    ),
    # --- co-determination, agreement, opinion map, report, notifications, hand-over (end) ---
    # --- pulse, workshops, impact, decisions ---
    "participation:pulse": (_p, EMPLOYEE),
    "participation:pulse_open": (_p, ADVISOR),
    "participation:pulse_round": (_round, EMPLOYEE),
    "participation:pulse_release": (_round, ADVISOR),
    "participation:workshops": (_p, EMPLOYEE),
    "participation:workshop_new": (_p, LEAD),
    "participation:workshop": (_workshop, EMPLOYEE),
    "participation:workshop_edit": (_workshop, LEAD),
    "participation:workshop_result": (_workshop, LEAD),
    "participation:workshop_photo_upload": (_workshop, LEAD),
    "participation:workshop_photo": (
        lambda t: {**_workshop(t), "photo_pk": af.walk_photo(t).pk},
        EMPLOYEE,
    ),
    "participation:impacts": (_p, EMPLOYEE),
    "participation:impact": (_assessment, EMPLOYEE),
    "participation:impact_rate": (_assessment, EMPLOYEE),
    "participation:impact_close": (_assessment, LEAD),
    "participation:decisions": (_p, EMPLOYEE),
    "participation:decision_new": (_p, LEAD),
    "participation:decision": (_decision, EMPLOYEE),
    "participation:decision_edit": (_decision, LEAD),
    "participation:decision_publish": (_decision, LEAD),
    # --- end pulse, workshops, impact, decisions ---
}
