"""The form for one internal measure of the Art. 4 record; the PDF is checked by content."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .literacy_models import LiteracyGuidance

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def check_pdf(upload: UploadedFile) -> UploadedFile:
    """A PDF by its first bytes (not its name), at most 5 MB."""
    if upload.size is None or upload.size > MAX_ATTACHMENT_BYTES:
        raise forms.ValidationError(
            _("Die Datei ist größer als 5 MB. Bitte laden Sie eine kleinere Datei hoch.")
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise forms.ValidationError(_("Die Datei ist kein PDF. Bitte laden Sie ein PDF hoch."))
    return upload


class GuidanceForm(forms.ModelForm):
    class Meta:
        model = LiteracyGuidance
        fields = ("title", "kind", "issued_on", "attachment")
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "attachment": forms.FileInput(attrs={"accept": "application/pdf"}),
        }
        help_texts = {
            "attachment": _(
                "Freiwillig: die Richtlinie oder das Protokoll als PDF, höchstens 5 MB."
            )
        }

    def clean_attachment(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("attachment")
        if upload:
            return check_pdf(upload)
        return None
