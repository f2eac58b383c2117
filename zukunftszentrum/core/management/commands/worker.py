"""`worker`: works off the background tasks of every app (django-tasks-db's `db_worker`).

Refuses to start against a database with unapplied migrations (its tasks would write into tables
that do not match the code), and first queues again the work that a dead worker left half done.
Run any number of workers, on any machine that reaches the database.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zukunftszentrum.core.tasks import recover_lost_work, unapplied_migrations


class Command(BaseCommand):
    help = (
        "Arbeitet die Hintergrundaufgaben ab (Berechnungen der Bedarfsanalyse und alle späteren). "
        "Beliebig viele Worker auf beliebigen Rechnern können dieselbe Datenbank bedienen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch",
            action="store_true",
            help="die wartenden Aufgaben abarbeiten und dann enden (etwa per cron)",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Sekunden zwischen zwei Blicken in die leere Warteschlange (Standard 1)",
        )
        parser.add_argument(
            "--max-tasks",
            type=int,
            default=None,
            help="nach so vielen Aufgaben enden (der Prozessmanager startet neu)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        missing = unapplied_migrations()
        if missing:
            raise CommandError(
                f"Die Datenbank ist nicht auf dem Stand des Programms: {len(missing)} Migration(en) "
                f"fehlen (etwa {missing[0]}). Führen Sie zuerst „zukunftszentrum migrate“ aus; "
                "der Worker startet nicht."
            )
        for name, count in recover_lost_work().items():
            if count:
                self.stdout.write(f"{name}: {count} liegengebliebene Aufgabe(n) neu eingereiht.")
        worker_options: dict[str, Any] = {
            "batch": options["batch"],
            "interval": options["interval"],
            "reload": False,
            "startup_delay": not options["batch"],  # spreads workers started together
            "verbosity": options["verbosity"],
            "stdout": self.stdout,
            "stderr": self.stderr,
        }
        if options["max_tasks"]:
            worker_options["max_tasks"] = options["max_tasks"]
        call_command("db_worker", **worker_options)
