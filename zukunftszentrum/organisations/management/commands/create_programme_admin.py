"""`create_programme_admin`: a person who runs the programme (network administration)."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.models import Membership, User
from zukunftszentrum.organisations.roles import Role


class Command(BaseCommand):
    help = (
        "Legt eine Person für die Programmverwaltung an (mit Zugang zur Verwaltung) oder gibt "
        "einer vorhandenen Person diese Rolle."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="E-Mail-Adresse, mit der sich die Person anmeldet")
        parser.add_argument("name", help="vollständiger Name")
        parser.add_argument(
            "--password", help="Passwort für ein neues Konto (ohne Angabe wird es abgefragt)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(
                _("„%(email)s“ ist keine gültige E-Mail-Adresse.") % {"email": options["email"]}
            ) from exc
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            password = options["password"] or _ask_password()
            _check_password(password, User(email=email, full_name=options["name"]))
            self._create(email, options["name"].strip(), password)
        else:
            self._promote(user)
            if options["password"]:
                self.stdout.write(_("Hinweis: Das Konto gab es schon; sein Passwort bleibt."))
        self.stdout.write(
            self.style.SUCCESS(_("%(email)s ist jetzt Programmverwaltung.") % {"email": email})
        )

    @transaction.atomic
    def _create(self, email: str, name: str, password: str) -> None:
        user = User.objects.create_user(email, password, full_name=name, is_staff=True)
        actions.grant_membership(user=user, role=Role.PROGRAMME_ADMIN)

    @transaction.atomic
    def _promote(self, user: User) -> None:
        already = Membership.objects.filter(
            user=user, role=Role.PROGRAMME_ADMIN, ended_at__isnull=True
        ).exists()
        if already:
            raise CommandError(
                _("%(email)s ist bereits Programmverwaltung.") % {"email": user.email}
            )
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        actions.grant_membership(user=user, role=Role.PROGRAMME_ADMIN)


def _ask_password() -> str:
    if not sys.stdin.isatty():
        raise CommandError(
            _(
                "Kein Passwort angegeben. Geben Sie --password an oder starten Sie den Befehl "
                "in einem Terminal, damit er nach dem Passwort fragen kann."
            )
        )
    first = getpass.getpass(_("Passwort: "))
    second = getpass.getpass(_("Passwort (wiederholen): "))
    if first != second:
        raise CommandError(_("Die beiden Passwörter stimmen nicht überein."))
    return first


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise CommandError(
            _("Das Passwort ist nicht sicher genug: %(reasons)s")
            % {"reasons": " ".join(exc.messages)}
        ) from exc
