"""Forms of "Mein Lernweg" (the planning settings) and the team plan (choosing a group)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PathSettings

INPUT = {"class": "kern-form-input__input"}
CHECK = {"class": "kern-form-check__checkbox"}
MAX_MONTHS = 36


class PathSettingsForm(forms.ModelForm):
    class Meta:
        model = PathSettings
        fields = ["start", "end", "monthly_hours", "online", "travels"]
        labels = {
            "start": _("Zeitraum von"),
            "end": _("Zeitraum bis"),
            "monthly_hours": _("Stunden pro Monat"),
            "online": _("Online-Termine sind für mich möglich"),
            "travels": _("Anreise zu Terminen im ganzen Land ist möglich"),
        }
        widgets = {
            "start": forms.DateInput(attrs={**INPUT, "type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={**INPUT, "type": "date"}, format="%Y-%m-%d"),
            "monthly_hours": forms.NumberInput(attrs={**INPUT, "min": "1", "max": "80"}),
            "online": forms.CheckboxInput(attrs=CHECK),
            "travels": forms.CheckboxInput(attrs=CHECK),
        }

    def clean_monthly_hours(self) -> Decimal:
        hours: Decimal = self.cleaned_data["monthly_hours"]
        if not Decimal(1) <= hours <= Decimal(80):
            raise forms.ValidationError(_("Bitte geben Sie 1 bis 80 Stunden an."))
        return hours

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end <= start:
                self.add_error("end", _("Das Ende muss nach dem Beginn liegen."))
            elif (end.year - start.year) * 12 + end.month - start.month > MAX_MONTHS:
                self.add_error("end", _("Bitte planen Sie höchstens drei Jahre im Voraus."))
        return data


class TeamGroupForm(forms.Form):
    """A group of the company: everyone with a job profile, or people picked by name."""

    profile = forms.ChoiceField(label=_("Alle mit dem Berufsprofil"), required=False)
    group = forms.ChoiceField(label=_("oder diese Gruppe"), required=False)
    people = forms.MultipleChoiceField(
        label=_("oder diese Personen"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
    )

    def __init__(
        self,
        *args: Any,
        profiles: list[tuple[str, str]],
        people: list[tuple[int, str]],
        groups: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ChoiceField)
        group_field.choices = [("", _("– keine –")), *(groups or [])]
        if not groups:
            del self.fields["group"]
        profile_field = self.fields["profile"]
        people_field = self.fields["people"]
        assert isinstance(profile_field, forms.ChoiceField)
        assert isinstance(people_field, forms.MultipleChoiceField)
        profile_field.choices = [("", _("– keines –")), *profiles]
        people_field.choices = [(str(pk), name) for pk, name in people]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [bool(data.get("profile")), bool(data.get("group")), bool(data.get("people"))]
        if sum(chosen) != 1:
            raise forms.ValidationError(
                _("Bitte wählen Sie entweder ein Berufsprofil oder einzelne Personen.")
                if "group" not in self.fields
                else _(
                    "Bitte wählen Sie genau eines: ein Berufsprofil, eine Gruppe oder einzelne Personen."
                )
            )
        return data
