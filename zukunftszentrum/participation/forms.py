"""Forms of the participation projects. A refused form keeps everything the person wrote."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import phases
from .models import Category, Item, ItemStatus
from .models.workspace import PROJECT_ROLE_CHOICES
from .rules import local


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    plan = forms.CharField(
        label=_("Was geplant ist"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Welches System, wofür, für wen, ab wann – in einfachen Worten."),
    )
    ai_system_id = forms.IntegerField(
        label=_("Nummer des KI-Systems im Inventar"), min_value=1, required=False
    )
    all_employees = forms.BooleanField(
        label=_("Alle Beschäftigten und der Betriebsrat nehmen teil"), required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for phase in phases.phase_definitions():
            title = local(phase.title)
            for edge, label in (("start", _("Beginn")), ("end", _("Ende"))):
                self.fields[f"{edge}_{phase.key}"] = forms.DateField(
                    label=f"{title}: {label}",
                    required=False,
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for phase in phases.phase_definitions():
            start, end = data.get(f"start_{phase.key}"), data.get(f"end_{phase.key}")
            if start and end and end < start:
                self.add_error(f"end_{phase.key}", _("Das Ende liegt vor dem Beginn."))
        return data

    def dates(self) -> dict[str, tuple[dt.date | None, dt.date | None]]:
        d = self.cleaned_data
        return {p: (d.get(f"start_{p}"), d.get(f"end_{p}")) for p in phases.phase_keys()}

    @staticmethod
    def initial_for(project: Any) -> dict[str, Any]:
        initial = {
            "title": project.title,
            "plan": project.plan,
            "ai_system_id": project.ai_system_id,
            "all_employees": project.all_employees,
        }
        for phase in project.phases.all():
            initial[f"start_{phase.key}"] = phase.starts_on
            initial[f"end_{phase.key}"] = phase.ends_on
        return initial


class MemberForm(forms.Form):
    membership = forms.ChoiceField(label=_("Person"))
    role = forms.ChoiceField(label=_("Rolle im Projekt"), choices=PROJECT_ROLE_CHOICES)
    facilitator = forms.BooleanField(label=_("Moderiert das Projekt"), required=False)

    def __init__(self, *args: Any, candidates: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (m.pk, f"{m.user.get_full_name()} ({m.get_role_display()}, {m.context_name})")
            for m in candidates
        ]


# What a project document may be: PDF and office files, recognised by their first bytes too,
# so a renamed program is refused.
DOCUMENT_TYPES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".odp": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".ppt": (b"\xd0\xcf\x11\xe0",),
}
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("PDF, Word, Excel, PowerPoint oder OpenDocument, höchstens %(size)s.")
        % {"size": filesizeformat(MAX_DOCUMENT_BYTES)},
    )
    # A one-time key of this form: sent twice (the answer to the first was lost, the person
    # sends again), the document is stored once.
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].initial = uuid.uuid4()

    def clean_file(self) -> UploadedFile:
        file: UploadedFile = self.cleaned_data["file"]
        suffix = PurePath(file.name or "").suffix.lower()
        if file.size and file.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                _(
                    "Die Datei ist %(size)s groß; erlaubt sind höchstens %(max)s. Ihr Titel bleibt erhalten."
                )
                % {"size": filesizeformat(file.size), "max": filesizeformat(MAX_DOCUMENT_BYTES)}
            )
        head = file.read(8)
        file.seek(0)
        if suffix not in DOCUMENT_TYPES or not head.startswith(DOCUMENT_TYPES[suffix]):
            raise forms.ValidationError(
                _(
                    "Bitte laden Sie eine PDF- oder Office-Datei hoch (PDF, Word, Excel, "
                    "PowerPoint, OpenDocument). Ihr Titel bleibt erhalten; wählen Sie die Datei "
                    "bitte erneut."
                )
            )
        return file


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art"), choices=Item.Kind.choices, widget=forms.RadioSelect)
    category = forms.ChoiceField(label=_("Thema"), choices=Category.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    body = forms.CharField(label=_("Beschreibung"), widget=forms.Textarea(attrs={"rows": 6}))
    anonymous = forms.BooleanField(label=_("Anonym einreichen"), required=False)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Ihr Kommentar"), widget=forms.Textarea(attrs={"rows": 3}))
    anonymous = forms.BooleanField(label=_("Anonym kommentieren"), required=False)


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Wie es weitergeht"),
        choices=[(v, label) for v, label in ItemStatus.choices if v != ItemStatus.OPEN],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 3}))


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Grund (wird an Stelle des Beitrags gezeigt)"), max_length=500)


class MergeForm(forms.Form):
    into = forms.ChoiceField(label=_("Doppelt zu"))

    def __init__(self, *args: Any, others: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(i.pk), i.title) for i in others]


class FilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Thema"), choices=[("", _("alle")), *list(Category.choices)], required=False
    )
    status = forms.ChoiceField(
        label=_("Antwort"), choices=[("", _("alle")), *list(ItemStatus.choices)], required=False
    )
