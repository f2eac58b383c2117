"""`create_centre`: set up a Zukunftszentrum and the Länder it covers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.audit_actions import OrganisationAction
from zukunftszentrum.organisations.models import Centre, Land

KINDS = {"regional": Centre.Kind.REGIONAL, "supra_regional": Centre.Kind.SUPRA_REGIONAL}


class Command(BaseCommand):
    help = "Legt ein Zukunftszentrum an, regional mit seinen Ländern oder überregional."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Name des Zentrums, z. B. „Zukunftszentrum Nord“")
        parser.add_argument(
            "--kind",
            choices=sorted(KINDS),
            default="regional",
            help="regional (Standard) oder supra_regional (überregional, ohne eigene Länder)",
        )
        parser.add_argument(
            "--lands", default="", help="betreute Länder als Kürzel mit Komma, z. B. SH,HH,HB"
        )
        parser.add_argument("--email", default="", help="Kontakt-E-Mail-Adresse des Zentrums")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"].strip()
        kind = KINDS[options["kind"]]
        lands = _lands(options["lands"])
        email = _email(options["email"])
        if not name:
            raise CommandError(_("Bitte geben Sie einen Namen für das Zentrum an."))
        if kind == Centre.Kind.SUPRA_REGIONAL and lands:
            raise CommandError(
                _(
                    "Ein überregionales Zentrum betreut keine einzelnen Länder; "
                    "lassen Sie --lands weg."
                )
            )
        centre = _create(name=name, kind=kind, lands=lands, email=email)
        self.stdout.write(
            self.style.SUCCESS(
                _("Zentrum „%(name)s“ angelegt (Kurzname: %(slug)s).")
                % {"name": centre.name, "slug": centre.slug}
            )
        )
        for land in lands:
            others = [c.name for c in land.centres.exclude(pk=centre.pk)]
            if others:
                note = _("Hinweis: %(land)s wird auch von %(others)s betreut.")
                self.stdout.write(
                    self.style.WARNING(note % {"land": land.name, "others": ", ".join(others)})
                )
        if kind == Centre.Kind.REGIONAL and not lands:
            self.stdout.write(
                self.style.WARNING(_("Hinweis: Das Zentrum betreut noch keine Länder."))
            )


def _lands(value: str) -> list[Land]:
    codes = [code.strip().upper() for code in value.split(",") if code.strip()]
    known = {land.code: land for land in Land.objects.all()}
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise CommandError(
            _("Unbekanntes Land: %(unknown)s. Gültige Kürzel sind: %(valid)s.")
            % {"unknown": ", ".join(unknown), "valid": ", ".join(sorted(known))}
        )
    return [known[code] for code in dict.fromkeys(codes)]


def _email(value: str) -> str:
    email = value.strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(
                _("„%(email)s“ ist keine gültige E-Mail-Adresse.") % {"email": value}
            ) from exc
    return email


@transaction.atomic
def _create(*, name: str, kind: str, lands: list[Land], email: str) -> Centre:
    duplicate = _("Ein Zentrum mit dem Namen „%(name)s“ gibt es bereits.") % {"name": name}
    if Centre.objects.filter(name__iexact=name).exists():
        raise CommandError(duplicate)
    base = slugify(name)[:70] or "zentrum"
    slug, number = base, 1
    while Centre.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    try:
        with transaction.atomic():
            centre = Centre.objects.create(name=name, slug=slug, kind=kind, email=email)
    except IntegrityError as exc:  # created by someone else a moment ago
        raise CommandError(duplicate) from exc
    centre.lands.set(lands)
    record_event(
        OrganisationAction.CENTRE_CHANGED,
        summary=f"{name}: angelegt ({', '.join(land.code for land in lands) or '-'})",
        centre_id=centre.pk,
    )
    return centre
