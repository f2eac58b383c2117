"""Forms of the inventory. Labels and messages in German, translatable."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from . import products
from .models import AISystem, InformationLetter, ObligationStatus


class AISystemForm(forms.ModelForm):
    """A system's details; the catalogue's type prefills a new one (see `initial_from_type`)."""

    system_type = forms.ChoiceField(label=_("Art des Systems"), choices=())
    user_profiles = forms.MultipleChoiceField(
        label=_("Wer nutzt es (Tätigkeitsprofile)"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    overseer_profiles = forms.MultipleChoiceField(
        label=_("Wer beaufsichtigt es (Tätigkeitsprofile)"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = AISystem
        fields = (
            "name",
            "system_type",
            "vendor",
            "product",
            "purpose",
            "department",
            "user_profiles",
            "number_of_users",
            "overseer_profiles",
            "personal_data",
            "employee_data",
            "hosting",
            "status",
            "planned_from",
            "in_use_since",
        )
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "planned_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "in_use_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "number_of_users": _("Ungefähr genügt."),
            "status": _("Außer Betrieb nehmen Sie ein System über die Seite des Systems."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["system_type"]).choices = products.type_choices()
        profiles = products.profile_choices()
        cast(forms.ChoiceField, self.fields["user_profiles"]).choices = profiles
        cast(forms.ChoiceField, self.fields["overseer_profiles"]).choices = profiles
        # Retiring has its own confirmation page (it records the date).
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            c for c in AISystem.Status.choices if c[0] != AISystem.Status.RETIRED
        ]


def initial_from_type(key: str, lang: str) -> dict[str, Any]:
    """A new system's fields as the catalogue suggests them for this type (empty if unknown)."""
    found = products.system_type(key)
    if found is None:
        return {}
    return {
        "system_type": found.key,
        "purpose": found.text("purpose", lang),
        "user_profiles": list(found.user_profiles),
        "overseer_profiles": list(found.overseer_profiles),
        "personal_data": found.personal_data,
        "employee_data": found.employee_data,
    }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        help_text=_(
            "Erste Zeile: Spaltennamen, mindestens „Name“; dazu z. B. „Art“, „Anbieter“, "
            "„Produkt“, „Zweck“, „Abteilung“, „Status“, „Betrieb“."
        ),
    )


class DutyStatusForm(forms.ModelForm):
    class Meta:
        model = ObligationStatus
        fields = ("state", "evidence", "done_on")
        widgets = {
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "done_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("state") == ObligationStatus.State.DONE:
            if not (data.get("evidence") or "").strip():
                self.add_error("evidence", _("Bitte nennen Sie den Nachweis."))
            if not data.get("done_on"):
                self.add_error("done_on", _("Bitte geben Sie das Datum an."))
        return data


class LetterTrackingForm(forms.ModelForm):
    class Meta:
        model = InformationLetter
        fields = ("sent_to_works_council_on", "workers_informed_on")
        widgets = {
            "sent_to_works_council_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "workers_informed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
