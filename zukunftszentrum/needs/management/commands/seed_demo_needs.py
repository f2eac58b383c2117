"""`seed_demo_needs`: the demo's needs-survey answers at regional scale (after seed_demo_checks)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zukunftszentrum.needs.demo import refresh_estimates, seed_needs_survey


class Command(BaseCommand):
    help = (
        "Legt rund 1.200 fiktive Unternehmen mit Antworten zur Bedarfserhebung an und berechnet "
        "die Schätzungen des laufenden und des vorigen Jahres. Mehrfach ausführbar; vorhandene "
        "Antworten bleiben, wie sie sind."
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
        counts = seed_needs_survey()
        windows = refresh_estimates()
        if options["verbosity"] < 1:
            return
        message = (
            _(
                "Bedarfserhebung der Demo: %(companies)d Unternehmen und %(responses)d Antworten neu."
            )
            % counts
        )
        if windows:
            message += " " + _("Schätzungen berechnet für: %s.") % ", ".join(windows)
        self.stdout.write(self.style.SUCCESS(message))
