"""Solving a scenario in the background: assemble the inputs, solve, ask what more of each
binding limit would add, re-solve at the ends of the needs intervals, and store the result as
keys and numbers (worded when shown, see wording.py).

`request` queues a solve once: a second click (or a second tab) while one is queued or running
finds it pending and queues nothing. `run` claims the scenario, so a duplicate task does
nothing; a worker that starts queues again what a dead worker left (`requeue_lost`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from zukunftszentrum.core.tasks import enqueue_on_commit

from .demand import time_fit
from .inputs import ONLINE, Inputs, build
from .models import PENDING, Scenario, ScenarioItem, ScenarioStatus
from .optimiser.model import Demand, Instance, Limit, Plan
from .optimiser.robust import robustness
from .optimiser.sensitivity import value_of_more
from .optimiser.solve import solve

LOST_AFTER = timedelta(minutes=15)
TIME_LIMIT = 20.0  # seconds per solve; the page says when the gap is not closed
MAX_UNCOVERED = 8
MAX_RELAXED = 8  # binding limits asked what one more unit adds (one re-solve each)


def request(scenario: Scenario) -> bool:
    """Queue a solve unless one is pending; True when this call queued it. The caller has
    checked the rule (actions.solve)."""
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        if locked.status in PENDING:
            return False
        locked.status = ScenarioStatus.QUEUED
        locked.stage = ""
        locked.requested_at = timezone.now()
        locked.save(update_fields=["status", "stage", "requested_at", "updated_at"])
        if not settings.ZZ_RUN_TASKS_INLINE:
            enqueue_on_commit(solve_scenario, scenario.pk)
    if settings.ZZ_RUN_TASKS_INLINE:  # tests and single-process runs: at once
        run(scenario.pk)
    return True


@task
def solve_scenario(scenario_id: int) -> str:
    return run(scenario_id)


def requeue_lost() -> int:
    """Queue again the solves a dead worker left behind (a core.tasks recovery)."""
    lost = Scenario.objects.filter(status__in=PENDING, requested_at__lt=timezone.now() - LOST_AFTER)
    ids = list(lost.values_list("pk", flat=True))
    Scenario.objects.filter(pk__in=ids).update(
        status=ScenarioStatus.QUEUED, requested_at=timezone.now()
    )
    for pk in ids:
        enqueue_on_commit(solve_scenario, pk)
    return len(ids)


def _stage(scenario_id: int, stage: str) -> None:
    Scenario.objects.filter(pk=scenario_id).update(stage=stage)


def run(scenario_id: int) -> str:
    """Solve a queued scenario once."""
    with transaction.atomic():
        scenario = Scenario.objects.select_for_update().filter(pk=scenario_id).first()
        if scenario is None or scenario.status != ScenarioStatus.QUEUED:
            return "nothing"
        scenario.status = ScenarioStatus.RUNNING
        scenario.save(update_fields=["status"])
    try:
        _stage(scenario_id, "inputs")
        inputs = build(scenario)
        _stage(scenario_id, "solve")
        plan = solve(inputs.instance, time_limit=TIME_LIMIT)
        extra: dict[str, Any] = {}
        marks: Mapping[tuple[str, str, str], str] = {}
        if plan.status != "infeasible":
            _stage(scenario_id, "sensitivity")
            extra["relaxations"] = [
                {**_limit(r.limit), "step": r.step, "gain": round(r.gain, 2)}
                for r in value_of_more(
                    inputs.instance, plan, limits=to_relax(plan.binding), time_limit=5.0
                )
            ]
            _stage(scenario_id, "robustness")
            marks = robustness(inputs.instance, plan, time_limit=TIME_LIMIT / 2)
    except Exception:
        Scenario.objects.filter(pk=scenario_id).update(
            status=ScenarioStatus.FAILED, finished_at=timezone.now(), stage=""
        )
        raise
    _save(scenario, inputs, plan, marks, extra)
    return plan.status


RELAX_ORDER = ("trainer_days", "budget", "place_month", "online_month", "land_share")


def to_relax(binding: Sequence[Limit]) -> list[Limit]:
    """The binding limits worth one re-solve each: every kind in turn (trainer days first, the
    question centres ask most), so six online months do not crowd out the trainer days."""
    queues = [[b for b in binding if b.kind == kind] for kind in RELAX_ORDER]
    out: list[Limit] = []
    while len(out) < MAX_RELAXED and any(queues):
        for queue in queues:
            if queue and len(out) < MAX_RELAXED:
                out.append(queue.pop(0))
    return out


def _limit(limit: Any) -> dict[str, Any]:
    return {
        "kind": limit.kind,
        "key": limit.key,
        "used": round(limit.used, 2),
        "available": round(limit.available, 2),
    }


@transaction.atomic
def _save(
    scenario: Scenario,
    inputs: Inputs,
    plan: Plan,
    marks: Mapping[tuple[str, str, str], str],
    extra: dict[str, Any],
) -> None:
    instance = inputs.instance
    demands = {d.key: d for d in instance.demands}
    options = {o.key: o for o in instance.options}
    kept = {
        (i.option, i.place, i.month): i
        for i in scenario.items.all()
        if i.fixed or i.removed or i.added
    }
    scenario.items.exclude(pk__in=[i.pk for i in kept.values()]).delete()
    infeasible = plan.status == "infeasible"
    for p in () if infeasible else plan.items:
        option = options[p.option]
        module = inputs.modules[p.option]
        values = {
            "module_id": module.pk,
            "title": module.title,
            "format": option.format,
            "place_label": _place_label(inputs, p.place),
            "land": "" if p.place == ONLINE else inputs.places[p.place]["land"],
            "sessions": p.sessions,
            "participants": round(p.participants, 1),
            "covered": round(p.covered, 2),
            "reasons": reasons(p.demands, demands, option.format)
            | time_reason(p.demands, demands, inputs, float(module.duration_hours)),
            "robustness": marks.get((p.option, p.place, p.month), ""),
        }
        existing = kept.get((p.option, p.place, p.month))
        if existing is not None:
            for name, value in values.items():
                setattr(existing, name, value)
            existing.save()
        else:
            ScenarioItem.objects.create(
                scenario=scenario, option=p.option, place=p.place, month=p.month, **values
            )
    scenario.result = {
        "status": plan.status,
        "objective": round(plan.objective, 2),
        "gap": plan.gap if math.isfinite(plan.gap) else None,  # an infeasible plan has none
        "needs": inputs.needs.as_json(),
        "binding": [_limit(limit) for limit in plan.binding],
        "infeasible": [_limit(limit) for limit in plan.infeasible],
        "relaxations": extra.get("relaxations", []),
        "uncovered": uncovered(instance.demands, plan.covered),
        "coverage": coverage(instance.demands, plan.covered),
        "cost": round(sum(options[p.option].cost * p.sessions for p in plan.items), 2),
        "budget": instance.resources.budget,
        "trainer_load": trainer_load(instance, plan),
        "sessions": sum(p.sessions for p in plan.items),
        "modules": len(inputs.modules),
        "demands": len(instance.demands),
    }
    scenario.status = ScenarioStatus.INFEASIBLE if infeasible else ScenarioStatus.DONE
    scenario.stage = ""
    scenario.finished_at = timezone.now()
    scenario.save(update_fields=["result", "status", "stage", "finished_at", "updated_at"])


def _place_label(inputs: Inputs, place: str) -> str:
    return "online" if place == ONLINE else str(inputs.places[place]["name"])


# --- what is stored (pure over the optimiser's keys and numbers) --------------------------
def reasons(keys: Iterable[str], demands: Mapping[str, Demand], fmt: str) -> dict[str, Any]:
    """Why an item is in the plan: the two largest needs it serves (topic, Land, weighted
    establishments), the waitlists and gaps it serves, and the share of the served
    establishments whose preferred formats this format matches."""
    needs: dict[tuple[str, str], float] = defaultdict(float)
    unmet: list[list[Any]] = []
    fit_num = fit_den = 0.0
    for key in keys:
        demand = demands.get(key)
        if demand is None:
            continue
        if ":" in demand.topic:  # "module:<key>" or "competence:<id>"
            unmet.append([demand.topic, demand.land, demand.companies])
            continue
        needs[(demand.topic, demand.land)] += demand.companies * demand.weight
        if demand.formats:
            fit_num += demand.companies * demand.formats.get(fmt, 0.0)
            fit_den += demand.companies
    top = sorted(needs.items(), key=lambda kv: -kv[1])[:2]
    return {
        "needs": [[topic, land, round(value, 1)] for (topic, land), value in top],
        "unmet": unmet[:3],
        "fit": round(fit_num / fit_den, 3) if fit_den else None,
    }


def time_reason(
    keys: Iterable[str], demands: Mapping[str, Demand], inputs: Inputs, hours: float
) -> dict[str, Any]:
    """How many companies in the item's main Land have the time for the module each month."""
    lands = [demands[k].land for k in keys if k in demands and ":" not in demands[k].topic]
    if not lands:
        return {}
    land = max(sorted(set(lands)), key=lands.count)
    fit = time_fit(inputs.time_budgets.get(land, {}), hours)
    return {} if fit is None else {"time": [land, round(fit, 3), hours]}


def uncovered(demands: Iterable[Demand], covered: Mapping[str, float]) -> list[list[Any]]:
    """The largest needs that stay open, by topic and Land: [topic, land, open, total]."""
    open_: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for d in demands:
        cell = open_[(d.topic, d.land)]
        cell[0] += max(0.0, d.companies - covered.get(d.key, 0.0))
        cell[1] += d.companies
    ranked = sorted(open_.items(), key=lambda kv: -kv[1][0])[:MAX_UNCOVERED]
    return [[t, land, round(o, 1), round(total, 1)] for (t, land), (o, total) in ranked if o >= 1]


def coverage(demands: Iterable[Demand], covered: Mapping[str, float]) -> dict[str, Any]:
    """Covered and total need by Land, industry, size class and topic (needs cells only)."""
    out: dict[str, dict[str, list[float]]] = {"land": {}, "industry": {}, "size": {}, "topic": {}}
    for d in demands:
        if ":" in d.topic:
            continue
        for dim, value in (
            ("land", d.land),
            ("industry", d.industry),
            ("size", d.size_class),
            ("topic", d.topic),
        ):
            cell = out[dim].setdefault(value, [0.0, 0.0])
            cell[0] += min(d.companies, covered.get(d.key, 0.0))
            cell[1] += d.companies
    return {
        dim: {k: [round(c, 1), round(t, 1)] for k, (c, t) in sorted(cells.items())}
        for dim, cells in out.items()
    }


def trainer_load(instance: Instance, plan: Plan) -> dict[str, list[float]]:
    """Trainer days used and available per area over the period."""
    options = {o.key: o for o in instance.options}
    out: dict[str, list[float]] = {}
    for (_month, area), days in instance.resources.trainer_days.items():
        out.setdefault(area, [0.0, 0.0])[1] += days
    for p in plan.items:
        option = options[p.option]
        out.setdefault(option.competence, [0.0, 0.0])[0] += option.trainer_days * p.sessions
    return {k: [round(u, 2), round(a, 2)] for k, (u, a) in out.items()}
