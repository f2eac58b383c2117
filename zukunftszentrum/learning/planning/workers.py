"""Person solves of a team in two processes: half of the person models live in a forked worker.

The person solves of one step (everyone alone; the nodes a master round picked; the repair's
re-plans whose full offers are certain, repair.py) are independent,
and almost all of a team plan's time is HiGHS inside them. So with a core to spare, the team's
distinct person models are dealt out once, alternately, to the planning process and to one
forked worker; every operation on a model (its solves and its LP bounds) runs where the model
lives, in the order the sequential planner would run it. Each model therefore goes through the
same sequence of warm LP re-solves and MIP runs as without the worker, and the plan, the stats
and every tie broken are the same as the sequential ones (tested). The planning process keeps
a mirror of each remote model's answers, so remembered answers cost no round trip.

Only fork is used (the worker inherits the person models and builds its own at their first
question; nothing is pickled but keys, plans and figures), only where fork exists and only for
teams large enough to pay for it.
If the worker fails, its models are solved in the planning process from then on (still exact).
Pure: no Django.
"""

from __future__ import annotations

import contextlib
import os
import time
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from multiprocessing.connection import Connection, Pipe
from typing import Any

from .person_model import PersonModel, Plan

# Below this many distinct person models a second process does not pay for its fork.
MIN_MODELS = 40

Answer = tuple[str, Plan | None]


def default_workers() -> int:
    """2 where fork exists and this process may run on two cores or more, else 1."""
    if not hasattr(os, "fork"):
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 if (cores or 1) >= 2 else 1


class RemoteModel(PersonModel):
    """A person model whose solves and bounds run in the worker; it shares the local model's
    state (problem, remembered answers, counts), which mirrors the worker's."""

    def __init__(self, local: PersonModel, pool: Pool, index: int) -> None:
        self.__dict__ = local.__dict__  # the same memo dicts: answers land in both
        self._pool = pool
        self._index = index
        self._known: dict[frozenset[str], float] = {}  # LP bounds the worker computed ahead

    def solve(self, forbidden: Iterable[str], time_limit: float) -> Answer:
        key = self.key(forbidden)
        if key not in self.plans and self._pool.alive:
            with contextlib.suppress(EOFError, OSError):  # a dead worker: solved here instead
                return self._pool.remote_solve(self, key, time.perf_counter() + time_limit)
        return PersonModel.solve(self, key, time_limit)

    def bound(self, forbidden: Iterable[str]) -> float:
        key = self.key(forbidden)
        if key in self.plans:
            return PersonModel.bound(self, key)
        if key not in self._known and self._pool.alive:
            with contextlib.suppress(EOFError, OSError):  # a dead worker: bounded here instead
                [reply] = self._pool.call(("bounds", [(self._index, key)]))
                self._bounded(key, reply)
        return self._known[key] if key in self._known else PersonModel.bound(self, key)

    def _bounded(self, key: frozenset[str], reply: tuple[float, bool, Plan | None, Counter[str]]) -> None:  # fmt: skip
        value, known, plan, counts = reply
        self._known[key] = float(value)
        if known:  # the LP optimum was integral: the worker now knows the plan
            self.plans[key] = plan
        self._count(counts)

    def _record(self, key: frozenset[str], answer: Answer | None, counts: Counter[str]) -> None:
        if answer is not None and answer[0] != "time_limit":
            self.plans[key] = answer[1]
        self._count(counts)

    def _count(self, counts: Counter[str]) -> None:
        self.counts.clear()
        self.counts.update(counts)


class Pool:
    """Deals the distinct models out to this process and one forked worker (see above)."""

    def __init__(self, models: Sequence[PersonModel]) -> None:
        self.alive = False
        distinct = list({id(m): m for m in models}.values())
        self._theirs = distinct[1::2]
        parent, child = Pipe()
        with warnings.catch_warnings():
            # HiGHS and numpy may hold idle threads; the worker only runs HiGHS single-threaded
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the worker
            parent.close()
            code = 0
            try:
                _serve(child, self._theirs)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        child.close()
        self._pid, self._conn, self.alive = pid, parent, True
        remote = {id(m): RemoteModel(m, self, k) for k, m in enumerate(self._theirs)}
        self.models = [remote.get(id(m), m) for m in models]

    def call(self, message: tuple[Any, ...]) -> Any:
        try:
            self._conn.send(message)
            return self._conn.recv()
        except (EOFError, OSError):
            self.alive = False
            raise

    def remote_solve(self, model: RemoteModel, key: frozenset[str], deadline: float) -> Answer:
        [(answer, counts)] = self.call(("solve", [(model._index, key)], deadline))
        model._record(key, answer, counts)
        return answer if answer is not None else ("time_limit", None)

    def solve_all(
        self, jobs: Sequence[tuple[PersonModel, Iterable[str]]], deadline: float
    ) -> list[Answer | None]:
        """Every job's answer in order (None: not started, the deadline had passed); the
        worker's share runs while this process solves its own."""
        keyed = [(m, m.key(forbidden)) for m, forbidden in jobs]
        theirs = [
            (k, m, key)
            for k, (m, key) in enumerate(keyed)
            if isinstance(m, RemoteModel) and key not in m.plans
        ]
        sent = False
        if theirs and self.alive:
            try:
                payload = [(m._index, key) for _, m, key in theirs]
                self._conn.send(("solve", payload, deadline))
                sent = True
            except OSError:
                self.alive = False
        answers: list[Answer | None] = [None] * len(keyed)
        remote = {k for k, _, _ in theirs} if sent else set()
        for k, (m, key) in enumerate(keyed):
            if k not in remote:
                answers[k] = solve_local(m, key, deadline)
        if sent:
            try:
                replies = self._conn.recv()
            except (EOFError, OSError):
                self.alive = False
                replies = None
            for n, (k, m, key) in enumerate(theirs):
                if replies is None:
                    answers[k] = solve_local(m, key, deadline)
                else:
                    answer, counts = replies[n]
                    assert isinstance(m, RemoteModel)
                    m._record(key, answer, counts)
                    answers[k] = answer
        # a job repeated in the batch (colleagues sharing a model) is remembered by now
        return [
            a if a is not None or key not in m.plans else solve_local(m, key, deadline)
            for a, (m, key) in zip(answers, keyed, strict=True)
        ]

    def bounds_all(self, jobs: Sequence[tuple[PersonModel, frozenset[str]]]) -> None:
        """The LP bounds of these nodes (each model's in the order given), the worker's share
        while this process computes its own; later `bound` calls find them."""
        keyed = [(m, m.key(forbidden)) for m, forbidden in jobs]
        theirs = [(m, key) for m, key in keyed if isinstance(m, RemoteModel) and key not in m.plans]
        if not self.alive or not theirs:
            return
        try:
            self._conn.send(("bounds", [(m._index, key) for m, key in theirs]))
        except OSError:
            self.alive = False
            return
        for m, key in keyed:
            if not isinstance(m, RemoteModel):
                m.bound(key)
        try:
            replies = self._conn.recv()
        except (EOFError, OSError):
            self.alive = False
            return
        for (m, key), reply in zip(theirs, replies, strict=True):
            assert isinstance(m, RemoteModel)
            m._bounded(key, reply)

    def close(self) -> None:
        if self.alive:
            with contextlib.suppress(OSError):
                self._conn.send(None)
        self.alive = False
        self._conn.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)


def solve_local(m: PersonModel, key: frozenset[str], deadline: float) -> Answer | None:
    """The answer in this process; None when not remembered and the deadline has passed."""
    if key not in m.plans and time.perf_counter() > deadline:
        return None
    return PersonModel.solve(m, key, max(0.05, deadline - time.perf_counter()))


def _serve(conn: Connection, models: list[PersonModel]) -> None:
    while True:
        message = conn.recv()
        if message is None:
            return
        if message[0] == "bounds":
            replies = []
            for index, key in message[1]:
                model = models[index]
                value = model.bound(key)
                known = key in model.plans
                replies.append((value, known, model.plans.get(key), Counter(model.counts)))
            conn.send(replies)
            continue
        _, payload, deadline = message
        answers = []
        for index, key in payload:
            model = models[index]
            answer = solve_local(model, key, deadline)
            answers.append((answer, Counter(model.counts)))
        conn.send(answers)


def solve_all(
    pool: Pool | None, jobs: Sequence[tuple[PersonModel, frozenset[str]]], deadline: float
) -> list[Answer | None]:
    """The jobs' answers in order (None: not started, out of time), in two processes if any."""
    if pool is not None:
        return pool.solve_all(jobs, deadline)
    return [solve_local(m, m.key(forbidden), deadline) for m, forbidden in jobs]
