"""The inputs: demand cells from published domains (hand-computed), the topic map and its
errors, and the instance built from the database with waitlists and open gaps published."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from zukunftszentrum.core.content_yaml import ContentError
from zukunftszentrum.learning.models import LearningPlan, Registration, RegistrationStatus
from zukunftszentrum.learning.tests.catalogue_factories import make_offer
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from ..content import topic_map
from ..demand import Domain, Weights, demand_cells, time_fit
from ..inputs import build, months_of, trainer_days_of
from ..topic_map import load
from .factories import make_needs_run, make_planning_centre, make_scenario

CENTROIDS = {"HH": (53.5, 10.0)}


def _domains() -> dict[str, Domain]:
    return {
        "land:HH": Domain(
            1000,
            figures={
                "topic_basics": (40, 30, 50),
                "formats:in_person": (0.6, 0.5, 0.7),
                "formats:live_online": (0.4, 0.3, 0.5),
            },
        ),
        "land:HH|wz:C": Domain(400, thin=True, figures={"topic_basics": (50, 40, 60)}),
        "land:HH|size:micro": Domain(800, figures={"topic_basics": (45, 35, 55)}),
        "land:HH|size:small": Domain(200, figures={"topic_basics": (20, 10, 30)}),
    }


# (key, companies, low, high), worked by hand: industry population x size share x
# min(1, topic mean / 100 x size mean / Land mean); the rest of the Land (600) takes the Land's.
EXPECTED = [
    ("HH|C|micro|basics", 400 * 0.8 * 0.5 * 45 / 40, 400 * 0.8 * 0.4 * 45 / 40, 400 * 0.8 * 0.6 * 45 / 40),
    ("HH|C|small|basics", 400 * 0.2 * 0.5 * 20 / 40, 400 * 0.2 * 0.4 * 20 / 40, 400 * 0.2 * 0.6 * 20 / 40),
    ("HH|-|micro|basics", 600 * 0.8 * 0.4 * 45 / 40, 600 * 0.8 * 0.3 * 45 / 40, 600 * 0.8 * 0.5 * 45 / 40),
    ("HH|-|small|basics", 600 * 0.2 * 0.4 * 20 / 40, 600 * 0.2 * 0.3 * 20 / 40, 600 * 0.2 * 0.5 * 20 / 40),
]  # fmt: skip


def test_demand_cells_match_the_hand_computed_figures() -> None:
    cells = {d.key: d for d in demand_cells(_domains(), ["HH"], topic_map(), CENTROIDS)}
    assert sorted(cells) == sorted(key for key, *_ in EXPECTED)
    for key, value, low, high in EXPECTED:
        cell = cells[key]
        assert (cell.companies, cell.low, cell.high) == pytest.approx((value, low, high), abs=1e-3)
        assert cell.lat == 53.5 and cell.land == "HH" and cell.topic == "basics"
    # formats: in_person 0.6 -> workshop and blended halves; live_online 0.4 -> webinar
    formats = cells["HH|-|micro|basics"].formats
    assert formats == pytest.approx({"workshop": 0.3, "blended": 0.3, "webinar": 0.4})


@pytest.mark.parametrize(
    ("weights", "key", "expected"),
    [
        (Weights(), "HH|C|micro|basics", 1.0),
        (Weights(micro=1.5), "HH|C|micro|basics", 1.5),
        (Weights(micro=1.5, thin=2.0), "HH|C|micro|basics", 3.0),  # industry C is thin
        (Weights(micro=1.5, thin=2.0), "HH|-|small|basics", 1.0),
        (Weights(industries={"C": 0.5}), "HH|C|small|basics", 0.5),
    ],
)
def test_policy_weights_multiply(weights: Weights, key: str, expected: float) -> None:
    cells = {d.key: d for d in demand_cells(_domains(), ["HH"], topic_map(), CENTROIDS, weights)}
    assert cells[key].weight == pytest.approx(expected)


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(1.5, 1.0), (2, 1.0), (3, 0.75), (6, 0.25), (10, 0.05), (12, 0.05)],
)
def test_the_time_budget_fit(hours: float, expected: float) -> None:
    shares = {"lt2": 0.25, "2to4": 0.5, "4to8": 0.2, "gt8": 0.05}  # 2to4 holds four hours
    assert time_fit(shares, hours) == pytest.approx(expected)
    assert time_fit({}, hours) is None


def test_a_land_without_estimates_has_no_cells() -> None:
    assert demand_cells({}, ["HH"], topic_map(), CENTROIDS) == ()


@pytest.mark.parametrize(
    ("competences", "expected"),
    [
        ({"ai_basics": 2}, {"basics": 1.0}),
        ({"ai_basics": 1}, {"basics": 0.75}),
        ({"ai_basics": 1, "ai_use_cases": 2}, {"basics": 0.75, "production": 0.6, "customer_service": 0.4}),
        ({"unknown": 3}, {}),
    ],
)  # fmt: skip
def test_a_module_covers_topics_through_its_competences(
    competences: dict[str, int], expected: dict[str, float]
) -> None:
    assert topic_map().module_topics(competences) == pytest.approx(expected)


def test_the_topic_map_names_every_framework_competence() -> None:
    from zukunftszentrum.learning.competence.framework import load_framework

    framework = load_framework(Path(settings.ZZ_CONTENT_DIR) / "frameworks" / "ai-competence.yaml")
    ids = {c.id for area in framework.areas for c in area.competences}
    assert ids == set(topic_map().competence_area)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("area: understanding_ai, topics: {basics: 1.0}}", "area: nowhere, topics: {basics: 1.0}}"), "unknown trainer area 'nowhere'"),
        (("topics: {genai_office: 1.0}", "topics: {gossip: 1.0}"), "unknown topic 'gossip'"),
        (("live_online: [webinar]", "live_online: [podcast]"), "unknown module format 'podcast'"),
    ],
)  # fmt: skip
def test_a_broken_topic_map_names_file_line_and_field(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    source = Path(settings.ZZ_CONTENT_DIR) / "concepts" / "topic_map.yaml"
    broken = tmp_path / "topic_map.yaml"
    broken.write_text(source.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load(broken)
    assert message in str(error.value)
    assert "topic_map.yaml, line " in str(error.value)


@pytest.mark.parametrize(
    ("first", "count", "expected"),
    [("2027-01", 2, ("2027-01", "2027-02")), ("2026-11", 3, ("2026-11", "2026-12", "2027-01"))],
)
def test_months_run_over_the_year_end(first: str, count: int, expected: tuple[str, ...]) -> None:
    assert months_of(first, count) == expected


@pytest.mark.parametrize(
    ("fmt", "hours", "days"),
    [
        ("workshop", 4, 1.0),
        ("webinar", 2, 0.5),
        ("inhouse_lab", 8, 1.5),
        ("self_learning", 3, 0.25),
    ],
)
def test_trainer_days_per_session(fmt: str, hours: float, days: float) -> None:
    class M:
        format, duration_hours = fmt, hours

    assert trainer_days_of(M()) == days  # type: ignore[arg-type]


@pytest.mark.django_db
def test_the_instance_holds_needs_waitlists_and_gaps_published() -> None:
    centre, admin = make_planning_centre(("HH",))
    make_needs_run(("HH",))
    module = centre.learning_modules.get(key="ki-grundlagen")
    offer = make_offer(module, land="HH", capacity=1)
    company = make_organisation(land="HH")
    people: list[Any] = [make_member(Role.EMPLOYEE, organisation=company) for _ in range(12)]
    for position, person in enumerate(people[:3], start=1):  # three: withheld
        Registration.objects.create(
            offer=offer, user=person.user, organisation=company,
            status=RegistrationStatus.WAITLISTED, position=position,
        )  # fmt: skip
    for person in people:  # twelve with an open gap in prompting
        LearningPlan.objects.create(
            user=person.user, organisation=company, status="partial",
            open_gaps=[{"competence": "prompting", "reason": "no_module"}],
        )  # fmt: skip
    inputs = build(make_scenario(admin))
    demands = {d.key: d for d in inputs.instance.demands}
    assert "wait:ki-grundlagen|HH" not in demands  # fewer than the minimum group size
    gap = demands["gap:prompting|HH"]
    assert gap.topic == "competence:prompting" and abs(gap.companies - 12) <= 3
    assert "HH|C|micro|basics" in demands
    options = {o.module_id: o for o in inputs.instance.options}
    basics = options[str(module.pk)]
    assert basics.topics["basics"] == 1.0 and basics.competence == "understanding_ai"
    assert basics.cost == 1.0 * 600 + 250  # a trainer day and the room
    assert {p.key for p in inputs.instance.places} >= {"online"}
    assert inputs.needs.current and not inputs.needs.stale


@pytest.mark.django_db
def test_without_this_years_run_the_last_year_is_used_and_named() -> None:
    from zukunftszentrum.needs.published import published_region

    centre, _admin = make_planning_centre(("HH",))
    assert published_region(centre) is None
    make_needs_run(("HH",), window="2024-Q4")
    make_needs_run(("HH",), window="2024")
    region = published_region(centre)
    assert region is not None and region.window == "2024" and not region.current
    assert region.domains["land:HH"].figures["topic_basics"] == (40, 30, 50)
