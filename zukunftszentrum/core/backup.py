"""Backups: the database, the uploads and the signing keys in one archive with a manifest.

`zukunftszentrum backup DIR` writes `zukunftszentrum-<UTC time>.tar.gz` into DIR:

    manifest.json        format, program version, time, database vendor, rows per table,
                         number and size of the uploaded files and keys
    database.sqlite3     SQLite: a consistent copy by the online backup API
    database.dump        PostgreSQL: pg_dump's custom format (restore with pg_restore)
    media/...            MEDIA_ROOT, the uploads (when they are stored in a local folder)
    keys/...             settings.ZZ_SIGNING_KEYS_DIR, when configured

`zukunftszentrum restore FILE` refuses a database that holds accounts unless forced, loads the
database and the files, and compares the restored rows per table with the manifest.
"""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connections

from .backup_db import DUMP_FILES, SQLITE, BackupError, Database, accounts, counts, dump, load

FORMAT = 1
MANIFEST = "manifest.json"


@dataclass
class Restored:
    manifest: dict[str, Any]
    mismatches: dict[str, tuple[int, int | None]] = field(
        default_factory=dict
    )  # table: (want, got)


def program_version() -> str:
    try:
        return version("zukunftszentrum")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unbekannt"


def configured_folders() -> dict[str, Path]:
    """The folders a backup holds, by their name in the archive."""
    found = {"media": Path(settings.MEDIA_ROOT)}
    keys = getattr(settings, "ZZ_SIGNING_KEYS_DIR", None)
    if keys:
        found["keys"] = Path(keys)
    return found


def folders() -> dict[str, Path]:
    """The configured folders that exist (uploads in an object store are backed up there)."""
    return {name: path for name, path in configured_folders().items() if path.is_dir()}


def create_backup(directory: Path, *, alias: str = DEFAULT_DB_ALIAS) -> tuple[Path, dict[str, Any]]:
    """Write one archive into `directory`; returns its path and manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    db = Database.of(connection.settings_dict)
    now = datetime.now(UTC)
    archive = directory / f"zukunftszentrum-{now:%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="zz-backup-") as work:
        dump_path = Path(work) / DUMP_FILES[db.vendor]
        live = None
        if db.vendor == SQLITE:
            if connection.in_atomic_block:  # SQLite's backup would wait for it forever
                raise BackupError("Eine Sicherung läuft nicht innerhalb einer Transaktion.")
            connection.ensure_connection()
            live = connection.connection
        tables = dump(db, dump_path, live=live)
        manifest = {
            "format": FORMAT,
            "program_version": program_version(),
            "created_at": now.isoformat(timespec="seconds"),
            "database": {"vendor": db.vendor, "file": dump_path.name},
            "tables": tables,
            "files": {name: _summary(path) for name, path in folders().items()},
        }
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
            tar.add(dump_path, arcname=dump_path.name)
            for name, path in folders().items():
                tar.add(path, arcname=name)
        partial.rename(archive)  # a half-written archive never carries the final name
    return archive, manifest


def read_manifest(archive: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive, "r:*") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest = json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"„{archive}“ ist keine lesbare Sicherung ({error}).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unbekanntes Sicherungsformat {manifest.get('format')!r}.")
    return manifest


def restore_backup(
    archive: Path,
    *,
    force: bool = False,
    alias: str = DEFAULT_DB_ALIAS,
    target: Database | None = None,
    files_to: dict[str, Path] | None = None,
) -> Restored:
    """Load an archive into the database (and its files into their folders); compare rows.

    `target` and `files_to` default to the configured database and folders (tests pass others)."""
    manifest = read_manifest(archive)
    db = target or Database.of(connections[alias].settings_dict)
    vendor = manifest["database"]["vendor"]
    if vendor != db.vendor:
        raise BackupError(
            f"Die Sicherung enthält eine {vendor}-Datenbank, eingerichtet ist {db.vendor}. "
            "Spielen Sie sie in eine Installation mit derselben Datenbank ein."
        )
    held = accounts(db, get_user_model()._meta.db_table)
    if held and not force:
        raise BackupError(
            f"Die Datenbank ist nicht leer (Konten: {held}). Eine Wiederherstellung würde sie "
            "überschreiben; dafür „--force“ angeben."
        )
    with tempfile.TemporaryDirectory(prefix="zz-restore-") as work:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(work, filter="data")  # no absolute paths, links or devices
        if target is None:
            connections.close_all()  # the database is replaced under this process
        load(db, Path(work) / manifest["database"]["file"])
        destinations = files_to if files_to is not None else configured_folders()
        for name in manifest.get("files", {}):
            source = Path(work) / name
            if source.is_dir() and name in destinations:
                shutil.copytree(source, destinations[name], dirs_exist_ok=True)
    restored = counts(db)
    mismatches = {
        table: (want, restored.get(table))
        for table, want in manifest["tables"].items()
        if restored.get(table) != want
    }
    return Restored(manifest, mismatches)


def _summary(path: Path) -> dict[str, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return {"count": len(files), "bytes": sum(p.stat().st_size for p in files)}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))
