"""The centre workspace: the team, staff invitations, and accompaniments of organisations."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires

from .. import actions, emails
from ..confirmations import CONFIRM_TEMPLATE, remove_member_confirmation
from ..exceptions import OrganisationError
from ..forms import (
    CENTRE_INVITE_ROLES,
    AccompanimentRequestForm,
    AnswerRequestForm,
    CentreForm,
    InvitationForm,
    role_choices,
)
from ..middleware import MemberRequest
from ..pages import centre_workspace_page
from ..queries import access_centre, access_centre_membership, access_request_to_centre
from ..roles import Capability
from .invitations import invite_and_notify, render_invite_page


@requires(Capability.VIEW_OWN_CENTRE)
def workspace(request: MemberRequest) -> HttpResponse:
    return _render_workspace(request)


def _render_workspace(
    request: MemberRequest, *, request_form: AccompanimentRequestForm | None = None
) -> HttpResponse:
    context = centre_workspace_page(request.member)
    context["request_form"] = request_form or AccompanimentRequestForm()
    context["invite_form"] = InvitationForm(roles=role_choices(CENTRE_INVITE_ROLES))
    return render(request, "organisations/centre_workspace.html", context)


@requires(Capability.MANAGE_CENTRE)
def invite_staff(request: MemberRequest) -> HttpResponse:
    member = request.member
    centre = access_centre(member, member.centre_id)
    form = InvitationForm(request.POST or None, roles=role_choices(CENTRE_INVITE_ROLES))
    if (
        request.method == "POST"
        and form.is_valid()
        and invite_and_notify(request, form, centre=centre)
    ):
        return redirect("organisations:centre_workspace")
    back = reverse("organisations:centre_workspace")
    return render_invite_page(request, form, target=centre, back_url=back)


@requires(Capability.ACCOMPANY_COMPANIES)
@require_POST
def request_accompaniment(request: MemberRequest) -> HttpResponse:
    form = AccompanimentRequestForm(request.POST)
    if not form.is_valid():
        return _render_workspace(request, request_form=form)
    lead_email = form.cleaned_data["lead_email"].strip().lower()
    created = actions.request_accompaniment_by_lead_email(
        member=request.member,
        lead_email=lead_email,
        message=form.cleaned_data["message"],
    )
    for accompaniment in created:  # if a mail fails, the lead still sees it on the dashboard
        emails.send_accompaniment_request(request, accompaniment, to=lead_email)
    # The same answer whether or not the address belongs to anyone: nothing is revealed.
    messages.info(
        request,
        _("Wenn ein Unternehmen mit dieser Adresse registriert ist, erhält es Ihre Anfrage."),
    )
    return redirect("organisations:centre_workspace")


@requires(Capability.ACCOMPANY_COMPANIES)
@require_POST
def answer_request(request: MemberRequest, accompaniment_pk: int) -> HttpResponse:
    """Accept or decline an organisation's request, with an optional message to it."""
    member = request.member
    accompaniment = access_request_to_centre(member, accompaniment_pk)
    decision = request.POST.get("decision", "")
    form = AnswerRequestForm(request.POST)
    if decision not in ("accept", "decline") or not form.is_valid():
        messages.error(
            request,
            _("Bitte wählen Sie Annehmen oder Ablehnen; die Nachricht hat höchstens 1000 Zeichen."),
        )
        return redirect(reverse("organisations:centre_workspace") + "#eingang")
    try:
        actions.answer_request(
            member=member,
            accompaniment=accompaniment,
            accept=decision == "accept",
            reply=form.cleaned_data["reply"],
        )
    except OrganisationError as exc:
        messages.error(request, str(exc))
    else:
        accompaniment.refresh_from_db()
        emails.send_request_answer(request, accompaniment)  # the company page shows it regardless
        done = (
            _("Sie begleiten jetzt %(org)s. Die Organisation sieht Ihre Zusage auf ihrer Seite.")
            if decision == "accept"
            else _(
                "Sie haben die Anfrage von %(org)s abgelehnt. Die Organisation sieht Ihre Antwort."
            )
        )
        messages.success(request, done % {"org": accompaniment.organisation.legal_name})
    return redirect(reverse("organisations:centre_workspace") + "#eingang")


@requires(Capability.MANAGE_CENTRE)
def edit(request: MemberRequest) -> HttpResponse:
    member = request.member
    centre = access_centre(member, member.centre_id)
    # A copy: validating the form writes the input into its instance, the page keeps the name.
    form = CentreForm(request.POST or None, instance=copy.copy(centre))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        actions.update_centre(member=member, centre=centre, changes=changes)
        messages.success(request, _("Die Angaben des Zentrums wurden gespeichert."))
        return redirect("organisations:centre_workspace")
    context = {
        "form": form,
        "heading": _("Angaben des Zentrums bearbeiten"),
        "subject": centre.name,
        "intro": _(
            "Diese Angaben erscheinen auf der öffentlichen Seite Ihres Zentrums. Welche Länder "
            "Ihr Zentrum betreut, legt die Programmverwaltung fest."
        ),
        "cancel_url": reverse("organisations:centre_workspace"),
    }
    return render(request, "core/edit_page.html", context)


@requires(Capability.MANAGE_CENTRE)
def remove_staff(request: MemberRequest, membership_pk: int) -> HttpResponse:
    """GET asks, naming the consequences; POST removes. A second tab finds it done."""
    member = request.member
    centre = access_centre(member, member.centre_id)
    membership = access_centre_membership(centre, membership_pk)
    back = reverse("organisations:centre_workspace")
    context = remove_member_confirmation(membership, cancel_url=back)
    if request.method != "POST":
        return render(request, CONFIRM_TEMPLATE, context)
    if membership.ended_at is not None:
        messages.info(request, context["done"])
        return redirect(back)
    try:
        actions.end_membership(member=member, membership=membership)
    except OrganisationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(person)s gehört nicht mehr zum Team.") % {"person": membership.user}
        )
    return redirect(back)
