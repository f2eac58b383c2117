"""Raking (iterative proportional fitting) on the cell table. Pure: numpy only.

The weight of a response depends only on its cell, so raking runs on the counts per
(Land, WZ section, size class) cell: each iteration costs a few hundred multiplications,
whatever the number of responses. See docs/methods/needs-estimation.md for the method.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

# Trimming bound: no weight above TRIM_FACTOR x the mean weight of the responses. After capping,
# the weights are raked again (margins win over the cap), at most TRIM_ROUNDS times.
TRIM_FACTOR = 5.0
TRIM_ROUNDS = 5


@dataclass(frozen=True)
class RakeResult:
    """Per-cell weights (flat, same order as the cell table) and how the fit went.

    `weights[c]` is the weight of each response in cell c (0 where a cell has no respondents or
    no population). `uncovered` flags Land x WZ cells with population but no respondents:
    their share cannot be represented and is left out (the size margin is scaled to match).
    """

    weights: NDArray[np.float64]
    iterations: int
    converged: bool
    max_margin_error: float  # largest |margin - target| / target over all categories
    trim_rounds: int
    max_weight_ratio: float  # largest weight / mean weight after the final rake
    uncovered: NDArray[np.bool_]


Fit = tuple[tuple[int, ...], NDArray[np.float64]]  # axes summed over, target (keepdims shape)


def rake_cells(
    counts: ArrayLike,
    joint_target: ArrayLike,
    size_target: ArrayLike,
    *,
    one_way: bool = False,
    size_margin: bool = True,
    tol: float = 1e-10,
    max_iter: int = 1000,
    trim_factor: float | None = TRIM_FACTOR,
    trim_rounds: int = TRIM_ROUNDS,
) -> RakeResult:
    """Rake the cells (counts shaped L x S x K) to the L x S joint margin and the K size margin.

    With `one_way`, the joint margin is replaced by its two one-way margins (Land, WZ section):
    the fallback for samples too sparse to reproduce every Land x WZ cell next to the sizes.
    Without `size_margin`, only the Land x WZ margin is fitted (post-stratification: exact after
    one step, the last resort when no set of margins with sizes can be met).
    """
    n = np.asarray(counts, dtype=np.float64)
    if n.ndim != 3:
        raise ValueError("counts must be shaped (lands, sections, sizes)")
    joint, size, uncovered = _reachable_targets(n, joint_target, size_target)
    base = np.where(n > 0, 1.0, 0.0)
    base = base * (joint[:, :, None] > 0) * (size[None, None, :] > 0)
    fits = _one_way_fits(n, joint, size) if one_way else _joint_fits(joint, size)
    if not size_margin:
        fits = fits[:-1]  # the size margin is always the last fit
    w, it, err = _ipf(n, base, fits, tol, max_iter)
    rounds = 0
    if trim_factor is not None:
        if trim_factor <= 1:
            raise ValueError("trim_factor must be above 1")
        while rounds < trim_rounds:
            cap = trim_factor * _mean_weight(n, w)
            if not (w > cap * (1 + 1e-12)).any():
                break
            rounds += 1
            w, more, err = _ipf(n, np.minimum(w, cap), fits, tol, max_iter)
            it += more
    ratio = float(w.max() / _mean_weight(n, w)) if n.sum() else 0.0
    return RakeResult(w.reshape(-1), it, err <= tol, err, rounds, ratio, uncovered)


def _joint_fits(joint: NDArray[np.float64], size: NDArray[np.float64]) -> list[Fit]:
    return [((2,), joint[:, :, None]), ((0, 1), size[None, None, :])]


def _one_way_fits(
    n: NDArray[np.float64], joint: NDArray[np.float64], size: NDArray[np.float64]
) -> list[Fit]:
    """Land and WZ margins of the joint target, over the Länder and sections with respondents
    in a populated cell, each scaled to the same total as the size margin."""
    reachable = (n.sum(axis=2) > 0) & (joint > 0)
    land = np.where(reachable.any(axis=1), joint.sum(axis=1), 0.0)
    section = np.where(reachable.any(axis=0), joint.sum(axis=0), 0.0)
    total = size.sum()
    land, section = land * (total / land.sum()), section * (total / section.sum())
    return [
        ((1, 2), land[:, None, None]),
        ((0, 2), section[None, :, None]),
        ((0, 1), size[None, None, :]),
    ]


def _reachable_targets(
    n: NDArray[np.float64], joint_target: ArrayLike, size_target: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]:
    joint = np.asarray(joint_target, dtype=np.float64)
    size = np.asarray(size_target, dtype=np.float64)
    if joint.shape != n.shape[:2] or size.shape != n.shape[2:]:
        raise ValueError("targets do not match the cell table's dimensions")
    if (joint < 0).any() or (size < 0).any() or not np.isfinite(joint).all():
        raise ValueError("targets must be finite and not negative")
    sampled_joint = n.sum(axis=2) > 0
    uncovered = (joint > 0) & ~sampled_joint
    joint = np.where(sampled_joint, joint, 0.0)
    sampled_size = n.sum(axis=(0, 1)) > 0
    size = np.where(sampled_size, size, 0.0)
    if joint.sum() <= 0 or size.sum() <= 0:
        raise ValueError("no respondent falls into a cell with a positive population target")
    size = size * (joint.sum() / size.sum())  # keep the size shares, match the joint total
    return joint, size, uncovered


def _ipf(
    n: NDArray[np.float64], w0: NDArray[np.float64], fits: list[Fit], tol: float, max_iter: int
) -> tuple[NDArray[np.float64], int, float]:
    """Adjust to each margin in turn until all are within `tol` (relative)."""
    w = w0.copy()
    err = np.inf
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - the count is returned
        for axes, target in fits:
            w *= _ratio(target, (n * w).sum(axis=axes, keepdims=True))
        err = max(_relative((n * w).sum(axis=axes, keepdims=True), target) for axes, target in fits)
        if err <= tol:
            break
    return w, it, err


def _ratio(target: NDArray[np.float64], got: NDArray[np.float64]) -> NDArray[np.float64]:
    out = np.zeros(np.broadcast_shapes(target.shape, got.shape))
    np.divide(target, got, out=out, where=got > 0)
    return out


def _relative(got: NDArray[np.float64], target: NDArray[np.float64]) -> float:
    pos = target > 0
    return float((np.abs(got[pos] - target[pos]) / target[pos]).max()) if pos.any() else 0.0


def _mean_weight(n: NDArray[np.float64], w: NDArray[np.float64]) -> float:
    total = n.sum()
    return float((n * w).sum() / total) if total else 0.0


def margins(
    counts: ArrayLike, weights: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The weighted Land x WZ and size-class margins of cell weights (for checks and reports)."""
    n = np.asarray(counts, dtype=np.float64)
    mass = n * np.asarray(weights, dtype=np.float64).reshape(n.shape)
    return mass.sum(axis=2), mass.sum(axis=(0, 1))
