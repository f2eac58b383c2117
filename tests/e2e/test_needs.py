"""The regional needs analysis in the browser: an advisor explores the centre's Länder, drills
into a Land and an industry and downloads XLSX and PDF; a programme admin sees the nation."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import shutil
import subprocess
import uuid

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from zukunftszentrum.assessments.models import Response
from zukunftszentrum.needs import runs
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
    make_user,
)

from .axe import check_a11y, visit
from .conftest import MOBILE, SCREENS_DIR, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TOPICS = ("basics", "genai_office", "data", "production", "customer_service", "law",
          "codetermination", "change", "vendors", "funding")  # fmt: skip
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
FORMATS = ("in_person", "live_online", "self_paced", "inhouse_lab", "coaching")


def _answers(rng: random.Random, favourite: str) -> dict:
    answers: dict = {f"topic_{t}": rng.randint(1, 4) for t in TOPICS}
    answers[f"topic_{favourite}"] = rng.choice((4, 5, 5))
    answers["formats"] = rng.sample(FORMATS, rng.randint(1, 3))
    answers["time_budget"] = rng.choice(("lt2", "2to4", "4to8"))
    answers["obstacles"] = rng.sample(("time", "money", "knowhow", "data"), 2)
    answers["willingness"] = rng.choice(("yes", "maybe"))
    return answers


def _seed() -> dict:
    """Nord (SH 60 companies, HH 3, MV 8) and Süd (BY 40); this year's estimates."""
    rng = random.Random(4)
    nord = make_centre(name="Zukunftszentrum Nord", lands=("SH", "HH", "MV"))
    sued = make_centre(name="Zukunftszentrum Süd", lands=("BY",))
    now = timezone.now()
    # Hamburg's 3 are too few; Mecklenburg-Vorpommern's 8 are then hidden too, so that Hamburg
    # cannot be derived from the region minus the others.
    plan = [
        ("SH", 60, "data", "CGF"),
        ("HH", 3, "data", "C"),
        ("MV", 8, "data", "C"),
        ("BY", 40, "production", "CGF"),
    ]
    for land, count, favourite, sections in plan:
        for i in range(count):
            org = make_organisation(
                land=land,
                wz=sections[i % len(sections)],
                headcount=rng.choice((4, 8, 15, 30, 120)),
            )
            Response.objects.create(
                instrument_key="needs",
                version="2026.1",
                organisation=org,
                answers=_answers(rng, favourite),
                result={},
                submitted_at=now - dt.timedelta(days=rng.randint(1, 40)),
                resume_token_hash=uuid.uuid4().hex,
            )
    runs.compute(str(now.year))
    advisor = make_member(Role.ADVISOR, centre=nord, user=make_user("berater@nord.example.org"))
    admin = make_member(Role.PROGRAMME_ADMIN, user=make_user("programm@bund.example.org"))
    return {"nord": nord, "sued": sued, "advisor": advisor, "admin": admin}


def _drain_without_polling(page: Page) -> None:
    """Compute the quarters the first view queued. The page is left first: its progress fragment
    polls, and the test database (SQLite in memory, shared cache) refuses a read of a table
    another connection is writing instead of waiting."""
    page.goto("about:blank")
    runs.drain()


def test_advisor_explores_the_region_and_downloads(page: Page, url, tmp_path) -> None:
    _seed()
    log_in(page, url("account_login"), "berater@nord.example.org")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Region und Netzwerk"
    ).click()
    expect(
        page.get_by_role("navigation", name="Bereich Region und Netzwerk").get_by_role(
            "link", name="Bedarfsanalyse"
        )
    ).to_have_attribute("aria-current", "page")
    page.wait_for_url(url("needs:dashboard"))
    _drain_without_polling(page)
    visit(page, url("needs:dashboard"))
    check_a11y(page)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Regionale Bedarfsanalyse: Zukunftszentrum Nord")
    topics = page.locator("table", has=page.locator("caption", has_text="Themen nach Wichtigkeit"))
    expect(topics.locator("tbody tr").first).to_contain_text("Daten und Datenqualität")
    laender = page.locator("table", has=page.locator("caption", has_text="nach Ländern"))
    expect(laender.get_by_role("row", name="Hamburg")).to_contain_text("zu wenige Antworten")
    expect(laender.get_by_role("row", name="Mecklenburg-Vorpommern")).to_contain_text("verdeckt")
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS_DIR / "needs-advisor.png", full_page=True)

    page.locator(
        "svg.zz-map__svg a", has=page.locator("title", has_text="Schleswig-Holstein")
    ).click()
    expect(heading).to_have_text("Regionale Bedarfsanalyse: Schleswig-Holstein")
    check_a11y(page)
    page.get_by_role("link", name="C – Verarbeitendes Gewerbe").click()
    expect(heading).to_have_text(
        "Regionale Bedarfsanalyse: Schleswig-Holstein: C – Verarbeitendes Gewerbe"
    )
    check_a11y(page)

    # Both files are prepared in the background: a page with the state, then the file.
    dashboard = page.url
    page.get_by_role("link", name="Schätzungen als Excel (XLSX)").click()
    expect(page.locator("#zz-download")).to_contain_text("Ihre Datei ist fertig.")
    check_a11y(page)
    with page.expect_download() as xlsx:
        page.get_by_role("link", name=re.compile(r"\.xlsx herunterladen")).click()
    book = load_workbook(io.BytesIO(xlsx.value.path().read_bytes()))
    assert book.worksheets[0].max_row > 10

    visit(page, dashboard)
    page.get_by_role("link", name="Bericht „Bedarfsanalyse“ (PDF)").click()
    with page.expect_download() as pdf:
        page.get_by_role("link", name=re.compile(r"\.pdf herunterladen")).click()
    text = subprocess.run(  # noqa: S603 - a fixed program on a file the test wrote
        [PDFTOTEXT, str(pdf.value.path()), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Bedarfsanalyse" in text and "Schleswig-Holstein" in text


def test_programme_admin_sees_the_nation_and_switches_to_raw(page: Page, url) -> None:
    _seed()
    log_in(page, url("account_login"), "programm@bund.example.org")
    visit(page, url("needs:dashboard"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Regionale Bedarfsanalyse: Bundesweit"
    )
    expect(page.get_by_text("Vertretene Betriebe (Hochrechnung)")).to_be_visible()
    page.get_by_label("ungewichtet (nur wer geantwortet hat)").check()
    page.locator("form.zz-filter").get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_text("Vertretene Betriebe (Hochrechnung)")).to_have_count(0)
    check_a11y(page)
    page.get_by_text("Gewichtet oder ungewichtet – was ist der Unterschied?").click()
    expect(page.get_by_text("zählt jede Antwort so stark")).to_be_visible()


def test_thin_region_says_too_few_answers_on_a_phone(page: Page, url) -> None:
    _seed()
    log_in(page, url("account_login"), "berater@nord.example.org")
    page.set_viewport_size(MOBILE)
    visit(page, url("needs:dashboard") + "?land=HH")
    expect(
        page.get_by_role("heading", level=2, name="Zu wenige Antworten für eine Schätzung")
    ).to_be_visible()
    expect(page.locator("#zz-topics-title")).to_have_count(0)
    page.screenshot(path=SCREENS_DIR / "needs-thin-mobile.png", full_page=True)


def test_advisor_reads_the_dashboard_on_a_phone(page: Page, url) -> None:
    """At 390 px: the answer first, jump links, the phone layout of the charts, no sideways
    panning, no accessibility violation; the downloads follow the drill-down."""
    _seed()
    log_in(page, url("account_login"), "berater@nord.example.org")
    page.set_viewport_size(MOBILE)
    visit(page, url("needs:dashboard"))
    _drain_without_polling(page)
    visit(page, url("needs:dashboard"))
    check_a11y(page)
    toc = page.get_by_role("navigation", name="Auf dieser Seite")
    expect(toc.get_by_role("link").first).to_have_text("Das Wichtigste")
    expect(
        page.get_by_role("heading", level=2, name="Was brauchen die Unternehmen hier?")
    ).to_be_visible()
    expect(page.locator("#zz-topics-narrow-title")).to_have_count(1)
    expect(page.locator(".zz-chart__narrow svg").first).to_be_visible()
    expect(page.locator(".zz-chart__wide svg").first).to_be_hidden()
    toc.get_by_role("link", name="Nach Ländern").click()
    expect(page.locator("#karte")).to_be_in_viewport()
    page.screenshot(path=SCREENS_DIR / "needs-advisor-mobile.png", full_page=True)
    visit(page, url("needs:dashboard") + "?land=SH")
    xlsx = page.get_by_role("link", name="Schätzungen als Excel (XLSX)")
    expect(xlsx).to_have_attribute("href", re.compile(r"[?&]land=SH"))
