"""Forms of the organisations app. Labels and messages in German, translatable."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Centre, Organisation, User
from .reference import kreis_belongs_to_land


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "legal_name",
            "land",
            "kreis_ags",
            "kreis_name",
            "wz_section",
            "headcount",
            "has_works_council",
        ]

    def clean(self) -> dict:
        data = super().clean() or {}
        land, kreis = data.get("land"), data.get("kreis_ags")
        if land and kreis and not kreis_belongs_to_land(kreis, land.ags):
            self.add_error(
                "kreis_ags",
                _("Der Kreisschlüssel muss mit %(ags)s beginnen (Land %(land)s) und fünf Ziffern haben.")
                % {"ags": land.ags, "land": land.name},
            )
        if self.instance.kind == Organisation.Kind.SOLO:
            if data.get("headcount") not in (None, 1):
                self.add_error("headcount", _("Eine Solo-Selbstständigkeit hat genau eine Person."))
            if data.get("has_works_council"):
                self.add_error("has_works_council", _("Eine Solo-Selbstständigkeit hat keinen Betriebsrat."))
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        error_messages={"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de.")},
    )
    role = forms.ChoiceField(label=_("Rolle"))

    def __init__(self, *args: object, roles: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = roles


class CentreForm(forms.ModelForm):
    class Meta:
        model = Centre
        fields = ["name", "summary", "description", "email", "phone", "website", "street", "postcode", "city"]

