"""Forms of the concept designer. Every form that changes a scenario carries the version it was
drawn from (hidden), so a save from an older tab is noticed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.organisations.models import Centre
from zukunftszentrum.organisations.reference import WZ_SECTIONS

from . import geography
from .content import topic_map
from .inputs import ONLINE, months_of
from .models import Place, Resources, Scenario
from .wording import area_label, month_label


def _area_fields(form: forms.BaseForm, days: dict[str, Any]) -> None:
    for area in topic_map().areas:
        form.fields[f"trainer_{area}"] = forms.DecimalField(
            label=area_label(area),
            min_value=0,
            max_value=200,
            decimal_places=1,
            initial=days.get(area, 0),
            help_text=_("Trainertage pro Monat"),
        )


def _area_values(data: dict[str, Any]) -> dict[str, float]:
    return {area: float(data[f"trainer_{area}"]) for area in topic_map().areas}


class ResourcesForm(forms.ModelForm):
    industry_weights = forms.CharField(
        label=_("Gewichte nach Wirtschaftszweig"),
        required=False,
        help_text=_("WZ-Abschnitt und Faktor, durch Semikolon getrennt, z. B. „C=1,5; Q=1,2“."),
    )

    class Meta:
        model = Resources
        fields = [
            "budget_eur",
            "day_rate_eur",
            "venue_eur",
            "sessions_per_place_month",
            "online_sessions_per_month",
            "min_participants",
            "max_participants",
            "min_share_per_land",
            "travel_half_km",
            "weight_micro",
            "weight_thin",
            "weight_unmet",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _area_fields(self, self.instance.trainer_days or {})
        self.fields["industry_weights"].initial = "; ".join(
            f"{k}={str(v).replace('.', ',')}"
            for k, v in (self.instance.weight_industries or {}).items()
        )

    def clean_industry_weights(self) -> dict[str, float]:
        text = self.cleaned_data.get("industry_weights") or ""
        out: dict[str, float] = {}
        for piece in (p.strip() for p in text.split(";") if p.strip()):
            code, _sep, value = piece.partition("=")
            code = code.strip().upper()
            try:
                factor = float(value.strip().replace(",", "."))
            except ValueError:
                raise forms.ValidationError(_("Bitte schreiben Sie z. B. „C=1,5“.")) from None
            if code not in WZ_SECTIONS or not 0 <= factor <= 10:
                raise forms.ValidationError(
                    _(
                        "„%(code)s“ ist kein WZ-Abschnitt oder der Faktor liegt nicht zwischen 0 und 10."
                    )
                    % {"code": code}
                )
            out[code] = factor
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_participants"), data.get("max_participants")
        if low is not None and high is not None and high < low:
            self.add_error(
                "max_participants", _("Die Höchstzahl muss mindestens die Mindestzahl sein.")
            )
        return data

    def values(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["trainer_days"] = _area_values(self.cleaned_data)
        data["weight_industries"] = self.cleaned_data["industry_weights"]
        return data


class PlaceForm(forms.ModelForm):
    kreis = forms.ChoiceField(label=_("Kreis"), required=False)

    class Meta:
        model = Place
        fields = ["name", "land", "lat", "lon"]

    def __init__(self, *args: Any, centre: Centre, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lands = centre.lands.order_by("ags")
        self.fields["land"].queryset = lands  # type: ignore[attr-defined]
        codes = [land.code for land in lands]
        self.fields["kreis"].choices = [("", "–")] + [  # type: ignore[attr-defined]
            (k.ags, f"{k.name} ({k.land})") for k in geography.kreise_of(codes)
        ]
        self.fields["lat"].help_text = _("Leer lassen: die Mitte des Landes.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kreis = geography.kreis(data.get("kreis") or "")
        land = data.get("land")
        if kreis is not None and land is not None and kreis.land != land.code:
            self.add_error("kreis", _("Der Kreis liegt nicht in diesem Land."))
        if (data.get("lat") is None) != (data.get("lon") is None):
            self.add_error("lon", _("Bitte geben Sie Breiten- und Längengrad an, oder keinen."))
        for name, low, high in (("lat", 47.0, 55.5), ("lon", 5.5, 15.5)):
            value = data.get(name)
            if value is not None and not low <= value <= high:
                self.add_error(name, _("Der Ort muss in Deutschland liegen."))
        return data

    def save_values(self) -> Place:
        place: Place = self.save(commit=False)
        kreis = geography.kreis(self.cleaned_data.get("kreis") or "")
        place.kreis_ags = kreis.ags if kreis else ""
        place.kreis_name = kreis.name if kreis else ""
        return place


def month_choices(count: int = 12) -> list[tuple[str, str]]:
    today = timezone.localdate()
    first = f"{today.year + (today.month // 12):04d}-{today.month % 12 + 1:02d}"
    return [(m, month_label(m)) for m in months_of(first, count)]


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    first_month = forms.ChoiceField(label=_("Erster Monat"))
    months = forms.IntegerField(label=_("Monate"), min_value=1, max_value=12, initial=6)
    extra_trainer_days = forms.DecimalField(
        label=_("Zusätzliche Trainertage je Bereich und Monat"),
        min_value=0,
        max_value=50,
        decimal_places=1,
        initial=0,
        required=False,
    )
    based_on = forms.ModelChoiceField(
        label=_("Ressourcen und Festlegungen übernehmen aus"),
        queryset=Scenario.objects.none(),
        required=False,
        empty_label=_("den aktuellen Ressourcen des Zentrums"),
    )

    def __init__(self, *args: Any, centre: Centre, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_month"].choices = month_choices()  # type: ignore[attr-defined]
        self.fields["based_on"].queryset = Scenario.objects.filter(centre=centre)  # type: ignore[attr-defined]


class ScenarioChangeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=120)
    budget_eur = forms.IntegerField(label=_("Budget für den Zeitraum (Euro)"), min_value=0)

    def __init__(self, *args: Any, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = scenario.version
        self.fields["name"].initial = scenario.name
        self.fields["budget_eur"].initial = scenario.resources.get("budget_eur", 0)
        _area_fields(self, scenario.resources.get("trainer_days") or {})

    def values(self) -> dict[str, Any]:
        return {
            "name": self.cleaned_data["name"],
            "budget_eur": self.cleaned_data["budget_eur"],
            "trainer_days": _area_values(self.cleaned_data),
        }


class AddItemForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    module = forms.TypedChoiceField(label=_("Modul"), coerce=int)
    place = forms.ChoiceField(label=_("Ort"))
    month = forms.ChoiceField(label=_("Monat"))
    sessions = forms.IntegerField(label=_("Termine"), min_value=1, max_value=20, initial=1)

    def __init__(
        self, *args: Any, scenario: Scenario, modules: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = scenario.version
        self.fields["module"].choices = modules  # type: ignore[attr-defined]
        self.fields["place"].choices = [  # type: ignore[attr-defined]
            (p["key"], p["name"]) for p in scenario.resources.get("places", [])
        ] + [(ONLINE, _("online"))]
        self.fields["month"].choices = [  # type: ignore[attr-defined]
            (m, month_label(m)) for m in months_of(scenario.first_month, scenario.months)
        ]


class VersionForm(forms.Form):
    version = forms.IntegerField(required=False)
