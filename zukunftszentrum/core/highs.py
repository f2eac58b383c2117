"""A HiGHS solver object that does not print. Pure: no Django.

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

import highspy

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
