"""The needs dashboard: scope per role, drill-down, suppression, raw vs weighted, freshness."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from zukunftszentrum.assessments.models import Response
from zukunftszentrum.needs import runs
from zukunftszentrum.needs.models import DomainResult, EstimateRun
from zukunftszentrum.needs.queries import parse_window
from zukunftszentrum.organisations.models import Centre, Organisation
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
)

URL = reverse("needs:dashboard")
YEAR = timezone.localdate().year
TOPICS = ("basics", "genai_office", "data", "production", "customer_service", "law",
          "codetermination", "change", "vendors", "funding")  # fmt: skip


def respond(org: Organisation, *, at: dt.datetime | None = None, high: str = "data") -> Response:
    answers: dict[str, Any] = {f"topic_{t}": 5 if t == high else 2 for t in TOPICS}
    answers |= {"formats": ["live_online"], "time_budget": "2to4", "obstacles": ["time"]}
    return Response.objects.create(
        instrument_key="needs",
        version="2026.1",
        organisation=org,
        answers=answers,
        result={},
        submitted_at=at or timezone.now() - dt.timedelta(days=1),
        resume_token_hash=uuid.uuid4().hex,
    )


@pytest.fixture(scope="module")
def network_ids(module_db: None) -> dict[str, int]:
    """Nord (SH 14 companies: C 6, F 5, G 3; HH 2; MV 6) and Süd (BY 6); computed this year.

    Hamburg (2) is too small; so that it cannot be derived from Nord minus the others,
    Mecklenburg-Vorpommern (the smallest other Land) is hidden too; likewise G (3) and F (5).
    Built once for the module (see conftest.py); the tests get it as `network`.
    """
    nord = make_centre(name="Zentrum Nord", lands=("SH", "HH", "MV"))
    sued = make_centre(name="Zentrum Süd", lands=("BY",))
    for wz, count in (("C", 6), ("F", 5), ("G", 3)):
        for _ in range(count):
            respond(make_organisation(land="SH", wz=wz, headcount=20))
    for land, count in (("HH", 2), ("MV", 6)):
        for _ in range(count):
            respond(make_organisation(land=land, wz="C", headcount=20))
    for i in range(6):
        respond(make_organisation(land="BY", wz="F", headcount=3 + 20 * i), high="law")
    run = runs.compute(str(YEAR))
    return {"nord": nord.pk, "sued": sued.pk, "run": run.pk}


def _get(client, **params: str):
    return client.get(URL, params)


def test_advisor_sees_own_region_with_topics_map_and_suppressed_land(network, login) -> None:
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    page = _get(client).content.decode()
    assert "Regionale Bedarfsanalyse: Zentrum Nord" in page
    assert 'id="zz-topics-title"' in page  # the ranked topics chart
    assert "zz-map__svg" in page and "zz-tiles__svg" in page
    # Hamburg: two companies -> "zu wenige Antworten", no figure in its map title
    assert re.search(r"<title>Hamburg: zu wenige Antworten</title>", page)
    assert re.search(r"<title>Schleswig-Holstein: \d+ \(95", page)
    # Mecklenburg-Vorpommern would give Hamburg away: hidden, with the reason
    assert "<title>Mecklenburg-Vorpommern: verdeckt, damit kleine Gruppen" in page
    # Bayern belongs to another centre: muted, no link
    assert "Bayern: nicht Teil dieser Region" in page
    assert "?land=BY" not in page and "land=BY" not in page


def test_drill_down_into_a_land_and_an_industry(network, login) -> None:
    client = login(make_member(Role.TRAINER, centre=network["nord"]))
    page = _get(client, land="SH").content.decode()
    assert "Regionale Bedarfsanalyse: Schleswig-Holstein" in page
    assert "wz=C" in page  # industries link further down
    page = _get(client, land="SH", wz="C").content.decode()
    assert "Schleswig-Holstein: C – Verarbeitendes Gewerbe" in page
    assert 'id="zz-topics-title"' in page
    page = _get(client, land="SH", wz="G").content.decode()  # three companies
    assert "Zu wenige Antworten für eine Schätzung" in page
    assert 'id="zz-topics-title"' not in page
    page = _get(client, land="SH", wz="F").content.decode()  # five, but SH minus C reveals G
    assert "Diese Zahlen bleiben verdeckt" in page
    assert 'id="zz-topics-title"' not in page


def test_page_shows_the_published_figures_and_says_they_carry_noise(network, login) -> None:
    """The map titles and the count come from the run's published figures, never the computed
    ones; the page explains the small deviations in plain words."""
    nord = network["nord"]
    page = _get(login(make_member(Role.ADVISOR, centre=nord))).content.decode()
    assert "Zum Schutz einzelner Betriebe sind die Werte leicht verrauscht" in page
    run = EstimateRun.objects.get(window=str(YEAR), is_current=True)
    land = DomainResult.objects.get(run=run, key="land:SH").published["weighted"]
    topic = re.search(
        r"<title>Schleswig-Holstein: (\d+) \(95-%-Intervall (\d+)–(\d+)\), (\d+)", page
    )
    assert topic is not None
    shown = tuple(int(x) for x in topic.groups())
    assert shown[3] == land["n"]
    assert [shown[0], shown[1], shown[2]] in [f[:3] for f in land["figures"].values() if f]
    area = DomainResult.objects.get(run=run, key=f"area:{nord.slug}").published["weighted"]
    grouped = f"{area['n']:,}".replace(",", ".")  # German digit grouping from 1.000 on
    assert re.search(rf"Antwortende Unternehmen</dt><dd>{re.escape(grouped)}</dd>", page)


def test_programme_admin_sees_the_nation_and_any_region(network, login) -> None:
    client = login(make_member(Role.PROGRAMME_ADMIN))
    page = _get(client).content.decode()
    assert "Regionale Bedarfsanalyse: Bundesweit" in page
    assert "land=BY" in page  # every Land is a link
    slug = network["sued"].slug
    page = _get(client, gebiet=slug).content.decode()
    assert "Regionale Bedarfsanalyse: Zentrum Süd" in page


def test_supra_regional_staff_see_the_nation(network, login) -> None:
    supra = make_centre(name="KIWW", lands=(), kind=Centre.Kind.SUPRA_REGIONAL)
    client = login(make_member(Role.ADVISOR, centre=supra))
    assert "Bundesweit" in _get(client).content.decode()


def test_wrong_role_is_forbidden(network, login) -> None:
    for role in (Role.COMPANY_LEAD, Role.EMPLOYEE, Role.REVIEWER):
        assert _get(login(make_member(role))).status_code == 403


def test_wrong_tenant_is_not_found(network, login) -> None:
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    assert _get(client, gebiet=network["sued"].slug).status_code == 404
    assert _get(client, land="BY").status_code == 404
    assert _get(client, gebiet="bund").status_code == 404


def test_raw_view_differs_and_says_so(network, login) -> None:
    client = login(make_member(Role.PROGRAMME_ADMIN))
    weighted = _get(client).content.decode()
    raw = _get(client, gewichtung="roh").content.decode()
    assert "Vertretene Betriebe (Hochrechnung)" in weighted
    assert "Vertretene Betriebe (Hochrechnung)" not in raw
    assert "ungewichtet" in raw


def test_invalid_parameters_are_named_and_the_rest_is_kept(network, login) -> None:
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    response = _get(client, zeitraum="1999", land="SH", wz="ZZ")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Regionale Bedarfsanalyse: Schleswig-Holstein" in page  # land kept
    assert 'class="kern-error"' in page


def test_too_few_responses_overall_says_what_is_missing(db, login) -> None:
    centre = make_centre(name="Zentrum Leer", lands=("SL",))
    respond(make_organisation(land="SL"))
    runs.compute(str(YEAR))
    page = _get(login(make_member(Role.ADVISOR, centre=centre))).content.decode()
    assert "Zu wenige Antworten für eine Schätzung" in page
    assert "Im gewählten Zeitraum haben hier weniger als 5 Unternehmen geantwortet" in page
    assert 'id="zz-topics-title"' not in page


def test_page_views_never_compute_they_queue(network, login) -> None:
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    _get(client)
    window = parse_window(str(YEAR))
    assert window is not None
    queued = set(
        EstimateRun.objects.filter(status=EstimateRun.Status.QUEUED).values_list(
            "window", flat=True
        )
    )
    assert queued == {q.key for q in window.quarters()}  # the trend's quarters wait
    page = _get(client).content.decode()
    assert "Die Entwicklung über die Quartale wird gerade berechnet." in page  # one sentence
    assert "<progress" not in page and "wird berechnet 0 %" not in page
    assert runs.drain() == 8
    assert not EstimateRun.objects.filter(status=EstimateRun.Status.QUEUED).exists()


def test_new_response_marks_the_run_stale_and_the_next_view_queues_a_run(network, login) -> None:
    run = EstimateRun.objects.get(window=str(YEAR), is_current=True)
    respond(make_organisation(land="SH", wz="C"))
    run.refresh_from_db()
    assert run.stale
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    _get(client)
    assert EstimateRun.objects.filter(window=str(YEAR), status=EstimateRun.Status.QUEUED).exists()
    runs.drain()
    fresh = EstimateRun.objects.get(window=str(YEAR), is_current=True)
    assert fresh.pk != run.pk and not fresh.stale and fresh.n_companies == 29
    assert not DomainResult.objects.filter(run=run).exists()  # the old figures are gone


@pytest.mark.parametrize(("minutes_ago", "queued"), [(0, False), (4, False), (6, True)])
def test_a_stale_window_waits_for_the_pause_between_runs(
    network, login, settings, minutes_ago, queued
) -> None:
    """New answers do not compute a window again within ZZ_NEEDS_REFRESH_SECONDS of its last
    run; the page shows the last run and says when the new answers come in."""
    settings.ZZ_NEEDS_REFRESH_SECONDS = 300
    EstimateRun.objects.filter(is_current=True).update(
        finished_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    respond(make_organisation(land="SH", wz="C"))
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    page = _get(client).content.decode()
    waiting = EstimateRun.objects.filter(window=str(YEAR), status=EstimateRun.Status.QUEUED)
    assert waiting.exists() is queued
    assert ("5 Minuten nach dieser Berechnung eingerechnet" in page) is not queued
    found = runs.ensure_fresh(parse_window(str(YEAR)))
    assert (found.pk if found else None) == (waiting.first().pk if queued else None)
    # „Jetzt neu berechnen“ does not wait
    client.post(reverse("needs:recompute"), {"zeitraum": str(YEAR)})
    assert waiting.count() == 1


def test_double_request_queues_one_run(network, login) -> None:
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    for _ in range(2):
        response = client.post(reverse("needs:recompute"), {"zeitraum": str(YEAR)})
        assert response.status_code == 302
    assert EstimateRun.objects.filter(window=str(YEAR), status="queued").count() == 1


def test_progress_fragment_polls_while_pending(network, login) -> None:
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    client.post(reverse("needs:recompute"), {"zeitraum": str(YEAR)})
    fragment = client.get(reverse("needs:progress"), {"zeitraum": str(YEAR)}).content.decode()
    assert 'hx-trigger="every 3s"' in fragment and "<progress" not in fragment
    stand = EstimateRun.objects.get(window=str(YEAR), is_current=True).finished_at
    assert stand is not None
    at = date_format(timezone.localtime(stand), "DATETIME_FORMAT")
    assert f"Die Zahlen werden gerade neu berechnet; Stand: {at}." in fragment
    assert "Seite neu laden" in fragment  # without JavaScript
    runs.drain()
    fragment = client.get(reverse("needs:progress"), {"zeitraum": str(YEAR)}).content.decode()
    assert "hx-trigger" not in fragment and "Die Berechnung ist fertig." in fragment


def test_failed_run_is_recorded_not_raised(network, monkeypatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(runs, "needs_inputs", boom)
    run = runs.compute(f"{YEAR}-Q1")
    assert run.status == EstimateRun.Status.FAILED and "kaputt" in run.error


def test_command_computes_windows_and_queued_runs(network) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("needs_estimate", f"{YEAR}-Q4", stdout=out)
    assert f"{YEAR}-Q4: 28 Unternehmen" in out.getvalue()
    with pytest.raises(CommandError, match="Unbekannter Zeitraum"):
        call_command("needs_estimate", "letztes Jahr")
    runs.request_run(parse_window(f"{YEAR}-Q3"))  # type: ignore[arg-type]
    call_command("needs_estimate", "--queued", stdout=out)
    assert "1 wartende Berechnung(en) ausgeführt." in out.getvalue()


def test_only_a_change_that_matters_marks_the_runs_stale(network) -> None:
    run = EstimateRun.objects.get(window=str(YEAR), is_current=True)
    org = Organisation.objects.filter(land="SH").first()
    assert org is not None
    org.has_works_council = not org.has_works_council
    org.save()
    run.refresh_from_db()
    assert not run.stale  # the works council is not a weighting variable
    org.wz_section = "J"
    org.save()
    run.refresh_from_db()
    assert run.stale


def test_english_page_names_periods_and_industries_in_english(network, login) -> None:
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    page = client.get(URL, {"land": "SH"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Regional needs analysis" in page
    assert f"Year {YEAR}" in page and f"Q4 {YEAR}" in page
    assert "C – Manufacturing" in page and "Verarbeitendes Gewerbe" not in page


@pytest.mark.parametrize("name", ["needs:progress", "needs:recompute"])
def test_progress_and_recompute_refuse_wrong_role_and_wrong_tenant(network, login, name) -> None:
    url = reverse(name)
    send = "post" if name == "needs:recompute" else "get"
    lead = login(make_member(Role.COMPANY_LEAD))
    assert getattr(lead, send)(url, {"zeitraum": str(YEAR)}).status_code == 403
    advisor = login(make_member(Role.ADVISOR, centre=network["nord"]))
    other = {"zeitraum": str(YEAR), "gebiet": network["sued"].slug}
    assert getattr(advisor, send)(url, other).status_code == 404
    assert getattr(advisor, send)(url, {"zeitraum": str(YEAR), "land": "BY"}).status_code == 404
    assert not EstimateRun.objects.filter(status=EstimateRun.Status.QUEUED).exists()
