"""Forms of the pulse, workshops, work-impact assessment and decision log. A refused form keeps
everything the person wrote; a file has to be chosen again (browsers do not send it twice)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import pulse_content, workshop_content
from .models import Category, Item
from .models.impact import DIMENSION_CHOICES, RATING_CHOICES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _lang() -> str:
    return get_language() or "de"


def _scale_label(value: int, low: str, high: str) -> str:
    ends = {pulse_content.SCALE[0]: low, pulse_content.SCALE[-1]: high}
    return f"{value} – {ends[value]}" if value in ends else str(value)


class PulseOpenForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    opens_on = forms.DateField(label=_("Offen ab"), widget=DATE)
    closes_on = forms.DateField(label=_("Offen bis (einschließlich)"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("Das Ende liegt vor dem Beginn."))
        return data


class PulseAnswerForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        q = pulse_content.questionnaire()
        low, high = q.low.get(_lang()), q.high.get(_lang())
        for question in q.questions:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text.get(_lang()),
                choices=[(v, _scale_label(v, low, high)) for v in pulse_content.SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Bitte wählen Sie einen Wert von 1 bis 5.")},
            )

    def answers(self) -> dict[str, int]:
        return {k: self.cleaned_data[k] for k in pulse_content.questionnaire().question_keys()}


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    held_on = forms.DateField(label=_("Datum"), widget=DATE)
    template_key = forms.ChoiceField(label=_("Ablauf nach Vorlage"), required=False)
    agenda = forms.CharField(
        label=_("Ablauf"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Ein Punkt pro Zeile. Leer lassen, um den Ablauf der Vorlage zu übernehmen."),
    )
    notes = forms.CharField(
        label=_("Notizen"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    participants = forms.MultipleChoiceField(
        label=_("Teilnehmende"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, candidates: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        template = self.fields["template_key"]
        assert isinstance(template, forms.ChoiceField)
        template.choices = [("", _("ohne Vorlage"))] + [
            (t.key, f"{t.title.get(_lang())} ({t.minutes()} Min.)")
            for t in workshop_content.templates()
        ]
        people = self.fields["participants"]
        assert isinstance(people, forms.MultipleChoiceField)
        people.choices = [(str(m.pk), m.user.get_full_name() or m.user.email) for m in candidates]


class ResultForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art"), choices=Item.Kind.choices, widget=forms.RadioSelect)
    category = forms.ChoiceField(label=_("Thema"), choices=Category.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    body = forms.CharField(label=_("Beschreibung"), widget=forms.Textarea(attrs={"rows": 3}))


# Flip-chart photos: recognised by their content (Pillow reads the image), not by the name.
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000


class PhotoForm(forms.Form):
    caption = forms.CharField(label=_("Bildunterschrift"), max_length=200)
    image = forms.FileField(
        label=_("Foto"),
        help_text=_("JPEG, PNG oder WebP, höchstens %(size)s.")
        % {"size": filesizeformat(MAX_PHOTO_BYTES)},
    )

    def clean_image(self) -> UploadedFile:
        from PIL import Image, UnidentifiedImageError

        file: UploadedFile = self.cleaned_data["image"]
        if file.size and file.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(
                _(
                    "Das Foto ist %(size)s groß; erlaubt sind höchstens %(max)s. Ihre "
                    "Bildunterschrift bleibt erhalten; wählen Sie bitte ein kleineres Foto."
                )
                % {"size": filesizeformat(file.size), "max": filesizeformat(MAX_PHOTO_BYTES)}
            )
        try:
            with Image.open(file) as image:
                kind = image.format or ""
                too_big = image.width * image.height > MAX_PHOTO_PIXELS
                image.verify()
        except (
            UnidentifiedImageError,
            OSError,
            SyntaxError,
            ValueError,
            Image.DecompressionBombError,
        ):
            kind, too_big = "", False
        finally:
            file.seek(0)
        if kind not in PHOTO_FORMATS or too_big:
            raise forms.ValidationError(
                _(
                    "Bitte laden Sie ein Foto als JPEG, PNG oder WebP hoch. Ihre "
                    "Bildunterschrift bleibt erhalten; wählen Sie die Datei bitte erneut."
                )
            )
        file.name = f"foto.{PHOTO_FORMATS[kind]}"
        return file


class ImpactForm(forms.Form):
    subject = forms.CharField(label=_("Tätigkeit oder Berufsbild"), max_length=200)
    description = forms.CharField(
        label=_("Was sich ändern soll"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class RatingForm(forms.Form):
    """One rating per dimension; `with_notes` adds a note per dimension (the bodies)."""

    def __init__(self, *args: Any, with_notes: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in DIMENSION_CHOICES:
            self.fields[key] = forms.TypedChoiceField(
                label=label, choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
            )
            if with_notes:
                self.fields[f"note_{key}"] = forms.CharField(
                    label=_("Anmerkung zu „%(d)s“") % {"d": label}, max_length=500, required=False
                )

    def ratings(self) -> dict[str, int]:
        return {k: self.cleaned_data[k] for k, _label in DIMENSION_CHOICES}

    def notes(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(f"note_{k}", "") for k, _label in DIMENSION_CHOICES}


class DecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Datum der Entscheidung"), widget=DATE)
    decided_by = forms.CharField(
        label=_("Wer entschieden hat"),
        max_length=200,
        help_text=_("Ein Gremium oder eine Rolle, z. B. „Geschäftsführung und Betriebsrat“."),
    )
    title = forms.CharField(label=_("Entscheidung"), max_length=200)
    text = forms.CharField(label=_("Was gilt"), widget=forms.Textarea(attrs={"rows": 4}))
    reasons = forms.CharField(label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 4}))
    dissent = forms.CharField(
        label=_("Abweichende Meinungen"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    answers = forms.MultipleChoiceField(
        label=_("Beantwortet diese Ideen und Bedenken"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, items: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answers"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(i.pk), i.title) for i in items]

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "answers"}
