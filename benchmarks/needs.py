"""Benchmark of the needs-analysis core: cell table, raking, domain estimates, vs weightipy.

Run: UV_PYTHON_DOWNLOADS=never uv run python benchmarks/needs.py [--n 1000000]

Generates synthetic responses (Land, WZ section, size class, ten topic scores 0-100) with a fixed
seed, times each step (time.perf_counter, best of 3), runs weightipy's row-based rake on the same
data in the same process and compares the margins. Aims (issue 4): raking >= 10x faster than the
reference, all domain estimates for 1 M responses < 1 s.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
import weightipy as wp

from zukunftszentrum.needs.estimation.cells import build_cell_table, cell_index
from zukunftszentrum.needs.estimation.domains import estimate_domains, standard_domains
from zukunftszentrum.needs.estimation.population import load_default_population
from zukunftszentrum.needs.estimation.raking import margins, rake_cells
from zukunftszentrum.organisations.demo_data import CENTRES

SEED = 2026
TOPICS = 10


def best_of[T](fn: Callable[[], T], repeat: int = 3) -> tuple[float, T]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result  # type: ignore[return-value]


def synthetic(n: int, pop):
    """Responses skewed away from the population: big Länder and some sections over-respond."""
    rng = np.random.default_rng(SEED)
    n_l, n_s = pop.establishments.shape
    p = pop.establishments.reshape(-1) * rng.uniform(0.3, 3.0, n_l * n_s)
    lw = rng.choice(n_l * n_s, n, p=p / p.sum())
    lw[: n_l * n_s] = np.arange(n_l * n_s)  # every Land x WZ cell has respondents
    land, section = np.divmod(lw, n_s)
    size = rng.choice(3, n, p=[0.6, 0.28, 0.12])
    base = 30 + 3 * (land % 7)[:, None] + 2 * (section % 5)[:, None] + 8 * size[:, None]
    scores = np.clip(base + rng.normal(0, 20, (n, TOPICS)), 0, 100).round()
    return land, section, size, scores


def relative_difference(a, b) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float((np.abs(a - b) / np.maximum(np.abs(b), 1e-300)).max())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    args = parser.parse_args()
    pop = load_default_population()
    dims = pop.dims
    joint, size_target = pop.establishments, pop.size_target()
    land, section, size, scores = synthetic(args.n, pop)
    topics = [f"topic_{i + 1}" for i in range(TOPICS)]
    print(f"{args.n:,} synthetic responses, {dims.n_cells} cells, seed {SEED}")
    print(f"population: {pop.source}, {pop.year}")

    t_cells, table = best_of(
        lambda: build_cell_table(dims, cell_index(dims, land, section, size), scores, topics)
    )
    counts = table.counts.reshape(dims.shape)
    t_counts, _ = best_of(
        lambda: np.bincount(cell_index(dims, land, section, size), minlength=dims.n_cells)
    )
    t_rake, ours = best_of(lambda: rake_cells(counts, joint, size_target, trim_factor=None))
    t_trim, trimmed = best_of(lambda: rake_cells(counts, joint, size_target))
    areas = {c.slug: c.lands.split(",") for c in CENTRES if c.lands}
    domains = standard_domains(dims, areas)
    t_dom, estimates = best_of(lambda: estimate_domains(table, trimmed.weights, domains))

    t_ref, ref = best_of(lambda: reference(land, section, size, joint, size_target))
    ref_scaled = ref * joint.sum() / ref.sum()
    ref_joint = np.zeros_like(joint)
    np.add.at(ref_joint, (land, section), ref_scaled)
    ref_size = np.bincount(size, weights=ref_scaled, minlength=3)
    our_joint, our_size = margins(counts, ours.weights)

    print(f"cell table, 10 topics (one pass):      {t_cells * 1000:9.1f} ms")
    print(
        f"raking on cells (ours, no trimming):    {t_rake * 1000:9.1f} ms, {ours.iterations} iterations"
    )
    print(
        f"raking on cells with trimming (5x mean): {t_trim * 1000:8.1f} ms, "
        f"{trimmed.trim_rounds} trim rounds, max weight {trimmed.max_weight_ratio:.1f}x mean"
    )
    print(f"raking on rows (weightipy {wp.__version__}):      {t_ref * 1000:9.1f} ms")
    print(f"ratio weightipy / ours (raking):         {t_ref / t_rake:9.0f} x")
    print(
        f"ratio weightipy / ours (cell counts from rows + raking, "
        f"{(t_counts + t_rake) * 1000:.1f} ms): {t_ref / (t_counts + t_rake):.0f} x"
    )
    print(
        f"ratio weightipy / ours (full cell table with 10 topics + raking): {t_ref / (t_cells + t_rake):.1f} x"
    )
    rows = ours.weights[cell_index(dims, land, section, size)]
    print(
        f"largest relative weight difference:      {relative_difference(rows / rows.mean(), ref):.2e}"
    )
    diff = max(relative_difference(our_joint, ref_joint), relative_difference(our_size, ref_size))
    print(f"largest relative margin difference ours vs weightipy: {diff:.2e}")
    to_target = max(
        relative_difference(our_joint, joint), relative_difference(our_size, size_target)
    )
    print(f"largest relative margin difference ours vs targets:   {to_target:.2e}")
    shown = sum(e.suppressed is None for e in estimates)
    print(
        f"domain estimates: {len(domains)} domains ({shown} shown), {TOPICS} topics: {t_dom * 1000:.1f} ms"
    )
    print(
        f"all steps (cells + raking with trimming + domains): {(t_cells + t_trim + t_dom) * 1000:.1f} ms"
    )
    import needs_postgres  # benchmarks/needs_postgres.py: runs only against PostgreSQL

    needs_postgres.run(dims, land, section, size, scores)


def reference(land, section, size, joint, size_target):
    n_s = joint.shape[1]
    df = pd.DataFrame({"lw": land * n_s + section, "k": size})
    total = joint.sum()
    present = set(np.unique(df["lw"]).tolist())
    scheme = wp.scheme_from_dict(
        {
            "lw": {c: joint.reshape(-1)[c] / total * 100 for c in sorted(present)},
            "k": {k: size_target[k] / total * 100 for k in range(3)},
        },
        rim_params={"convcrit": 1e-12, "max_iterations": 5000},
    )
    return wp.weight(df, scheme).to_numpy()


if __name__ == "__main__":
    main()
