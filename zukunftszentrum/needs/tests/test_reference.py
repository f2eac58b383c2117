"""Our cell raking against weightipy (row-based IPF), run on the same data."""

import numpy as np
import pandas as pd
import pytest
import weightipy as wp

from zukunftszentrum.needs.estimation.cells import build_cell_table, cell_index
from zukunftszentrum.needs.estimation.population import load_default_population
from zukunftszentrum.needs.estimation.raking import margins, rake_cells


def weightipy_weights(land, section, size, joint, size_target):
    """weightipy's rake on a row DataFrame: Land x WZ as one combined variable, size as another."""
    total = joint.sum()
    df = pd.DataFrame({"lw": [f"{a}_{b}" for a, b in zip(land, section, strict=True)], "k": size})
    present = set(df["lw"])
    scheme = wp.scheme_from_dict(
        {
            "lw": {
                f"{a}_{b}": joint[a, b] / total * 100
                for a in range(joint.shape[0])
                for b in range(joint.shape[1])
                if f"{a}_{b}" in present
            },
            "k": {k: size_target[k] / total * 100 for k in range(len(size_target))},
        },
        rim_params={"convcrit": 1e-12, "max_iterations": 5000},
    )
    return wp.weight(df, scheme).to_numpy()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_weights_and_margins_match_weightipy(seed):
    pop = load_default_population()
    dims = pop.dims
    rng = np.random.default_rng(seed)
    n = 5000
    land = rng.integers(0, len(dims.lands), n)
    section = rng.integers(0, len(dims.sections), n)
    size = rng.choice(3, n, p=[0.5, 0.3, 0.2])
    # Every Land x WZ cell must have a respondent for both methods to hit the same targets.
    grid = np.arange(len(dims.lands) * len(dims.sections))
    land[: grid.size], section[: grid.size] = np.divmod(grid, len(dims.sections))
    cells = cell_index(dims, land, section, size)
    table = build_cell_table(dims, cells, rng.uniform(0, 100, n), ["score"])
    counts = table.counts.reshape(dims.shape)
    joint, size_target = pop.establishments, pop.size_target()

    ours = rake_cells(counts, joint, size_target, trim_factor=None)
    theirs = weightipy_weights(land, section, size, joint, size_target)

    # weightipy scales weights to mean 1; ours sum to the population. Compare on one scale.
    row_weights = ours.weights[cells]
    np.testing.assert_allclose(row_weights / row_weights.mean(), theirs, rtol=1e-6, atol=1e-9)
    ours_joint, ours_size = margins(counts, ours.weights)
    theirs_scaled = theirs * joint.sum() / theirs.sum()
    theirs_joint = np.zeros_like(joint)
    np.add.at(theirs_joint, (land, section), theirs_scaled)
    theirs_size = np.bincount(size, weights=theirs_scaled, minlength=3)
    np.testing.assert_allclose(ours_joint, theirs_joint, rtol=1e-6)
    np.testing.assert_allclose(ours_size, theirs_size, rtol=1e-6)
    np.testing.assert_allclose(ours_joint, joint, rtol=1e-6)
