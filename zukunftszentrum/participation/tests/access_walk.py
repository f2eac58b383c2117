"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py).

Every sample uses one project of tenant a's company, with the tenant's advisor listed as
facilitator; the lead, employees and works council take part through `all_employees`.
"""

from __future__ import annotations

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample

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
}
