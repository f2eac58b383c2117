"""`seed_demo`: create the fictional demo network and print one login per role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zukunftszentrum.organisations.demo import format_logins, seed_demo


class Command(BaseCommand):
    help = (
        "Legt das fiktive Demo-Netzwerk an: Zentren, Betriebe, Personen und Rollen. "
        "Mehrfach ausführbar; vorhandene Daten bleiben, wie sie sind."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="auch ohne DEBUG anlegen, etwa auf einem öffentlichen Demo-Server; nie in einer "
            "echten Installation: alle Demo-Zugänge haben dasselbe, bekannte Passwort",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "Die Demo-Daten werden nur mit Entwicklungseinstellungen (DEBUG) angelegt, "
                    "weil alle Demo-Zugänge dasselbe bekannte Passwort haben. Auf einem reinen "
                    "Demo-Server: seed-demo --force."
                )
            )
        logins = seed_demo()
        self.stdout.write(self.style.SUCCESS(_("Das Demo-Netzwerk ist angelegt.")))
        self.stdout.write(format_logins(logins))
