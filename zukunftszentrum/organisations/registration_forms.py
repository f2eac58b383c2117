"""The registration form: a company lead or a solo self-employed person signs up."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from .forms import HeadcountField
from .models import WZ_CHOICES, Land, User
from .reference import kreis_belongs_to_land


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
    kreis_ags = forms.RegexField(
        label=_("Kreisschlüssel (AGS)"),
        regex=r"^[0-9]{5}$",
        required=False,
        help_text=_("Optional: fünfstelliger amtlicher Schlüssel Ihres Kreises, z. B. 09162."),
        error_messages={"invalid": _("Der Kreisschlüssel hat genau fünf Ziffern.")},
    )
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
        land, kreis = data.get("land"), data.get("kreis_ags")
        if land and kreis and not kreis_belongs_to_land(kreis, land.ags):
            self.add_error(
                "kreis_ags",
                _("Der Kreisschlüssel muss mit %(ags)s beginnen (Land %(land)s).")
                % {"ags": land.ags, "land": land.name},
            )
        if data.get("password"):
            probe = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                validate_password(data["password"], probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data
