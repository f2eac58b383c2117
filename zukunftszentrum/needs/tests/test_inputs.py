"""The inputs of the estimation: one row per SME organisation per time window, in one query."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.utils import timezone

from zukunftszentrum.assessments.models import Response
from zukunftszentrum.needs.queries import (
    likert_score,
    needs_inputs,
    quarter_label,
    quarter_window,
    year_window,
)
from zukunftszentrum.organisations.models import Organisation
from zukunftszentrum.organisations.tests.factories import make_organisation

Q3_2026 = quarter_window(2026, 3)


def _at(month: int, day: int = 15, year: int = 2026) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 12))


def _respond(
    org: Organisation,
    key: str = "needs",
    *,
    at: dt.datetime | None = None,
    answers: dict[str, Any] | None = None,
    overall: float | None = None,
) -> Response:
    return Response.objects.create(
        instrument_key=key,
        version="2026.1",
        organisation=org,
        answers=answers or {},
        result={"overall": overall},
        submitted_at=at or _at(8),
        resume_token_hash=uuid.uuid4().hex,
    )


def test_likert_conversion() -> None:
    assert [likert_score(v) for v in (1, 2, 3, 4, 5)] == [0.0, 25.0, 50.0, 75.0, 100.0]
    assert likert_score("na") is None
    assert likert_score(None) is None
    assert likert_score(True) is None
    assert likert_score(6) is None


def test_windows_and_quarter_labels() -> None:
    since, until = quarter_window(2026, 4)
    assert (since.month, until.year, until.month) == (10, 2027, 1)
    assert year_window(2025)[0].year == 2025 and year_window(2025)[1].year == 2026
    assert quarter_label(_at(8)) == "2026-Q3"
    with pytest.raises(ValueError):
        quarter_window(2026, 5)


@pytest.mark.django_db
def test_row_carries_the_organisations_categories_and_answers() -> None:
    org = make_organisation(land="SN", wz="J", headcount=12)
    answers = {
        "topic_basics": 5,
        "topic_law": 2,
        "topic_data": "na",
        "formats": ["live_online", "coaching"],
        "time_budget": "2to4",
        "obstacles": ["time", "money"],
        "willingness": "yes",
        "needs_remarks": "frei",
    }
    _respond(org, answers=answers)
    [row] = needs_inputs(since=Q3_2026[0], until=Q3_2026[1])
    assert (row.organisation_id, row.land, row.wz_section, row.size_class) == (
        org.pk,
        "SN",
        "J",
        "small",
    )
    assert row.quarter == "2026-Q3"
    assert row.topics == {"topic_basics": 100.0, "topic_law": 25.0, "topic_data": None}
    assert row.formats == ("live_online", "coaching")
    assert (row.time_budget, row.willingness) == ("2to4", "yes")
    assert row.obstacles == ("time", "money")


@pytest.mark.django_db
def test_one_row_per_organisation_with_its_latest_needs_answers() -> None:
    org = make_organisation()
    _respond(org, at=_at(7), answers={"topic_basics": 1})
    _respond(org, at=_at(9), answers={"topic_basics": 4})
    _respond(org, at=_at(8), answers={"topic_basics": 2})
    rows = needs_inputs(since=Q3_2026[0], until=Q3_2026[1])
    assert len(rows) == 1
    assert rows[0].topics == {"topic_basics": 75.0}


@pytest.mark.django_db
def test_readiness_and_mean_competence_per_company() -> None:
    org = make_organisation()
    _respond(org, answers={"topic_basics": 3})
    _respond(org, "readiness", at=_at(7), overall=20.0)
    _respond(org, "readiness", at=_at(8), overall=60.0)
    _respond(org, "competence", overall=40.0)
    _respond(org, "competence", overall=80.0)
    [row] = needs_inputs(since=Q3_2026[0], until=Q3_2026[1])
    assert row.readiness == 60.0
    assert row.competence == 60.0
    assert row.has_needs


@pytest.mark.django_db
def test_large_companies_and_other_instruments_are_left_out() -> None:
    large = make_organisation(headcount=250)
    medium = make_organisation(headcount=249)
    _respond(large, answers={"topic_basics": 5})
    _respond(medium, answers={"topic_basics": 5})
    _respond(make_organisation(), "work_voice", answers={"topic_basics": 5})
    rows = needs_inputs(since=Q3_2026[0], until=Q3_2026[1])
    assert [r.organisation_id for r in rows] == [medium.pk]
    assert rows[0].size_class == "medium"


@pytest.mark.django_db
def test_time_window_and_drafts() -> None:
    before, inside, after, draft = (make_organisation() for _ in range(4))
    _respond(before, at=_at(6, 30))
    _respond(inside, at=_at(7, 1))
    _respond(after, at=_at(10, 1))
    Response.objects.create(
        instrument_key="needs",
        version="2026.1",
        organisation=draft,
        resume_token_hash=uuid.uuid4().hex,
    )
    rows = needs_inputs(since=Q3_2026[0], until=Q3_2026[1])
    assert [r.organisation_id for r in rows] == [inside.pk]
    year = needs_inputs(since=year_window(2026)[0], until=year_window(2026)[1])
    assert {r.organisation_id for r in year} == {before.pk, inside.pk, after.pk}


@pytest.mark.django_db
def test_filter_by_lands() -> None:
    by, hh = make_organisation(land="BY"), make_organisation(land="HH")
    _respond(by)
    _respond(hh)
    rows = needs_inputs(since=Q3_2026[0], until=Q3_2026[1], lands=["HH"])
    assert [r.organisation_id for r in rows] == [hh.pk]


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows(django_assert_max_num_queries) -> None:
    for i in range(30):
        org = make_organisation(land=("BY", "HH", "SN")[i % 3], headcount=1 + i)
        _respond(org, answers={"topic_basics": 1 + i % 5, "formats": ["coaching"]})
        _respond(org, "readiness", overall=float(i))
    # one for the responses, one per 20,000 organisations for their record keys
    with django_assert_max_num_queries(2):
        rows = needs_inputs(since=Q3_2026[0], until=Q3_2026[1])
    assert len(rows) == 30
    assert {r.record_key for r in rows} == set(
        Organisation.objects.filter(pk__in=[r.organisation_id for r in rows]).values_list(
            "record_key", flat=True
        )
    )
