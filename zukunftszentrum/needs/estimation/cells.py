"""The cell table: responses -> counts and sums per (Land, WZ section, size class) cell. Pure.

All weighting variables are categorical, so raking weights are constant within a cell and every
domain estimate needs only per-cell counts, sums and sums of squares. Building the table is the
only pass over the responses; everything after it works on a few hundred cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from zukunftszentrum.organisations.sizes import SizeClass

OutcomeKind = Literal["mean", "proportion"]

# The target group: SMEs. Large companies are outside the weighting frame (see population.py).
SME_SIZES: tuple[str, ...] = (SizeClass.MICRO.value, SizeClass.SMALL.value, SizeClass.MEDIUM.value)


@dataclass(frozen=True)
class Dimensions:
    """The categories of the three weighting variables, in a fixed order."""

    lands: tuple[str, ...]
    sections: tuple[str, ...]
    sizes: tuple[str, ...] = SME_SIZES

    @property
    def shape(self) -> tuple[int, int, int]:
        return (len(self.lands), len(self.sections), len(self.sizes))

    @property
    def n_cells(self) -> int:
        return len(self.lands) * len(self.sections) * len(self.sizes)


class UnknownCategoryError(ValueError):
    """A response names a category that is not part of the weighting frame."""

    def __init__(self, variable: str, category: object) -> None:
        super().__init__(f"unknown {variable}: {category!r}")
        self.variable = variable
        self.category = category


def encode(values: ArrayLike, categories: Sequence[str], variable: str) -> NDArray[np.intp]:
    """Category codes (strings) -> integer positions in `categories`; unknown codes raise."""
    arr = np.asarray(values)
    uniques, inverse = np.unique(arr, return_inverse=True)
    lookup = {c: i for i, c in enumerate(categories)}
    mapping = np.empty(len(uniques), dtype=np.intp)
    for i, u in enumerate(uniques.tolist()):
        if u not in lookup:
            raise UnknownCategoryError(variable, u)
        mapping[i] = lookup[u]
    return mapping[inverse.reshape(-1)]


@dataclass(frozen=True)
class CellTable:
    """Per-cell aggregates. Arrays are flat over cells, index (land * S + section) * K + size.

    `answered[c, j]` counts responses in cell c with a value for outcome j (NaN = not answered);
    `sums` and `sumsq` hold the sum and the sum of squares of outcome j over those responses.
    """

    dims: Dimensions
    outcomes: tuple[str, ...]
    kinds: tuple[OutcomeKind, ...]
    counts: NDArray[np.int64]
    answered: NDArray[np.float64]
    sums: NDArray[np.float64]
    sumsq: NDArray[np.float64]


def cell_index(
    dims: Dimensions, land: ArrayLike, section: ArrayLike, size: ArrayLike
) -> NDArray[np.intp]:
    """The combined cell index of each response from integer category positions."""
    n_sections, n_sizes = len(dims.sections), len(dims.sizes)
    land_i, section_i, size_i = (np.asarray(a, dtype=np.intp) for a in (land, section, size))
    for name, arr, bound in (
        ("land", land_i, len(dims.lands)),
        ("section", section_i, n_sections),
        ("size", size_i, n_sizes),
    ):
        if arr.size and (arr.min() < 0 or arr.max() >= bound):
            raise UnknownCategoryError(name, int(arr.max() if arr.max() >= bound else arr.min()))
    return (land_i * n_sections + section_i) * n_sizes + size_i


def build_cell_table(
    dims: Dimensions,
    cells: NDArray[np.intp],
    values: ArrayLike,
    outcomes: Sequence[str],
    kinds: Sequence[OutcomeKind] | None = None,
) -> CellTable:
    """Aggregate responses (`cells` from `cell_index`, `values` n x m, NaN = not answered)."""
    y = np.asarray(values, dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    if y.shape != (len(cells), len(outcomes)):
        raise ValueError("values must have one row per response and one column per outcome")
    default: OutcomeKind = "mean"
    kinds_t: tuple[OutcomeKind, ...] = tuple(kinds) if kinds else (default,) * len(outcomes)
    if len(kinds_t) != len(outcomes):
        raise ValueError("one kind per outcome")
    _check_proportions(y, kinds_t, outcomes)
    n_cells, m = dims.n_cells, len(outcomes)
    counts = np.bincount(cells, minlength=n_cells).astype(np.int64)
    # One bincount per statistic over a combined (cell, outcome) index: row-major, no copies.
    flat_index = (np.asarray(cells, dtype=np.intp)[:, None] * m + np.arange(m)).ravel()
    flat = y.ravel()
    ok = ~np.isnan(flat)
    if ok.all():
        answered = np.repeat(counts.astype(np.float64)[:, None], m, axis=1)
    else:
        flat = np.where(ok, flat, 0.0)
        answered = np.bincount(flat_index, weights=ok, minlength=n_cells * m).reshape(n_cells, m)
    sums = np.bincount(flat_index, weights=flat, minlength=n_cells * m).reshape(n_cells, m)
    sumsq = np.bincount(flat_index, weights=flat * flat, minlength=n_cells * m).reshape(n_cells, m)
    return CellTable(dims, tuple(outcomes), kinds_t, counts, answered, sums, sumsq)


def _check_proportions(
    y: NDArray[np.float64], kinds: tuple[OutcomeKind, ...], outcomes: Sequence[str]
) -> None:
    for j, kind in enumerate(kinds):
        if kind == "proportion":
            col = y[:, j]
            col = col[~np.isnan(col)]
            if ((col != 0) & (col != 1)).any():
                raise ValueError(f"outcome {outcomes[j]!r} is a proportion: values must be 0 or 1")
