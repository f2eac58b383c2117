"""Estimates per domain from the weighted cell table. Pure: numpy only.

A domain is a set of cells (a Land, a WZ section, a size class, a combination, a centre's set of
Länder, the nation). All domains are evaluated at once with one matrix product over the cells.
Method and formulas: docs/methods/needs-estimation.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product

import numpy as np
from numpy.typing import NDArray

from zukunftszentrum.core.suppression import (
    Reason,
    effective_min_size,
    is_disclosable,
    is_small_remainder,
)
from zukunftszentrum.needs.estimation.cells import CellTable, Dimensions

Z_95 = 1.959963984540054
THIN_N_EFF = 30.0  # below this effective n, a domain is flagged thin
THIN_N = 10  # ... or below this many responding companies


@dataclass(frozen=True)
class Domain:
    """A named set of cells; None in a field means "all categories"."""

    key: str
    lands: frozenset[str] | None = None
    sections: frozenset[str] | None = None
    sizes: frozenset[str] | None = None

    def mask(self, dims: Dimensions) -> NDArray[np.bool_]:
        pick = [
            np.array([c in chosen for c in cats])
            if chosen is not None
            else np.ones(len(cats), bool)
            for cats, chosen in (
                (dims.lands, self.lands),
                (dims.sections, self.sections),
                (dims.sizes, self.sizes),
            )
        ]
        return (pick[0][:, None, None] & pick[1][None, :, None] & pick[2][None, None, :]).reshape(
            -1
        )


@dataclass(frozen=True)
class OutcomeEstimate:
    value: float  # weighted mean (scores) or weighted share (proportions)
    se: float
    ci_low: float
    ci_high: float
    n: int  # responding companies that answered this item
    n_eff: float


@dataclass(frozen=True)
class DomainEstimate:
    """An estimate, or the reason there is none (`suppressed`). Suppressed: no figures at all."""

    key: str
    suppressed: str | None
    n: int | None = None
    population: float | None = None  # the sum of weights: estimated establishments in the domain
    n_eff: float | None = None
    deff: float | None = None
    thin: bool = False
    outcomes: Mapping[str, OutcomeEstimate | None] | None = None
    # Responding companies in the domain, weighted or not; kept for suppressed domains too, so
    # callers can tell "none" from "some, below the minimum" (shown only as "fewer than n").
    n_raw: int = 0


def standard_domains(
    dims: Dimensions, coverage_areas: Mapping[str, Iterable[str]] | None = None
) -> list[Domain]:
    """Nation, each Land, section, size class, every pair of them, and the coverage areas (each
    also by section and by size class)."""
    out = [Domain("nation")]
    out += [Domain(f"land:{x}", lands=frozenset({x})) for x in dims.lands]
    out += [Domain(f"wz:{x}", sections=frozenset({x})) for x in dims.sections]
    out += [Domain(f"size:{x}", sizes=frozenset({x})) for x in dims.sizes]
    for a, b in product(dims.lands, dims.sections):
        out.append(Domain(f"land:{a}|wz:{b}", lands=frozenset({a}), sections=frozenset({b})))
    for a, c in product(dims.lands, dims.sizes):
        out.append(Domain(f"land:{a}|size:{c}", lands=frozenset({a}), sizes=frozenset({c})))
    for b, c in product(dims.sections, dims.sizes):
        out.append(Domain(f"wz:{b}|size:{c}", sections=frozenset({b}), sizes=frozenset({c})))
    for name, lands in (coverage_areas or {}).items():
        area = frozenset(lands)
        out.append(Domain(f"area:{name}", lands=area))
        out += [
            Domain(f"area:{name}|wz:{b}", lands=area, sections=frozenset({b}))
            for b in dims.sections
        ]
        out += [
            Domain(f"area:{name}|size:{c}", lands=area, sizes=frozenset({c})) for c in dims.sizes
        ]
    return out


def estimate_domains(
    table: CellTable, weights: NDArray[np.float64], domains: Sequence[Domain], min_size: int = 5
) -> list[DomainEstimate]:
    """Estimates for every domain; domains below the minimum size get no figures."""
    minimum = effective_min_size(min_size)
    member = np.array([d.mask(table.dims) for d in domains], dtype=np.float64)  # D x C
    w = np.asarray(weights, dtype=np.float64).reshape(-1)
    positive = (w > 0).astype(np.float64)
    n_raw = member @ table.counts.astype(np.float64)
    n_pos = member @ (table.counts * positive)
    sum_w = member @ (table.counts * w)
    sum_w2 = member @ (table.counts * w * w)
    a = member @ (table.answered * positive[:, None])
    aw = member @ (table.answered * w[:, None])
    aw2 = member @ (table.answered * (w * w)[:, None])
    sw = member @ (table.sums * w[:, None])
    qw = member @ (table.sumsq * w[:, None])
    out = []
    for i, dom in enumerate(domains):
        raw_count = int(n_raw[i])
        if not is_disclosable(raw_count, minimum) or (
            sum_w[i] > 0 and not is_disclosable(n_pos[i], minimum)
        ):
            out.append(DomainEstimate(dom.key, Reason.TOO_FEW, n_raw=raw_count))
            continue
        if sum_w[i] <= 0:
            out.append(DomainEstimate(dom.key, Reason.NO_POPULATION, n_raw=raw_count))
            continue
        n_eff = sum_w[i] ** 2 / sum_w2[i]
        n = int(n_pos[i])
        items = {
            name: _outcome(kind, a[i, j], aw[i, j], aw2[i, j], sw[i, j], qw[i, j], minimum)
            for j, (name, kind) in enumerate(zip(table.outcomes, table.kinds, strict=True))
        }
        out.append(
            DomainEstimate(
                dom.key, None, n, float(sum_w[i]), float(n_eff), float(n / n_eff),
                is_thin(n, n_eff), items, raw_count,
            )
        )  # fmt: skip
    return out


def is_thin(n: int, n_eff: float) -> bool:
    """A domain is thin (shown with a warning) when n_eff < 30 or fewer than 10 companies."""
    return n_eff < THIN_N_EFF or n < THIN_N


def _outcome(
    kind: str, n: float, sw: float, sw2: float, swy: float, swy2: float, minimum: int
) -> OutcomeEstimate | None:
    """One item in one domain: weighted mean, SE from the effective n, 95 % interval."""
    if not is_disclosable(n, minimum) or sw <= 0:
        return None
    n_eff = sw * sw / sw2
    mean = swy / sw
    if kind == "proportion":
        low, high = wilson(mean, n_eff)
        se = float(np.sqrt(max(mean * (1 - mean), 0.0) / n_eff))
        return OutcomeEstimate(mean, se, low, high, int(n), n_eff)
    se = mean_se(swy2 / sw - mean * mean, n_eff)
    return OutcomeEstimate(mean, se, mean - Z_95 * se, mean + Z_95 * se, int(n), n_eff)


def mean_se(weighted_variance: float, n_eff: float) -> float:
    """SE of a weighted mean: sqrt(s² / n_eff) with s² = weighted variance · n_eff / (n_eff - 1)."""
    if n_eff <= 1:
        return float("inf")
    return float(np.sqrt(max(weighted_variance, 0.0) / (n_eff - 1)))


def wilson(p: float, n_eff: float, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for a share p, with the effective n in place of n."""
    z2 = z * z
    denom = 1 + z2 / n_eff
    centre = (p + z2 / (2 * n_eff)) / denom
    half = z / denom * np.sqrt(max(p * (1 - p), 0.0) / n_eff + z2 / (4 * n_eff * n_eff))
    return float(max(centre - half, 0.0)), float(min(centre + half, 1.0))


def partitions(
    dims: Dimensions, coverage_areas: Mapping[str, Iterable[str]] | None = None
) -> list[tuple[str, list[str]]]:
    """Every (parent, children) pair of `standard_domains` whose children split the parent.

    The most local first (a region's Länder before the nation's), so that secondary suppression
    hides figures within a region before it reaches for other regions' figures.
    """
    lands, sections, sizes = dims.lands, dims.sections, dims.sizes
    out: list[tuple[str, list[str]]] = []
    for name, members in (coverage_areas or {}).items():
        area, codes = f"area:{name}", sorted(members)
        out.append((area, [f"land:{x}" for x in codes]))
        out.append((area, [f"{area}|wz:{s}" for s in sections]))
        out.append((area, [f"{area}|size:{k}" for k in sizes]))
        out += [(f"{area}|wz:{s}", [f"land:{x}|wz:{s}" for x in codes]) for s in sections]
        out += [(f"{area}|size:{k}", [f"land:{x}|size:{k}" for x in codes]) for k in sizes]
    for x in lands:
        out.append((f"land:{x}", [f"land:{x}|wz:{s}" for s in sections]))
        out.append((f"land:{x}", [f"land:{x}|size:{k}" for k in sizes]))
    for s in sections:
        out.append((f"wz:{s}", [f"land:{x}|wz:{s}" for x in lands]))
        out.append((f"wz:{s}", [f"wz:{s}|size:{k}" for k in sizes]))
    for k in sizes:
        out.append((f"size:{k}", [f"land:{x}|size:{k}" for x in lands]))
        out.append((f"size:{k}", [f"wz:{s}|size:{k}" for s in sections]))
    out.append(("nation", [f"land:{x}" for x in lands]))
    out.append(("nation", [f"wz:{s}" for s in sections]))
    out.append(("nation", [f"size:{k}" for k in sizes]))
    return out


def protect_complements(
    estimates: Sequence[DomainEstimate],
    parts: Sequence[tuple[str, Sequence[str]]],
    domains: Sequence[Domain],
    dims: Dimensions,
    min_size: int = 5,
) -> list[DomainEstimate]:
    """Secondary suppression: no hidden group of 1 to min_size - 1 companies can be derived.

    Where a shown parent is split into children and the hidden children hold between 1 and
    min_size - 1 companies together, the parent minus the shown children would reveal them. The
    smallest shown child is hidden as well (`Reason.PROTECTED`), until the hidden ones hold none or at
    least min_size companies; domains made of the same cells (a centre with one Land and that
    Land) are hidden together. Repeated until nothing changes.
    """
    minimum = effective_min_size(min_size)
    by_key = {e.key: e for e in estimates}
    same: dict[bytes, list[str]] = {}
    for dom in domains:
        same.setdefault(dom.mask(dims).tobytes(), []).append(dom.key)
    twins = {key: keys for keys in same.values() for key in keys}
    hidden = {e.key for e in estimates if e.suppressed is not None}
    protected: set[str] = set()
    changed = True
    while changed:
        changed = False
        for parent, children in parts:
            if parent not in by_key or parent in hidden:
                continue
            kids = [by_key[c] for c in children if c in by_key]
            exposed = sum(k.n_raw for k in kids if k.key in hidden)
            if not is_small_remainder(exposed, minimum):
                continue
            shown = sorted((k for k in kids if k.key not in hidden), key=lambda k: (k.n_raw, k.key))
            target = shown[0].key if shown else parent
            for key in twins.get(target, [target]):
                if key in by_key and key not in hidden:
                    hidden.add(key)
                    protected.add(key)
            changed = True
    return [
        DomainEstimate(e.key, Reason.PROTECTED, n_raw=e.n_raw) if e.key in protected else e
        for e in estimates
    ]
