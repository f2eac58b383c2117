"""What the verification page says for each verdict, in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from .ob3.verify import Check, Outcome, Verdict


@dataclass(frozen=True)
class Message:
    title: str
    reason: str
    tone: str  # "success" | "danger" | "warning"


def message(verdict: Verdict, *, revoked_on: date | None = None) -> Message:
    """`revoked_on`: the day our copy was revoked, when we know it (the status list holds only
    the bit; the date comes from our own record)."""
    outcome, check = verdict.outcome, verdict.check
    if outcome is Outcome.REVOKED and revoked_on is not None:
        day = formats.date_format(revoked_on, "DATE_FORMAT")
        return Message(
            _("Widerrufen am %(date)s") % {"date": day},
            _(
                "Der Nachweis ist echt, wurde aber am %(date)s von der ausstellenden Stelle widerrufen und gilt seitdem nicht mehr."
            )
            % {"date": day},
            "danger",
        )
    if outcome is Outcome.VALID:
        return Message(
            _("Gültig"),
            _("Der Nachweis ist echt, unverändert, gültig und nicht widerrufen."),
            "success",
        )
    if outcome is Outcome.NOT_JSON:
        return Message(
            _("Kein JSON"),
            _(
                "Der Text ist kein JSON. Bitte fügen Sie die heruntergeladene Nachweis-Datei unverändert ein."
            ),
            "warning",
        )
    if outcome is Outcome.NOT_CREDENTIAL:
        return Message(
            _("Kein Nachweis"),
            _(
                "Das ist gültiges JSON, aber kein digitaler Nachweis (Verifiable Credential): Es fehlen Kontext, Typ, Aussteller oder Inhaber."
            ),
            "warning",
        )
    if outcome is Outcome.REVOKED:
        return Message(
            _("Widerrufen"),
            _(
                "Der Nachweis ist echt, wurde aber vom ausstellenden Zentrum widerrufen und gilt nicht mehr."
            ),
            "danger",
        )
    if outcome is Outcome.EXPIRED:
        return Message(
            _("Abgelaufen"),
            _("Der Nachweis ist echt, aber sein Gültigkeitszeitraum ist vorbei."),
            "warning",
        )
    if outcome is Outcome.NOT_YET_VALID:
        return Message(
            _("Noch nicht gültig"),
            _("Der Nachweis ist echt, gilt aber erst ab einem späteren Datum."),
            "warning",
        )
    reasons = {
        Check.CONTEXT: _(
            "Der Nachweis verweist auf ein unbekanntes JSON-LD-Vokabular (@context); die Prüfung lädt nichts aus dem Netz nach."
        ),
        Check.PROOF: _("Die digitale Signatur fehlt oder ist unvollständig."),
        Check.ISSUER: _(
            "Der Nachweis wurde nicht von dieser Plattform ausgestellt; hier können nur unsere eigenen Nachweise geprüft werden."
        ),
        Check.KEY: _(
            "Der Nachweis ist mit einem Schlüssel signiert, den diese Plattform nicht veröffentlicht hat."
        ),
        Check.CANONICAL: _("Der Inhalt lässt sich nicht eindeutig lesen (kein gültiges JSON-LD)."),
        Check.SIGNATURE: _(
            "Die Signatur passt nicht zum Inhalt: Nach der Ausstellung wurde etwas geändert."
        ),
        Check.DATES: _("Ein Gültigkeitsdatum ist nicht lesbar."),
        Check.STATUS: _("Der Verweis auf die Widerrufsliste ist unbekannt."),
    }
    if check is Check.SIGNATURE:  # the one case we know for certain: the content was changed
        return Message(_("Verändert"), reasons[check], "danger")
    return Message(
        _("Verändert oder nicht von uns"),
        reasons.get(check, _("Die Prüfung ist fehlgeschlagen.")),
        "danger",
    )
