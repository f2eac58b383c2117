from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 256 * 1024  # a credential is a few kilobytes; anything far larger is not one


class VerifyForm(forms.Form):
    text = forms.CharField(
        label=_("Nachweis als Text einfügen"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        required=False,
        max_length=MAX_UPLOAD,
    )
    upload = forms.FileField(label=_("oder Datei hochladen (.json)"), required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload is not None:
            if upload.size > MAX_UPLOAD:
                raise forms.ValidationError(_("Die Datei ist zu groß für einen Nachweis."))
            data["content"] = upload.read()
        elif data.get("text", "").strip():
            data["content"] = data["text"]
        else:
            raise forms.ValidationError(
                _("Bitte fügen Sie einen Nachweis ein oder laden Sie eine Datei hoch.")
            )
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund des Widerrufs"),
        help_text=_("Die Person, der der Nachweis gehört, sieht diesen Grund."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
