"""Forms of co-determination, the works agreement, the opinion map and notifications."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import codetermination
from .models import ProjectDocument, StepStatus


class FactsForm(forms.Form):
    """One field per fact of the engine, labelled and explained by the content file."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = get_language() or "de"
        catalogue = codetermination.default_catalogue()
        for name, kind in codetermination.FACT_TYPES.items():
            fact = catalogue.facts[name]
            help_text = fact.help.get(lang) if fact.help else ""
            if kind is int:
                self.fields[name] = forms.IntegerField(
                    label=fact.label.get(lang),
                    min_value=0,
                    max_value=10_000_000,
                    initial=0,
                    help_text=help_text,
                )
            else:
                self.fields[name] = forms.BooleanField(
                    label=fact.label.get(lang), required=False, help_text=help_text
                )


class StepForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Stand"), widget=forms.Select(attrs={"class": "kern-form-input__select"})
    )
    decision = forms.CharField(
        label=_("Beschluss oder Vermerk"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "kern-form-input__input"}),
    )
    decided_on = forms.DateField(
        label=_("am"),
        required=False,
        widget=forms.DateInput(
            attrs={"type": "date", "class": "kern-form-input__input"}, format="%Y-%m-%d"
        ),
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Dokumente des Projekts"),
        queryset=ProjectDocument.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, statuses: list[str], documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [(s, StepStatus(s).label) for s in statuses]
        docs = self.fields["documents"]
        assert isinstance(docs, forms.ModelMultipleChoiceField)
        docs.queryset = documents


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text des Abschnitts"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Eine Leerzeile trennt Absätze; eine Zeile mit „- “ ist ein Aufzählungspunkt; "
            "[eckige Klammern] markieren, was noch auszufüllen ist."
        ),
    )


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Aussage"), max_length=300)


class NotificationForm(forms.Form):
    new_phase = forms.BooleanField(label=_("wenn eine neue Phase beginnt"), required=False)
    answers = forms.BooleanField(
        label=_("wenn die Geschäftsführung auf einen meiner Beiträge mit Namen antwortet"),
        required=False,
        help_text=_(
            "Anonyme Beiträge sind mit niemandem verknüpft; über Antworten auf sie kann Sie "
            "deshalb keine E-Mail erreichen. Sie sehen die Antwort im Projekt."
        ),
    )
    new_pulse = forms.BooleanField(label=_("wenn eine neue Kurzbefragung beginnt"), required=False)
