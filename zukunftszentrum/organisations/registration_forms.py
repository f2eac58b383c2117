"""The registration form: a company lead or a solo self-employed person signs up."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from .forms import HeadcountField, KreisField, clean_kreis
from .models import WZ_CHOICES, Land, User


class RegistrationForm(forms.Form):
    """Register a company (as its lead) or oneself as solo self-employed."""

    kind = forms.ChoiceField(
        label=_("Ich registriere"),
        choices=[
            ("company", _("ein Unternehmen, für das ich Verantwortung trage")),
            ("solo", _("mich als Solo-Selbstständige:r")),
        ],
        widget=forms.RadioSelect,
        initial="company",
    )
    full_name = forms.CharField(label=_("Ihr Name"), max_length=150)
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        error_messages={
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de.")
        },
    )
    password = forms.CharField(
        label=_("Passwort"),
        widget=forms.PasswordInput(render_value=True),
        help_text=_("Mindestens 8 Zeichen, nicht nur Ziffern und nicht zu ähnlich zu Ihrem Namen."),
    )
    legal_name = forms.CharField(
        label=_("Name des Unternehmens bzw. Ihrer Tätigkeit"), max_length=200
    )
    land = forms.ModelChoiceField(
        label=_("Land"), queryset=Land.objects.all(), empty_label=_("– bitte wählen –")
    )
    kreis_ags = KreisField()
    wz_section = forms.ChoiceField(label=_("Wirtschaftszweig (WZ 2008)"))
    headcount = HeadcountField(
        label=_("Beschäftigte (Personen)"),
        required=False,
        help_text=_("Für Solo-Selbstständige nicht nötig."),
    )
    has_works_council = forms.BooleanField(label=_("Es gibt einen Betriebsrat"), required=False)
    privacy = forms.BooleanField(
        label=_("Ich habe die Datenschutzhinweise zur Kenntnis genommen."),
        error_messages={
            "required": _("Bitte bestätigen Sie, dass Sie die Datenschutzhinweise kennen.")
        },
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ChoiceField, self.fields["wz_section"]).choices = [
            ("", _("– bitte wählen –")),
            *WZ_CHOICES,
        ]

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("kind") == "company" and not data.get("headcount"):
            self.add_error(
                "headcount", _("Bitte geben Sie an, wie viele Personen im Unternehmen arbeiten.")
            )
        clean_kreis(self, data)  # sets kreis_name, stored with the AGS
        if data.get("password"):
            probe = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                validate_password(data["password"], probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data
