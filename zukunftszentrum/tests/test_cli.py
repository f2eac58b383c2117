"""The `zukunftszentrum` console script, called in-process."""

from __future__ import annotations

import io
import sys

import django.core.management
import pytest
from django.urls import reverse

from zukunftszentrum.assessments.models import Response
from zukunftszentrum.cli import main
from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.organisations.models import Centre, Membership, Organisation, User
from zukunftszentrum.organisations.roles import Role


@pytest.fixture
def no_server(monkeypatch):
    """Fail loudly instead of migrating or serving if a guard does not hold."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"call_command{args} must not run here")

    monkeypatch.setattr(django.core.management, "call_command", refuse)


def test_help_lists_the_commands_in_german(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "Befehle:" in out and "Aufruf: zukunftszentrum" in out
    commands = ("demo", "serve", "seed-demo", "create-centre", "create-programme-admin")
    for command in (*commands, "needs-estimate"):
        assert f"\n    {command}" in out
    assert "migrate" in out  # everything else goes to Django


def test_no_arguments_shows_the_help(capsys):
    assert main([]) == 0
    assert "Befehle:" in capsys.readouterr().out


def test_unknown_command_is_passed_to_django_and_fails(capsys):
    assert main(["no-such-command"]) == 1
    assert "Unknown command: 'no-such-command'" in capsys.readouterr().err


@pytest.mark.django_db
def test_create_centre_with_unknown_land_names_the_valid_codes(capsys):
    assert main(["create-centre", "Zentrum Küste", "--lands", "SH,XX"]) != 0
    err = capsys.readouterr().err
    assert "Unbekanntes Land: XX" in err and "SH, SL" in err
    assert not Centre.objects.filter(name="Zentrum Küste").exists()


@pytest.mark.django_db
def test_create_centre_with_lands_and_email(capsys):
    args = ["create-centre", "Zentrum Küste", "--lands", "sh, hh", "--email", "a@example.org"]
    assert main(args) == 0
    centre = Centre.objects.get(name="Zentrum Küste")
    assert sorted(centre.lands.values_list("code", flat=True)) == ["HH", "SH"]
    assert (centre.kind, centre.slug, centre.email) == (
        "regional",
        "zentrum-kuste",
        "a@example.org",
    )
    assert AuditEvent.objects.filter(centre_id=centre.pk).exists()
    assert "angelegt" in capsys.readouterr().out


@pytest.mark.django_db
def test_create_centre_refuses_a_duplicate_name(capsys):
    assert main(["create-centre", "Zentrum Küste"]) == 0
    assert main(["create-centre", "zentrum küste", "--lands", "HH"]) != 0
    assert "gibt es bereits" in capsys.readouterr().err
    assert Centre.objects.count() == 1


@pytest.mark.django_db
def test_supra_regional_centre_takes_no_lands(capsys):
    assert main(["create-centre", "Wissen", "--kind", "supra_regional", "--lands", "BY"]) != 0
    assert "überregionales Zentrum" in capsys.readouterr().err
    assert main(["create-centre", "Wissen", "--kind", "supra_regional"]) == 0
    assert Centre.objects.get(name="Wissen").kind == Centre.Kind.SUPRA_REGIONAL


@pytest.mark.django_db
def test_create_programme_admin_with_password(capsys):
    args = ["create-programme-admin", "Chefin@Example.org", "Eva Muster"]
    assert main([*args, "--password", "lang-und-sicher-2026"]) == 0
    user = User.objects.get(email="chefin@example.org")
    assert user.is_staff and user.check_password("lang-und-sicher-2026")
    assert Membership.objects.filter(user=user, role=Role.PROGRAMME_ADMIN).exists()
    assert main(args) != 0
    assert "bereits Programmverwaltung" in capsys.readouterr().err


@pytest.mark.django_db
def test_create_programme_admin_needs_a_password_without_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["create-programme-admin", "chefin@example.org", "Eva Muster"]) != 0
    assert "--password" in capsys.readouterr().err
    assert main(["create-programme-admin", "chefin@example.org", "Eva", "--password", "123"]) != 0
    assert "nicht sicher genug" in capsys.readouterr().err
    assert not User.objects.filter(email="chefin@example.org").exists()


@pytest.mark.django_db
def test_seed_demo_needs_debug_or_force(capsys):
    assert main(["seed-demo"]) != 0  # test settings run without DEBUG
    assert "--force" in capsys.readouterr().err
    assert not User.objects.exists()
    # The network step is enough to see the gate open: the whole demo is seeded on both
    # databases by learning's test_path_demo and on SQLite by the browser tests.
    assert main(["seed-demo", "--force", "--only", "network"]) == 0
    assert "geschaeftsfuehrung@demo.example.org" in capsys.readouterr().out


@pytest.mark.django_db
def test_seed_demo_prints_the_sign_in_address_when_the_demo_serves_it():
    out = io.StringIO()
    args = ("seed_demo", "--force", "--only", "network")
    django.core.management.call_command(*args, site_url="http://127.0.0.1:8123", stdout=out)
    assert f"Anmelden unter http://127.0.0.1:8123{reverse('account_login')}" in out.getvalue()
    assert Organisation.objects.exists() and not Response.objects.exists()  # only that step


def test_demo_refuses_settings_without_debug(capsys, monkeypatch, no_server):
    monkeypatch.setenv("PORT", "8123")
    assert main(["demo"]) == 2
    assert "DEBUG" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["demo", "serve"])
def test_a_bad_port_is_explained(command, capsys, monkeypatch, no_server):
    monkeypatch.setenv("PORT", "acht")
    assert main([command]) == 2
    assert "PORT muss eine Zahl" in capsys.readouterr().err


@pytest.mark.django_db
def test_needs_estimate_computes_a_window(capsys):
    assert main(["needs-estimate", "2026-Q1"]) == 0
    assert "2026-Q1: 0 Unternehmen" in capsys.readouterr().out
    assert main(["needs-estimate", "nächstes Jahr"]) != 0


# --- the worker beside the demo server ---
class _FakeWorker:
    def __init__(self) -> None:
        self.stopped = False


def test_demo_starts_a_worker_and_stops_it_when_the_server_stops(capsys, monkeypatch):
    import zukunftszentrum.cli as cli
    import zukunftszentrum.core.demo_steps as demo_steps

    worker = _FakeWorker()
    calls: list[str] = []

    def fake_call_command(name, *args, **kwargs):
        calls.append(name)
        if name == "runserver":
            assert not worker.stopped  # the worker runs while the server does
            raise KeyboardInterrupt  # Ctrl+C

    def fake_stop(w, **kwargs):
        w.stopped = True
        return 0

    monkeypatch.setattr(django.core.management, "call_command", fake_call_command)
    monkeypatch.setattr(demo_steps, "demo_allowed", lambda force: True)
    monkeypatch.setattr(cli, "start_worker", lambda: worker)
    monkeypatch.setattr(cli, "stop_worker", fake_stop)
    handlers: list[object] = []
    monkeypatch.setattr(cli.signal, "signal", lambda signum, handler: handlers.append(signum))
    with pytest.raises(KeyboardInterrupt):
        main(["demo"])
    assert calls == ["migrate", "seed_demo", "runserver"]
    assert worker.stopped
    assert handlers == [cli.signal.SIGTERM]  # `kill` stops the worker with the server, too
    assert "mit einem Worker" in capsys.readouterr().out


def test_stop_worker_ends_the_process():
    import subprocess

    from zukunftszentrum.cli import stop_worker

    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    assert stop_worker(process, wait=10) != 0  # ended by the signal, not after a minute
    assert process.poll() is not None


def test_worker_backup_and_restore_are_product_commands(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "worker" in out and "backup" in out and "restore" in out
