"""`seed_demo`: the fictional demo, every app's registered step in order (core/demo_steps.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zukunftszentrum.core.demo_steps import ensure_demo_allowed, selected_steps, steps


class Command(BaseCommand):
    help = (
        "Legt die fiktive Demo an: Zentren, Betriebe, Personen und Rollen, Antworten zu den "
        "Selbstchecks und die Unternehmen der Bedarfserhebung. Mehrfach ausführbar; vorhandene "
        "Daten bleiben, wie sie sind."
    )
    # Where the demo is served, for the printed logins; set by `zukunftszentrum demo`.
    stealth_options = ("site_url",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="auch ohne DEBUG anlegen, etwa auf einem öffentlichen Demo-Server; nie in einer "
            "echten Installation: alle Demo-Zugänge haben dasselbe, bekannte Passwort",
        )
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="SCHRITT",
            help="nur diesen Schritt ausführen (mehrfach möglich): "
            + ", ".join(step.name for step in steps),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_demo_allowed(force=options["force"])
        for step in selected_steps(options["only"]):
            message = step.run(site_url=options.get("site_url", ""))
            if options["verbosity"] >= 1 and message:
                self.stdout.write(message)
