"""Forms of the organisations app. Labels and messages in German, translatable."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import ROLE_CHOICES, Centre, Organisation, User
from .reference import KREIS_BY_AGS, kreis_belongs_to_land, kreise_by_land
from .roles import INVITABLE_ROLES, Capability, Role

# The roles offered in the invitation forms, the most common first.
COMPANY_INVITE_ROLES = (Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.COMPANY_LEAD)
CENTRE_INVITE_ROLES = (Role.ADVISOR, Role.TRAINER, Role.CENTRE_ADMIN)
assert set(COMPANY_INVITE_ROLES) == set(INVITABLE_ROLES[Capability.INVITE_MEMBERS])
assert set(CENTRE_INVITE_ROLES) == set(INVITABLE_ROLES[Capability.MANAGE_CENTRE])


class HeadcountField(forms.IntegerField):
    """The number of people employed: digits only. Django's integer field reads "1.000" as 1
    (a trailing ".0…" is dropped) and a German reader means 1000; a comma or point is refused
    with a message that says what to type instead."""

    widget = forms.TextInput

    def __init__(self, **kwargs: object) -> None:
        kwargs["min_value"] = 1  # the model field's floor is 0; an organisation has someone
        kwargs.setdefault("max_value", 1_000_000)
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def widget_attrs(self, widget: forms.Widget) -> dict:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        return attrs

    def to_python(self, value: object) -> int | None:
        text = str(value).strip() if value is not None else ""
        if text and not (text.isascii() and text.isdigit()):
            raise ValidationError(
                _(
                    "Bitte geben Sie die Zahl der Beschäftigten als ganze Zahl ohne Komma oder "
                    "Punkt ein, z. B. 12. Teilzeitkräfte zählen als ganze Personen."
                ),
                code="whole_number",
            )
        return int(text) if text else None


def kreis_choices() -> list:
    """The Kreise grouped by Land, for a select that works without JavaScript (browsers jump
    to an entry as one types its first letters)."""
    return [
        ("", _("– keine Angabe –")),
        *((land.name, [(k.ags, k.name) for k in kreise]) for land, kreise in kreise_by_land()),
    ]


class KreisField(forms.ChoiceField):
    """The Kreis chosen by name; the form stores its 5-digit AGS (and `clean_kreis` the name)."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("label", _("Kreis oder kreisfreie Stadt"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _(
                "Der Sitz Ihres Betriebs. Die Liste ist nach Ländern geordnet; tippen Sie die "
                "ersten Buchstaben, um zu springen."
            ),
        )
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Bitte wählen Sie einen Kreis aus der Liste.")},
        )
        super().__init__(choices=kreis_choices, **kwargs)  # type: ignore[arg-type]


def clean_kreis(form: forms.BaseForm, data: dict) -> None:
    """Check that the chosen Kreis lies in the chosen Land and add its name to the data."""
    land, ags = data.get("land"), data.get("kreis_ags") or ""
    kreis = KREIS_BY_AGS.get(ags)
    data["kreis_name"] = kreis.name if kreis else ""
    if land and kreis and not kreis_belongs_to_land(kreis.ags, land.ags):
        form.add_error(
            "kreis_ags",
            _(
                "%(kreis)s liegt nicht in %(land)s. Bitte wählen Sie einen Kreis aus %(land)s "
                "oder ändern Sie das Land."
            )
            % {"kreis": kreis.name, "land": land.name},
        )


def role_choices(roles: tuple[Role, ...]) -> list[tuple[str, str]]:
    """(value, label) pairs for a choice field, in the given order."""
    labels = dict(ROLE_CHOICES)
    return [(role.value, str(labels[role.value])) for role in roles]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]


class OrganisationForm(forms.ModelForm):
    kreis_ags = KreisField()

    class Meta:
        model = Organisation
        fields = [
            "legal_name",
            "land",
            "kreis_ags",
            "wz_section",
            "headcount",
            "has_works_council",
        ]
        field_classes = {"headcount": HeadcountField}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.instance.kind == Organisation.Kind.SOLO:
            # An organisation of one: one person, no works council; nothing to ask.
            del self.fields["headcount"]
            del self.fields["has_works_council"]

    def clean(self) -> dict:
        data = super().clean() or {}
        clean_kreis(self, data)  # sets kreis_name, which the action saves with the AGS
        if self.instance.kind == Organisation.Kind.SOLO:
            if data.get("headcount") not in (None, 1):
                self.add_error("headcount", _("Eine Solo-Selbstständigkeit hat genau eine Person."))
            if data.get("has_works_council"):
                self.add_error(
                    "has_works_council", _("Eine Solo-Selbstständigkeit hat keinen Betriebsrat.")
                )
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        error_messages={
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de."),
            "required": _("Bitte geben Sie die E-Mail-Adresse der Person ein."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Rolle"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie eine Rolle.")},
    )

    def __init__(self, *args: object, roles: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ChoiceField, self.fields["role"]).choices = roles
        self.fields["role"].initial = roles[0][0] if roles else None


class CentreForm(forms.ModelForm):
    class Meta:
        model = Centre
        fields = [
            "name",
            "summary",
            "description",
            "email",
            "phone",
            "website",
            "street",
            "postcode",
            "city",
        ]


class AccompanimentRequestForm(forms.Form):
    """A centre asks a company to agree to be accompanied, addressed by its lead's email."""

    lead_email = forms.EmailField(
        label=_("E-Mail-Adresse der Geschäftsführung"),
        help_text=_(
            "Die Adresse, mit der sich die Geschäftsführung (oder die oder der "
            "Solo-Selbstständige) auf der Plattform anmeldet."
        ),
        error_messages={
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de."),
            "required": _("Bitte geben Sie die E-Mail-Adresse der Geschäftsführung ein."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    message = forms.CharField(
        label=_("Nachricht an das Unternehmen"),
        help_text=_(
            "Worum geht es? Die Nachricht erscheint in der Anfrage, die das Unternehmen erhält."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AskCentreForm(forms.Form):
    """An organisation asks a centre for accompaniment: the centres for its Land come first."""

    centre = forms.ChoiceField(
        label=_("Zentrum"),
        error_messages={
            "required": _("Bitte wählen Sie ein Zentrum."),
            "invalid_choice": _("Bitte wählen Sie eines der angebotenen Zentren."),
        },
    )
    message = forms.CharField(
        label=_("Ihre Nachricht an das Zentrum"),
        help_text=_(
            "Wobei wünschen Sie sich Unterstützung? Das Zentrum liest die Nachricht mit Ihrer "
            "Anfrage."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: object,
        covering: list[Centre],
        others: list[Centre],
        land: str,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.centres = {str(c.pk): c for c in [*covering, *others]}
        groups: list = [("", _("– bitte wählen –"))]
        if covering:
            label = _("Zentren für %(land)s") % {"land": land}
            groups.append((label, [(str(c.pk), c.name) for c in covering]))
        if others:
            groups.append((_("Weitere Zentren"), [(str(c.pk), c.name) for c in others]))
        cast(forms.ChoiceField, self.fields["centre"]).choices = groups

    def clean_centre(self) -> Centre:
        return self.centres[self.cleaned_data["centre"]]


class AnswerRequestForm(forms.Form):
    """A centre's answer to an organisation's request: an optional message to it."""

    reply = forms.CharField(
        label=_("Nachricht an die Organisation"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InvitationSignupForm(forms.Form):
    """Create an account while accepting an invitation: name, password, privacy notice."""

    full_name = forms.CharField(
        label=_("Ihr Name"),
        max_length=150,
        error_messages={"required": _("Bitte geben Sie Ihren Namen ein.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Passwort"),
        strip=False,
        help_text=_(
            "Mindestens 8 Zeichen, nicht nur Ziffern, kein gängiges Passwort und nicht zu "
            "ähnlich zu Ihrem Namen oder Ihrer E-Mail-Adresse."
        ),
        error_messages={"required": _("Bitte wählen Sie ein Passwort.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"),
        strip=False,
        error_messages={"required": _("Bitte geben Sie das Passwort ein zweites Mal ein.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    privacy_notice = forms.BooleanField(
        label=_("Ich habe die Datenschutzhinweise gelesen und bin einverstanden."),
        error_messages={
            "required": _("Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.")
        },
    )

    def __init__(self, *args: object, email: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.email = email

    def clean(self) -> dict:
        data = super().clean() or {}
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Die beiden Passwörter stimmen nicht überein."))
        elif password1:
            # Checked against a person not yet saved, so "too similar to your name" works.
            person = User(email=self.email, full_name=data.get("full_name", ""))
            try:
                validate_password(password1, person)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data
