"""`zukunftszentrum credentials-keys create|rotate|list`: the issuer's signing keys."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zukunftszentrum.credentials import keys


class Command(BaseCommand):
    help = (
        "Signaturschlüssel für Nachweise: create (den ersten anlegen, falls keiner da ist), "
        "rotate (ein neuer Schlüssel signiert; alte öffentliche Schlüssel bleiben veröffentlicht), "
        "list (alle veröffentlichten Schlüssel)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "rotate", "list"])

    def handle(self, *args: Any, **options: Any) -> None:
        folder = keys.keys_dir()
        if options["action"] == "create":
            key_id, made = keys.create()
            state = "angelegt" if made else "war schon vorhanden"
            self.stdout.write(f"Schlüssel {key_id} {state} ({folder})")
        elif options["action"] == "rotate":
            new, old = keys.rotate()
            self.stdout.write(f"Neuer Signaturschlüssel: {new} ({folder})")
            if old:
                self.stdout.write(
                    f"Der bisherige Schlüssel {old} signiert nicht mehr; sein öffentlicher Teil "
                    "bleibt veröffentlicht, ältere Nachweise bleiben prüfbar."
                )
        else:
            current = keys.current_id()
            for key in keys.public_keys():
                mark = " (signiert)" if key.id == current else ""
                self.stdout.write(f"{key.id}  {key.created}  {key.multibase}{mark}")
