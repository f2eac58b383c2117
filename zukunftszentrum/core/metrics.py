"""Prometheus metrics at /metrics, off unless settings.ZZ_METRICS (see docs/operations.md).

prometheus-client directly rather than django-prometheus: one middleware and one view, labels
chosen here (the view's name, never the URL, so no ids end up in labels), and no model or
database wrappers to keep up with Django releases.

- Requests: a counter and a latency histogram per method, view name and status, counted in each
  web process. Under gunicorn with several workers, set PROMETHEUS_MULTIPROC_DIR (an empty
  folder per start) so that a scrape adds up all workers of the machine.
- Figures that live in the database (task queue, failed tasks, needs runs) are read when the
  page is scraped, so they are the same whichever process or machine answers. Apps add theirs
  with `register_collector` (the needs analysis adds its runs).

The middleware comes first and answers /metrics itself: the URL exists only when metrics are
on, and a scrape on the internal port is not redirected to HTTPS. A scrape needs the bearer
token ZZ_METRICS_TOKEN or a client address in ZZ_METRICS_ALLOWED_IPS; otherwise 403.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric

from .registry import Registry

log = logging.getLogger(__name__)

METRICS_PATH = "/metrics"
UNRESOLVED = "<unresolved>"  # a URL no pattern matches: one label, whatever was asked for
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

# The request metrics of this process (or, with PROMETHEUS_MULTIPROC_DIR, its files).
REQUEST_REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter(
    "zz_http_requests",
    "Requests answered, by method, view name and status code.",
    ["method", "view", "status"],
    registry=REQUEST_REGISTRY,
)
LATENCY = Histogram(
    "zz_http_request_duration_seconds",
    "Time from the request reaching Django to the response, by method and view name.",
    ["method", "view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REQUEST_REGISTRY,
)


@dataclass(frozen=True)
class Collector:
    name: str
    order: int
    collect: Callable[[], Iterable[Metric]]


collectors = Registry[Collector]("metrics collector")


def register_collector(
    name: str, collect: Callable[[], Iterable[Metric]], *, order: int = 100
) -> None:
    """Add metric families read at each scrape (from the database, not from this process)."""
    collectors.add(Collector(name, order, collect))


def view_label(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.view_name if match is not None else "") or UNRESOLVED


def method_label(request: HttpRequest) -> str:
    method = (request.method or "").upper()
    return method if method in METHODS else "other"


class MetricsMiddleware:
    """Counts and times every request; answers /metrics when metrics are on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.ZZ_METRICS:
            return self.get_response(request)
        if request.path_info == METRICS_PATH:
            return metrics_view(request)
        started = time.perf_counter()
        response = self.get_response(request)
        method, view = method_label(request), view_label(request)
        LATENCY.labels(method, view).observe(time.perf_counter() - started)
        REQUESTS.labels(method, view, str(response.status_code)).inc()
        return response


def scrape_allowed(request: HttpRequest) -> bool:
    """The bearer token, or a client address on the list; neither configured refuses all."""
    token = settings.ZZ_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    offered = header.removeprefix("Bearer ").encode() if header.startswith("Bearer ") else b""
    if token and offered and hmac.compare_digest(offered, token.encode()):
        return True
    return _address_allowed(request.META.get("REMOTE_ADDR", ""), settings.ZZ_METRICS_ALLOWED_IPS)


def _address_allowed(address: str, allowed: Iterable[str]) -> bool:
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in allowed:
        try:
            if client in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            log.warning("ZZ_METRICS_ALLOWED_IPS: %r is no address or network", entry)
    return False


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not scrape_allowed(request):
        return HttpResponseForbidden("forbidden\n", content_type="text/plain")
    body = generate_latest(scrape_registry())
    response = HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response


class _Forward:
    """Hands another registry's metrics (or the registered database collectors) to a scrape."""

    def __init__(self, collect: Callable[[], Iterable[Metric]]) -> None:
        self.collect = collect


def _database_metrics() -> Iterable[Metric]:
    for collector in collectors:
        try:
            yield from collector.collect()
        except Exception:  # one broken figure must not take the others down
            log.exception("metrics: collector %s failed", collector.name)


def scrape_registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_Forward(REQUEST_REGISTRY.collect))  # type: ignore[arg-type]
    registry.register(_Forward(_database_metrics))  # type: ignore[arg-type]
    return registry


def task_queue_metrics() -> Iterable[Metric]:
    """The database queue: ready tasks and the oldest one's wait, failed tasks by task."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from .tasks import backlog

    queue = backlog()
    yield GaugeMetricFamily("zz_tasks_ready", "Tasks waiting for a worker.", value=queue.ready)
    yield GaugeMetricFamily(
        "zz_tasks_oldest_ready_age_seconds",
        "How long the oldest waiting task has waited (0 when none waits).",
        value=queue.oldest_seconds or 0,
    )
    failed = GaugeMetricFamily(
        "zz_tasks_failed", "Task results stored as failed, by task.", labels=["task"]
    )
    rows = DBTaskResult.objects.failed().values("task_path").annotate(n=Count("id"))
    for row in rows.order_by("task_path"):
        failed.add_metric([row["task_path"]], row["n"])
    yield failed


def register() -> None:
    register_collector("core.tasks", task_queue_metrics, order=10)
