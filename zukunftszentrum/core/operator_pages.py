"""The pages a public operator must publish, as content the operator edits: Impressum,
accessibility statement and the operator's part of the privacy notice.

Each kind has a fixed list of fields, each naming the rule that asks for it. The operator
enters them in the administration; every save is a new version (nothing is overwritten), and the
pages show the latest. `zukunftszentrum check --deploy` reports what is still missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _

from .audit import record_event
from .audit_actions import CoreAction
from .models import OperatorPage

Kind = OperatorPage.Kind


@dataclass(frozen=True)
class Field:
    name: str
    label: Any  # lazy translation
    required: bool = True
    kind: str = "text"  # text | long | email | url | date | choice
    help: Any = ""  # the rule that asks for it, in plain words
    choices: tuple[tuple[str, Any], ...] = ()
    default: str = ""


CONFORMITY = (
    ("full", _("vollständig vereinbar")),
    ("partial", _("teilweise vereinbar")),
    ("none", _("nicht vereinbar")),
)

FIELDS: dict[str, tuple[Field, ...]] = {
    Kind.IMPRINT: (
        Field("provider_name", _("Name der anbietenden Stelle"), help=_("§ 5 Abs. 1 Nr. 1 DDG")),
        Field(
            "legal_form",
            _("Rechtsform"),
            required=False,
            help=_("§ 5 Abs. 1 Nr. 1 DDG, bei juristischen Personen"),
        ),
        Field("representative", _("Vertretungsberechtigte Person"), help=_("§ 5 Abs. 1 Nr. 1 DDG")),
        Field(
            "street",
            _("Straße und Hausnummer"),
            help=_("§ 5 Abs. 1 Nr. 1 DDG: ladungsfähige Anschrift"),
        ),
        Field("postcode", _("Postleitzahl"), help=_("§ 5 Abs. 1 Nr. 1 DDG")),
        Field("city", _("Ort"), help=_("§ 5 Abs. 1 Nr. 1 DDG")),
        Field("email", _("E-Mail-Adresse"), kind="email", help=_("§ 5 Abs. 1 Nr. 2 DDG")),
        Field(
            "phone", _("Telefon"), help=_("§ 5 Abs. 1 Nr. 2 DDG: ein zweiter schneller Kontaktweg")
        ),
        Field(
            "register",
            _("Registergericht und Registernummer"),
            required=False,
            help=_("§ 5 Abs. 1 Nr. 4 DDG, falls eingetragen"),
        ),
        Field(
            "vat_id",
            _("Umsatzsteuer-Identifikationsnummer"),
            required=False,
            help=_("§ 5 Abs. 1 Nr. 6 DDG, falls vorhanden"),
        ),
        Field(
            "supervisory_authority",
            _("Aufsichtsbehörde"),
            required=False,
            help=_("§ 5 Abs. 1 Nr. 3 DDG, falls die Tätigkeit einer Zulassung bedarf"),
        ),
        Field(
            "content_responsible",
            _("Verantwortlich für den Inhalt"),
            required=False,
            help=_("§ 18 Abs. 2 MStV, bei journalistisch-redaktionellen Inhalten"),
        ),
    ),
    Kind.ACCESSIBILITY: (
        Field(
            "conformity",
            _("Stand der Vereinbarkeit mit BITV 2.0 und WCAG 2.1 AA"),
            kind="choice",
            choices=CONFORMITY,
            help=_("BITV 2.0: Stand der Vereinbarkeit"),
        ),
        Field(
            "known_gaps",
            _("Nicht barrierefreie Inhalte und Gründe"),
            kind="long",
            required=False,
            help=_("Pflicht, wenn nicht vollständig vereinbar"),
        ),
        Field("alternatives", _("Barrierefreie Alternativen"), kind="long", required=False),
        Field(
            "prepared_on", _("Erstellt am"), kind="date", help=_("BITV 2.0: Datum der Erstellung")
        ),
        Field(
            "method",
            _("Grundlage der Bewertung"),
            help=_("z. B. Selbstbewertung mit automatischen Prüfungen oder Prüfung durch Dritte"),
        ),
        Field(
            "reviewed_on",
            _("Zuletzt überprüft am"),
            kind="date",
            help=_("BITV 2.0: Datum der letzten Überprüfung"),
        ),
        Field(
            "feedback_email",
            _("Kontakt für Rückmeldungen (E-Mail)"),
            kind="email",
            help=_("BITV 2.0: Feedback-Mechanismus"),
        ),
        Field("feedback_phone", _("Kontakt für Rückmeldungen (Telefon)"), required=False),
        Field(
            "conciliation_name",
            _("Schlichtungsstelle"),
            help=_("§ 16 BGG"),
            default="Schlichtungsstelle nach dem Behindertengleichstellungsgesetz (§ 16 BGG)",
        ),
        Field(
            "conciliation_url",
            _("Adresse der Schlichtungsstelle"),
            kind="url",
            help=_("§ 16 BGG"),
            default="https://www.schlichtungsstelle-bgg.de",
        ),
    ),
    Kind.PRIVACY: (
        Field(
            "controller",
            _("Verantwortliche Stelle mit Anschrift"),
            kind="long",
            help=_("Art. 13 Abs. 1 lit. a DSGVO"),
        ),
        Field(
            "controller_email",
            _("E-Mail-Adresse der verantwortlichen Stelle"),
            kind="email",
            help=_("Art. 13 Abs. 1 lit. a DSGVO"),
        ),
        Field(
            "dpo_contact",
            _("Kontakt der oder des Datenschutzbeauftragten"),
            kind="long",
            help=_("Art. 13 Abs. 1 lit. b DSGVO"),
        ),
        Field(
            "legal_basis",
            _("Zwecke und Rechtsgrundlagen"),
            kind="long",
            help=_("Art. 13 Abs. 1 lit. c DSGVO"),
        ),
        Field(
            "recipients",
            _("Empfänger und Auftragsverarbeiter (z. B. Hosting)"),
            kind="long",
            required=False,
            help=_("Art. 13 Abs. 1 lit. e DSGVO"),
        ),
        Field("retention", _("Speicherdauer"), kind="long", help=_("Art. 13 Abs. 2 lit. a DSGVO")),
        Field(
            "supervisory_authority",
            _("Zuständige Aufsichtsbehörde für Beschwerden"),
            kind="long",
            help=_("Art. 13 Abs. 2 lit. d DSGVO"),
        ),
    ),
}

TITLES: dict[str, Any] = {
    Kind.IMPRINT: _("Impressum"),
    Kind.ACCESSIBILITY: _("Erklärung zur Barrierefreiheit"),
    Kind.PRIVACY: _("Datenschutzhinweise (Angaben des Betreibers)"),
}


def missing_fields(kind: str, content: dict[str, Any]) -> list[Field]:
    """The required fields that are empty (the gaps are required unless fully conformant)."""
    missing = [f for f in FIELDS[kind] if f.required and not str(content.get(f.name) or "").strip()]
    gaps_needed = kind == Kind.ACCESSIBILITY and content.get("conformity") in ("partial", "none")
    if gaps_needed and not str(content.get("known_gaps") or "").strip():
        missing.append(next(f for f in FIELDS[kind] if f.name == "known_gaps"))
    return missing


def current(kind: str) -> OperatorPage | None:
    """The latest version of a page, or None when the operator has entered none."""
    return OperatorPage.objects.filter(kind=kind).order_by("-version").first()


def publish(kind: str, content: dict[str, Any], *, user: Any = None) -> OperatorPage:
    """Store a new version; earlier versions stay as they were."""
    latest = current(kind)
    known = {f.name for f in FIELDS[kind]}
    page = OperatorPage.objects.create(
        kind=kind,
        version=(latest.version + 1) if latest else 1,
        content={k: str(v).strip() for k, v in content.items() if k in known},
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    record_event(
        CoreAction.OPERATOR_PAGE_PUBLISHED,
        actor=user,
        summary=f"{page.get_kind_display()} {page.version}",
        page=kind,
        version=page.version,
    )
    return page


def page_context(kind: str) -> dict[str, Any]:
    """What an operator page shows: the fields with values, and whether anything is missing."""
    page = current(kind)
    content = page.content if page else {}
    rows = [
        {"field": f, "value": _display(f, content.get(f.name, ""))}
        for f in FIELDS[kind]
        if str(content.get(f.name) or "").strip()
    ]
    return {
        "operator_page": page,
        "values": content,
        "rows": rows,
        "missing": missing_fields(kind, content),
    }


def _display(field: Field, value: str) -> Any:
    if field.kind == "choice":
        return dict(field.choices).get(value, value)
    if field.kind == "date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def deploy_problems() -> list[str]:
    """One line per page that is missing or incomplete, for the deploy check."""
    problems = []
    for kind in FIELDS:
        try:
            page = current(kind)
        except DatabaseError:
            return ["the database cannot be read (run migrate first)"]
        if page is None:
            problems.append(f"{kind}: not entered yet")
            continue
        if missing := missing_fields(kind, page.content):
            problems.append(f"{kind}: missing {', '.join(f.name for f in missing)}")
    return problems


DEMO_CONTENT: dict[str, dict[str, str]] = {
    Kind.IMPRINT: {
        "provider_name": "Geschäftsstelle Zukunftszentren (Demo, fiktiv)",
        "legal_form": "fiktive Einrichtung für die Vorführung der Software",
        "representative": "Dr. Maria Beispiel (fiktiv)",
        "street": "Musterstraße 1",
        "postcode": "10117",
        "city": "Berlin",
        "email": "kontakt@demo.example.org",
        "phone": "+49 30 0000000 (fiktiv)",
    },
    Kind.ACCESSIBILITY: {
        "conformity": "partial",
        "known_gaps": "Diese Demo wird laufend geprüft. Bekannt: Die PDF-Berichte sind noch nicht "
        "als barrierefreie PDF (PDF/UA) ausgezeichnet; die Inhalte stehen als Webseite und "
        "Tabelle zur Verfügung.",
        "alternatives": "Alle Auswertungen gibt es auch als Tabelle auf der Seite und als CSV.",
        "prepared_on": "2026-12-01",
        "method": "Selbstbewertung mit automatischen Prüfungen (axe-core) und Tests mit Tastatur",
        "reviewed_on": "2026-12-01",
        "feedback_email": "barrierefreiheit@demo.example.org",
        "conciliation_name": "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz (§ 16 BGG)",
        "conciliation_url": "https://www.schlichtungsstelle-bgg.de",
    },
    Kind.PRIVACY: {
        "controller": "Geschäftsstelle Zukunftszentren (Demo, fiktiv)\nMusterstraße 1, 10117 Berlin",
        "controller_email": "datenschutz@demo.example.org",
        "dpo_contact": "Datenschutzbeauftragte der Geschäftsstelle (fiktiv), dsb@demo.example.org",
        "legal_basis": "Bereitstellung der Plattform und Ihres Kontos: Art. 6 Abs. 1 lit. b "
        "DSGVO. Sicherheitsprotokoll: Art. 6 Abs. 1 lit. f DSGVO.",
        "recipients": "Keine; die Demo läuft auf einem Rechner der Geschäftsstelle.",
        "retention": "Bis Sie Ihr Konto löschen; das Sicherheitsprotokoll ohne Ihre Angaben.",
        "supervisory_authority": "Die für die Geschäftsstelle zuständige Datenschutzaufsicht "
        "(fiktiv).",
    },
}


def seed_demo_operator_pages(*, site_url: str = "") -> str:
    """The demo's fictional operator: every page complete, entered once (a demo step)."""
    for kind, content in DEMO_CONTENT.items():
        if current(kind) is None:
            publish(kind, content)
    return str(
        _("Impressum, Barrierefreiheit und Datenschutz des fiktiven Betreibers sind angelegt.")
    )
