"""django-allauth: nobody signs up openly (accounts come from invitations and registration);
messages in formal German; its emails (password reset, notices) go through the task queue."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.mail import queue_mail


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "enter_current_password": _("Bitte geben Sie Ihr aktuelles Passwort ein."),
        "cannot_remove_primary_email": _("Die Hauptadresse kann nicht entfernt werden."),
        "max_email_addresses": _("Sie können höchstens %d E-Mail-Adressen hinterlegen."),
        "unverified_primary_email": _("Ihre Hauptadresse muss zuerst bestätigt werden."),
        "rate_limited": _("Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment."),
        "too_many_login_attempts": _(
            "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in einigen "
            "Minuten erneut."
        ),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render as allauth does, then let a task send it (core.mail): no page waits for the
        mail server, and an SMTP error is retried."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        msg = self.render_mail(template_prefix, email, {**ctx, **context})
        html = next(
            (
                content
                for content, mimetype in getattr(msg, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        kind = template_prefix.rsplit("/", 1)[-1]
        queue_mail(
            kind=kind, to=email, subject=str(msg.subject), body=str(msg.body), html_body=str(html)
        )
