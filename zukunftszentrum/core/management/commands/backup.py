"""`backup DIR`: one archive with the database, the uploads, the signing keys and a manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zukunftszentrum.core.backup import create_backup
from zukunftszentrum.core.backup_db import BackupError


class Command(BaseCommand):
    help = (
        "Legt eine Sicherung in VERZEICHNIS an: Datenbank (PostgreSQL: pg_dump im Custom-Format; "
        "SQLite: Online-Sicherung), hochgeladene Dateien, Signaturschlüssel und ein Manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="VERZEICHNIS", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            archive, manifest = create_backup(options["directory"])
        except (BackupError, OSError) as error:
            raise CommandError(f"Die Sicherung ist fehlgeschlagen: {error}") from error
        rows = sum(manifest["tables"].values())
        files = sum(f["count"] for f in manifest["files"].values())
        self.stdout.write(
            f"Sicherung geschrieben: {archive} ({manifest['database']['vendor']}, "
            f"{len(manifest['tables'])} Tabellen, {rows} Zeilen, {files} Dateien)."
        )
