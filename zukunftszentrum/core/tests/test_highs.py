"""HiGHS prints a banner when the first solver object of a process is made: none may reach
stdout (the demo's output, a command's JSON)."""

from __future__ import annotations

import subprocess
import sys


def _stdout(code: str) -> str:
    # our own interpreter and code, no shell
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    return done.stdout


def test_the_first_solver_object_is_made_silently() -> None:
    code = (
        "from zukunftszentrum.core.highs import quiet_highs\n"
        "h = quiet_highs(); quiet_highs()\n"
        "print(h.getOptionValue('output_flag')[1])\n"
    )
    assert _stdout(code) == "False\n"


def test_a_plain_solver_object_would_print_the_banner() -> None:
    """The test above can fail: without the guard HiGHS does print."""
    assert "HiGHS" in _stdout("import highspy\nhighspy.Highs()\n")


def test_the_learning_planner_solves_without_printing() -> None:
    code = "from zukunftszentrum.learning.planning import mip\nmip._highs()\nprint('ok')\n"
    assert _stdout(code) == "ok\n"
