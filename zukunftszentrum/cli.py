"""The one command line: `zukunftszentrum demo`, `serve`, the product's commands, and Django's own.

Product commands are Django management commands (so `manage.py seed_demo` works too); this file only
maps their dashed names and starts the demo or the production server.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

PRODUCT_COMMANDS = {
    "seed-demo": "seed_demo",
    "create-centre": "create_centre",
    "delete-centre": "delete_centre",
    "create-programme-admin": "create_programme_admin",
    "needs-estimate": "needs_estimate",
    "worker": "worker",
    "backup": "backup",
    "restore": "restore",
    "ai-act": "ai_act",
    "credentials-keys": "credentials_keys",
}

COMMANDS = {
    "demo": "Demo starten: Datenbank einrichten, Demo-Daten anlegen, Zugänge zeigen, den "
    "Server auf http://127.0.0.1:$PORT starten (PORT, Standard 8000) und einen Worker dazu",
    "serve": "Produktivbetrieb: gunicorn mit config.wsgi auf 127.0.0.1:$PORT "
    "(Einstellungen config.settings.prod, wenn DJANGO_SETTINGS_MODULE nicht gesetzt ist)",
    "seed-demo": "die fiktive Demo anlegen, Schritt für Schritt, wie die Apps sie beitragen "
    "(mehrfach ausführbar; --only SCHRITT)",
    "worker": "Hintergrundaufgaben abarbeiten (beliebig viele, auf beliebigen Rechnern; "
    "--batch: bis die Warteschlange leer ist)",
    "backup": "Sicherung anlegen: VERZEICHNIS (Datenbank, hochgeladene Dateien, Manifest)",
    "restore": "Sicherung einspielen: DATEI (nur in eine leere Datenbank, sonst --force)",
    "needs-estimate": "Bedarfsanalyse berechnen: [2026 2026-Q4 …] oder --queued "
    "(die wartenden Berechnungen, etwa per cron)",
    "ai-act": "KI-Verordnung: assess DATEI.yaml [--law adopted|omnibus] stuft eine Liste von "
    "Systemen ein und gibt Risikoklasse, Pflichten und Daten als JSON aus",
    "create-centre": "ein Zentrum anlegen: NAME [--kind regional|supra_regional] "
    "[--lands SH,HH,…] [--email …]",
    "delete-centre": "ein Zentrum entfernen: KURZNAME (nur ohne Länder und ohne Team)",
    "create-programme-admin": "eine Person für die Programmverwaltung anlegen: E-MAIL NAME "
    "[--password …]",
    "credentials-keys": "Signaturschlüssel für Nachweise: create | rotate | list",
}


class UsageError(Exception):
    """A wrong call or setting, explained to the person; exit code 2."""


class _GermanHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


def build_parser() -> argparse.ArgumentParser:
    """The parser behind `zukunftszentrum --help` (dispatch itself happens in `main`)."""
    parser = argparse.ArgumentParser(
        prog="zukunftszentrum",
        description="Plattform für das Netzwerk der Zukunftszentren (KI).",
        epilog="Alle anderen Befehle gehen an Djangos Verwaltung, etwa\n"
        "„zukunftszentrum migrate“ oder „zukunftszentrum createsuperuser“;\n"
        "„zukunftszentrum help“ listet sie. Hilfe zu einem Befehl: zukunftszentrum BEFEHL --help",
        formatter_class=_GermanHelpFormatter,
        add_help=False,
    )
    parser.add_argument_group("Optionen").add_argument(
        "-h", "--help", action="help", help="diese Hilfe zeigen"
    )
    commands = parser.add_subparsers(title="Befehle", metavar="BEFEHL")
    for name, text in COMMANDS.items():
        commands.add_parser(name, help=text, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `zukunftszentrum` console script; returns the exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    if not args or args[0] in ("-h", "--help"):
        build_parser().print_help()
        return 0
    command, rest = args[0], args[1:]
    if command in ("demo", "serve") and rest[:1] in (["-h"], ["--help"]):
        print(f"Aufruf: zukunftszentrum {command}\n\n{COMMANDS[command]}")
        return 0
    try:
        if command == "demo":
            return demo(rest)
        if command == "serve":
            return serve(rest)
        return manage(command, rest)
    except UsageError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2


def demo(rest: list[str]) -> int:
    """Migrate, seed, print the logins, serve on 127.0.0.1:$PORT."""
    if rest:
        raise UsageError(f"„demo“ kennt keine weiteren Angaben: {' '.join(rest)}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    port = _port()
    # The demo's credentials name the address it serves on (signed into them, so set it first).
    os.environ.setdefault("ZZ_CREDENTIALS_BASE_URL", f"http://127.0.0.1:{port}")
    _setup_django()
    from django.core.management import call_command

    from zukunftszentrum.core.demo_steps import demo_allowed

    if not demo_allowed(force=False):  # the demo's known password must never reach a real site
        raise UsageError(
            "Die Demo läuft nur mit Entwicklungseinstellungen (DEBUG), etwa "
            "DJANGO_SETTINGS_MODULE=config.settings.dev."
        )
    print("1/3 Datenbank wird eingerichtet …", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    print("2/3 Demo-Daten werden angelegt …", flush=True)
    url = f"http://127.0.0.1:{port}"
    call_command("seed_demo", site_url=url)  # every app's step, in order, with the logins
    from django.conf import settings

    if not settings.ZZ_MFA_REQUIRED:
        print(
            "!!! ACHTUNG: In der Demo verlangen die Zugänge der Zentrumsleitung und der "
            "Programmverwaltung keinen zweiten Faktor (in einer echten Installation Pflicht). "
            "Mit ZZ_MFA_REQUIRED=1 zeigt die Demo die Pflicht. !!!",
            flush=True,
        )
    print(f"3/3 Der Server startet auf {url}/ mit einem Worker (beenden mit Strg+C).", flush=True)
    worker = start_worker()
    # Stopped by a signal rather than Ctrl+C (a process manager, `kill`): leave through the
    # `finally` below too, so the worker never outlives the server.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        # Without the autoreloader: it would run this whole function a second time in a child.
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
    finally:
        stop_worker(worker)
    return 0


def start_worker() -> subprocess.Popen[bytes]:
    """A worker process beside the demo server, with the same settings (environment)."""
    command = [sys.executable, "-m", "zukunftszentrum.cli", "worker", "--verbosity", "0"]
    return subprocess.Popen(command)  # noqa: S603 - our own interpreter and module, no shell


def stop_worker(worker: subprocess.Popen[bytes], *, wait: float = 10.0) -> int:
    """Stop the worker (it finishes the task at hand); killed if it takes longer than `wait`."""
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    return worker.returncode


def serve(rest: list[str]) -> int:
    """Collect static files, then replace this process with gunicorn (extra options go to it)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
    port = _port()
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    print("Statische Dateien werden gesammelt …", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not settings.ALLOWED_HOSTS:
        print("Hinweis: ALLOWED_HOSTS ist leer; jede Anfrage wird abgewiesen.", file=sys.stderr)
    if settings.ZZ_METRICS:
        _prepare_metrics_folder(Path(settings.DATA_DIR))
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    bind = f"127.0.0.1:{port}"
    print(f"gunicorn startet auf {bind} mit {workers} Prozessen.", flush=True)
    gunicorn = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", bind]
    argv = [*gunicorn, "--workers", workers, "--access-logfile", "-", *rest]
    os.execv(sys.executable, argv)  # noqa: S606 - no shell: gunicorn takes over this process


def _prepare_metrics_folder(data_dir: Path) -> None:
    """gunicorn's workers add up their request metrics through files (prometheus-client's
    multiprocess mode, see core/metrics.py); the files of an earlier start would count twice."""
    folder = Path(os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(data_dir / "metrics")))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()


def manage(command: str, rest: list[str]) -> int:
    """A product command by its dashed name, or any Django management command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    name = PRODUCT_COMMANDS.get(command, command)
    if command in PRODUCT_COMMANDS and not {"-h", "--help"} & set(rest):
        # call_command, not Django's command-line runner: errors come back as exceptions, so
        # we word them and choose the exit code, and the database connection stays open.
        _setup_django()
        from django.core.management import CommandError, call_command

        try:
            call_command(name, *rest)
        except CommandError as exc:
            print(f"Fehler: {str(exc).removeprefix('Error: ')}", file=sys.stderr)
            return exc.returncode or 1
        return 0
    _setup_django()  # a settings error becomes one clear line, not a traceback
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["zukunftszentrum", name, *rest])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def _port() -> int:
    value = os.environ.get("PORT", "8000")
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise UsageError(f"PORT muss eine Zahl zwischen 1 und 65535 sein, nicht „{value}“.")
    return int(value)


def _setup_django() -> None:
    import django
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    if apps.ready:  # already set up (called in-process, e.g. from a test)
        return
    try:
        django.setup()
    except ImproperlyConfigured as exc:  # e.g. production without SECRET_KEY
        raise UsageError(str(exc)) from exc


if __name__ == "__main__":  # `python -m zukunftszentrum.cli`, as the demo starts its worker
    sys.exit(main())
