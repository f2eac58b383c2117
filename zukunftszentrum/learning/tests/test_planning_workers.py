"""Person solves of a team in a forked worker: the plan, its stats and every tie broken must be
the ones the sequential planner gives, and a worker that dies must not cost the plan."""

import os
import random
import signal

import pytest

from zukunftszentrum.learning.planning import Catalogue, Learner, Weights, plan_team
from zukunftszentrum.learning.planning import workers as parallel
from zukunftszentrum.learning.planning.catalogue import prepare
from zukunftszentrum.learning.planning.team import person_models

from .test_planning_bruteforce import COMPETENCES, random_instance, random_learner

W = Weights()
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker is forked")


def _team(seed: int, n: int):
    rng = random.Random(70_000 + seed)
    modules, offers = random_instance(rng, 7)
    offers = [o for o in offers if o.free_seats <= 2]  # scarce: people compete, trees grow
    targets = {c: rng.randint(2, 4) for c in COMPETENCES}
    learners = [random_learner(rng, f"p{i}", modules, targets) for i in range(n)]
    learners = [Learner(**{**x.__dict__, "locked": frozenset()}) for x in learners]
    return learners, Catalogue(modules, offers)


def _outcome(team):
    stats = dict(team.stats)
    return (
        team.status,
        team.schedule,
        {k: (p.steps, p.open_gaps, p.objective) for k, p in team.plans.items()},
        stats,
    )


@needs_fork
@pytest.mark.parametrize("seed", range(12))
def test_a_worker_gives_the_sequential_plan_stats_and_ties(seed, monkeypatch):
    learners, cat = _team(seed, 10)
    monkeypatch.setattr(parallel, "MIN_MODELS", 2)
    made = []
    original = parallel.Pool.__init__

    def counting(self, models):
        made.append(self)
        original(self, models)

    monkeypatch.setattr(parallel.Pool, "__init__", counting)
    alone = plan_team(learners, cat, workers=1, time_limit=60.0)
    assert not made
    together = plan_team(learners, cat, workers=2, time_limit=60.0)
    assert len(made) == 1 and not made[0].alive  # used, and closed again
    assert _outcome(together) == _outcome(alone)


@needs_fork
def test_small_teams_stay_in_one_process(monkeypatch):
    learners, cat = _team(0, 3)

    def refuse(self, models):
        raise AssertionError("no worker for three people")

    monkeypatch.setattr(parallel.Pool, "__init__", refuse)
    assert plan_team(learners, cat, workers=2).status in ("optimal", "partial")


@needs_fork
def test_when_the_worker_dies_its_models_are_solved_here():
    learners, cat = _team(3, 8)
    models = person_models([prepare(x, cat) for x in learners], W)
    expected = [parallel.solve_local(m, frozenset(), float("inf")) for m in models]
    fresh = person_models([prepare(x, cat) for x in learners], W)
    pool = parallel.Pool(fresh)
    os.kill(pool._pid, signal.SIGKILL)
    os.waitpid(pool._pid, 0)
    try:
        remote = next(m for m in pool.models if isinstance(m, parallel.RemoteModel))
        asked = pool.models.index(remote)
        assert remote.solve((), 10.0) == expected[asked]  # one question: answered here
        assert not pool.alive
        got = pool.solve_all([(m, frozenset()) for m in pool.models], float("inf"))
        assert remote.bound(()) == models[asked].bound(())
    finally:
        pool.close()
    assert got == expected
