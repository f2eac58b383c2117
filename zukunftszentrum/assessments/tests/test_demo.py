"""The self-check demo: idempotent, believable counts, anonymous answers stay anonymous."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from zukunftszentrum.assessments.demo import DEMO_EMPLOYEE, quarter_start, seed_assessments
from zukunftszentrum.assessments.engine import scoring
from zukunftszentrum.assessments.instruments import get_instrument
from zukunftszentrum.assessments.models import Assessment, Participation, Perspective, Response
from zukunftszentrum.organisations.demo import seed_demo
from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
from zukunftszentrum.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded_once(module_db: None) -> dict[str, int]:
    """The demo, seeded once for the module (see `module_db`): the tests read it."""
    seed_demo()
    return seed_assessments()


@pytest.fixture
def seeded(seeded_once: dict[str, int], db: None) -> dict[str, int]:
    return seeded_once


def _counts() -> tuple[int, int, int]:
    return Assessment.objects.count(), Response.objects.count(), Participation.objects.count()


def _showcase() -> Organisation:
    return Organisation.objects.get(legal_name=SHOWCASE_COMPANY)


def test_seeding_twice_creates_nothing_new(seeded):
    before = _counts()
    assert seeded["responses"] == before[1] > 0
    assert seed_assessments() == {"assessments": 0, "responses": 0}
    assert _counts() == before


def test_the_command_needs_the_demo_network_first(db):
    with pytest.raises(Exception, match="seed_demo"):
        call_command("seed_demo", "--force", "--only", "checks")
    seed_demo()
    call_command("seed_demo", "--force", "--only", "checks")
    assert Response.objects.exists()


def test_showcase_readiness_closed_with_three_perspectives_and_an_open_repeat(seeded):
    runs = Assessment.objects.filter(organisation=_showcase(), instrument_key="readiness")
    closed = runs.get(status=Assessment.Status.CLOSED)
    perspectives = dict(
        closed.responses.values_list("perspective").annotate(n=Count("pk")).order_by()
    )
    assert perspectives == {
        Perspective.COMPANY_LEAD: 1,
        Perspective.EMPLOYEE: 8,
        Perspective.WORKS_COUNCIL: 1,
    }
    reopened = runs.get(status=Assessment.Status.OPEN)
    lead = closed.responses.get(perspective=Perspective.COMPANY_LEAD).respondent
    assert reopened.responses.filter(respondent=lead, submitted_at__isnull=False).exists()


def test_work_voice_answers_are_anonymous_and_participation_is_recorded(seeded):
    voice = Assessment.objects.get(organisation=_showcase(), instrument_key="work_voice")
    responses = voice.responses.all()
    assert responses.count() >= 7
    assert all(r.respondent_id is None and r.is_anonymous for r in responses)
    assert all(r.submitted_at == r.submitted_at.replace(hour=0, minute=0) for r in responses)
    assert voice.participations.count() == responses.count()
    texts = [r.answers.get("message_to_management") for r in responses]
    assert len([t for t in texts if t]) == 2
    assert not voice.participations.filter(user__email=DEMO_EMPLOYEE).exists()


def test_demo_employee_has_two_competence_checks(seeded):
    mine = Response.objects.filter(respondent__email=DEMO_EMPLOYEE, instrument_key="competence")
    older, newer = mine.order_by("submitted_at")
    assert newer.result["overall"] > older.result["overall"]


def test_the_demo_employee_has_peers_for_the_competence_check(seeded):
    others = Response.objects.filter(
        instrument_key="competence",
        submitted_at__isnull=False,
        organisation__wz_section=_showcase().wz_section,
        respondent__isnull=False,
    ).exclude(respondent__email=DEMO_EMPLOYEE)
    assert others.values("respondent").distinct().count() >= 5


def test_peers_of_the_showcase_reach_the_minimum_group_size(seeded):
    showcase = _showcase()
    peers = (
        Response.objects.filter(
            instrument_key="readiness",
            submitted_at__isnull=False,
            perspective=Perspective.COMPANY_LEAD,
            organisation__wz_section=showcase.wz_section,
        )
        .exclude(organisation=showcase)
        .values("organisation")
        .distinct()
    )
    assert peers.count() >= 5
    assert peers.filter(organisation__size_class=showcase.size_class).count() >= 5
    readiness_companies = Response.objects.filter(instrument_key="readiness").exclude(
        organisation=showcase
    )
    assert readiness_companies.values("organisation").distinct().count() >= 25


def test_needs_surveys_spread_over_lands_industries_sizes_and_quarters(seeded):
    needs = Response.objects.filter(instrument_key="needs").select_related("organisation")
    assert 40 <= needs.count() <= 50
    organisations = {r.organisation for r in needs}
    assert len({o.land_id for o in organisations}) >= 12
    assert len({o.wz_section for o in organisations}) >= 8
    assert len({o.size_class for o in organisations}) == 4
    now = timezone.now()
    days = [r.submitted_at for r in needs if r.submitted_at is not None]
    assert len(days) == len(needs)
    assert all(quarter_start(now, 3) <= day <= now for day in days)
    assert len({(day.month - 1) // 3 for day in days}) >= 3
    east = [r for r in needs if r.organisation.land_id in {"BB", "SN", "ST", "TH", "MV"}]
    assert any("funding" in r.answers["topics_wanted"] for r in east)


def test_stored_results_match_the_scoring_of_the_stored_answers(seeded):
    for response in Response.objects.all():
        inst = get_instrument(response.instrument_key, response.version)
        assert response.result["overall"] == scoring.score(inst, response.answers).overall
        assert response.submitted_at is not None
        assert response.started_at <= response.submitted_at <= timezone.now()


def test_quarter_start_steps_back_over_year_ends():
    now = timezone.now().replace(year=2026, month=2, day=10)
    assert quarter_start(now, 0).month == 1
    assert (quarter_start(now, 1).year, quarter_start(now, 1).month) == (2025, 10)
    assert quarter_start(now, -1) - quarter_start(now, 0) > timedelta(days=80)
