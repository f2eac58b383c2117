"""Keeping runs tidy: replaced runs are deleted by id, and windows before any data are not
computed (nor asked for again on every page view)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zukunftszentrum.needs import runs
from zukunftszentrum.needs.models import DomainResult, EstimateRun
from zukunftszentrum.needs.queries import FIRST_YEAR, Window, active_population_table
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

pytestmark = pytest.mark.django_db

Status = EstimateRun.Status
WINDOW = f"{FIRST_YEAR}-Q2"


def _done_run(window: str = WINDOW, *, results: int, current: bool = False) -> EstimateRun:
    """A finished run holding `results` domain results (the figures do not matter here)."""
    table = active_population_table()
    assert table is not None
    run = EstimateRun.objects.create(
        window=window, population=table, status=Status.DONE, is_current=current
    )
    DomainResult.objects.bulk_create(
        (DomainResult(run=run, key=f"domain:{i}", n_raw=i % 7) for i in range(results)),
        batch_size=2000,
    )
    return run


def _replace(window: str = WINDOW) -> EstimateRun:
    """A new run of the window finishing (with no domains: only the cleanup is of interest)."""
    table = active_population_table()
    assert table is not None
    run = EstimateRun.objects.create(window=window, population=table, status=Status.RUNNING)
    runs._save(run, [], [], [], n_companies=0, n_excluded=0)
    return run


def _deletes(queries: list[dict[str, Any]]) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("DELETE")]


def test_replacing_a_run_deletes_the_old_results_by_run_id_without_a_join() -> None:
    old = _done_run(results=30, current=True)
    failed = EstimateRun.objects.create(
        window=WINDOW, population=old.population, status=Status.FAILED, error="kaputt"
    )
    other_window = _done_run(f"{FIRST_YEAR}-Q3", results=5, current=True)
    with CaptureQueriesContext(connection) as captured:
        new = _replace()
    deletes = _deletes(captured.captured_queries)
    result_deletes = [sql for sql in deletes if "needs_domainresult" in sql]
    assert len(result_deletes) == 1, deletes
    (sql,) = result_deletes
    assert re.search(r'"?run_id"? IN \(', sql), sql
    assert "JOIN" not in sql.upper() and "SELECT" not in sql.upper(), sql
    assert "needs_estimaterun" not in sql, sql
    assert not EstimateRun.objects.filter(pk=old.pk).exists()
    assert not DomainResult.objects.filter(run_id=old.pk).exists()
    assert EstimateRun.objects.get(pk=failed.pk).error == "kaputt"  # kept for diagnosis
    assert DomainResult.objects.filter(run=other_window).count() == 5  # other windows untouched
    assert EstimateRun.objects.get(window=WINDOW, is_current=True) == new


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the planner problem is PostgreSQL's; this runs in `make pg`",
)
def test_cleanup_of_realistic_size_on_postgresql_uses_no_nested_loop() -> None:
    """20,000 results over four old runs, with statistics that say the table is empty (as
    after a first big run): the delete's plan must not pair every row with every other."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE needs_domainresult")  # the statistics now say: empty
    old = [_done_run(results=5000, current=i == 3) for i in range(4)]
    EstimateRun.objects.filter(pk__in=[r.pk for r in old[:3]]).update(is_current=False)
    kept = _done_run(f"{FIRST_YEAR}-Q3", results=500, current=True)
    with CaptureQueriesContext(connection) as captured:
        _replace()
    (sql,) = [s for s in _deletes(captured.captured_queries) if "needs_domainresult" in s]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Nested Loop" not in plan and "needs_estimaterun" not in plan, plan
    assert not DomainResult.objects.filter(run_id__in=[r.pk for r in old]).exists()
    assert DomainResult.objects.count() == 500 == DomainResult.objects.filter(run=kept).count()


# --- windows before any data ---
def test_a_window_before_the_platform_is_stored_as_done_without_data_once() -> None:
    window = Window(f"{FIRST_YEAR - 1}-Q3", FIRST_YEAR - 1, 3)
    assert runs.holds_no_data(window)
    assert runs.ensure_fresh(window) is None  # nothing pending, nothing to wait for
    run = EstimateRun.objects.get(window=window.key)
    assert (run.status, run.is_current, run.n_companies) == (Status.DONE, True, 0)
    assert not run.domains.exists()
    for _ in range(3):  # later views find the finished run and ask for nothing
        assert runs.ensure_fresh(window) is None
    assert EstimateRun.objects.filter(window=window.key).count() == 1
    assert runs.drain() == 0


def test_a_window_with_possible_data_is_queued_as_before() -> None:
    window = Window(f"{FIRST_YEAR}-Q1", FIRST_YEAR, 1)
    assert not runs.holds_no_data(window)
    pending = runs.ensure_fresh(window)
    assert pending is not None and pending.status == Status.QUEUED


def test_a_failing_run_of_an_unknown_window_is_recorded_not_asserted() -> None:
    table = active_population_table()
    run = EstimateRun.objects.create(window="1999-Q1", population=table)
    runs.execute(run.pk)
    run.refresh_from_db()
    assert run.status == Status.FAILED and "unknown window '1999-Q1'" in run.error


def test_the_first_years_dashboard_queues_its_trend_once_and_never_fails(login) -> None:
    url = reverse("needs:dashboard")
    centre = make_centre(lands=("BY",))
    client = login(make_member(Role.ADVISOR, centre=centre))
    params = {"zeitraum": str(FIRST_YEAR)}
    assert client.get(url, params).status_code == 200
    queued = set(EstimateRun.objects.filter(status=Status.QUEUED).values_list("window", flat=True))
    assert queued == {str(FIRST_YEAR), *(f"{FIRST_YEAR}-Q{q}" for q in (1, 2, 3, 4))}
    before = {f"{FIRST_YEAR - 1}-Q{q}" for q in (1, 2, 3, 4)}
    assert (
        set(EstimateRun.objects.filter(status=Status.DONE).values_list("window", flat=True))
        == before
    )
    assert runs.drain() == 5
    assert client.get(url, params).status_code == 200
    assert not EstimateRun.objects.filter(status__in=(Status.QUEUED, Status.FAILED)).exists()
    assert EstimateRun.objects.count() == 9
    # The same page refuses another centre's region and the wrong role.
    other = make_centre(lands=("SH",))
    assert client.get(url, {**params, "gebiet": other.slug}).status_code == 404
    lead = login(make_member(Role.COMPANY_LEAD))
    assert lead.get(url, params).status_code == 403
