"""The needs analysis' figures for /metrics (core/metrics.py): its runs, read from the database.

Runs are computed by workers, which nobody scrapes; their durations are in the runs' rows, so
every web process reports the same figures. The histogram counts every finished run kept in
the database (runs are history and are not deleted, so its counts only grow).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily, Metric

from .models import EstimateRun

BUCKETS_SECONDS = (1, 5, 10, 30, 60, 120, 300, 600, 1800)


def needs_run_metrics() -> Iterable[Metric]:
    """Runs by status, and the durations of finished runs (done or failed) as a histogram."""
    by_status = GaugeMetricFamily(
        "zz_needs_runs", "Needs analysis runs kept, by status.", labels=["status"]
    )
    counts = dict(EstimateRun.objects.values_list("status").annotate(n=Count("id")))
    for status in EstimateRun.Status.values:
        by_status.add_metric([status], counts.get(status, 0))
    yield by_status

    duration = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
    timed = EstimateRun.objects.filter(
        started_at__isnull=False, finished_at__isnull=False
    ).annotate(duration=duration)
    aggregates = {
        f"le_{bound}": Count("id", filter=Q(duration__lte=timedelta(seconds=bound)))
        for bound in BUCKETS_SECONDS
    }
    row = timed.aggregate(total=Count("id"), seconds=Sum("duration"), **aggregates)
    total = row["total"] or 0
    buckets = [(str(float(bound)), row[f"le_{bound}"] or 0) for bound in BUCKETS_SECONDS]
    buckets.append(("+Inf", total))
    seconds = row["seconds"]
    yield HistogramMetricFamily(
        "zz_needs_run_duration_seconds",
        "How long finished needs analysis runs took, from start to end.",
        buckets=buckets,
        sum_value=seconds.total_seconds() if seconds is not None else 0.0,
    )
