"""`worker`: works off the background tasks of every app (django-tasks-db's `db_worker`).

Refuses to start against a database with unapplied migrations (its tasks would write into tables
that do not match the code), and first queues again the work that a dead worker left half done.
Run any number of workers, on any machine that reaches the database.

While the database is unreachable (restarted, failed over) the worker waits and tries again,
with growing pauses up to a minute, instead of ending: a process manager that restarts a
failing service only a few times would otherwise give up on it. A task that was running when
the connection broke is picked up again by the recoveries (see core.tasks), as after a crash.
`--batch` ends with the error instead (cron runs it again).

A worker lowers its own CPU priority (`--nice`, default settings.ZZ_WORKER_NICE): on a machine
that also runs web processes, building a report must not slow the pages people are waiting for.
"""

from __future__ import annotations

import os
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from zukunftszentrum.core.errors import database_unavailable
from zukunftszentrum.core.tasks import recover_lost_work, unapplied_migrations

FIRST_PAUSE = 2.0  # seconds before the first new try while the database is unreachable
LONGEST_PAUSE = 60.0


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
            "--nice",
            type=int,
            default=None,
            help="so viel niedriger als Webprozesse rechnen (0–19; Standard ZZ_WORKER_NICE, 10)",
        )
        parser.add_argument(
            "--max-tasks",
            type=int,
            default=None,
            help="nach so vielen Aufgaben enden (der Prozessmanager startet neu)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        niceness = settings.ZZ_WORKER_NICE if options["nice"] is None else options["nice"]
        if not 0 <= niceness <= 19:
            raise CommandError("--nice muss zwischen 0 und 19 liegen.")
        if niceness:
            os.nice(niceness)  # only lowers: the web processes keep their priority
        pause = FIRST_PAUSE
        while True:
            started = time.monotonic()
            try:
                self.work(options)
                return
            except Exception as error:
                if options["batch"] or not database_unavailable(error):
                    raise
                if time.monotonic() - started > LONGEST_PAUSE:
                    pause = FIRST_PAUSE  # it worked for a while: a new outage starts short
                self.stderr.write(
                    f"Die Datenbank ist nicht erreichbar ({str(error).splitlines()[0]}); "
                    f"neuer Versuch in {pause:.0f} s."
                )
            connections.close_all()  # the broken connection is not reused
            time.sleep(pause)
            pause = min(pause * 2, LONGEST_PAUSE)

    def work(self, options: dict[str, Any]) -> None:
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
