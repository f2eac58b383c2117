"""Emails this app sends: invitations, a centre's request to accompany an organisation, an
organisation's request to a centre and the centre's answer. They are rendered here, in the
recipient's language, and sent by a task (core.mail), so no page waits for the mail server. The
platform keeps the state; a mail that fails only means the person reads it on their page instead."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from zukunftszentrum.core.mail import queue_mail

from .models import Accompaniment, Invitation, User


def send_invitation(request: HttpRequest, invitation: Invitation, token: str) -> bool:
    """Queue the email with the invitation link (True: it is on its way)."""
    link = request.build_absolute_uri(reverse("organisations:invitation_accept", args=[token]))
    context = {
        "invitation": invitation,
        "link": link,
        "inviter": _name(invitation.invited_by),
        "privacy_url": request.build_absolute_uri(reverse("core:privacy_notice")),
        "min_group_size": settings.ZZ_MIN_GROUP_SIZE,
    }
    # The recipient may not have an account yet, so the platform's default language is used.
    return _send("invitation", context, invitation.email, settings.LANGUAGE_CODE)


def send_accompaniment_request(
    request: HttpRequest, accompaniment: Accompaniment, *, to: str
) -> bool:
    """Tell an organisation's lead that a centre asks to accompany it, in the lead's language."""
    language = (
        User.objects.filter(email__iexact=to).values_list("preferred_language", flat=True).first()
        or settings.LANGUAGE_CODE
    )
    page = reverse("organisations:organisation_detail", args=[accompaniment.organisation_id])
    context = {
        "accompaniment": accompaniment,
        "link": request.build_absolute_uri(f"{page}#begleitung"),
        "requester": _name(accompaniment.requested_by),
    }
    return _send("accompaniment_request", context, to, language)


def send_request_to_centre(request: HttpRequest, accompaniment: Accompaniment) -> bool:
    """Tell a centre (at its public contact address) that an organisation asks for support."""
    to = accompaniment.centre.email
    if not to:
        return False  # the request waits on the workspace all the same
    context = {
        "accompaniment": accompaniment,
        "link": request.build_absolute_uri(reverse("organisations:centre_workspace") + "#eingang"),
    }
    return _send("centre_request", context, to, settings.LANGUAGE_CODE)


def send_request_answer(request: HttpRequest, accompaniment: Accompaniment) -> bool:
    """Tell the person who asked a centre what the centre answered, in their language."""
    person = accompaniment.requested_by
    if person is None or not person.email:
        return False
    page = reverse("organisations:organisation_detail", args=[accompaniment.organisation_id])
    context = {
        "accompaniment": accompaniment,
        "link": request.build_absolute_uri(f"{page}#begleitung"),
    }
    return _send(
        "request_answer", context, person.email, person.preferred_language or settings.LANGUAGE_CODE
    )


def _name(user: object) -> str:
    return str(user) if user is not None else ""


def _send(kind: str, context: dict, to: str, language: str) -> bool:
    with translation.override(language):
        subject = render_to_string(f"organisations/email/{kind}_subject.txt", context)
        body = render_to_string(f"organisations/email/{kind}_body.txt", context)
    queue_mail(kind=kind, to=to, subject=subject, body=body)
    return True
