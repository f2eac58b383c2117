"""Learning paths: the optimal plan of modules and dated offers for one person or a team.

PURE (no Django): the caller turns its models into these inputs and the results into pages.
The method (variables, rows, objective, decomposition, figures) is in
docs/methods/learning-paths.md.

Inputs (frozen dataclasses, `inputs.py`)
    Module(id, reaches: {competence: level}, hours, cost=0.0, format="self_learning",
           requires_modules: tuple[str, ...] = (), requires_levels: {competence: level} = {})
        A module with no offer in the catalogue is self-paced (taken in any month of the window);
        a module with offers can only be taken on one of them.
    Offer(id, module, first_date, last_date, free_seats, online=False, land="", kreis="")
    Learner(id, current: {competence: level}, targets: {competence: level}, start, end,
            monthly_hours, land="", kreis="", accepts_online=True, travels=True,
            extra_lands=frozenset(), locked=frozenset(), excluded=frozenset(),
            completed=frozenset())
        The caller decides which level is "current" (measured evidence before self-rating).
        Completed modules (attended) meet module prerequisites and are not planned again.
        Reach: online offers if accepts_online; in person in the home Land (and extra_lands) if
        travels, else only in the home Kreis.
    Weights(per_hour=1.0, per_euro=1e-4, per_month_late=1e-6)
        Objective per step: per_hour*hours + per_euro*cost + per_month_late*completion month index.
        Default: hours first (10,000 EUR weigh one hour), cost breaks ties, then earlier months.
    Catalogue(modules, offers)
        Index built once and shared by many calls; raises CatalogueError for a duplicate module
        or an offer of an unknown module. `prerequisite_cycle(modules) -> list[str] | None`
        names a cycle of module prerequisites ([a, b, a]) so the catalogue can refuse it.

Functions (`planner.py`)
    plan_person(learner, catalogue, *, weights=None, names=None, time_limit=10.0) -> Plan
        Exact MIP (HiGHS). Closes as many gaps as possible first (lexicographic: each open gap
        costs more than every module the person could take), then the least weighted total.
    greedy_person(learner, catalogue, *, weights=None, names=None) -> Plan
        The greedy set-cover baseline (status "heuristic"); never better than plan_person.
    plan_team(learners, catalogue, *, weights=None, names=None, time_limit=60.0,
              workers=None) -> TeamPlan
        One optimisation for the group with the offers' free seats shared; exact (people who
        compete for an over-booked offer are planned together by a master problem over their
        own plans with some offers forbidden, see team.py and team_master.py; each person's
        model is built once and re-solved with bounds, person_model.py). The time limit holds
        in every phase: then status "time_limit" with the best seat-feasible plan known, never
        worse than greedy, its stats["lower_bound"] and stats["mip_gap"]. Large teams belong in
        a background task (core.tasks), not in a request. `workers` (default: 2 where the
        machine has two cores and fork): a forked worker solves half of the person models of a
        team of at least 40 distinct people, with the same result as one process (workers.py).
    greedy_team(learners, catalogue, *, weights=None, names=None) -> TeamPlan
        Baseline: greedy person after person, seats taken as they go.
    `names` maps competence and module ids to labels used in the German texts.

Results (`results.py`)
    Plan(learner, status, steps, open_gaps, total_hours, total_cost, objective, explanation,
         seconds); property `closed` (number of gaps closed).
        status: "optimal" (all gaps close), "partial" (the best plan; some gaps stay open),
        "infeasible" (locked modules cannot be planned; `explanation` names module and limit),
        "time_limit" (best plan found in time), "heuristic" (greedy).
    Step(module, offer: str | None (None = self-paced), start_month: date, month: date
         (completion month, first day), hours, cost, changes: tuple[Change], why: str)
        Steps are ordered by completion month. why e.g. "schließt: Prompting von Stufe 1 auf 3",
        "Voraussetzung für …", "von Ihnen festgelegt".
    Change(competence, from_level, to_level, closes_gap: bool)
    OpenGap(competence, current, target, reason: code, text: German)
        reason codes (REASONS): no_module "kein Modul erreicht Stufe 4", excluded, no_date
        "kein Termin im Zeitraum", not_in_reach, no_seat, budget "Zeitbudget reicht nicht",
        prerequisite, seats_or_budget (team). Open gaps are the centre's unmet demand.
    TeamPlan(status, plans: {learner id: Plan}, schedule: {offer id: (learner ids…)}, seconds,
             explanation, stats: {rounds, largest_joint_group, coupled_offers, mip_gap,
             lower_bound, certified_by_bound, columns, person_solves, mip_solves, lp_solves,
             shared_models, greedy_was_better})
        The schedule is what a lead may see (who attends which offer); levels and gaps stay in
        the personal plans.
"""

from .catalogue import Catalogue, CatalogueError, prerequisite_cycle
from .inputs import FORMATS, Learner, Module, Offer, Weights
from .planner import HEURISTIC, greedy_person, greedy_team, plan_person, plan_team
from .results import (
    INFEASIBLE,
    OPTIMAL,
    PARTIAL,
    REASONS,
    TIME_LIMIT,
    Change,
    OpenGap,
    Plan,
    Step,
    TeamPlan,
)

__all__ = [
    "FORMATS",
    "HEURISTIC",
    "INFEASIBLE",
    "OPTIMAL",
    "PARTIAL",
    "REASONS",
    "TIME_LIMIT",
    "Catalogue",
    "CatalogueError",
    "Change",
    "Learner",
    "Module",
    "Offer",
    "OpenGap",
    "Plan",
    "Step",
    "TeamPlan",
    "Weights",
    "greedy_person",
    "greedy_team",
    "plan_person",
    "plan_team",
    "prerequisite_cycle",
]
