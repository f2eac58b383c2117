"""Publishing the needs estimates through disclosure control: the one place where a figure of the
needs analysis becomes a figure that may be shown. Pure: numpy and core.disclosure, no Django.

An estimation run calls `publish_run` (every domain, weighted and raw, through `publish_domain`)
while it still holds the companies' record keys; the run stores what comes out
(`DomainResult.published`). The page, its
charts and map, the trend, the PDF, the CSV/XLSX downloads and the API all read those stored
figures (`published_figure`, `published`) and nothing else, so one figure has the same
noise on every channel and nothing is perturbed twice or recomputed from the inputs.

The noise of an estimate comes from the magnitude cell key of the companies behind it (those that
answered the item, with a positive weight), which needs their record keys themselves, not only
their sum: that is why publication happens during the run. Method: docs/methods/
disclosure-control.md ("How the needs analysis uses it") and docs/methods/needs-estimation.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from zukunftszentrum.core.disclosure import (
    Contribution,
    Parameters,
    Unit,
    max_weighted_influence,
    publish_count,
    publish_estimate,
)

from .estimation.domains import DomainEstimate, OutcomeEstimate

WEIGHTED, RAW = "weighted", "raw"


def variable(outcome: str, weighting: str) -> str:
    """The figure's name for its noise: the same on every channel; weighted and raw estimates
    of the same group get unrelated noise (they are different figures)."""
    return f"needs:{weighting}:{outcome}"


@dataclass(frozen=True)
class Contributors:
    """The companies of a run, one entry per company: record key, cell weight (1 for the raw
    figures), and the outcome values (companies x outcomes, NaN = not answered)."""

    keys: NDArray[np.int64]
    weights: NDArray[np.float64]
    values: NDArray[np.float64]

    def __init__(self, keys: Any, weights: Any, values: Any) -> None:
        object.__setattr__(self, "keys", np.asarray(keys, dtype=np.int64).reshape(-1))
        object.__setattr__(self, "weights", np.asarray(weights, dtype=np.float64).reshape(-1))
        object.__setattr__(self, "values", np.asarray(values, dtype=np.float64))

    def unweighted(self) -> Contributors:
        return Contributors(self.keys, np.ones(len(self.keys)), self.values)


def publish_run(
    members: Sequence[NDArray[np.bool_]],
    weighted: Sequence[DomainEstimate],
    raw: Sequence[DomainEstimate],
    contributors: Contributors,
    kinds: Mapping[str, str],
    params: Parameters,
) -> tuple[list[dict[str, Any]], int | None]:
    """Every domain's published figures, weighted and raw ({WEIGHTED: ..., RAW: ...}, a
    weighting left out where it has none), and the published number of all companies."""
    ones = contributors.unweighted()
    out = []
    for inside, w, r in zip(members, weighted, raw, strict=True):
        domain = {}
        for name, estimate, who in ((WEIGHTED, w, contributors), (RAW, r, ones)):
            if figures := publish_domain(
                estimate, inside, who, kinds, weighting=name, params=params
            ):
                domain[name] = figures
        out.append(domain)
    everyone = publish_count([Contribution(int(k)) for k in contributors.keys], params=params)
    return out, everyone.value


def publish_domain(
    estimate: DomainEstimate,
    members: NDArray[np.bool_],
    contributors: Contributors,
    kinds: Mapping[str, str],
    *,
    weighting: str,
    params: Parameters,
) -> dict[str, Any]:
    """The published figures of one domain: {"n": count, "figures": {outcome: [value, low,
    high, n] or None}}; {} for a domain without estimates (suppressed: nothing is published).

    `members` selects the domain's companies; `kinds` maps each outcome (in the order of the
    value columns) to "mean" or "proportion". Values are whole points (scores) or whole percent
    (shares); intervals widened by the noise; counts perturbed and rounded."""
    if estimate.suppressed is not None or estimate.outcomes is None:
        return {}
    rows = np.flatnonzero(members & (contributors.weights > 0))  # work on the domain's rows only
    keys, weights = contributors.keys[rows], contributors.weights[rows]
    count = _count(keys, params)
    figures: dict[str, list[int] | None] = {}
    for j, (outcome, kind) in enumerate(kinds.items()):
        found = estimate.outcomes.get(outcome)
        if found is None:
            figures[outcome] = None
            continue
        answered = ~np.isnan(contributors.values[rows, j])
        everyone = bool(answered.all())  # then the item's count is the domain's
        figures[outcome] = _figure(
            found,
            keys if everyone else keys[answered],
            weights if everyone else weights[answered],
            count if everyone else None,
            proportion=kind == "proportion",
            name=variable(outcome, weighting),
            params=params,
        )
    return {"n": count, "figures": figures}


def _count(keys: NDArray[np.int64], params: Parameters) -> int | None:
    return publish_count([Contribution(k) for k in keys.tolist()], params=params).value


def _figure(
    found: OutcomeEstimate,
    keys: NDArray[np.int64],
    weights: NDArray[np.float64],
    count: int | None,
    *,
    proportion: bool,
    name: str,
    params: Parameters,
) -> list[int] | None:
    """One item: `count` is its published n where already known (every company answered)."""
    key_list = keys.tolist()
    if len(key_list) < params.minimum or float(weights.sum()) <= 0:
        return None
    upper = 1.0 if proportion else 100.0
    value = min(max(found.value, 0.0), upper)
    low = value if found.ci_low is None else min(max(found.ci_low, 0.0), value)
    high = value if found.ci_high is None else max(min(found.ci_high, upper), value)
    if not np.isfinite(low) or not np.isfinite(high):  # no interval (n_eff <= 1): the scale
        low, high = 0.0, upper
    figure = publish_estimate(
        value=value,
        low=low,
        high=high,
        contributor_keys=key_list,
        max_influence=max_weighted_influence(weights.tolist(), upper),
        variable=name,
        unit=Unit.PERCENT if proportion else Unit.POINTS,
        params=params,
    )
    n = count if count is not None else _count(keys, params)
    if not figure.shown or n is None:
        return None
    assert figure.value is not None and figure.low is not None and figure.high is not None
    return [figure.value, figure.low, figure.high, n]


# --- reading what a run stored (every channel) ---
@dataclass(frozen=True)
class Figure:
    """One published outcome in one domain, in the estimate's scale: scores 0..100, shares
    0..1 (from whole percent). `n`: the published number of companies that answered."""

    value: float
    low: float
    high: float
    n: int
    proportion: bool

    @property
    def scale(self) -> float:
        return 1.0 if self.proportion else 100.0


def published_figure(stored: Sequence[Any] | None, proportion: bool) -> Figure | None:
    """A stored [value, low, high, n] as a figure; None where nothing was published."""
    if not stored or stored[0] is None:
        return None
    factor = 0.01 if proportion else 1.0
    value, low, high, n = stored[:4]
    return Figure(value * factor, low * factor, high * factor, int(n), proportion)


def published(stored: Mapping[str, Any] | None, weighting: str) -> Mapping[str, Any]:
    """The part of a domain's stored publication for one weighting ({} where none)."""
    return (stored or {}).get(weighting) or {}
