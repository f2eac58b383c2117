"""Forms of the catalogue: the public filter, a module, an offer with its dates, seats."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zukunftszentrum.organisations.models import Land
from zukunftszentrum.organisations.reference import KREIS_BY_AGS, KREISE

from ..models import Module, ModuleFormat, Offer
from . import rules
from .pages import LEVEL_LABELS, competence_choices
from .queries import CatalogueFilter, centre_trainers

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
LEVEL_CHOICES = [(0, gettext_lazy("–")), *LEVEL_LABELS.items()]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Suche"), required=False, max_length=100)
    land = forms.ModelChoiceField(
        label=gettext_lazy("Land"), queryset=Land.objects.order_by("name"), required=False,
        empty_label=gettext_lazy("alle Länder"),
    )  # fmt: skip
    format = forms.ChoiceField(label=gettext_lazy("Format"), required=False)
    month = forms.CharField(
        label=gettext_lazy("Monat (JJJJ-MM)"), required=False, max_length=7,
        widget=forms.TextInput(attrs={"type": "month"}),
    )  # fmt: skip
    competence = forms.ChoiceField(label=gettext_lazy("Kompetenz"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("format", [("", _("alle Formate")), *ModuleFormat.choices])
        self._choices("competence", [("", _("alle Kompetenzen")), *competence_choices()])

    def _choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean_month(self) -> date | None:
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        match = MONTH.match(value)
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError(_("Bitte geben Sie den Monat als JJJJ-MM an."))
        return date(int(match[1]), int(match[2]), 1)

    def filter(self) -> CatalogueFilter:
        """The filter to apply; an invalid field is left out (the page says so)."""
        data = self.cleaned_data if self.is_valid() else {
            k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors
        }  # fmt: skip
        land = data.get("land")
        return CatalogueFilter(
            text=data.get("q") or "",
            land=land.code if land else "",
            format=data.get("format") or "",
            month=data.get("month"),
            competence=data.get("competence") or "",
        )


def _level_fields(prefix: str) -> dict[str, forms.Field]:
    # labelled by the competence alone: the fieldset's legend says "reached" or "required"
    return {
        f"{prefix}{c}": forms.TypedChoiceField(
            label=name, choices=LEVEL_CHOICES, coerce=int, required=False, initial=0
        )
        for c, name in competence_choices()
    }


@dataclass
class FieldGroup:
    """One fieldset of a form, shaped like a form for core/form_fields.html (which then renders
    only these fields; the error summary is the whole form's, shown once above the groups)."""

    legend: str
    help: str
    fields: list[Any]

    @property
    def errors(self) -> dict[str, Any]:
        return {}

    def visible_fields(self) -> list[Any]:
        return self.fields

    def hidden_fields(self) -> list[Any]:
        return []

    def non_field_errors(self) -> list[str]:
        return []


class ModuleForm(forms.ModelForm):
    prerequisites = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Vorausgesetzte Module"), queryset=Module.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Module, die jemand vorher abgeschlossen haben muss."),
    )  # fmt: skip

    class Meta:
        model = Module
        fields = [
            "key", "title", "summary", "format", "duration_hours", "cost_eur", "language",
            "accessibility", "licence", "published",
        ]  # fmt: skip
        help_texts = {
            "key": gettext_lazy(
                "Kurz und eindeutig in Ihrem Zentrum, nur Kleinbuchstaben, Ziffern und "
                "Bindestriche, z. B. prompting-buero."
            ),
            "summary": gettext_lazy("Zwei, drei Sätze: Was lernt man, für wen ist das Modul?"),
            "duration_hours": gettext_lazy(
                "Die gesamte Lernzeit einer Person in Stunden, alle Sitzungen zusammen."
            ),
            "cost_eur": gettext_lazy("Der Preis für eine Person; 0 heißt kostenfrei."),
            "published": gettext_lazy(
                "Erst veröffentlichte Module stehen im Katalog und in den Lernwegen."
            ),
        }

    def __init__(self, *args: Any, centre_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Module.objects.filter(centre_id=centre_id)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.fields["prerequisites"].initial = list(self.instance.prerequisite_modules.all())
        prerequisites = self.fields["prerequisites"]
        assert isinstance(prerequisites, forms.ModelMultipleChoiceField)
        prerequisites.queryset = others
        reaches = _level_fields("reach_")
        needs = _level_fields("need_")
        for name, field in (reaches | needs).items():
            competence = name.split("_", 1)[1]
            levels = self.instance.competences if name.startswith("reach_") else (
                self.instance.prerequisite_levels
            )  # fmt: skip
            field.initial = levels.get(competence, 0)
            self.fields[name] = field
        self.centre_id = centre_id

    def clean_key(self) -> str:
        key = self.cleaned_data["key"]
        clash = Module.objects.filter(centre_id=self.centre_id, key=key)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Ihr Zentrum hat schon ein Modul mit diesem Kürzel."))
        return key

    def clean_duration_hours(self) -> Any:
        hours = self.cleaned_data["duration_hours"]
        if hours is not None and not 0 < hours <= 1000:
            raise forms.ValidationError(_("Bitte geben Sie eine Dauer von mehr als 0 Stunden an."))
        return hours

    def clean_cost_eur(self) -> Any:
        cost = self.cleaned_data["cost_eur"]
        if cost is not None and cost < 0:
            raise forms.ValidationError(_("Die Kosten können nicht negativ sein."))
        return cost

    def _levels(self, prefix: str) -> dict[str, int]:
        return {
            c: self.cleaned_data[f"{prefix}{c}"]
            for c in rules.COMPETENCES
            if self.cleaned_data.get(f"{prefix}{c}")
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        reaches, needs = self._levels("reach_"), self._levels("need_")
        if not reaches:
            raise forms.ValidationError(
                _("Nennen Sie mindestens eine Kompetenz, die das Modul vermittelt.")
            )
        labels = dict(competence_choices())
        for competence, level in needs.items():
            if level >= reaches.get(competence, 5):
                self.add_error(
                    f"need_{competence}",
                    _(
                        "Das Modul vermittelt %(competence)s bis Stufe %(reach)d; voraussetzen "
                        "kann es nur eine niedrigere Stufe."
                    )
                    % {"competence": labels[competence], "reach": reaches[competence]},
                )
        return data

    def fieldsets(self) -> list[FieldGroup]:
        """The form in the order a centre admin thinks about a module."""
        names = {
            "about": ["title", "key", "summary", "language"],
            "format": ["format", "duration_hours", "cost_eur"],
            "reach": [f"reach_{c}" for c in rules.COMPETENCES],
            "needs": ["prerequisites", *(f"need_{c}" for c in rules.COMPETENCES)],
            "publish": ["accessibility", "licence", "published"],
        }
        texts = {
            "about": (_("Das Modul"), ""),
            "format": (_("Format, Dauer und Kosten"), ""),
            "reach": (
                _("Kompetenzen, die das Modul vermittelt"),
                _(
                    "Die Stufe, die Teilnehmende am Ende erreichen; mindestens eine Kompetenz. "
                    "Der Lernweg schlägt das Modul vor, wo jemand diese Stufe noch nicht hat."
                ),
            ),
            "needs": (
                _("Voraussetzungen"),
                _(
                    "Was jemand vorher abgeschlossen haben oder können muss. Der Lernweg plant "
                    "es davor ein. Ein Kreis (A setzt B voraus, B setzt A voraus) ist nicht "
                    "möglich."
                ),
            ),
            "publish": (_("Barrierefreiheit, Lizenz und Veröffentlichung"), ""),
        }
        return [
            FieldGroup(
                str(texts[key][0]), str(texts[key][1]), [self[n] for n in group if n in self.fields]
            )
            for key, group in names.items()
        ]

    def apply(self) -> Module:
        """The module with the form's values (unsaved; the action saves it)."""
        module: Module = self.save(commit=False)
        module.competences = self._levels("reach_")
        module.prerequisite_levels = self._levels("need_")
        return module


class OfferForm(forms.ModelForm):
    sessions = forms.CharField(
        label=gettext_lazy("Sitzungen"),
        help_text=gettext_lazy("Eine Sitzung je Zeile: TT.MM.JJJJ HH:MM-HH:MM"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = Offer
        fields = ["status", "online", "land", "kreis_ags", "venue", "capacity", "trainer"]

    def __init__(self, *args: Any, centre_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        trainer = self.fields["trainer"]
        assert isinstance(trainer, forms.ModelChoiceField)
        trainer.queryset = centre_trainers(centre_id)
        trainer.label_from_instance = lambda obj: str(obj.user)  # type: ignore[method-assign]
        self.fields["land"].required = False
        self.fields["kreis_ags"] = forms.ChoiceField(
            label=_("Kreis"), required=False,
            choices=[("", _("kein Kreis")), *((k.ags, k.name) for k in KREISE)],
        )  # fmt: skip
        if self.instance.pk:
            local = [(timezone.localtime(s.starts_at), timezone.localtime(s.ends_at))
                     for s in self.instance.sessions.all()]  # fmt: skip
            self.fields["sessions"].initial = "\n".join(
                f"{a:%d.%m.%Y %H:%M}-{b:%H:%M}" for a, b in local
            )

    def clean_sessions(self) -> list[tuple[datetime, datetime]]:
        found = []
        for number, line in enumerate(self.cleaned_data["sessions"].splitlines(), start=1):
            if not line.strip():
                continue
            match = re.match(
                r"^\s*(\d{1,2}\.\d{1,2}\.\d{4})\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$", line
            )
            try:
                if not match:
                    raise ValueError
                start = timezone.make_aware(
                    datetime.strptime(f"{match[1]} {match[2]}", "%d.%m.%Y %H:%M")
                )
                end = timezone.make_aware(
                    datetime.strptime(f"{match[1]} {match[3]}", "%d.%m.%Y %H:%M")
                )
            except ValueError:
                raise forms.ValidationError(
                    _("Zeile %(n)s: bitte als TT.MM.JJJJ HH:MM-HH:MM angeben.") % {"n": number}
                ) from None
            if end <= start:
                raise forms.ValidationError(
                    _("Zeile %(n)s: das Ende liegt vor dem Beginn.") % {"n": number}
                )
            found.append((start, end))
        if not found:
            raise forms.ValidationError(_("Bitte geben Sie mindestens eine Sitzung an."))
        return sorted(found)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        land, kreis = data.get("land"), data.get("kreis_ags")
        if not data.get("online") and land is None:
            self.add_error("land", _("Ein Termin vor Ort braucht ein Land."))
        if kreis and land is not None and not kreis.startswith(land.ags):
            self.add_error("kreis_ags", _("Dieser Kreis liegt nicht im gewählten Land."))
        return data

    def apply(self, module: Module) -> Offer:
        offer: Offer = self.save(commit=False)
        offer.module = module
        kreis = KREIS_BY_AGS.get(offer.kreis_ags)
        offer.kreis_name = kreis.name if kreis else ""
        return offer


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=gettext_lazy("Plätze"), min_value=1, max_value=10000)
