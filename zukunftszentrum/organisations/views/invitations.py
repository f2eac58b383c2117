"""Invitations: sending one (shared by companies and centres), withdrawing one, and the link
that the invited person opens (the token in the link is the credential, and only the account
of the invited address may use it)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import public, requires

from .. import actions, emails
from ..exceptions import (
    AccountExists,
    InvitationExpired,
    InvitationInvalid,
    InvitationUsed,
    OrganisationError,
    SelfInvitation,
)
from ..forms import InvitationForm, InvitationSignupForm
from ..middleware import SESSION_KEY, MemberRequest
from ..models import Centre, Invitation, Membership, Organisation, User
from ..queries import access_invitation, account_exists
from ..roles import Capability
from ..rules import may_accept_invitation

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def invite_and_notify(
    request: MemberRequest,
    form: InvitationForm,
    *,
    organisation: Organisation | None = None,
    centre: Centre | None = None,
) -> bool:
    """Create the invitation and email the link; True on success, else a message is queued."""
    email = form.cleaned_data["email"]
    try:
        invitation, token = actions.invite(
            member=request.member,
            email=email,
            role=form.cleaned_data["role"],
            organisation=organisation,
            centre=centre,
        )
    except SelfInvitation as exc:
        form.add_error("email", str(exc))  # next to the field that needs another address
        return False
    except OrganisationError as exc:
        messages.error(request, str(exc))
        return False
    # Sent by a task, retried if the mail server is away (core.mail): the page does not wait.
    emails.send_invitation(request, invitation, token)
    messages.success(
        request,
        _("Die Einladung an %(email)s ist unterwegs. Der Link gilt bis %(date)s.")
        % {"email": invitation.email, "date": _date(invitation)},
    )
    return True


def render_invite_page(
    request: MemberRequest, form: InvitationForm, *, target: Organisation | Centre, back_url: str
) -> HttpResponse:
    """The invitation form for a company or a centre."""
    context = {
        "form": form,
        "target": target,
        "for_centre": isinstance(target, Centre),
        "back_url": back_url,
        "days": settings.ZZ_INVITATION_DAYS,
    }
    return render(request, "organisations/invite.html", context)


def _date(invitation: Invitation) -> str:
    return date_format(localtime(invitation.expires_at), "SHORT_DATE_FORMAT")


@requires(Capability.INVITE_MEMBERS, Capability.MANAGE_CENTRE)
@require_POST
def revoke(request: MemberRequest, pk: int) -> HttpResponse:
    invitation = access_invitation(request.member, pk)
    try:
        actions.revoke_invitation(member=request.member, invitation=invitation)
    except OrganisationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Die Einladung an %(email)s wurde zurückgezogen.") % {"email": invitation.email},
        )
    if invitation.organisation_id:
        return redirect("organisations:organisation_detail", invitation.organisation_id)
    return redirect("organisations:centre_workspace")


@public
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = actions.find_invitation(token)
    except InvitationInvalid as exc:
        return _not_usable(request, exc)
    if isinstance(request.user, User):
        return _accept_signed_in(request, request.user, invitation, token)
    if account_exists(invitation.email):
        return _page(request, invitation, mode="login")
    return _sign_up(request, invitation, token)


def _accept_signed_in(
    request: HttpRequest, user: User, invitation: Invitation, token: str
) -> HttpResponse:
    answer = may_accept_invitation(user, invitation)
    if not answer:  # another account: nothing is granted, the person is told what to do
        actions.refuse_invitation(invitation=invitation, user=user, request=request)
        return _page(request, invitation, mode="other_account", reason=answer.reason)
    if request.method == "POST":
        try:
            membership = actions.accept_invitation(token=token, user=user, request=request)
        except InvitationInvalid as exc:  # a second click or a second tab
            return _not_usable(request, exc)
        except OrganisationError as exc:
            messages.error(request, str(exc))
        else:
            return _welcome(request, membership)
    return _page(request, invitation, mode="accept")


def _sign_up(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                membership = actions.register_and_accept_invitation(
                    token=token,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
                login(request, membership.user, backend=MODEL_BACKEND)
        except InvitationInvalid as exc:
            return _not_usable(request, exc)
        except AccountExists as exc:
            messages.info(request, str(exc))
            return redirect(request.path)
        return _welcome(request, membership)
    return _page(request, invitation, mode="signup", form=form)


def _page(request: HttpRequest, invitation: Invitation, **context: object) -> HttpResponse:
    return render(
        request, "organisations/invitation_accept.html", {"invitation": invitation, **context}
    )


def _welcome(request: HttpRequest, membership: Membership) -> HttpResponse:
    request.session[SESSION_KEY] = membership.pk
    messages.success(
        request,
        _("Willkommen! Sie handeln jetzt als %(role)s bei %(context)s.")
        % {"role": membership.get_role_display(), "context": membership.context_name},
    )
    return redirect("organisations:dashboard")


def _not_usable(request: HttpRequest, exc: InvitationInvalid) -> HttpResponse:
    """A friendly 410 page that says what happened and what to do next."""
    invitation = exc.invitation
    if (
        isinstance(exc, InvitationUsed)
        and invitation is not None
        and request.user.is_authenticated
        and invitation.accepted_by_id == request.user.pk  # type: ignore[attr-defined]
    ):
        messages.info(request, _("Sie haben diese Einladung bereits angenommen."))
        return redirect("organisations:dashboard")
    if isinstance(exc, InvitationUsed):
        reason = "used"
    elif isinstance(exc, InvitationExpired):
        reason = "expired"
    else:
        reason = "invalid"
    context = {"reason": reason, "message": str(exc), "invitation": invitation}
    return render(request, "organisations/invitation_invalid.html", context, status=410)
