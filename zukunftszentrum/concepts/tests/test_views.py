"""The concept designer's pages: who may open what (403 for a role without the capability,
404 for another centre's scenario), two tabs, a double click, infeasible resources, the needs
basis named, publishing once, comparing, the downloads."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.core.tests.prepared_helpers import fetch_prepared
from zukunftszentrum.learning.models import Offer
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

from .. import downloads
from ..audit_actions import ConceptAction
from ..models import Scenario, ScenarioStatus
from .factories import make_needs_run, make_planning_centre, make_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned() -> dict[str, Any]:
    centre, admin = make_planning_centre(("HH",))
    make_needs_run(("HH",))
    scenario = make_scenario(admin)
    return {"centre": centre, "admin": admin, "scenario": scenario}


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_an_employee_may_not_open_the_designer(login: Any) -> None:
    client = login(make_member(Role.EMPLOYEE))
    assert client.get(reverse("concepts:index")).status_code == 403


def test_an_advisor_reads_but_may_not_solve(planned: dict[str, Any], login: Any) -> None:
    scenario = planned["scenario"]
    client = login(make_member(Role.ADVISOR, centre=planned["centre"]))
    page = client.get(reverse("concepts:scenario", args=[scenario.pk]))
    assert page.status_code == 200
    assert reverse("concepts:scenario_solve", args=[scenario.pk]) not in page.content.decode()
    assert client.post(reverse("concepts:scenario_solve", args=[scenario.pk])).status_code == 403


def test_another_centres_scenario_is_not_found(planned: dict[str, Any], login: Any) -> None:
    _centre, other_admin = make_planning_centre(("SH",))
    client = login(other_admin)
    scenario = planned["scenario"]
    assert client.get(reverse("concepts:scenario", args=[scenario.pk])).status_code == 404
    url = reverse("concepts:scenario_change", args=[scenario.pk])
    assert client.post(url, {"version": 1, "name": "fremd"}).status_code == 404


def test_the_later_of_two_tabs_is_kept_and_told(planned: dict[str, Any], login: Any) -> None:
    scenario = planned["scenario"]
    client = login(planned["admin"])
    url = reverse("concepts:scenario_change", args=[scenario.pk])
    drawn = scenario.version
    form: dict[str, Any] = {"version": drawn, "budget_eur": 1000}
    areas = ("understanding_ai", "using_tools", "judging_outputs", "data_protection")
    form |= {f"trainer_{a}": "1" for a in (*areas, "ethics_law", "shaping_work")}
    first = client.post(url, {**form, "name": "Erster Tab"})
    assert not any("anderen Fenster" in m for m in _messages(first))
    second = client.post(url, {**form, "name": "Zweiter Tab"})  # drawn from the same version
    assert any("anderen Fenster" in m for m in _messages(second))
    scenario.refresh_from_db()
    assert scenario.name == "Zweiter Tab"
    assert scenario.version == drawn + 2


def test_a_double_click_solves_once(planned: dict[str, Any], login: Any) -> None:
    scenario = planned["scenario"]
    client = login(planned["admin"])
    url = reverse("concepts:scenario_solve", args=[scenario.pk])
    client.post(url, {"version": scenario.version})
    client.post(url, {"version": scenario.version})
    solved = AuditEvent.objects.filter(action=ConceptAction.SCENARIO_SOLVED)
    assert solved.count() == 1
    scenario.refresh_from_db()
    assert scenario.status == ScenarioStatus.DONE
    page = client.get(reverse("concepts:scenario", args=[scenario.pk])).content.decode()
    assert "Deckt Bedarf an KI-Grundlagen in Hamburg" in page
    assert "ins monatliche Zeitbudget von 80 % der Betriebe in Hamburg" in page  # 4 hours
    assert "Grundlage: Bedarfsanalyse" in page


def test_resources_that_fit_no_plan_are_explained(planned: dict[str, Any], login: Any) -> None:
    scenario = planned["scenario"]
    client = login(planned["admin"])
    module = planned["centre"].learning_modules.get(key="ki-grundlagen")
    add = reverse("concepts:item_add", args=[scenario.pk])
    place = scenario.resources["places"][0]["key"]
    client.post(
        add,
        {"version": scenario.version, "module": module.pk, "place": place, "month": "2027-01",
         "sessions": 9},
    )  # fmt: skip
    scenario.refresh_from_db()
    client.post(
        reverse("concepts:scenario_solve", args=[scenario.pk]), {"version": scenario.version}
    )
    scenario.refresh_from_db()
    assert scenario.status == ScenarioStatus.INFEASIBLE
    page = client.get(reverse("concepts:scenario", args=[scenario.pk])).content.decode()
    assert "Mit diesen Ressourcen ist kein Plan möglich" in page
    assert "Januar 2027" in page  # the month whose limit breaks is named


def test_a_stale_needs_run_is_named(login: Any) -> None:
    _centre, admin = make_planning_centre(("HH",))
    make_needs_run(("HH",), stale=True)
    scenario = make_scenario(admin)
    login(admin).post(reverse("concepts:scenario_solve", args=[scenario.pk]))
    page = login(admin).get(reverse("concepts:scenario", args=[scenario.pk])).content.decode()
    assert "nicht mehr aktuell" in page


def test_publishing_twice_makes_the_drafts_once(planned: dict[str, Any], login: Any) -> None:
    scenario = planned["scenario"]
    client = login(planned["admin"])
    client.post(reverse("concepts:scenario_solve", args=[scenario.pk]))
    url = reverse("concepts:publish", args=[scenario.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    made = Offer.objects.filter(module__centre=planned["centre"]).count()
    assert made > 0
    second = client.post(url)
    assert Offer.objects.filter(module__centre=planned["centre"]).count() == made
    assert any("nichts doppelt" in m for m in _messages(second))


def test_two_scenarios_side_by_side_and_the_downloads(
    planned: dict[str, Any], login: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The concept's HTML, not WeasyPrint: rendering fonts would take most of this app's test time.
    monkeypatch.setattr(downloads, "render_pdf", _html_bytes)
    admin, scenario = planned["admin"], planned["scenario"]
    client = login(admin)
    client.post(reverse("concepts:scenario_solve", args=[scenario.pk]))
    more = make_scenario(admin, "Mehr Trainertage", extra_trainer_days=2)
    client.post(reverse("concepts:scenario_solve", args=[more.pk]))
    assert Scenario.objects.filter(status=ScenarioStatus.DONE).count() == 2
    page = client.get(reverse("concepts:compare") + f"?s={scenario.pk}&s={more.pk}")
    text = page.content.decode()
    assert "Mehr Trainertage" in text and "Abdeckung nach Land" in text
    xlsx = client.get(reverse("concepts:plan_xlsx", args=[scenario.pk]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd")
    asked = client.get(reverse("concepts:concept_pdf", args=[scenario.pk]))
    pdf = fetch_prepared(client, asked).content.decode()
    assert "Lehr- und Lernkonzept" in pdf and "<svg" in pdf and "Deckt Bedarf" in pdf
    page = client.get(reverse("concepts:scenario", args=[scenario.pk])).content.decode()
    assert "Das Konzept wird im Hintergrund vorbereitet." in page


def test_the_concept_pdf_keeps_to_the_centre_role(
    planned: dict[str, Any], login: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """403 for a role without the capability, 404 for another centre; a prepared file is gone
    once the role that asked for it has ended."""
    monkeypatch.setattr(downloads, "render_pdf", _html_bytes)
    scenario = planned["scenario"]
    login(planned["admin"]).post(reverse("concepts:scenario_solve", args=[scenario.pk]))
    url = reverse("concepts:concept_pdf", args=[scenario.pk])
    assert login(make_member(Role.EMPLOYEE)).get(url).status_code == 403
    assert login(make_planning_centre(("SH",))[1]).get(url).status_code == 404
    advisor = make_member(Role.ADVISOR, centre=planned["centre"])
    client = login(advisor)
    asked = client.get(url)
    assert fetch_prepared(client, asked).status_code == 200
    advisor.ended_at = timezone.now()
    advisor.save()
    assert client.get(asked["Location"] + "herunterladen/").status_code == 404


def _html_bytes(template: str, context: dict[str, Any]) -> bytes:
    return render_to_string(template, dict(context)).encode()
