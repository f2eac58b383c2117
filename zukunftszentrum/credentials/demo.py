"""The demo's credentials: the signing key, and for the solo self-employed demo person one module
credential issued and one ready to claim (so both halves of "Meine Nachweise" show)."""

from __future__ import annotations

from zukunftszentrum.organisations.demo_data import SHOWCASE_CENTRE, SHOWCASE_SOLO
from zukunftszentrum.organisations.models import Centre, Membership
from zukunftszentrum.organisations.roles import Role

from . import issuing, keys
from .models import ClaimableAchievement

MODULES = (
    (
        "demo-prompting",
        "Prompting für den Arbeitsalltag",
        "Ein halbtägiger Workshop: Aufträge an Sprachmodelle formulieren, Ergebnisse prüfen, "
        "Grenzen kennen – mit Beispielen aus Büro, Handwerk und Dienstleistung.",
        [{"id": "prompting", "level": 2}, {"id": "checking_outputs", "level": 2}],
    ),
    (
        "demo-datenschutz",
        "Datenschutz und Geschäftsgeheimnisse bei KI-Werkzeugen",
        "Ein Webinar: Was in ein KI-Werkzeug gehört und was nicht, und wie Sie das im Alltag "
        "sicherstellen.",
        [{"id": "personal_data", "level": 2}, {"id": "confidential_data", "level": 1}],
    ),
)


def seed_demo_credentials(*, site_url: str = "") -> str:
    key_id, made = keys.create()
    key_line = f"Signaturschlüssel {key_id} ({'neu angelegt' if made else 'vorhanden'})"
    solo = (
        Membership.objects.filter(role=Role.SOLO, organisation__legal_name=SHOWCASE_SOLO)
        .select_related("user")
        .first()
    )
    if solo is None:
        return f"{key_line}; keine Demo-Person für Nachweise"
    centre = Centre.objects.filter(slug=SHOWCASE_CENTRE).first()
    for source, name, description, competences in MODULES:
        ClaimableAchievement.objects.update_or_create(
            holder=solo.user,
            kind="module",
            source=source,
            defaults={
                "name": name,
                "description": description,
                "criteria": "Teilnahme an der gesamten Veranstaltung, von der Trainerin oder dem "
                "Trainer bestätigt.",
                "competences": competences,
                "evidence": [
                    {"name": "Bestätigte Teilnahme", "narrative": f"Teilnahme an „{name}“."}
                ],
                "centre": centre,
            },
        )
    first = ClaimableAchievement.objects.get(holder=solo.user, source=MODULES[0][0])
    issuing.claim(solo, first)
    return f"{key_line}; ein Nachweis ausgestellt und einer abholbereit für {solo.user.full_name}"
