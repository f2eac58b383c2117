"""Backups restore into an empty database with every row and file; a full one is refused."""

from __future__ import annotations

import json
import sqlite3
import tarfile
from contextlib import closing
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from zukunftszentrum.core.backup import create_backup, read_manifest, restore_backup
from zukunftszentrum.core.backup_db import BackupError, Database, pg_counts
from zukunftszentrum.organisations.tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db
# A backup reads committed data, as it does in production (a command in autocommit): the tests
# that back up commit their rows, and put the migrations' data back afterwards.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backup API")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump/pg_restore; runs in `make pg`"
)


@pytest.fixture
def folders(settings, tmp_path: Path) -> dict[str, Path]:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ZZ_SIGNING_KEYS_DIR = tmp_path / "keys"
    (settings.MEDIA_ROOT / "uploads").mkdir(parents=True)
    (settings.MEDIA_ROOT / "uploads" / "bericht.pdf").write_bytes(b"%PDF-1.7 demo")
    settings.ZZ_SIGNING_KEYS_DIR.mkdir()
    (settings.ZZ_SIGNING_KEYS_DIR / "key.pem").write_text("-----BEGIN KEY-----")
    return {"media": settings.MEDIA_ROOT, "keys": settings.ZZ_SIGNING_KEYS_DIR}


def _rows(path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


@on_sqlite
@committed
def test_a_sqlite_backup_restores_into_an_empty_database_with_every_row_and_file(
    folders: dict[str, Path], tmp_path: Path
) -> None:
    person = make_user(email="ada@example.org")
    org = make_organisation(name="Tischlerei Muster GmbH")
    archive, manifest = create_backup(tmp_path / "sicherungen")
    assert archive.name.startswith("zukunftszentrum-") and archive.suffixes == [".tar", ".gz"]
    assert manifest["database"] == {"vendor": "sqlite", "file": "database.sqlite3"}
    assert manifest["tables"]["organisations_user"] >= 1
    assert manifest["files"]["media"] == {"count": 1, "bytes": 13}
    assert read_manifest(archive) == manifest

    target = Database(vendor="sqlite", name=str(tmp_path / "leer.sqlite3"))
    restored_to = {"media": tmp_path / "media-neu", "keys": tmp_path / "keys-neu"}
    restored = restore_backup(archive, target=target, files_to=restored_to)
    assert restored.mismatches == {}
    assert ("ada@example.org",) in _rows(Path(target.name), "SELECT email FROM organisations_user")
    orgs = _rows(Path(target.name), "SELECT id, legal_name FROM organisations_organisation")
    assert (org.pk, "Tischlerei Muster GmbH") in orgs
    assert (restored_to["media"] / "uploads" / "bericht.pdf").read_bytes() == b"%PDF-1.7 demo"
    assert (restored_to["keys"] / "key.pem").read_text() == "-----BEGIN KEY-----"
    assert person.pk in {
        row[0] for row in _rows(Path(target.name), "SELECT id FROM organisations_user")
    }

    # The target now holds accounts: a second restore is refused unless forced.
    with pytest.raises(BackupError, match=r"nicht leer .*--force"):
        restore_backup(archive, target=target, files_to=restored_to)
    assert restore_backup(archive, target=target, files_to=restored_to, force=True).mismatches == {}


@committed
def test_the_commands_back_up_and_refuse_to_overwrite_this_database(
    folders: dict[str, Path], tmp_path: Path
) -> None:
    make_user(email="ada@example.org")
    out = StringIO()
    call_command("backup", str(tmp_path / "sicherungen"), stdout=out)
    assert "Sicherung geschrieben:" in out.getvalue()
    (archive,) = (tmp_path / "sicherungen").glob("*.tar.gz")
    with pytest.raises(CommandError, match="Nicht wiederhergestellt: Die Datenbank ist nicht leer"):
        call_command("restore", str(archive))


@committed
def test_a_backup_of_another_database_vendor_or_a_foreign_file_is_refused(
    folders: dict[str, Path], tmp_path: Path
) -> None:
    archive, _ = create_backup(tmp_path)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    with pytest.raises(BackupError, match="Installation mit derselben Datenbank"):
        restore_backup(archive, target=Database(vendor=other, name=str(tmp_path / "x")))
    foreign = tmp_path / "fremd.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        tar.add(folders["keys"], arcname="keys")
    with pytest.raises(BackupError, match="keine lesbare Sicherung"):
        read_manifest(foreign)


@on_postgresql
@committed
def test_a_postgresql_backup_restores_into_an_empty_database(
    folders: dict[str, Path], tmp_path: Path
) -> None:
    person = make_user(email="ada@example.org")
    archive, manifest = create_backup(tmp_path)
    assert manifest["tables"]["organisations_user"] == 1
    assert manifest["database"]["vendor"] == "postgresql"
    assert manifest["tables"]["django_migrations"] > 0
    source = Database.of(connection.settings_dict)
    empty = f"{source.name}_restore"
    with closing(source.pg_connect(dbname="postgres", autocommit=True)) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{empty}"')
        admin.execute(f'CREATE DATABASE "{empty}"')
    try:
        target = Database.of(connection.settings_dict, name=empty)
        restored = restore_backup(archive, target=target, files_to={"media": tmp_path / "m"})
        assert restored.mismatches == {}
        sql = "SELECT app, name FROM django_migrations ORDER BY app, name"
        with closing(source.pg_connect()) as before, closing(target.pg_connect()) as after:
            assert after.execute(sql).fetchall() == before.execute(sql).fetchall()
            assert pg_counts(after) == manifest["tables"]
            emails = after.execute("SELECT id, email FROM organisations_user").fetchall()
            assert emails == [(person.pk, "ada@example.org")]
    finally:
        with closing(source.pg_connect(dbname="postgres", autocommit=True)) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{empty}"')
    assert json.loads(json.dumps(manifest)) == manifest
