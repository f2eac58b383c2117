"""Shared builders for the estimation tests: the hand-computed 2 x 2 x 2 example."""

from __future__ import annotations

import numpy as np

from zukunftszentrum.needs.estimation.cells import Dimensions, build_cell_table, cell_index

DIMS = Dimensions(lands=("A", "B"), sections=("X", "Y"), sizes=("small", "medium"))

# Every Land x WZ cell has two small and one medium respondent: 12 responses.
# Joint targets A/X 30, A/Y 60, B/X 90, B/Y 120 (total 300); size targets small 240, medium 60.
JOINT = np.array([[30.0, 60.0], [90.0, 120.0]])
SIZES = np.array([240.0, 60.0])

# (land, section, size, score, yes/no)
RESPONSES = [
    (0, 0, 0, 50, 1), (0, 0, 0, 70, 0), (0, 0, 1, 40, 1),
    (0, 1, 0, 80, 1), (0, 1, 0, 60, 1), (0, 1, 1, 20, 0),
    (1, 0, 0, 10, 0), (1, 0, 0, 30, 1), (1, 0, 1, 90, 0),
    (1, 1, 0, 55, 1), (1, 1, 0, 45, 0), (1, 1, 1, 65, 1),
]  # fmt: skip


def example_table():
    arr = np.array(RESPONSES, dtype=float)
    cells = cell_index(DIMS, arr[:, 0], arr[:, 1], arr[:, 2])
    table = build_cell_table(
        DIMS, cells, arr[:, 3:5], ["score", "uses_ai"], kinds=["mean", "proportion"]
    )
    return table, cells
