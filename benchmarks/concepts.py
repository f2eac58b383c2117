"""Benchmark of the concept optimiser (issue 16): a national instance, MIP (HiGHS) against greedy.

Run: UV_PYTHON_DOWNLOADS=never uv run python benchmarks/concepts.py [--modules 500] [--gap 0.005]

The instance (fixed seed, zukunftszentrum/concepts/optimiser/synthetic.py): the 401 real Kreise
(population, area) placed at a seeded point inside their Land, demand per Kreis x topic (12
topics), 500 modules in one or two of four formats, 30 places, 12 months, trainer days per month
and competence, a budget, 4 sessions per place and month, 40 online sessions a month, 2 % of all
sessions for every Land. Each cell travels to its 2 nearest places within 120 km and considers
its 2 best options (the model is solved over its LP relaxation's support; the gap is proven
against the full relaxation). Prints the model's size, the greedy baseline's coverage and time, and the
MIP's coverage, gap and time in the same run. Aim: under 10 s to a proven optimum or a gap under
1 %. Prints figures, asserts nothing about time.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from zukunftszentrum.concepts.optimiser import greedy, solve
from zukunftszentrum.concepts.optimiser.build import build
from zukunftszentrum.concepts.optimiser.synthetic import load_kreise, load_lands, national_instance
from zukunftszentrum.core.geo import GEOJSON_PATH

KREISE_CSV = (
    Path(__file__).resolve().parents[1] / "zukunftszentrum/organisations/data/kreise_2018.csv"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=500)
    parser.add_argument("--places", type=int, default=30)
    parser.add_argument("--options-per-cell", type=int, default=2)
    parser.add_argument("--gap", type=float, default=0.005)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()

    start = time.perf_counter()
    lands, codes = load_lands(GEOJSON_PATH)
    instance = national_instance(
        load_kreise(KREISE_CSV), lands, codes, modules=args.modules, places=args.places
    )
    instance = replace(
        instance, policy=replace(instance.policy, options_per_cell=args.options_per_cell)
    )
    made = time.perf_counter() - start
    print(
        f"instance: {len(instance.demands)} demand cells (Kreis x topic), {len(instance.options)} "
        f"options ({args.modules} modules), {len(instance.places)} places, "
        f"{len(instance.resources.months)} months; generated in {made:.1f} s"
    )

    start = time.perf_counter()
    b = build(instance)
    built = time.perf_counter() - start
    print(
        f"model: {len(b.cost):,} variables ({len(b.integer):,} integer sessions, {len(b.y):,} "
        f"assignments), {len(b.row_lower):,} constraints, {len(b.index):,} non-zeros; "
        f"built in {built:.1f} s"
    )

    start, cpu = time.perf_counter(), time.process_time()
    base = greedy(instance)
    greedy_s, greedy_cpu = time.perf_counter() - start, time.process_time() - cpu
    base_sessions = sum(i.sessions for i in base.items)
    print(
        f"greedy: covered {base.objective:,.1f} with {base_sessions} sessions in {greedy_s:.2f} s "
        f"({greedy_cpu:.2f} s CPU)"
    )

    start, cpu = time.perf_counter(), time.process_time()
    plan = solve(instance, time_limit=args.time_limit, mip_gap=args.gap, start=base)
    mip_s, mip_cpu = time.perf_counter() - start, time.process_time() - cpu
    sessions = sum(i.sessions for i in plan.items)
    print(
        f"MIP:    covered {plan.objective:,.1f} with {sessions} sessions, status {plan.status}, "
        f"gap {plan.gap:.2%}, {mip_s:.2f} s ({mip_cpu:.2f} s CPU; {plan.seconds:.2f} s in "
        f"HiGHS), after the greedy start"
    )
    ratio = plan.objective / base.objective if base.objective else float("inf")
    total = sum(d.companies * d.weight for d in instance.demands)
    print(
        f"MIP / greedy = {ratio:.3f}; the MIP covers {plan.objective / total:.2%} of the weighted "
        f"need ({total:,.0f}), greedy {base.objective / total:.2%}"
    )
    kinds: dict[str, int] = {}
    for limit in plan.binding:
        kinds[limit.kind] = kinds.get(limit.kind, 0) + 1
    print("binding limits: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


if __name__ == "__main__":
    main()
