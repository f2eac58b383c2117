"""Emails about registrations: confirmation, waitlist, moved up, cancellation, reminder. Each is
rendered in the person's language and carries the offer's dates as an iCalendar file, so one
click puts them in (or takes them out of) the person's calendar. Sent by a task (core.mail).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from zukunftszentrum.core.mail import queue_mail

from ..models import Offer, Registration
from . import tasks as catalogue_tasks
from .ical import calendar
from .pages import offer_events, place_label


def default_base_url() -> str:
    """Where links point when no request says it (tasks): the first configured host."""
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
    return f"https://{hosts[0]}" if hosts else ""


def offer_ics(offer: Offer, *, method: str, attendee: str = "", base_url: str = "") -> str:
    """The offer's sessions as an iCalendar text for one recipient."""
    link = (base_url or default_base_url()) + reverse("learning:offer", args=[offer.pk])
    events = offer_events(
        offer,
        url=link,
        organizer=offer.module.centre.email or settings.DEFAULT_FROM_EMAIL,
        attendee=attendee,
        cancelled=method == "CANCEL",
    )
    return calendar(events, stamp=timezone.now(), method=method)


def _send(kind: str, registration: Registration, *, method: str, base_url: str) -> None:
    user, offer = registration.user, registration.offer
    base = base_url or default_base_url()
    context = {
        "registration": registration,
        "offer": offer,
        "module": offer.module,
        "sessions": list(offer.sessions.all()),
        "place": place_label(offer),
        "link": base + reverse("learning:offer", args=[offer.pk]),
        "mine": base + reverse("learning:my_registrations"),
    }
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"learning/catalogue/email/{kind}_subject.txt", context)
        body = render_to_string(f"learning/catalogue/email/{kind}_body.txt", context)
    ics = offer_ics(offer, method=method, attendee=user.email, base_url=base_url)
    filename = "absage.ics" if method == "CANCEL" else "termin.ics"
    mimetype = f"text/calendar; charset=utf-8; method={method}"
    queue_mail(
        kind=f"learning_{kind}",
        to=user.email,
        subject=subject,
        body=body,
        attachments=[(filename, ics, mimetype)],
    )


def send_confirmation(registration: Registration, *, base_url: str = "") -> None:
    _send("confirmation", registration, method="REQUEST", base_url=base_url)
    catalogue_tasks.schedule_reminder(registration)


def send_waitlisted(registration: Registration, *, base_url: str = "") -> None:
    # PUBLISH, not REQUEST: the dates are for information; no seat is held yet.
    _send("waitlisted", registration, method="PUBLISH", base_url=base_url)


def send_moved_up(registration: Registration, *, base_url: str = "") -> None:
    _send("moved_up", registration, method="REQUEST", base_url=base_url)
    catalogue_tasks.schedule_reminder(registration)


def send_cancelled(registration: Registration, *, base_url: str = "") -> None:
    _send("cancelled", registration, method="CANCEL", base_url=base_url)


def send_reminder(registration: Registration) -> None:
    _send("reminder", registration, method="REQUEST", base_url="")


def send_offer_changed(registration: Registration, *, base_url: str = "") -> None:
    method = "REQUEST" if registration.status == "registered" else "PUBLISH"
    _send("offer_changed", registration, method=method, base_url=base_url)


def send_offer_cancelled(registration: Registration, *, base_url: str = "") -> None:
    _send("offer_cancelled", registration, method="CANCEL", base_url=base_url)
