"""Forms of the needs analysis."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.organisations.models import WZ_CHOICES

from .outcomes import by_group, outcomes
from .queries import Window, window_choices
from .scope import Area


class PopulationUploadForm(forms.Form):
    csv_file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "Spalten: land_iso, land_ags, land_name, wz_section, establishments, employees; "
            "eine Zeile je Land und WZ-Abschnitt, UTF-8."
        ),
    )
    name = forms.CharField(label=_("Bezeichnung"), max_length=200, required=False)
    source = forms.CharField(label=_("Quelle"), max_length=300)
    year = forms.IntegerField(label=_("Berichtsjahr"), min_value=1990)

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        if year > timezone.now().year:
            raise forms.ValidationError(_("Das Berichtsjahr liegt in der Zukunft."))
        return year


WEIGHTINGS = [
    ("gewichtet", _("gewichtet (hochgerechnet auf alle Betriebe)")),
    ("roh", _("ungewichtet (nur wer geantwortet hat)")),
]


class DashboardFilter(forms.Form):
    """The dashboard's selection, sent by GET. Invalid values fall back to the default and are
    named in the error summary; the rest of the selection is kept."""

    zeitraum = forms.ChoiceField(label=_("Zeitraum"), required=False)
    gebiet = forms.ChoiceField(label=_("Region"), required=False)
    land = forms.ChoiceField(label=_("Land"), required=False)
    wz = forms.ChoiceField(label=_("Branche (WZ-Abschnitt)"), required=False)
    gewichtung = forms.ChoiceField(
        label=_("Darstellung"), choices=WEIGHTINGS, required=False, widget=forms.RadioSelect
    )
    thema = forms.ChoiceField(label=_("Thema für Karte und Tabellen"), required=False)

    def __init__(self, data: Any, *, areas: Sequence[Area], area: Area, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        fields = self.fields
        fields["zeitraum"].choices = [(w.key, window_label(w)) for w in window_choices()]  # type: ignore[attr-defined]
        fields["gebiet"].choices = [(a.slug, a.name) for a in areas]  # type: ignore[attr-defined]
        fields["land"].choices = [("", _("alle Länder der Region"))] + [  # type: ignore[attr-defined]
            (land.code, land.name) for land in area.lands
        ]
        fields["wz"].choices = [("", _("alle Branchen")), *WZ_CHOICES]  # type: ignore[attr-defined]
        fields["thema"].choices = [("", _("das wichtigste Thema"))] + [  # type: ignore[attr-defined]
            (o.key, o.label()) for o in by_group(outcomes(), "topic")
        ]
        if len(areas) < 2:
            del fields["gebiet"]

    def value(self, name: str) -> str:
        """The cleaned value, or "" where it was missing or invalid."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return str(self.cleaned_data.get(name) or "") if name not in self.errors else ""


def window_label(window: Window) -> str:
    if window.quarter is None:
        return gettext("Jahr %(year)s") % {"year": window.year}
    return gettext("%(quarter)s. Quartal %(year)s") % {
        "quarter": window.quarter,
        "year": window.year,
    }
