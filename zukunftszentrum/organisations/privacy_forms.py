"""Forms of the privacy pages: confirming an account deletion, filtering the audit log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.audit_actions import action_choices


class DeleteAccountForm(forms.Form):
    confirmation = forms.CharField(
        label=_("Ihre E-Mail-Adresse oder Ihr Passwort"),
        help_text=_("Zur Bestätigung, dass wirklich Sie Ihr Konto löschen."),
        strip=False,  # a password may begin or end with a space
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _(
                "Bitte geben Sie zur Bestätigung Ihre E-Mail-Adresse oder Ihr Passwort ein."
            )
        },
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirmation(self) -> str:
        value = self.cleaned_data["confirmation"]
        if value.strip().lower() == self.user.email.lower() or self.user.check_password(value):
            return value
        raise forms.ValidationError(
            _(
                "Das ist weder Ihre E-Mail-Adresse noch Ihr Passwort. "
                "Ihr Konto wurde nicht gelöscht."
            )
        )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Ereignis"),
        required=False,
        # Read when the form is built, so every app's registered actions are listed.
        choices=lambda: [("", _("Alle Ereignisse")), *action_choices()],
    )
