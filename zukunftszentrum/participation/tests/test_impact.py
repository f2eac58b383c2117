"""The work-impact assessment: the employees' mean withheld below the minimum of *others*
(the viewer's own rating never helps them subtract it out), shown only after the rating is
closed; bodies rate once per dimension; each page's 403 and 404 case."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.core.disclosure import Parameters
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .. import impact_scale, impact_service
from ..models import BodyRating, EmployeeImpactRating
from ..phases import ProjectRole
from .activity_factories import make_assessment
from .factories import list_member, make_project

P = Parameters(min_size=5)


def _ratings(n: int, *, own: int | None = None) -> list[impact_scale.EmployeeRating]:
    return [impact_scale.EmployeeRating(500 + i, "workload", -1, i == own) for i in range(n)]


@pytest.mark.parametrize(
    ("raters", "viewer_rated", "shown"),
    [
        (4, False, False),
        (5, False, True),
        (5, True, False),  # the viewer among exactly five: the other four stay hidden
        (6, True, True),
        (0, False, False),
    ],
)
def test_the_employees_mean_needs_the_minimum_besides_the_viewer(
    raters: int, viewer_rated: bool, shown: bool
) -> None:
    ratings = _ratings(raters, own=0 if viewer_rated else None)
    mean = impact_scale.employees_mean("1:1", "workload", ratings, P)
    assert mean.shown is shown
    if shown:
        assert mean.value is not None and -2 <= impact_scale.from_points(mean.value) <= 2


@pytest.mark.parametrize(("rating", "points"), [(-2, 0), (-1, 25), (0, 50), (1, 75), (2, 100)])
def test_the_scale_maps_to_points_and_back(rating: int, points: int) -> None:
    assert impact_scale.to_points(rating) == points
    assert impact_scale.from_points(points) == rating


def test_side_by_side_shows_bodies_as_they_are() -> None:
    rows = impact_scale.side_by_side("1:1", {"health": -1}, {"health": -2}, _ratings(3), P)
    health = next(r for r in rows if r.dimension == "health")
    assert (health.management, health.works_council) == (-1, -2)
    assert health.employees is None and health.employees_withheld
    assert [r.dimension for r in rows] == list(impact_scale.DIMENSIONS)


# --- the database and the pages ---------------------------------------------------------------


@pytest.fixture
def company():
    return make_organisation(land="HH")


@pytest.fixture
def people(company):
    return {
        "lead": make_member(Role.COMPANY_LEAD, organisation=company),
        "council": make_member(Role.WORKS_COUNCIL, organisation=company),
        "staff": [make_member(Role.EMPLOYEE, organisation=company) for _ in range(6)],
    }


@pytest.fixture
def assessment(company, people):
    return make_assessment(make_project(company))


ALL = {d: 1 for d in impact_scale.DIMENSIONS}


def _url(name: str, a, **extra) -> str:
    return reverse(
        f"participation:{name}", kwargs={"pk": a.project_id, "assessment_pk": a.pk, **extra}
    )


@pytest.mark.django_db
def test_an_employee_rates_without_a_name_and_can_change_it(assessment, people) -> None:
    me = people["staff"][0]
    impact_service.rate_as_employee(member=me, assessment=assessment, ratings=ALL)
    impact_service.rate_as_employee(member=me, assessment=assessment, ratings={**ALL, "health": -2})
    rows = EmployeeImpactRating.objects.filter(assessment=assessment)
    assert rows.count() == len(impact_scale.DIMENSIONS)
    assert rows.get(dimension="health").rating == -2
    assert {f.name for f in EmployeeImpactRating._meta.get_fields()} >= {"rater"}
    assert not any(
        f.name in ("membership", "user", "author") for f in EmployeeImpactRating._meta.get_fields()
    )


@pytest.mark.django_db
def test_employees_mean_only_after_closing_and_never_with_own_among_the_minimum(
    assessment, people
) -> None:
    staff = people["staff"]
    for m in staff[:5]:
        impact_service.rate_as_employee(member=m, assessment=assessment, ratings=ALL)

    def workload(user):
        rows = impact_service.side_by_side(assessment, user)
        return next(r for r in rows if r.dimension == "workload")

    assert workload(people["lead"].user).employees_withheld  # open: no live mean for anybody
    impact_service.close_employees(member=people["lead"], assessment=assessment)
    assert not workload(people["lead"].user).employees_withheld  # five others: shown
    assert workload(staff[0].user).employees_withheld  # four others besides the viewer
    assert not workload(staff[5].user).employees_withheld  # did not rate: five others
    with pytest.raises(impact_service.ParticipationError):
        impact_service.rate_as_employee(member=staff[5], assessment=assessment, ratings=ALL)


@pytest.mark.django_db
def test_the_works_council_speaks_as_a_body(login, assessment, people) -> None:
    c = login(people["council"])
    data = {d: -1 for d in impact_scale.DIMENSIONS}
    assert c.post(_url("impact_rate", assessment), data).status_code == 302
    assert c.post(_url("impact_rate", assessment), {**data, "monitoring": -2}).status_code == 302
    ratings = BodyRating.objects.filter(assessment=assessment, body="works_council")
    assert ratings.count() == len(impact_scale.DIMENSIONS)
    assert ratings.get(dimension="monitoring").rating == -2
    page = c.get(_url("impact", assessment))
    assert page.status_code == 200 and "Bewertung des Betriebsrats" in page.text


@pytest.mark.django_db
def test_an_employee_cannot_create_or_close_403(login, assessment, people) -> None:
    c = login(people["staff"][0])
    created = c.post(
        reverse("participation:impacts", kwargs={"pk": assessment.project_id}), {"subject": "x"}
    )
    assert created.status_code == 403
    assert c.post(_url("impact_close", assessment)).status_code == 403


@pytest.mark.django_db
def test_an_advisor_rates_in_no_perspective_403(login, company, assessment) -> None:
    from zukunftszentrum.organisations.models import Accompaniment
    from zukunftszentrum.organisations.tests.factories import make_centre

    centre = make_centre(lands=("HH",))
    Accompaniment.objects.create(
        centre=centre, organisation=company, status=Accompaniment.Status.ACTIVE
    )
    advisor = make_member(Role.ADVISOR, centre=centre)
    list_member(assessment.project, advisor, ProjectRole.ADVISOR)
    assert login(advisor).post(_url("impact_rate", assessment), ALL).status_code == 403


@pytest.mark.django_db
def test_another_company_gets_404(login, assessment) -> None:
    stranger = make_member(Role.WORKS_COUNCIL, organisation=make_organisation(land="BY"))
    c = login(stranger)
    assert c.get(_url("impact", assessment)).status_code == 404
    assert c.post(_url("impact_rate", assessment), ALL).status_code == 404
