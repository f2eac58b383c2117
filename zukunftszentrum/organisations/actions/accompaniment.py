"""A centre accompanies an organisation: request -> consent -> assignment."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event

from ..audit_actions import OrganisationAction
from ..exceptions import (
    AccompanimentError,
    NotAllowed,
)
from ..models import Accompaniment, Centre, Membership, Organisation, User
from ..queries import organisations_to_request
from ..rules import (
    may_answer_request,
    may_ask_centre,
    may_decide_accompaniment,
    may_end_accompaniment,
    may_request_accompaniment,
)


@transaction.atomic
def request_accompaniment(
    *, member: Membership, organisation: Organisation, message: str = ""
) -> Accompaniment:
    """A centre asks to accompany an organisation; nothing is visible to it before consent."""
    may_request_accompaniment(member).enforce(NotAllowed)
    assert member.centre_id is not None  # the rule admits centre staff only
    try:
        with transaction.atomic():
            acc = Accompaniment.objects.create(
                centre_id=member.centre_id,
                organisation=organisation,
                message=message,
                requested_by=member.user,
            )
    except IntegrityError as exc:
        raise AccompanimentError(
            _("Für diese Organisation besteht bereits eine offene Anfrage oder Begleitung.")
        ) from exc
    _log_accompaniment(acc, member.user, "requested")
    return acc


@transaction.atomic
def request_accompaniment_by_lead_email(
    *, member: Membership, lead_email: str, message: str = ""
) -> list[Accompaniment]:
    """Ask every organisation this address leads. The caller must answer the same whether or
    not anything was created, so the advisor learns nothing about who is registered."""
    may_request_accompaniment(member).enforce(NotAllowed)
    created = []
    for organisation in organisations_to_request(member, lead_email=lead_email):
        try:
            created.append(
                request_accompaniment(member=member, organisation=organisation, message=message)
            )
        except AccompanimentError:
            continue  # already asked or already accompanied: the answer must look the same
    return created


@transaction.atomic
def decide_accompaniment(
    *, member: Membership, accompaniment: Accompaniment, consent: bool
) -> None:
    """The organisation's lead gives or refuses consent to a centre's request."""
    acc = Accompaniment.objects.select_for_update().get(pk=accompaniment.pk)
    may_decide_accompaniment(member, acc).enforce(NotAllowed)
    if acc.status != Accompaniment.Status.REQUESTED:
        raise AccompanimentError(_("Über diese Anfrage wurde bereits entschieden."))
    acc.status = Accompaniment.Status.ACTIVE if consent else Accompaniment.Status.DECLINED
    acc.decided_by = member.user
    acc.decided_at = timezone.now()
    acc.save(update_fields=["status", "decided_by", "decided_at"])
    _log_accompaniment(acc, member.user, acc.status)


@transaction.atomic
def end_accompaniment(*, member: Membership, accompaniment: Accompaniment) -> bool:
    """Either side ends an accompaniment (or withdraws a pending request). False when it was
    over already (a second tab, a double click): nothing changes then."""
    acc = Accompaniment.objects.select_for_update().get(pk=accompaniment.pk)
    may_end_accompaniment(member, acc).enforce(NotAllowed)
    if acc.status not in (Accompaniment.Status.REQUESTED, Accompaniment.Status.ACTIVE):
        return False  # already ended or declined: nothing to do
    acc.status = Accompaniment.Status.ENDED
    acc.ended_at = timezone.now()
    acc.save(update_fields=["status", "ended_at"])
    _log_accompaniment(acc, member.user, "ended")
    return True


@transaction.atomic
def ask_centre(
    *, member: Membership, organisation: Organisation, centre: Centre, message: str = ""
) -> Accompaniment:
    """An organisation's lead asks a centre for accompaniment. Asking is consent: the centre
    sees the organisation's request (its name and details) and answers it."""
    may_ask_centre(member, organisation).enforce(NotAllowed)
    try:
        with transaction.atomic():
            acc = Accompaniment.objects.create(
                centre=centre,
                organisation=organisation,
                message=message,
                initiator=Accompaniment.Initiator.ORGANISATION,
                requested_by=member.user,
            )
    except IntegrityError as exc:
        raise AccompanimentError(
            _(
                "Mit %(centre)s besteht bereits eine offene Anfrage oder eine Begleitung. Sie "
                "finden sie auf Ihrer Organisationsseite."
            )
            % {"centre": centre.name}
        ) from exc
    _log_accompaniment(acc, member.user, "requested", OrganisationAction.ACCOMPANIMENT_ASKED)
    return acc


@transaction.atomic
def answer_request(
    *, member: Membership, accompaniment: Accompaniment, accept: bool, reply: str = ""
) -> None:
    """The asked centre accepts or declines an organisation's request, with an optional reply
    that the organisation reads on its page."""
    acc = Accompaniment.objects.select_for_update().get(pk=accompaniment.pk)
    may_answer_request(member, acc).enforce(NotAllowed)
    if acc.status != Accompaniment.Status.REQUESTED:
        raise AccompanimentError(_("Diese Anfrage wurde bereits beantwortet oder zurückgezogen."))
    acc.status = Accompaniment.Status.ACTIVE if accept else Accompaniment.Status.DECLINED
    acc.reply = reply
    acc.decided_by = member.user
    acc.decided_at = timezone.now()
    acc.save(update_fields=["status", "reply", "decided_by", "decided_at"])
    _log_accompaniment(acc, member.user, acc.status, OrganisationAction.ACCOMPANIMENT_ANSWERED)


def _log_accompaniment(
    acc: Accompaniment,
    actor: User | None,
    what: str,
    action: OrganisationAction = OrganisationAction.ACCOMPANIMENT_CHANGED,
) -> None:
    record_event(
        action,
        actor=actor,
        summary=f"{acc.centre} → {acc.organisation}: {Accompaniment.Status(what).label}",
        centre_id=acc.centre_id,
        organisation_id=acc.organisation_id,
        status=what,
    )
