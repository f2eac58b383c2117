"""Changing an organisation's or a centre's details; removing a centre."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from ..audit_actions import OrganisationAction
from ..exceptions import CentreStillCovers, NotAllowed
from ..models import Centre, Membership, Organisation
from ..roles import Capability
from ..rules import may_manage_centre, may_manage_organisation
from ._common import _require, _update_logged

EDITABLE_ORGANISATION_FIELDS = frozenset(
    {
        "legal_name",
        "land",
        "kreis_ags",
        "kreis_name",
        "wz_section",
        "headcount",
        "has_works_council",
    }
)


@transaction.atomic
def update_organisation(
    *, member: Membership, organisation: Organisation, changes: Mapping[str, object]
) -> Organisation:
    """Change an organisation's facts; only its own leads may, and each change is logged."""
    may_manage_organisation(member, organisation).enforce(NotAllowed)
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _update_logged(
        locked,
        changes,
        editable=EDITABLE_ORGANISATION_FIELDS,
        actor=member.user,
        action=OrganisationAction.ORGANISATION_CHANGED,
    )
    locked.refresh_from_db()  # the size class is computed by the database
    return locked


EDITABLE_CENTRE_FIELDS = frozenset(
    {"name", "summary", "description", "email", "phone", "website", "street", "postcode", "city"}
)


@transaction.atomic
def update_centre(*, member: Membership, centre: Centre, changes: Mapping[str, object]) -> Centre:
    """Change a centre's public details; its own admins (or the programme) may, and it is logged."""
    may_manage_centre(member, centre).enforce(NotAllowed)
    locked = Centre.objects.select_for_update().get(pk=centre.pk)
    _update_logged(
        locked,
        changes,
        editable=EDITABLE_CENTRE_FIELDS,
        actor=member.user,
        action=OrganisationAction.CENTRE_CHANGED,
    )
    return locked


@transaction.atomic
def delete_centre(*, member: Membership | None, centre: Centre) -> None:
    """Remove a centre; refused while it still covers Länder or has staff or accompaniments."""
    if member is not None:
        _require(member, Capability.MANAGE_NETWORK)
    covered = list(centre.lands.values_list("name", flat=True))
    if covered:
        raise CentreStillCovers(
            _("Das Zentrum betreut noch diese Länder: %(lands)s. Übertragen Sie sie zuerst.")
            % {"lands": ", ".join(covered)}
        )
    if centre.memberships.filter(ended_at__isnull=True).exists():
        raise CentreStillCovers(_("Das Zentrum hat noch Mitarbeitende."))
    centre.accompaniments.all().delete()
    centre.memberships.all().delete()
    centre.delete()
