"""Running a built model through HiGHS (highspy), quietly. Pure: no Django."""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass

import highspy
import numpy as np

from .build import Built

_lock = threading.Lock()
_local = threading.local()


def _quiet_highs() -> highspy.Highs:
    """A solver object whose banner does not reach stdout.

    HiGHS writes its banner from the C++ constructor, the first time in a process, before any
    option can be set; stdout is therefore pointed at /dev/null while the object is made."""
    with _lock:
        sys.stdout.flush()
        saved = os.dup(1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
            # the banner may sit in C's stdout buffer: flush it into /dev/null
            with contextlib.suppress(OSError, AttributeError):
                ctypes.CDLL(None).fflush(None)
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)
    return h


def _highs() -> highspy.Highs:
    """One solver object per thread, emptied before each use."""
    h = getattr(_local, "highs", None)
    if h is None:
        h = _local.highs = _quiet_highs()
        # highspy routes every solver event through a Python callback; none is used here
        h.disableCallbacks()
    h.clearModel()
    h.clearSolver()
    h.resetOptions()
    h.setOptionValue("output_flag", False)
    return h


@dataclass
class Result:
    status: str  # "optimal" | "time_limit" | "infeasible"
    columns: np.ndarray  # column values (empty when there is no solution)
    rows: np.ndarray  # row activities
    gap: float
    seconds: float


def run(
    b: Built,
    *,
    time_limit: float,
    mip_gap: float,
    start: Mapping[int, float] | None = None,
) -> Result:
    n = len(b.cost)
    if n == 0:
        return Result("optimal", np.zeros(0), np.zeros(len(b.row_lower)), 0.0, 0.0)
    h = _highs()
    h.setOptionValue("threads", 1)  # several solves run side by side on a small machine
    h.setOptionValue("mip_rel_gap", float(mip_gap))
    h.setOptionValue("time_limit", float(time_limit))
    h.addCols(
        n,
        np.array(b.cost),
        np.array(b.lower),
        np.array(b.upper),
        0,
        np.array([], dtype=np.int32),
        np.array([], dtype=np.int32),
        np.array([], dtype=np.float64),
    )
    if b.integer:
        h.changeColsIntegrality(
            len(b.integer),
            np.array(b.integer, dtype=np.int32),
            np.full(len(b.integer), highspy.HighsVarType.kInteger),
        )
    if b.row_lower:
        h.addRows(
            len(b.row_lower),
            np.array(b.row_lower),
            np.array(b.row_upper),
            len(b.index),
            np.array(b.starts, dtype=np.int32),
            np.array(b.index, dtype=np.int32),
            np.array(b.value),
        )
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    if start:
        # a feasible plan to start from (greedy, or the plan before one more unit)
        idx = np.array(list(start), dtype=np.int32)
        h.setSolution(len(idx), idx, np.array(list(start.values()), dtype=np.float64))
    if h.run() == highspy.HighsStatus.kError:
        # the process's HiGHS scheduler was started with another thread count: use that one
        h.setOptionValue("threads", 0)
        if h.run() == highspy.HighsStatus.kError:
            raise RuntimeError("HiGHS could not solve the concept model")
    status = h.getModelStatus()
    seconds = h.getRunTime()
    info = h.getInfo()
    if status in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    ):
        return Result("infeasible", np.zeros(0), np.zeros(0), float("inf"), seconds)
    solution = h.getSolution()
    has_solution = info.primal_solution_status == 2
    if not has_solution:
        return Result("time_limit", np.zeros(0), np.zeros(0), float("inf"), seconds)
    result = "optimal" if status == highspy.HighsModelStatus.kOptimal else "time_limit"
    gap = 0.0 if result == "optimal" else float(info.mip_gap)
    if result == "optimal" and b.integer:
        gap = max(0.0, float(info.mip_gap))
    return Result(
        result, np.asarray(solution.col_value), np.asarray(solution.row_value), gap, seconds
    )
