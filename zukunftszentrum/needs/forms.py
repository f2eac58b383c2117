"""Forms of the needs analysis."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
