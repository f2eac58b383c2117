"""Reads. Every function that returns tenant data takes the viewer first and returns only
what that viewer may see; another tenant's object is simply absent (so views answer 404)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Accompaniment, Centre, Invitation, Land, Membership, Organisation, User
from .roles import CENTRE_ROLES, Capability, Role, has_capability

# The roles that speak for an organisation: they decide on a centre's request.
LEAD_ROLES = (Role.COMPANY_LEAD, Role.SOLO)

ROLE_ORDER = [
    Role.COMPANY_LEAD,
    Role.SOLO,
    Role.CENTRE_ADMIN,
    Role.ADVISOR,
    Role.TRAINER,
    Role.WORKS_COUNCIL,
    Role.EMPLOYEE,
    Role.PROGRAMME_ADMIN,
    Role.REVIEWER,
]


def active_memberships(user: User | AnonymousUser) -> list[Membership]:
    """The person's current memberships, most responsible role first."""
    if not user.is_authenticated:
        return []
    rows = list(
        Membership.objects.filter(user=user, ended_at__isnull=True).select_related(
            "centre", "organisation"
        )
    )
    return sorted(rows, key=lambda m: (ROLE_ORDER.index(Role(m.role)), m.created_at))


def organisations_visible_to(member: Membership | None) -> QuerySet[Organisation]:
    """Organisations the active role may open: its own, those its centre accompanies, or all
    for the programme administration."""
    qs = Organisation.objects.select_related("land")
    if member is None:
        return qs.none()
    if has_capability(member.role, Capability.MANAGE_NETWORK):
        return qs
    if member.organisation_id:
        return qs.filter(pk=member.organisation_id)
    if member.centre_id and has_capability(member.role, Capability.ACCOMPANY_COMPANIES):
        return qs.filter(
            accompaniments__centre_id=member.centre_id,
            accompaniments__status=Accompaniment.Status.ACTIVE,
        ).distinct()
    return qs.none()


def centres_managed_by(member: Membership | None) -> QuerySet[Centre]:
    """Centres whose staff and settings the active role may manage."""
    if member is None:
        return Centre.objects.none()
    if has_capability(member.role, Capability.MANAGE_NETWORK):
        return Centre.objects.all()
    if member.centre_id and has_capability(member.role, Capability.MANAGE_CENTRE):
        return Centre.objects.filter(pk=member.centre_id)
    return Centre.objects.none()


def members_of_organisation(organisation: Organisation) -> QuerySet[Membership]:
    """Current members of an organisation, with their people."""
    return (
        Membership.objects.filter(organisation=organisation, ended_at__isnull=True)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def staff_of_centre(centre: Centre) -> QuerySet[Membership]:
    """Current staff of a centre."""
    return (
        Membership.objects.filter(centre=centre, ended_at__isnull=True, role__in=CENTRE_ROLES)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def open_invitations(*, organisation: Organisation | None = None, centre: Centre | None = None):
    """Invitations not yet accepted or revoked (expired ones included, marked by the template)."""
    qs = Invitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")
    if organisation is not None:
        return qs.filter(organisation=organisation)
    return qs.filter(centre=centre)


def invitations_waiting_for(user: User | AnonymousUser) -> QuerySet[Invitation]:
    """Invitations sent to the person's own address that still work. Only the email holds the
    link (its token is stored as a hash), so a page can name them but not open them."""
    if not user.is_authenticated or not user.email:
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(
            email__iexact=user.email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("organisation", "centre", "invited_by")
        .order_by("-created_at")
    )


def network_centres() -> QuerySet[Centre]:
    """All centres with their Länder, for public pages."""
    return (
        Centre.objects.prefetch_related("lands")
        .annotate(
            organisation_count=Count(
                "accompaniments", filter=Q(accompaniments__status=Accompaniment.Status.ACTIVE)
            )
        )
        .order_by("kind", "name")
    )  # annotate() drops the model's default ordering


def uncovered_lands() -> QuerySet[Land]:
    """Länder that no centre covers."""
    return Land.objects.filter(centres__isnull=True)


def organisation_contacts(organisation: Organisation) -> QuerySet[Membership]:
    """The people who speak for an organisation (its leads): all that outsiders may see of it."""
    return members_of_organisation(organisation).filter(role__in=LEAD_ROLES)


def accompaniments_visible_to(member: Membership | None) -> QuerySet[Accompaniment]:
    """Accompaniments the active role may see. An organisation's leads see every request; its
    other members see the agreed ones; a centre sees only what was once agreed, so an open or
    declined request never tells it that an address belongs to a registered organisation."""
    qs = Accompaniment.objects.select_related("centre", "organisation", "requested_by")
    if member is None:
        return qs.none()
    if has_capability(member.role, Capability.MANAGE_NETWORK):
        return qs
    if member.organisation_id:
        mine = qs.filter(organisation_id=member.organisation_id)
        if has_capability(member.role, Capability.MANAGE_ORGANISATION):
            return mine
        return mine.filter(status=Accompaniment.Status.ACTIVE)
    if member.centre_id and has_capability(member.role, Capability.ACCOMPANY_COMPANIES):
        once_agreed = Q(status=Accompaniment.Status.ACTIVE) | Q(
            status=Accompaniment.Status.ENDED, decided_at__isnull=False
        )
        # An organisation that asked the centre itself has chosen to be known to it.
        asked_by_it = Q(initiator=Accompaniment.Initiator.ORGANISATION)
        return qs.filter(once_agreed | asked_by_it, centre_id=member.centre_id)
    return qs.none()


def organisations_to_request(
    member: Membership | None, *, lead_email: str
) -> QuerySet[Organisation]:
    """Organisations led by this address that the viewer's centre may ask to accompany.
    Only actions use this; the advisor is never shown the result."""
    if (
        member is None
        or not member.centre_id
        or not has_capability(member.role, Capability.ACCOMPANY_COMPANIES)
    ):
        return Organisation.objects.none()
    leads = Membership.objects.filter(
        user__email__iexact=lead_email.strip(), role__in=LEAD_ROLES, ended_at__isnull=True
    )
    return Organisation.objects.filter(pk__in=leads.values("organisation_id"))


def centres_to_ask(organisation: Organisation) -> tuple[list[Centre], list[Centre]]:
    """Centres an organisation may ask for accompaniment: those covering its Land first, then
    the others (national centres included); without those it already has an open request
    with or is accompanied by."""
    busy = Accompaniment.objects.filter(
        organisation=organisation,
        status__in=[Accompaniment.Status.REQUESTED, Accompaniment.Status.ACTIVE],
    ).values("centre_id")
    centres = list(Centre.objects.exclude(pk__in=busy).prefetch_related("lands").order_by("name"))
    covering = [
        c for c in centres if any(land.pk == organisation.land_id for land in c.lands.all())
    ]
    return covering, [c for c in centres if c not in covering]


def invitations_manageable_by(member: Membership | None) -> QuerySet[Invitation]:
    """Invitations the active role may withdraw: its organisation's or its centre's."""
    qs = Invitation.objects.select_related("organisation", "centre", "invited_by")
    if member is None:
        return qs.none()
    if member.organisation_id and has_capability(member.role, Capability.INVITE_MEMBERS):
        return qs.filter(organisation_id=member.organisation_id)
    if member.centre_id and has_capability(member.role, Capability.MANAGE_CENTRE):
        return qs.filter(centre_id=member.centre_id)
    return qs.none()


def account_exists(email: str) -> bool:
    """True when someone already signs in with this address."""
    return User.objects.filter(email__iexact=email.strip()).exists()


# --- one object, or 404 -------------------------------------------------------------------------
# Views fetch a single tenant object through these. "Does not exist" and "not yours" raise the
# same Http404, so a probe by id learns nothing about another tenant.


def access_organisation(member: Membership | None, pk: object) -> Organisation:
    """An organisation the active role may open (see `organisations_visible_to`)."""
    return get_object_or_404(organisations_visible_to(member), pk=pk)


def access_centre(member: Membership | None, pk: object) -> Centre:
    """A centre the active role may manage (see `centres_managed_by`)."""
    return get_object_or_404(centres_managed_by(member), pk=pk)


def access_organisation_member(organisation: Organisation, pk: object) -> Membership:
    """A current member of an organisation the caller has already accessed."""
    return get_object_or_404(members_of_organisation(organisation), pk=pk)


def access_organisation_membership(organisation: Organisation, pk: object) -> Membership:
    """A membership of an organisation the caller has already accessed, ended ones included:
    a second tab finds "already removed" instead of a 404."""
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        organisation=organisation,
        pk=pk,
    )


def access_centre_membership(centre: Centre, pk: object) -> Membership:
    """A staff membership of a centre the caller has already accessed, ended ones included."""
    return get_object_or_404(
        Membership.objects.select_related("user", "centre"),
        centre=centre,
        role__in=CENTRE_ROLES,
        pk=pk,
    )


def access_centre_staff(centre: Centre, pk: object) -> Membership:
    """A current staff member of a centre the caller has already accessed."""
    return get_object_or_404(staff_of_centre(centre), pk=pk)


def access_accompaniment(
    member: Membership | None, pk: object, *, organisation_id: object
) -> Accompaniment:
    """An accompaniment of this organisation that the active role may see."""
    return get_object_or_404(
        accompaniments_visible_to(member), pk=pk, organisation_id=organisation_id
    )


def access_request_to_centre(member: Membership | None, pk: object) -> Accompaniment:
    """An organisation's request to the viewer's centre (answered ones included, so a second
    tab learns it was answered instead of a 404)."""
    if member is None or member.centre_id is None:
        raise Http404
    requests = accompaniments_visible_to(member).filter(
        initiator=Accompaniment.Initiator.ORGANISATION, centre_id=member.centre_id
    )
    return get_object_or_404(requests, pk=pk)


def access_invitation(member: Membership | None, pk: object) -> Invitation:
    """An invitation the active role may withdraw (see `invitations_manageable_by`)."""
    return get_object_or_404(invitations_manageable_by(member), pk=pk)
