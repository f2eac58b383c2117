"""Computing the estimates of a time window, in the background, and keeping them fresh.

Pages never compute: they read the window's current `EstimateRun` and, when it is missing or
stale (new responses arrived, see `signals.py`), ask for a new one with `request_run`. The run is
computed by the task `tasks.compute_needs_run`, which a `zukunftszentrum worker` takes from the
database queue; tests (and `needs-estimate --queued`) compute queued runs in-process with `drain()`.
Progress is written to the run as it goes, so the dashboard can show it. A run that fails is
retried with backoff; one whose worker died is queued again (`tasks.requeue_lost`), never lost.
"""

from __future__ import annotations

import enum
import logging
import math
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

import numpy as np
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from zukunftszentrum.core.disclosure import Parameters
from zukunftszentrum.core.suppression import effective_min_size
from zukunftszentrum.organisations.models import Centre
from zukunftszentrum.organisations.reference import LAENDER, WZ_SECTIONS

from .estimation.cells import Dimensions, build_cell_table, encode
from .estimation.domains import (
    DomainEstimate,
    OutcomeEstimate,
    estimate_domains,
    partitions,
    protect_complements,
    standard_domains,
)
from .estimation.population import SIZE_SHARES_2022, sme_shares
from .estimation.raking import rake_cells
from .models import DomainResult, EstimateRun, PopulationTable
from .outcomes import outcomes, value_matrix
from .publication import Contributors, publish_run
from .queries import (
    FIRST_YEAR,
    InputRow,
    Window,
    active_population_table,
    needs_inputs,
    parse_window,
)

log = logging.getLogger(__name__)

# A queued run whose task has not started it within STUCK_AFTER is queued once more (its task may
# have been lost); a run still running after LEASE lost its worker and is computed again. LEASE
# must exceed the longest run (a few minutes at a million responses, see docs/methods).
STUCK_AFTER = timedelta(minutes=30)
LEASE = timedelta(minutes=30)
# What a run that failed for good tells the operator to do.
WHAT_TO_DO = (
    "Was tun: Beim nächsten Aufruf der Bedarfsanalyse wird neu berechnet; bleibt der Fehler, "
    "geben Sie dem Betrieb die Protokolle des Workers zu dieser Berechnung."
)
Status = EstimateRun.Status


# --- asking for runs ---
def current_run(window: Window) -> EstimateRun | None:
    return (
        EstimateRun.objects.select_related("population")
        .filter(window=window.key, is_current=True)
        .first()
    )


def pending_run(window: Window) -> EstimateRun | None:
    """The queued or running run of a window; one lost by a dead worker is queued again."""
    run = EstimateRun.objects.filter(
        window=window.key, status__in=(Status.QUEUED, Status.RUNNING)
    ).first()
    if run is not None and _recover(run):
        run.refresh_from_db()
        if run.status not in (Status.QUEUED, Status.RUNNING):
            return None
    return run


def pending_runs(windows: Iterable[Window]) -> list[EstimateRun]:
    """The queued and running runs of these windows (no side effects)."""
    keys = [w.key for w in windows]
    return list(
        EstimateRun.objects.filter(window__in=keys, status__in=(Status.QUEUED, Status.RUNNING))
    )


def request_run(window: Window, *, user: Any = None) -> EstimateRun | None:
    """Queue a run for the window unless one is pending; returns the pending run.

    None when there is no active population table (nothing can be weighted)."""
    pending = pending_run(window)
    if pending is not None:
        return pending
    table = active_population_table()
    if table is None:
        return None
    try:
        with transaction.atomic():
            run = EstimateRun.objects.create(
                window=window.key,
                population=table,
                min_size=effective_min_size(settings.ZZ_MIN_GROUP_SIZE),
                requested_by=user if getattr(user, "is_authenticated", False) else None,
            )
            if holds_no_data(window):
                _save(run, [], [], [], n_companies=0, n_excluded=0)
                return None
    except IntegrityError:  # a second tab or a double click queued one a moment ago
        return pending_run(window)
    _dispatch(run.pk)
    return run


def holds_no_data(window: Window) -> bool:
    """A window before the platform existed (e.g. the older quarters of the first year's trend).

    No response can fall into it, so its run is stored as done without companies at once:
    computing it is pointless, and the page shows "too few answers" instead of waiting."""
    return window.year < FIRST_YEAR


def fresh_enough(run: EstimateRun | None, now: Any = None) -> bool:
    """True when the window's current run needs no new run yet: nothing new arrived, or it
    finished less than ZZ_NEEDS_REFRESH_SECONDS ago (new answers wait for the next run, so a
    busy hour does not compute every window again after every submitted check)."""
    if run is None:
        return False
    if not run.stale:
        return True
    pause = settings.ZZ_NEEDS_REFRESH_SECONDS
    if pause <= 0 or run.finished_at is None:
        return False
    return run.finished_at > (now or timezone.now()) - timedelta(seconds=pause)


def ensure_fresh(window: Window) -> EstimateRun | None:
    """The pending run, after queueing one if the window's current run is not fresh enough."""
    if fresh_enough(current_run(window)):
        return pending_run(window)
    return request_run(window)


def ensure_fresh_all(
    windows: Iterable[Window],
) -> tuple[list[EstimateRun], dict[str, EstimateRun]]:
    """`ensure_fresh` for several windows (the dashboard's window and its trend quarters) in two
    queries: (the pending runs, the current run of each window by key).

    A window that needs a run queued (no fresh current run, nothing pending) or recovered (its
    pending run was lost by its worker) takes the single-window path, so that stays the same."""
    windows = list(windows)
    keys = [w.key for w in windows]
    current = {
        r.window: r
        for r in EstimateRun.objects.select_related("population").filter(
            window__in=keys, is_current=True
        )
    }
    # At most one pending and one current run per window (the model's constraints).
    waiting = {
        r.window: r
        for r in EstimateRun.objects.filter(
            window__in=keys, status__in=(Status.QUEUED, Status.RUNNING)
        )
    }
    pending: list[EstimateRun] = []
    for window in windows:
        run = current.get(window.key)
        found = waiting.get(window.key)
        if found is not None and not is_lost(found):
            pending.append(found)  # fresh or not, a pending run is what there is to wait for
            continue
        if found is None and fresh_enough(run):
            continue
        if (found := ensure_fresh(window)) is not None:
            pending.append(found)
        # Queueing may have stored a run at once (a window before the platform existed).
        if (now_current := current_run(window)) is not None:
            current[window.key] = now_current
        else:
            current.pop(window.key, None)
    return pending, current


def is_lost(run: EstimateRun, now: Any = None) -> bool:
    """A pending run whose worker died (running past LEASE) or whose task was lost (queued past
    STUCK_AFTER); `tasks.recover` queues it again."""
    now = now or timezone.now()
    if run.status == Status.RUNNING:
        return run.started_at is not None and run.started_at < now - LEASE
    return run.status == Status.QUEUED and run.requested_at < now - STUCK_AFTER


def mark_stale(windows: Iterable[str] | None = None) -> int:
    """New or changed inputs: the current runs (and running ones) of these windows (None: all)."""
    runs = EstimateRun.objects.filter(stale=False).filter(
        is_current=True
    ) | EstimateRun.objects.filter(stale=False, status=Status.RUNNING)
    if windows is not None:
        runs = runs.filter(window__in=list(windows))
    return EstimateRun.objects.filter(pk__in=runs.values("pk")).update(stale=True)


def _dispatch(run_id: int, *, attempt: int = 1) -> None:
    """Enqueue the run's task once the run row is committed (the worker must find it)."""
    from .tasks import enqueue_run  # the task module imports this one

    enqueue_run(run_id, attempt=attempt)


def _recover(run: EstimateRun) -> bool:
    """Queue a run again whose worker died or whose task was lost (see tasks.recover)."""
    from .tasks import recover

    return recover(run)


def drain() -> int:
    """Compute every queued run in this process, oldest first; returns how many ran.

    One attempt each, without retries: a failing run is recorded as failed, so this ends."""
    count = 0
    while run := EstimateRun.objects.filter(status=Status.QUEUED).order_by("pk").first():
        execute(run.pk)
        count += 1
    return count


# --- computing ---
def compute(window_key: str, *, user: Any = None) -> EstimateRun:
    """Compute a window now, in this process (command line, benchmark); returns the run."""
    window = parse_window(window_key)
    if window is None:
        raise ValueError(f"unknown window {window_key!r}")
    pending = pending_run(window)
    if pending is not None:
        _fail(pending, "ersetzt durch eine Berechnung von Hand")
    table = active_population_table()
    if table is None:
        raise ValueError("no active population table")
    run = EstimateRun.objects.create(
        window=window.key,
        population=table,
        min_size=effective_min_size(settings.ZZ_MIN_GROUP_SIZE),
        requested_by=user if getattr(user, "is_authenticated", False) else None,
    )
    execute(run.pk)
    run.refresh_from_db()
    return run


class Outcome(enum.StrEnum):
    SKIPPED = "skipped"  # not queued (any more): computed, claimed or failed elsewhere
    DONE = "done"
    RETRY = "retry"  # failed, back in the queue: the caller enqueues the next attempt
    FAILED = "failed"


def execute(run_id: int, *, attempt: int = 1, max_attempts: int = 1) -> Outcome:
    """Compute a queued run; failures are recorded on the run, never raised.

    Idempotent: the run is claimed with a conditional update, so a run is computed once however
    many tasks (or processes draining) ask for it."""
    updated = EstimateRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        started_at=timezone.now(),
        progress=5,
        stage="reading",
        diagnostics={"attempt": attempt},
    )
    if not updated:
        return Outcome.SKIPPED
    run = EstimateRun.objects.select_related("population").get(pk=run_id)
    try:
        _compute(run)
    except Exception as error:  # recorded on the run and logged
        log.exception("needs estimate run %s failed (attempt %s)", run_id, attempt)
        message = f"{type(error).__name__}: {error}"
        if attempt < max_attempts:
            EstimateRun.objects.filter(pk=run_id, status=Status.RUNNING).update(
                status=Status.QUEUED,
                requested_at=timezone.now(),  # not "lost": its retry waits in the queue
                progress=0,
                stage="retry",
                error=message[:2000],
            )
            return Outcome.RETRY
        final = f"Nach {attempt} Versuchen fehlgeschlagen: {message}. {WHAT_TO_DO}"
        _fail(run, final if max_attempts > 1 else message)
        return Outcome.FAILED
    return Outcome.DONE


def _progress(run: EstimateRun, progress: int, stage: str) -> None:
    EstimateRun.objects.filter(pk=run.pk).update(progress=progress, stage=stage)


def _compute(run: EstimateRun) -> None:
    window = parse_window(run.window)
    if window is None:  # a stored key out of range; recorded on the run by `execute`
        raise ValueError(f"unknown window {run.window!r}")
    since, until = window.bounds
    rows = needs_inputs(since=since, until=until)
    _progress(run, 40, "weighting")
    items = outcomes()
    dims = Dimensions(lands=tuple(land.code for land in LAENDER), sections=tuple(WZ_SECTIONS))
    usable = [r for r in rows if _usable(r, dims)]
    cells = _cells(dims, usable)
    values = value_matrix(usable, items)
    table = build_cell_table(dims, cells, values, [o.key for o in items], [o.kind for o in items])
    joint, size = population_targets(run.population, dims)
    weights, diagnostics = _weights(table.counts.reshape(dims.shape), joint, size)
    _progress(run, 65, "estimating")
    areas = coverage_areas()
    domains = standard_domains(dims, areas)
    parts = partitions(dims, areas)
    weighted, raw = (
        protect_complements(
            estimate_domains(table, w, domains, run.min_size), parts, domains, dims, run.min_size
        )
        for w in (weights, np.ones(dims.n_cells))
    )
    _progress(run, 75, "publishing")
    published, diagnostics["companies_published"] = publish_run(
        [domain.mask(dims)[cells] for domain in domains],
        weighted,
        raw,
        Contributors([r.record_key for r in usable], weights[cells], values),
        {o.key: o.kind for o in items},
        Parameters(min_size=run.min_size),
    )
    _progress(run, 85, "saving")
    _save(
        run, weighted, raw, published, n_companies=len(usable), n_excluded=len(rows) - len(usable)
    )
    run.diagnostics = diagnostics
    EstimateRun.objects.filter(pk=run.pk).update(diagnostics=diagnostics)


def _usable(row: InputRow, dims: Dimensions) -> bool:
    return (
        row.land in dims.lands and row.wz_section in dims.sections and row.size_class in dims.sizes
    )


def _cells(dims: Dimensions, rows: list[InputRow]) -> np.ndarray:
    if not rows:
        return np.zeros(0, dtype=np.intp)
    land = encode([r.land for r in rows], dims.lands, "land")
    section = encode([r.wz_section for r in rows], dims.sections, "section")
    size = encode([r.size_class for r in rows], dims.sizes, "size")
    return (land * len(dims.sections) + section) * len(dims.sizes) + size


def population_targets(table: PopulationTable, dims: Dimensions) -> tuple[np.ndarray, np.ndarray]:
    """The Land x WZ establishments (0 where the table has no cell) and the size margin."""
    joint = np.zeros(dims.shape[:2])
    index = {
        (land, s): (i, j) for i, land in enumerate(dims.lands) for j, s in enumerate(dims.sections)
    }
    for land, section, count in table.cells.values_list("land", "wz_section", "establishments"):
        if (land, section) in index:
            joint[index[(land, section)]] = count
    shares = (table.size_shares or {}).get("shares") or SIZE_SHARES_2022
    return joint, sme_shares(shares) * joint.sum()


# When the sample cannot meet all margins at once (IPF does not converge), the margins are
# relaxed in this order; the last one always converges. The run records which one was used.
FALLBACKS: tuple[tuple[str, dict[str, bool]], ...] = (
    ("one_way", {"one_way": True}),
    ("joint_only", {"size_margin": False}),
)


def _weights(
    counts: np.ndarray, joint: np.ndarray, size: np.ndarray
) -> tuple[np.ndarray, dict[str, Any]]:
    """Raked cell weights: to the Land x WZ joint margin and the size margin, or the first of
    FALLBACKS that converges. All zero when no respondent is in a cell with a population."""
    try:
        result = rake_cells(counts, joint, size)
    except ValueError:
        return np.zeros(counts.size), {"converged": False, "no_population": True}
    margins = "joint"
    for fallback, options in FALLBACKS:
        if result.converged:
            break
        result, margins = rake_cells(counts, joint, size, **options), fallback
    return result.weights, {
        "margins": margins,
        "iterations": result.iterations,
        "converged": result.converged,
        "max_margin_error": _finite(result.max_margin_error),
        "trim_rounds": result.trim_rounds,
        "max_weight_ratio": _finite(result.max_weight_ratio),
        "uncovered": int(result.uncovered.sum()),
    }


@transaction.atomic
def _save(
    run: EstimateRun,
    weighted: list[DomainEstimate],
    raw: list[DomainEstimate],
    published: list[dict[str, Any]],
    *,
    n_companies: int,
    n_excluded: int,
) -> None:
    DomainResult.objects.bulk_create(
        (_result(run, *domain) for domain in zip(weighted, raw, published, strict=True)),
        batch_size=500,
    )
    locked = EstimateRun.objects.select_for_update().get(pk=run.pk)
    EstimateRun.objects.filter(window=run.window, is_current=True).update(is_current=False)
    EstimateRun.objects.filter(pk=run.pk).update(
        status=Status.DONE,
        progress=100,
        stage="done",
        finished_at=timezone.now(),
        is_current=True,
        stale=locked.stale,  # responses that arrived while computing keep it stale
        n_companies=n_companies,
        n_excluded=n_excluded,
    )
    _delete_replaced(run)


def _delete_replaced(run: EstimateRun) -> None:
    """Delete the window's older finished runs and their results (failed runs stay, for
    diagnosis). The ids are read first, so the results go in a plain `DELETE ... WHERE run_id
    IN (ids)`: through the join (`run__window=...`) it was `WHERE id IN (SELECT ... JOIN ...)`,
    for which PostgreSQL, with statistics still saying the table was empty after a first big
    run, chose a nested loop, and the delete took quadratic time."""
    old = list(
        EstimateRun.objects.filter(window=run.window, status=Status.DONE)
        .exclude(pk=run.pk)
        .values_list("pk", flat=True)
    )
    if old:
        EstimateRun.objects.filter(pk__in=old).delete()


def _result(
    run: EstimateRun, w: DomainEstimate, r: DomainEstimate, published: dict[str, Any]
) -> DomainResult:
    return DomainResult(
        run=run,
        key=w.key,
        suppressed=w.suppressed or "",
        n=w.n,
        n_raw=w.n_raw,
        population=_finite(w.population),
        n_eff=_finite(w.n_eff),
        deff=_finite(w.deff),
        thin=w.thin,
        weighted=_outcomes(w.outcomes),
        raw=_outcomes(r.outcomes) if r.suppressed is None else {},
        published=published,
    )


def _outcomes(values: Mapping[str, OutcomeEstimate | None] | None) -> dict[str, Any]:
    if not values:
        return {}
    return {
        key: None
        if e is None
        else [
            _finite(e.value),
            _finite(e.se),
            _finite(e.ci_low),
            _finite(e.ci_high),
            e.n,
            _finite(e.n_eff),
        ]
        for key, e in values.items()
    }


def _finite(value: float | None) -> float | None:
    """JSON (and PostgreSQL's jsonb) has no infinity: an unknown figure is stored as null."""
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), 6)


def _fail(run: EstimateRun, message: str) -> None:
    EstimateRun.objects.filter(pk=run.pk).update(
        status=Status.FAILED, finished_at=timezone.now(), error=message[:2000], stage="failed"
    )


def coverage_areas() -> dict[str, list[str]]:
    """Each centre with Länder: slug -> Land codes (the domains "area:<slug>")."""
    areas: dict[str, list[str]] = {}
    for slug, code in Centre.objects.filter(lands__isnull=False).values_list("slug", "lands__pk"):
        areas.setdefault(slug, []).append(code)
    return {slug: sorted(codes) for slug, codes in areas.items()}
