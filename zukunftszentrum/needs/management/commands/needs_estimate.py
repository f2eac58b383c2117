"""`needs_estimate`: compute the needs estimates from the command line (operations, cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from zukunftszentrum.needs import runs
from zukunftszentrum.needs.queries import current_window, parse_window


class Command(BaseCommand):
    help = (
        "Berechnet die Schätzungen der Bedarfsanalyse: für die angegebenen Zeiträume (2026, "
        "2026-Q3), ohne Angabe für das laufende Jahr; mit --queued alle wartenden Berechnungen "
        "in diesem Prozess (ohne Worker)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("windows", nargs="*", help="Zeiträume, z. B. 2026 oder 2026-Q3")
        parser.add_argument("--queued", action="store_true", help="wartende Berechnungen ausführen")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queued"]:
            count = runs.drain()
            self.stdout.write(_("%(count)d wartende Berechnung(en) ausgeführt.") % {"count": count})
            return
        keys = options["windows"] or [current_window().key]
        for key in keys:
            if parse_window(key) is None:
                raise CommandError(
                    _("Unbekannter Zeitraum: „%(key)s“ (erwartet z. B. 2026 oder 2026-Q3)")
                    % {"key": key}
                )
        for key in keys:
            run = runs.compute(key)
            if run.status != run.Status.DONE:
                raise CommandError(f"{key}: {run.error}")
            message = _("%(key)s: %(n)d Unternehmen, Gewichtung %(margins)s, fertig.")
            self.stdout.write(
                message
                % {"key": key, "n": run.n_companies, "margins": run.diagnostics.get("margins", "–")}
            )
