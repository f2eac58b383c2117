"""A company's (or a solo self-employed person's) page: facts, members, invitations, and the
organisation's consent to being accompanied by a centre."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires

from .. import actions, emails
from ..confirmations import (
    CONFIRM_TEMPLATE,
    end_accompaniment_confirmation,
    remove_member_confirmation,
)
from ..exceptions import OrganisationError
from ..forms import (
    COMPANY_INVITE_ROLES,
    AskCentreForm,
    InvitationForm,
    OrganisationForm,
    role_choices,
)
from ..middleware import MemberRequest
from ..models import Membership
from ..pages import organisation_page
from ..queries import (
    access_accompaniment,
    access_organisation,
    access_organisation_membership,
    centres_to_ask,
)
from ..roles import Capability
from ..rules import may_ask_centre, may_end_accompaniment
from .invitations import invite_and_notify, render_invite_page

DECISION_DONE = {
    "consent": gettext_lazy("Sie haben der Begleitung durch %(centre)s zugestimmt."),
    "decline": gettext_lazy("Sie haben die Anfrage von %(centre)s abgelehnt."),
    "end": gettext_lazy("Die Begleitung durch %(centre)s ist beendet."),
}


@requires(
    Capability.VIEW_OWN_ORGANISATION, Capability.ACCOMPANY_COMPANIES, Capability.MANAGE_NETWORK
)
def detail(request: MemberRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.member, pk)
    context = organisation_page(request.member, organisation)
    return render(request, "organisations/organisation_detail.html", context)


@requires(Capability.MANAGE_ORGANISATION)
def edit(request: MemberRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.member, pk)
    # A copy: validating the form writes the input into its instance, the page keeps the name.
    form = OrganisationForm(request.POST or None, instance=copy.copy(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_organisation(
                member=request.member,
                organisation=organisation,
                changes=form.cleaned_data,
            )
        except OrganisationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Die Angaben wurden gespeichert."))
            return redirect("organisations:organisation_detail", organisation.pk)
    context = {
        "form": form,
        "heading": _("Angaben bearbeiten"),
        "subject": organisation.legal_name,
        "intro": _(
            "Land, Wirtschaftszweig und Größe ordnen Ihre Organisation in regionale Auswertungen "
            "ein. Diese zeigen nur Gruppen mehrerer Betriebe, nie Ihre Organisation allein."
        ),
        "cancel_url": reverse("organisations:organisation_detail", args=[organisation.pk]),
    }
    return render(request, "organisations/organisation_edit.html", context)


@requires(Capability.INVITE_MEMBERS)
def invite(request: MemberRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.member, pk)
    form = InvitationForm(request.POST or None, roles=role_choices(COMPANY_INVITE_ROLES))
    if (
        request.method == "POST"
        and form.is_valid()
        and invite_and_notify(request, form, organisation=organisation)
    ):
        return redirect("organisations:organisation_detail", organisation.pk)
    back = reverse("organisations:organisation_detail", args=[organisation.pk])
    return render_invite_page(request, form, target=organisation, back_url=back)


@requires(Capability.MANAGE_ORGANISATION)
def remove_member(request: MemberRequest, pk: int, membership_pk: int) -> HttpResponse:
    """GET asks, naming the consequences; POST removes. A second tab finds it done."""
    organisation = access_organisation(request.member, pk)
    membership = access_organisation_membership(organisation, membership_pk)
    back = reverse("organisations:organisation_detail", args=[organisation.pk])
    context = remove_member_confirmation(membership, cancel_url=back)
    if request.method != "POST":
        return render(request, CONFIRM_TEMPLATE, context)
    if membership.ended_at is not None:  # a second tab or a double click: nothing to do
        messages.info(request, context["done"])
        return redirect(back)
    try:
        actions.end_membership(member=request.member, membership=membership)
    except OrganisationError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(
        request,
        _("%(name)s ist nicht mehr als %(role)s Mitglied.")
        % {"name": membership.user, "role": membership.get_role_display()},
    )
    if membership.pk == request.member.pk:
        return redirect("organisations:dashboard")  # the person left this role themselves
    return redirect(back)


@requires(Capability.MANAGE_ORGANISATION, Capability.ACCOMPANY_COMPANIES)
@require_POST
def decide_accompaniment(request: MemberRequest, pk: int, accompaniment_pk: int) -> HttpResponse:
    """Consent to or decline a request. Ending one has its own page that asks first."""
    member = request.member
    accompaniment = access_accompaniment(member, accompaniment_pk, organisation_id=pk)
    decision = request.POST.get("decision", "")
    try:
        if decision in ("consent", "decline"):
            actions.decide_accompaniment(
                member=member, accompaniment=accompaniment, consent=decision == "consent"
            )
        else:
            raise OrganisationError(_("Bitte wählen Sie Zustimmen oder Ablehnen."))
    except OrganisationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, DECISION_DONE[decision] % {"centre": accompaniment.centre})
    return redirect(_accompaniment_back(member, pk))


@requires(Capability.MANAGE_ORGANISATION, Capability.ACCOMPANY_COMPANIES)
def end_accompaniment(request: MemberRequest, pk: int, accompaniment_pk: int) -> HttpResponse:
    """GET asks, naming the consequences; POST ends it (or withdraws a pending request).
    Either side may: the organisation's lead or the accompanying centre."""
    member = request.member
    accompaniment = access_accompaniment(member, accompaniment_pk, organisation_id=pk)
    back = _accompaniment_back(member, pk)
    allowed = may_end_accompaniment(member, accompaniment)
    if not allowed:
        messages.error(request, allowed.reason)
        return redirect(back)
    context = end_accompaniment_confirmation(
        accompaniment, by_centre=bool(member.centre_id), cancel_url=back
    )
    if request.method != "POST":
        return render(request, CONFIRM_TEMPLATE, context)
    try:
        changed = actions.end_accompaniment(member=member, accompaniment=accompaniment)
    except OrganisationError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    if changed:
        messages.success(request, DECISION_DONE["end"] % {"centre": accompaniment.centre})
    else:  # a second tab or a double click: nothing changed
        messages.info(request, _("Diese Begleitung ist bereits beendet oder wurde abgelehnt."))
    return redirect(back)


@requires(Capability.MANAGE_ORGANISATION)
def ask_centre(request: MemberRequest, pk: int) -> HttpResponse:
    """The organisation's lead asks a centre for accompaniment; the centre answers on its
    workspace, and the answer shows on the organisation's page."""
    member = request.member
    organisation = access_organisation(member, pk)
    back = reverse("organisations:organisation_detail", args=[organisation.pk]) + "#begleitung"
    allowed = may_ask_centre(member, organisation)
    if not allowed:
        messages.error(request, allowed.reason)
        return redirect(back)
    covering, others = centres_to_ask(organisation)
    form = AskCentreForm(
        request.POST or None, covering=covering, others=others, land=organisation.land.name
    )
    if request.method == "POST" and form.is_valid():
        centre = form.cleaned_data["centre"]
        try:
            asked = actions.ask_centre(
                member=member,
                organisation=organisation,
                centre=centre,
                message=form.cleaned_data["message"],
            )
        except OrganisationError as exc:
            form.add_error("centre", str(exc))
        else:
            emails.send_request_to_centre(request, asked)  # the workspace shows it regardless
            messages.success(
                request,
                _(
                    "Ihre Anfrage ist bei %(centre)s. Sobald das Zentrum antwortet, sehen Sie "
                    "die Antwort auf dieser Seite."
                )
                % {"centre": centre.name},
            )
            return redirect(back)
    context = {
        "form": form,
        "organisation": organisation,
        "has_centres": bool(covering or others),
        "cancel_url": back,
    }
    return render(request, "organisations/ask_centre.html", context)


def _accompaniment_back(member: Membership, pk: int) -> str:
    if member.centre_id:  # a centre's way back is its workspace (the company page may be closed)
        return reverse("organisations:centre_workspace")
    return reverse("organisations:organisation_detail", args=[pk]) + "#begleitung"
