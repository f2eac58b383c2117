"""The PDF "Bedarfsanalyse": the stored figures, no figure for a suppressed domain, access, log.

The PDF is read back with `pdftotext -layout` (poppler-utils), so a table row is one line.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.core.tests.prepared_helpers import fetch_prepared
from zukunftszentrum.needs import runs
from zukunftszentrum.needs.outcomes import by_group, outcomes
from zukunftszentrum.needs.pages import fmt, fmt_interval
from zukunftszentrum.needs.publication import published, published_figure
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
)

from .network import YEAR, area_key, respond, stored

URL = reverse("needs:report")
PDFTOTEXT = shutil.which("pdftotext")


def _pdf_text(client, **params: str) -> str:
    response = fetch_prepared(client, client.get(URL, params))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert PDFTOTEXT is not None, "poppler-utils (pdftotext) is needed for these tests"
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [PDFTOTEXT, "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def _topic_lines(run, key: str, field: str = "weighted") -> list[tuple[str, str, str]]:
    """(label, estimate, interval) of each topic as the report prints it: the published figure."""
    values = published(stored(run, key).published, field)["figures"]
    out = []
    with translation.override("de"):
        for topic in by_group(outcomes(), "topic"):
            figure = published_figure(values[topic.key], proportion=False)
            out.append((topic.label(), fmt(figure), fmt_interval(figure)))
    return out


def test_report_has_the_regions_stored_figures(network, login) -> None:
    nord, run = network["nord"], network["run"]
    text = _pdf_text(login(make_member(Role.ADVISOR, centre=nord)))
    assert "Bedarfsanalyse" in text and "Zentrum Nord" in text and f"Jahr {YEAR}" in text
    assert run.population.name in text and "Berichtsjahr 2015" in text
    area = stored(run, area_key(nord))
    summary = re.search(r"Antwortende Unternehmen.*\n\s*\n?\s*([\d.]+)\s+([\d.]+)\s+(\d+)", text)
    assert summary is not None
    published = area.published["weighted"]["n"]
    assert summary[1] == f"{published:,}".replace(",", ".")  # the published count, grouped
    assert summary[2] == f"{area.population:,.0f}".replace(",", ".")
    assert int(summary[3]) == round(area.n_eff)
    for label, value, interval in _topic_lines(run, area_key(nord)):
        row = rf"^\s*{re.escape(label)}\s+{re.escape(value)}( \*)?\s+{re.escape(interval)}\s"
        assert re.search(row, text, re.MULTILINE), (label, value, interval)
    assert "Wie die Zahlen entstehen" in text and "Raking" in text and "Wilson" in text


def test_suppressed_domains_show_no_figure(network, login) -> None:
    text = _pdf_text(login(make_member(Role.TRAINER, centre=network["nord"])))
    # Hamburg (2 companies) and industry G in the region (3): the reason and "unter 5", no number
    assert re.search(r"^\s*Hamburg\s+zu wenige Antworten\s+unter 5\s*$", text, re.MULTILINE)
    assert re.search(r"^\s*G – Handel;.*\s+zu wenige Antworten\s+unter 5\s*$", text, re.MULTILINE)
    # F (5 companies) would give G away (C + F + G = SH): hidden, without its number
    assert re.search(r"^\s*F – Baugewerbe\s+verdeckt, damit kleine Gruppen.*\s–\s*$", text, re.M)
    assert not re.search(r"Hamburg.*\d", text.replace("unter 5", ""))
    # Schleswig-Holstein (14 companies) has figures and its n
    land = stored(network["run"], "land:SH")
    n = land.published["weighted"]["n"]
    assert re.search(rf"^\s*Schleswig-\S*.*\(\d+–\d+\).*\s{n}\s*$", text, re.MULTILINE)


def test_a_land_can_be_reported_and_raw_figures_say_so(network, login) -> None:
    run = network["run"]
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    text = _pdf_text(client, land="SH", gewichtung="roh")
    assert "Schleswig-Holstein" in text and "ungewichtet" in text
    assert "Vertretene Betriebe" not in text
    for label, value, interval in _topic_lines(run, "land:SH", "raw"):
        row = rf"^\s*{re.escape(label)}\s+{re.escape(value)}( \*)?\s+{re.escape(interval)}\s"
        assert re.search(row, text, re.MULTILINE), (label, value, interval)


def test_a_region_with_too_few_responses_gets_a_short_report(db, login) -> None:
    centre = make_centre(name="Zentrum Leer", lands=("SL",))
    for i in range(2):
        respond(make_organisation(land="SL"), i)
    runs.compute(YEAR)
    text = _pdf_text(login(make_member(Role.ADVISOR, centre=centre)))
    assert "Zu wenige Antworten für eine Schätzung" in text
    assert "weniger als 5 Unternehmen" in text
    assert re.search(r"^\s*Saarland\s+unter 5\s*$", text, re.MULTILINE)
    assert "Welche Themen" not in text and "Formate, Zeit" not in text
    assert "2 Unternehmen" not in text and "geantwortet." not in text.split("Zu wenige")[0]
    assert "Wie die Zahlen entstehen" in text


def test_programme_admin_reports_the_nation(network, login) -> None:
    text = _pdf_text(login(make_member(Role.PROGRAMME_ADMIN)), gebiet="bund")
    assert "Bundesweit" in text
    assert "Bayern" in text and "Hamburg" in text


def test_the_download_is_logged(network, login) -> None:
    member = make_member(Role.ADVISOR, centre=network["nord"])
    client = login(member)
    response = fetch_prepared(client, client.get(URL, {"land": "SH", "wz": "C"}))
    stem = f"bedarfsanalyse-{network['nord'].slug}-sh-c-{YEAR}-gewichtet.pdf"
    assert stem in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=CoreAction.DATA_EXPORTED)
    assert event.actor == member.user and event.details["format"] == "pdf"
    assert event.details["params"]["land"] == "SH" and event.details["params"]["wz"] == "C"


def test_the_file_is_only_for_the_person_who_asked_and_while_their_role_lasts(
    network, login
) -> None:
    nord = network["nord"]
    member = make_member(Role.ADVISOR, centre=nord)
    client = login(member)
    asked = client.get(URL)
    colleague = login(make_member(Role.ADVISOR, centre=nord), Client())
    assert colleague.get(asked["Location"] + "herunterladen/").status_code == 404
    assert colleague.get(asked["Location"]).status_code == 404
    type(member).objects.filter(pk=member.pk).update(ended_at=timezone.now())
    assert client.get(asked["Location"] + "herunterladen/").status_code in (302, 404)


def test_wrong_role_is_forbidden(network, login) -> None:
    for role in (Role.COMPANY_LEAD, Role.EMPLOYEE, Role.SOLO):
        assert login(make_member(role)).get(URL).status_code == 403


def test_another_centres_region_or_land_is_not_found(network, login) -> None:
    client = login(make_member(Role.TRAINER, centre=network["nord"]))
    assert client.get(URL, {"gebiet": network["sued"].slug}).status_code == 404
    assert client.get(URL, {"land": "BY"}).status_code == 404
    assert client.get(URL, {"gebiet": "bund"}).status_code == 404
    assert not AuditEvent.objects.filter(action=CoreAction.DATA_EXPORTED).exists()


def test_without_a_computation_it_goes_back_to_the_dashboard(db, login) -> None:
    centre = make_centre(name="Zentrum Neu", lands=("SL",))
    response = login(make_member(Role.ADVISOR, centre=centre)).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("needs:dashboard"))
