"""`seed_demo_checks`: answers to the self-checks for the demo network (after `seed_demo`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zukunftszentrum.assessments.demo import seed_assessments
from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
from zukunftszentrum.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Legt Demo-Antworten zu den Selbstchecks an (nach seed_demo). Mehrfach ausführbar; "
        "vorhandene Checks bleiben, wie sie sind."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="auch ohne DEBUG anlegen (nur auf Demo-Servern)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _("Die Demo-Daten werden nur mit Entwicklungseinstellungen (DEBUG) angelegt.")
            )
        if not Organisation.objects.filter(legal_name=SHOWCASE_COMPANY).exists():
            raise CommandError(_("Bitte legen Sie zuerst das Demo-Netzwerk an (seed_demo)."))
        counts = seed_assessments()
        self.stdout.write(
            self.style.SUCCESS(
                _("Selbstchecks der Demo: %(assessments)d Checks und %(responses)d Antworten neu.")
                % counts
            )
        )
