"""Forms of "Meine Kompetenzen" and "Berufsprofile". Choices come from the loaded content."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import competence_content as content
from .evidence import CompetenceError, check_certificate


def _lang() -> str:
    return (get_language() or "de")[:2]


def competence_choices() -> list[tuple[str, str]]:
    return [(c.id, c.title.get(_lang())) for c in content.framework().competences]


def level_choices(*, with_zero: bool = False) -> list[tuple[int, str]]:
    framework = content.framework()
    choices = [(n.level, f"{n.level} – {n.title.get(_lang())}") for n in framework.levels]
    return ([(0, str(_("0 – kein Ziel")))] if with_zero else []) + choices


class GoalForm(forms.Form):
    competence = forms.ChoiceField(label=_("Kompetenz"))
    level = forms.TypedChoiceField(label=_("Zielstufe"), coerce=int)
    note = forms.CharField(label=_("Notiz"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competence"].choices = competence_choices()
        self.fields["level"].choices = level_choices()


class CertificateForm(forms.Form):
    competence = forms.ChoiceField(label=_("Kompetenz"))
    level = forms.TypedChoiceField(label=_("Stufe, die das Zertifikat belegt"), coerce=int)
    note = forms.CharField(label=_("Bezeichnung und Aussteller"), max_length=300)
    file = forms.FileField(label=_("Zertifikat (PDF, höchstens 5 MB)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competence"].choices = competence_choices()
        self.fields["level"].choices = level_choices()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            return check_certificate(upload)
        except CompetenceError as exc:
            raise forms.ValidationError(str(exc)) from None


class AdjustForm(forms.Form):
    profile = forms.CharField(max_length=40)
    competence = forms.ChoiceField(label=_("Kompetenz"))
    level = forms.TypedChoiceField(label=_("Zielstufe im Unternehmen"), coerce=int)
    reset = forms.BooleanField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competence"].choices = competence_choices()
        self.fields["level"].choices = level_choices(with_zero=True)


class AssignForm(forms.Form):
    person = forms.IntegerField()
    profile = forms.ChoiceField(label=_("Berufsprofil"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = [("", _("kein Profil"))] + [
            (p.id, p.title.get(_lang())) for p in content.job_profiles()
        ]
