"""Benchmark of the learning-path planner: exact MIP (HiGHS) against the greedy baseline.

Run: UV_PYTHON_DOWNLOADS=never uv run python benchmarks/learning.py [--people 1000] [--team 250]

A synthetic catalogue (fixed seed): 500 modules over 40 competences, levels 1-4, prerequisites as
lower levels or earlier modules of the same competence, 2,000 dated offers (online and in person in
the 16 Länder, 0-20 free seats). Then per-person plans for --people people (time per person:
median, 95th percentile) and one team plan for --team colleagues of one company with scarce seats;
the greedy baseline runs on the same instances in the same run. Aims (issue 12): median under
50 ms per person, a team of 250 under 10 s, never worse than greedy. Prints figures, asserts nothing
about time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter
from datetime import date

from zukunftszentrum.learning.planning import (
    Catalogue,
    Learner,
    Module,
    Offer,
    Weights,
    greedy_person,
    greedy_team,
    plan_person,
    plan_team,
)

SEED = 2027
LANDS = (
    "BW",
    "BY",
    "BE",
    "BB",
    "HB",
    "HH",
    "HE",
    "MV",
    "NI",
    "NW",
    "RP",
    "SL",
    "SN",
    "ST",
    "SH",
    "TH",
)
COMPETENCES = [f"c{i:02d}" for i in range(40)]
# format -> (hours range, cost range, months an offer spans)
FORMATS = {
    "self_learning": ((1, 4), (0, 0), 1),
    "webinar": ((1.5, 3), (0, 90), 1),
    "workshop": ((4, 8), (150, 600), 1),
    "inhouse_lab": ((8, 16), (800, 2000), 2),
    "blended": ((6, 12), (200, 700), 2),
}
FORMAT_SHARE = (0.4, 0.2, 0.2, 0.08, 0.12)


def month_date(month: int, day: int) -> date:
    """Month 0 = January 2027."""
    return date(2027 + month // 12, month % 12 + 1, day)


def catalogue(rng: random.Random, n_modules: int = 500, n_offers: int = 2000):
    modules: list[Module] = []
    by_level: dict[tuple[str, int], list[str]] = {}
    for i in range(n_modules):
        fmt = rng.choices(list(FORMATS), FORMAT_SHARE)[0]
        (h0, h1), (c0, c1), _ = FORMATS[fmt]
        level = rng.choices((1, 2, 3, 4), (0.25, 0.3, 0.3, 0.15))[0]
        main = rng.choice(COMPETENCES)
        reaches = {main: level}
        if rng.random() < 0.3:
            reaches[rng.choice(COMPETENCES)] = max(1, level - rng.randint(0, 1))
        requires_levels: dict[str, int] = {}
        requires_modules: tuple[str, ...] = ()
        if level >= 3 and rng.random() < 0.7:
            requires_levels = {main: level - 1}
        elif level >= 2 and rng.random() < 0.15 and by_level.get((main, level - 1)):
            requires_modules = (rng.choice(by_level[(main, level - 1)]),)
        module_id = f"m{i:03d}"
        modules.append(
            Module(
                module_id,
                reaches,
                hours=round(rng.uniform(h0, h1) * 2) / 2,
                cost=round(rng.uniform(c0, c1), -1),
                format=fmt,
                requires_modules=requires_modules,
                requires_levels=requires_levels,
            )
        )
        by_level.setdefault((main, level), []).append(module_id)
    dated = [m for m in modules if m.format != "self_learning"]
    offers = []
    for k in range(n_offers):
        module = dated[k % len(dated)] if k < len(dated) else rng.choice(dated)
        span = FORMATS[module.format][2]
        first = rng.randrange(0, 13 - span)
        online = module.format == "webinar" or (module.format == "blended" and rng.random() < 0.5)
        offers.append(
            Offer(
                f"o{k:04d}",
                module.id,
                month_date(first, rng.randint(1, 20)),
                month_date(first + span - 1, 25),
                free_seats=rng.choice((0, 2, 5, 8, 12, 20)),
                online=online,
                land="" if online else rng.choice(LANDS),
            )
        )
    return modules, offers


def person(rng: random.Random, i: int, *, land: str | None = None, profile=None) -> Learner:
    targets = profile or {c: rng.randint(2, 4) for c in rng.sample(COMPETENCES, rng.randint(4, 8))}
    current = {c: rng.choice((0, 0, 1, 1, 2)) for c in COMPETENCES}
    start = rng.randrange(0, 6) if land is None else 0
    return Learner(
        f"p{i:04d}",
        current,
        targets,
        start=month_date(start, 1),
        end=month_date(start + 6, 1),  # six months and one day
        monthly_hours=rng.choice((4, 6, 8, 10, 12)),
        land=land or rng.choice(LANDS),
        accepts_online=rng.random() < 0.85,
        travels=rng.random() < 0.8,
    )


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def compare(exact, greedy) -> str:
    """'worse' when greedy closes fewer gaps or needs a higher weighted total."""
    e = (len(exact.open_gaps), round(exact.objective, 6))
    g = (len(greedy.open_gaps), round(greedy.objective, 6))
    return "equal" if g == e else ("worse" if g > e else "better")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--team", type=int, default=250)
    parser.add_argument(
        "--team-seconds", type=float, default=10.0, help="time limit of the team MIP"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes for the team's person solves (default: 2 where the machine allows)",
    )
    parser.add_argument(
        "--before",
        action="store_true",
        help="also run the former team method (one joint MIP) on the same team, for comparison",
    )
    args = parser.parse_args()
    rng = random.Random(SEED)  # noqa: S311 - synthetic data, not security
    modules, offers = catalogue(rng)
    began = time.perf_counter()
    cat = Catalogue(modules, offers)
    print(
        f"catalogue: {len(modules)} modules over {len(COMPETENCES)} competences, "
        f"{len(offers)} offers, seed {SEED} (index built in {(time.perf_counter() - began) * 1000:.1f} ms)"
    )
    print(f"formats: {dict(Counter(m.format for m in modules))}")
    print(
        f"with prerequisites: {sum(bool(m.requires_levels or m.requires_modules) for m in modules)}"
    )

    people = [person(rng, i) for i in range(args.people)]
    if people:
        per_person(people, cat)
    team_benchmark(args, modules, offers)


def per_person(people: list[Learner], cat: Catalogue) -> None:
    exact_ms, greedy_ms = [], []
    outcome: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    gaps = closed_exact = closed_greedy = 0
    hours_saved = cost_saved = 0.0
    for learner in people:
        start = time.perf_counter()
        exact = plan_person(learner, cat)
        exact_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        greedy = greedy_person(learner, cat)
        greedy_ms.append((time.perf_counter() - start) * 1000)
        statuses[exact.status] += 1
        outcome[compare(exact, greedy)] += 1
        reasons.update(g.reason for g in exact.open_gaps)
        gaps += len(learner.gaps())
        closed_exact += len(learner.gaps()) - len(exact.open_gaps)
        closed_greedy += len(learner.gaps()) - len(greedy.open_gaps)
        if len(greedy.open_gaps) == len(exact.open_gaps):
            hours_saved += greedy.total_hours - exact.total_hours
            cost_saved += greedy.total_cost - exact.total_cost
    n = len(people)
    print(f"\nper person, {n} people (6-month window, 4-12 h a month, 4-8 targets each)")
    print(
        f"  MIP:    median {statistics.median(exact_ms):6.1f} ms, p95 {quantile(exact_ms, 0.95):6.1f} ms, "
        f"max {max(exact_ms):7.1f} ms, total {sum(exact_ms) / 1000:.1f} s"
    )
    print(
        f"  greedy: median {statistics.median(greedy_ms):6.1f} ms, p95 {quantile(greedy_ms, 0.95):6.1f} ms, "
        f"max {max(greedy_ms):7.1f} ms"
    )
    print(f"  status: {dict(statuses)}")
    print(f"  gaps: {gaps}, closed by the MIP {closed_exact}, by greedy {closed_greedy}")
    print(f"  open gaps by reason (MIP): {dict(reasons.most_common())}")
    print(
        f"  greedy vs MIP: worse {outcome['worse']}, equal {outcome['equal']}, "
        f"better {outcome['better']} (must be 0)"
    )
    print(
        f"  where both close the same gaps, the MIP saves {hours_saved:.1f} h "
        f"({hours_saved / n:.2f} h a person) and {cost_saved:,.0f} EUR in total"
    )


def team_benchmark(args, modules: list[Module], offers: list[Offer]) -> None:
    """One company in Hamburg, three job profiles, scarce seats."""
    team_rng = random.Random(SEED + 1)  # noqa: S311 - synthetic data, not security
    profiles = [
        {c: team_rng.randint(2, 4) for c in team_rng.sample(COMPETENCES, team_rng.randint(4, 7))}
        for _ in range(3)
    ]
    team = [
        person(team_rng, 5000 + i, land="HH", profile=profiles[i % 3]) for i in range(args.team)
    ]
    scarce = [
        Offer(o.id, o.module, o.first_date, o.last_date, min(o.free_seats, 4), o.online, o.land)
        for o in offers
    ]
    team_cat = Catalogue(modules, scarce)
    start = time.perf_counter()
    cpu = time.process_time()
    exact_team = plan_team(team, team_cat, time_limit=args.team_seconds, workers=args.workers)
    t_team = time.perf_counter() - start
    cpu = time.process_time() - cpu
    if args.before:
        start = time.perf_counter()
        before = joint_model(team, team_cat, args.team_seconds)
        t_before = time.perf_counter() - start
    start = time.perf_counter()
    greedy_plan = greedy_team(team, team_cat)
    t_greedy = time.perf_counter() - start
    seats_used = sum(len(v) for v in exact_team.schedule.values())
    print(f"\nteam of {len(team)} (one Land, three job profiles, at most 4 free seats per offer)")
    print(
        f"  MIP:    {t_team:6.2f} s (CPU of this process {cpu:.2f} s; time limit "
        f"{args.team_seconds:g} s), status {exact_team.status}, "
        f"{exact_team.stats}"
    )
    print(f"  greedy: {t_greedy:6.2f} s (person after person)")
    if args.before:
        print(
            f"  before: {t_before:6.2f} s, one joint MIP of everyone competing for a seat: "
            f"status {before[0]}, open gaps {before[1]}, weighted total {before[2]:,.6f}"
        )
        after = (
            sum(len(p.open_gaps) for p in exact_team.plans.values()),
            sum(p.objective for p in exact_team.plans.values()),
        )
        print(
            f"  after:  {t_team:6.2f} s, master over per-person plans: status {exact_team.status}, "
            f"open gaps {after[0]}, weighted total {after[1]:,.6f} "
            f"(time ratio after/before {t_team / t_before:.2f})"
        )

    def totals(plan):
        plans = plan.plans.values()
        return (
            sum(len(p.open_gaps) for p in plans),
            sum(p.total_hours for p in plans),
            sum(p.total_cost for p in plans),
        )

    e_open, e_hours, e_cost = totals(exact_team)
    g_open, g_hours, g_cost = totals(greedy_plan)
    team_gaps = sum(len(learner.gaps()) for learner in team)
    print(f"  gaps {team_gaps}: open after MIP {e_open}, after greedy {g_open}")
    print(
        f"  hours MIP {e_hours:,.1f}, greedy {g_hours:,.1f}; cost MIP {e_cost:,.0f} EUR, greedy {g_cost:,.0f} EUR"
    )
    print(f"  seats booked {seats_used} on {len(exact_team.schedule)} offers")


def joint_model(team: list[Learner], cat: Catalogue, seconds: float) -> tuple[str, int, float]:
    """The former team method, for the before/after figures: everyone alone, then one MIP over
    all people whose own optimum uses an over-booked offer (warm-started with the seat repair),
    until nothing is over-booked. Returns (status, open gaps, weighted total)."""
    from zukunftszentrum.learning.planning.catalogue import prepare
    from zukunftszentrum.learning.planning.mip import open_gap_penalty, solve
    from zukunftszentrum.learning.planning.person_model import plan_value
    from zukunftszentrum.learning.planning.repair import repair
    from zukunftszentrum.learning.planning.team import _Clock, person_models

    began = time.perf_counter()
    weights = Weights()
    problems = [prepare(learner, cat) for learner in team]
    penalty = 1.0 + sum(open_gap_penalty(p, weights) - 1.0 for p in problems)
    seats = {o.id: o.free_seats for o in cat.offers.values()}
    alone = [solve([p], weights, time_limit=seconds).chosen[0] for p in problems]
    chosen, coupled, status = list(alone), set(), "optimal"
    repaired = repair(
        problems, person_models(problems, weights), alone, seats, weights, _Clock(seconds)
    )
    while True:
        usage = Counter(o.offer for options in chosen for o in options if o.offer)
        over = {offer for offer, n in usage.items() if n > seats[offer]}
        if not over:
            break
        coupled |= over
        group = [i for i, options in enumerate(alone) if any(o.offer in coupled for o in options)]
        left = max(1.0, seconds - (time.perf_counter() - began))
        solution = solve(
            [problems[i] for i in group],
            weights,
            seats={o: seats[o] for o in coupled},
            time_limit=left,
            penalty=penalty,
            initial=[repaired[i] for i in group] if repaired else None,
        )
        status = status if solution.status == "optimal" else solution.status
        for i, options in zip(group, solution.chosen, strict=True):
            chosen[i] = options
        if solution.status != "optimal":
            break
    values = [plan_value(p, options, weights) for p, options in zip(problems, chosen, strict=True)]
    return status, sum(v[0] for v in values), sum(v[1] for v in values)


if __name__ == "__main__":
    main()
