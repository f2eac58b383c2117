"""/metrics: off by default, refused without the token or an allowed address, and counting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from zukunftszentrum.core.metrics import _address_allowed, method_label

pytestmark = pytest.mark.django_db
TOKEN = "scrape-token-for-tests"
ON = override_settings(ZZ_METRICS=True, ZZ_METRICS_TOKEN=TOKEN, ZZ_METRICS_ALLOWED_IPS=[])


def scrape(client: Client, **headers: str) -> str:
    answer = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}", **headers})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/plain")
    return answer.content.decode()


def sample(text: str, prefix: str) -> float:
    """The value of the one line starting with `prefix` (0 when the line is missing)."""
    lines = [line for line in text.splitlines() if line.startswith(prefix)]
    assert len(lines) <= 1, lines
    return float(lines[0].rsplit(" ", 1)[1]) if lines else 0.0


def test_off_by_default_the_address_does_not_exist() -> None:
    assert Client().get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404


@ON
@pytest.mark.parametrize(
    "authorization", ["", "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x"]
)
def test_refused_without_the_token(authorization: str) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    assert Client().get("/metrics", headers=headers).status_code == 403


@override_settings(ZZ_METRICS=True, ZZ_METRICS_TOKEN="", ZZ_METRICS_ALLOWED_IPS=[])
def test_refused_when_neither_token_nor_addresses_are_configured() -> None:
    assert Client().get("/metrics", headers={"Authorization": "Bearer "}).status_code == 403


@override_settings(ZZ_METRICS=True, ZZ_METRICS_TOKEN="", ZZ_METRICS_ALLOWED_IPS=["10.1.0.0/16"])
def test_an_allowed_address_needs_no_token() -> None:
    assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="10.2.0.1").get("/metrics").status_code == 403


@pytest.mark.parametrize(
    ("address", "allowed", "expected"),
    [
        ("127.0.0.1", ["127.0.0.1"], True),
        ("127.0.0.1", ["127.0.0.0/8"], True),
        ("::1", ["127.0.0.1", "::1"], True),
        ("192.0.2.7", ["127.0.0.1"], False),
        ("", ["127.0.0.1"], False),
        ("127.0.0.1", ["not-an-address"], False),
    ],
)
def test_allowed_addresses(address: str, allowed: list[str], expected: bool) -> None:
    assert _address_allowed(address, allowed) is expected


@pytest.mark.parametrize(
    ("method", "label"), [("GET", "GET"), ("post", "POST"), ("BREW", "other"), ("", "other")]
)
def test_unknown_methods_share_one_label(rf, method: str, label: str) -> None:
    request = rf.get("/")
    request.method = method
    assert method_label(request) == label


@ON
def test_counts_requests_per_view_name_without_ids() -> None:
    client = Client()
    line = 'zz_http_requests_total{method="GET",status="200",view="core:imprint"}'
    before = sample(scrape(client), line)
    client.get("/impressum/")
    client.get("/impressum/")
    client.get("/gibt-es-nicht/4711/")
    text = scrape(client)
    assert sample(text, line) == before + 2
    assert 'view="<unresolved>"' in text
    assert "4711" not in text
    assert (
        'zz_http_request_duration_seconds_bucket{le="+Inf",method="GET",view="core:imprint"}'
        in text
    )
    assert 'view="/metrics"' not in text  # scrapes do not count themselves


@ON
def test_task_queue_and_failed_tasks() -> None:
    from django_tasks_db.models import DBTaskResult

    common = {"args_kwargs": {"args": [], "kwargs": {}}, "backend_name": "default"}
    DBTaskResult.objects.create(task_path="x.ready", status="READY", **common)
    DBTaskResult.objects.create(task_path="x.broken", status="FAILED", **common)
    DBTaskResult.objects.create(task_path="x.broken", status="FAILED", **common)
    text = scrape(Client())
    assert sample(text, "zz_tasks_ready ") == 1
    assert sample(text, 'zz_tasks_failed{task="x.broken"}') == 2
    assert "zz_tasks_oldest_ready_age_seconds" in text


@ON
def test_needs_run_durations() -> None:
    from zukunftszentrum.needs.models import EstimateRun, PopulationTable

    population = PopulationTable.objects.first() or PopulationTable.objects.create(
        name="Test", source="Test", year=2024
    )
    start = timezone.now() - timedelta(hours=1)
    for window, seconds in (("2025", 4), ("2026", 90)):
        EstimateRun.objects.create(
            window=window,
            population=population,
            status=EstimateRun.Status.DONE,
            started_at=start,
            finished_at=start + timedelta(seconds=seconds),
        )
    text = scrape(Client())
    assert sample(text, 'zz_needs_runs{status="done"}') == 2
    assert sample(text, 'zz_needs_run_duration_seconds_bucket{le="5.0"}') == 1
    assert sample(text, 'zz_needs_run_duration_seconds_bucket{le="120.0"}') == 2
    assert sample(text, "zz_needs_run_duration_seconds_count") == 2
    assert sample(text, "zz_needs_run_duration_seconds_sum") == 94
