"""HiGHS for the project's optimisers: a solver object that does not print, and loading a model
given as columns and compressed sparse rows. Pure: no Django.

HiGHS writes its banner from the C++ constructor, the first time in a process, before any
option can be set; it would end up in command output (the demo's seeding) and logs. So stdout is
pointed at /dev/null while the first object of the process is made (only then: other threads
may be writing to stdout). Every optimiser of the project makes its solver objects here."""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import threading
from collections.abc import Sequence

import highspy
import numpy as np

_lock = threading.Lock()
_made = False


def quiet_highs() -> highspy.Highs:
    """A new highspy.Highs with output switched off; the first of the process made silently."""
    global _made
    with _lock:
        if _made:
            h = highspy.Highs()
        else:
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
                _made = True
    h.setOptionValue("output_flag", False)
    return h


def load_model(
    h: highspy.Highs,
    *,
    cost: Sequence[float],
    lower: Sequence[float],
    upper: Sequence[float],
    integer: Sequence[int],
    row_lower: Sequence[float],
    row_upper: Sequence[float],
    starts: Sequence[int],
    index: Sequence[int],
    value: Sequence[float],
) -> None:
    """Columns (without entries), which of them are integer, then the rows in compressed sparse
    row form: row r holds index[starts[r]:starts[r + 1]] with those values."""
    n = len(cost)
    none_i, none_f = np.array([], dtype=np.int32), np.array([], dtype=np.float64)
    h.addCols(
        n,
        np.asarray(cost, dtype=np.float64),
        np.asarray(lower, dtype=np.float64),
        np.asarray(upper, dtype=np.float64),
        0,
        none_i,
        none_i,
        none_f,
    )
    if len(integer):
        h.changeColsIntegrality(
            len(integer),
            np.asarray(integer, dtype=np.int32),
            np.full(len(integer), highspy.HighsVarType.kInteger),
        )
    if len(row_lower):
        h.addRows(
            len(row_lower),
            np.asarray(row_lower, dtype=np.float64),
            np.asarray(row_upper, dtype=np.float64),
            len(index),
            np.asarray(starts, dtype=np.int32),
            np.asarray(index, dtype=np.int32),
            np.asarray(value, dtype=np.float64),
        )
