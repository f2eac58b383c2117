"""`restore FILE [--force]`: load a backup; a database that holds accounts needs --force."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zukunftszentrum.core.backup import restore_backup
from zukunftszentrum.core.backup_db import BackupError


class Command(BaseCommand):
    help = (
        "Spielt eine Sicherung ein und vergleicht danach die Zeilen je Tabelle mit dem Manifest. "
        "Eine Datenbank mit Konten wird nur mit --force überschrieben."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", metavar="DATEI", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="auch eine nicht leere Datenbank überschreiben (ihr Inhalt geht verloren)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restored = restore_backup(options["archive"], force=options["force"])
        except (BackupError, OSError) as error:
            raise CommandError(f"Nicht wiederhergestellt: {error}") from error
        if restored.mismatches:
            details = ", ".join(
                f"{table}: {want} erwartet, {got} gefunden"
                for table, (want, got) in sorted(restored.mismatches.items())
            )
            raise CommandError(f"Eingespielt, aber die Zeilen weichen ab: {details}")
        manifest = restored.manifest
        self.stdout.write(
            f"Wiederhergestellt: Sicherung vom {manifest['created_at']} "
            f"({len(manifest['tables'])} Tabellen, Zeilen stimmen mit dem Manifest überein)."
        )
