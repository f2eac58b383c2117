"""Forms of "Meine Kompetenzen" and "Berufsprofile". Choices come from the loaded content."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import content
from .evidence import CompetenceError, check_certificate


def _lang() -> str:
    return (get_language() or "de")[:2]


def competence_choices() -> list[tuple[str, str]]:
    return [(c.id, c.title.get(_lang())) for c in content.framework().competences]


def level_choices() -> list[tuple[int, str]]:
    return [(n.level, f"{n.level} – {n.title.get(_lang())}") for n in content.framework().levels]


def target_level_choices() -> list[tuple[int, str]]:
    """A company may also lower a target to "no target"."""
    return [(0, str(_("0 – kein Ziel"))), *level_choices()]


def profile_choices() -> list[tuple[str, str]]:
    return [("", str(_("kein Profil")))] + [
        (p.id, p.title.get(_lang())) for p in content.job_profiles()
    ]


class GoalForm(forms.Form):
    competence = forms.ChoiceField(label=_("Kompetenz"), choices=competence_choices)
    level = forms.TypedChoiceField(label=_("Zielstufe"), coerce=int, choices=level_choices)
    note = forms.CharField(label=_("Notiz"), max_length=300, required=False)


class CertificateForm(forms.Form):
    competence = forms.ChoiceField(label=_("Kompetenz"), choices=competence_choices)
    level = forms.TypedChoiceField(
        label=_("Stufe, die das Zertifikat belegt"), coerce=int, choices=level_choices
    )
    note = forms.CharField(label=_("Bezeichnung und Aussteller"), max_length=300)
    file = forms.FileField(label=_("Zertifikat (PDF, höchstens 5 MB)"))
    # A one-time key of this form: sent twice (the answer to the first was lost, the person sends
    # again), the certificate is stored once.
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].initial = uuid.uuid4()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            return check_certificate(upload)
        except CompetenceError as exc:
            raise forms.ValidationError(str(exc)) from None


class AdjustForm(forms.Form):
    profile = forms.CharField(max_length=40)
    competence = forms.ChoiceField(label=_("Kompetenz"), choices=competence_choices)
    level = forms.TypedChoiceField(
        label=_("Zielstufe im Unternehmen"), coerce=int, choices=target_level_choices
    )
    reset = forms.BooleanField(required=False)


class AssignForm(forms.Form):
    person = forms.IntegerField()
    profile = forms.ChoiceField(label=_("Berufsprofil"), required=False, choices=profile_choices)
