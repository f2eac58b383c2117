"""django-allauth: nobody signs up openly (accounts come from invitations and registration);
messages in formal German."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


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
