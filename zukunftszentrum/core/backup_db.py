"""The database part of a backup: SQLite's online backup API, or PostgreSQL's custom format.

Each dump counts the rows of every table in the same state it copies (SQLite: the copy itself;
PostgreSQL: one exported snapshot shared by pg_dump and the counting transaction), so the counts in
the manifest describe exactly what the archive holds, even while the site keeps writing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SQLITE, POSTGRESQL = "sqlite", "postgresql"
DUMP_FILES = {SQLITE: "database.sqlite3", POSTGRESQL: "database.dump"}


class BackupError(Exception):
    """A backup or restore step failed; the message says which and what to do."""


@dataclass(frozen=True)
class Database:
    """Where a database lives, from a Django settings dict (DATABASES[alias])."""

    vendor: str
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def of(cls, settings_dict: dict[str, Any], *, name: str | None = None) -> Database:
        engine = settings_dict["ENGINE"]
        vendor = (
            SQLITE if engine.endswith("sqlite3") else POSTGRESQL if "postgres" in engine else ""
        )
        if not vendor:
            raise BackupError(f"Die Datenbank „{engine}“ wird von der Sicherung nicht unterstützt.")
        return cls(
            vendor=vendor,
            name=str(name or settings_dict["NAME"]),
            host=str(settings_dict.get("HOST") or ""),
            port=str(settings_dict.get("PORT") or ""),
            user=str(settings_dict.get("USER") or ""),
            password=str(settings_dict.get("PASSWORD") or ""),
        )

    def pg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        for key, value in (
            ("PGHOST", self.host),
            ("PGPORT", self.port),
            ("PGUSER", self.user),
            ("PGPASSWORD", self.password),
            ("PGDATABASE", self.name),
        ):
            if value:
                env[key] = value
        return env

    def pg_connect(self, *, dbname: str | None = None, autocommit: bool = False) -> Any:
        import psycopg  # only installations on PostgreSQL need it
        from psycopg.conninfo import make_conninfo

        params = {"dbname": dbname or self.name, "host": self.host, "port": self.port}
        params |= {"user": self.user, "password": self.password}
        conninfo = make_conninfo(**{k: v for k, v in params.items() if v})
        return psycopg.connect(conninfo, autocommit=autocommit)


# --- dumping ---
def dump(db: Database, target: Path, *, live: Any = None) -> dict[str, int]:
    """Copy the database to `target`; returns the row count of every table in the copy.

    `live`: for SQLite, an open sqlite3 connection to copy from (Django's own, so an in-memory
    test database works too); otherwise the file is opened."""
    if db.vendor == SQLITE:
        with closing(sqlite3.connect(target)) as copy:
            if live is not None:
                live.backup(copy)
            else:
                with closing(sqlite3.connect(db.name)) as source:
                    source.backup(copy)
        return sqlite_counts(target)
    return _pg_dump(db, target)


def _pg_dump(db: Database, target: Path) -> dict[str, int]:
    _need("pg_dump")
    with db.pg_connect() as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        row = conn.execute("SELECT pg_export_snapshot()").fetchone()
        command = ["pg_dump", "-Fc", "--no-owner", "--no-privileges", f"--snapshot={row[0]}"]
        _run([*command, "-f", str(target), db.name], db)
        counts = pg_counts(conn)
        conn.rollback()
    return counts


# --- restoring ---
def load(db: Database, dump_file: Path) -> None:
    """Replace the database's content with the dump (the caller checked it may)."""
    if db.vendor == SQLITE:
        with closing(sqlite3.connect(dump_file)) as source, closing(sqlite3.connect(db.name)) as to:
            source.backup(to)
        return
    _need("pg_restore")
    command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    _run([*command, "--exit-on-error", "--single-transaction", "-d", db.name, str(dump_file)], db)


def counts(db: Database) -> dict[str, int]:
    """Rows per table of a database as it is now."""
    if db.vendor == SQLITE:
        return sqlite_counts(Path(db.name))
    with db.pg_connect() as conn:
        return pg_counts(conn)


def accounts(db: Database, user_table: str) -> int:
    """How many accounts the database holds (0 when it has no tables yet): 'empty' means 0."""
    return counts(db).get(user_table, 0)


def sqlite_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {name: _count(conn, name) for name in names}


def pg_counts(conn: Any) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
    ]
    return {name: _count(conn, name) for name in names}


def _count(conn: Any, table: str) -> int:
    quoted = '"' + table.replace('"', '""') + '"'
    # The name comes from the database's own catalogue, quoted as an identifier.
    return int(conn.execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0])  # noqa: S608


def _need(program: str) -> None:
    if shutil.which(program) is None:
        raise BackupError(
            f"„{program}“ fehlt. Installieren Sie die PostgreSQL-Werkzeuge in der Version des "
            "Servers (Debian: apt-get install postgresql-client)."
        )


def _run(command: list[str], db: Database) -> None:
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments from the settings
        command, env=db.pg_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} ist fehlgeschlagen: {result.stderr.strip()[:2000]}")
