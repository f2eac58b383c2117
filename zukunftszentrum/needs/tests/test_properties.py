"""Property tests: raking hits its margins, keeps weights positive and scales with the targets."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from zukunftszentrum.needs.estimation.raking import margins, rake_cells


@st.composite
def problems(draw):
    shape = (draw(st.integers(1, 4)), draw(st.integers(1, 4)), draw(st.integers(1, 3)))
    counts = draw(arrays(np.int64, shape, elements=st.integers(1, 60)))
    joint = draw(arrays(np.float64, shape[:2], elements=st.floats(0.5, 1e5)))
    size = draw(arrays(np.float64, shape[2:], elements=st.floats(0.5, 1e5)))
    return counts, joint, size * (joint.sum() / size.sum())


@settings(max_examples=150, deadline=None)
@given(problems(), st.sampled_from([None, 5.0]))
def test_margins_match_and_weights_stay_positive(problem, trim):
    counts, joint, size = problem
    res = rake_cells(counts, joint, size, trim_factor=trim, max_iter=5000)
    got_joint, got_size = margins(counts, res.weights)
    assert res.converged
    np.testing.assert_allclose(got_joint, joint, rtol=1e-7, atol=1e-9 * joint.sum())
    np.testing.assert_allclose(got_size, size, rtol=1e-7, atol=1e-9 * joint.sum())
    assert (res.weights > 0).all()


@settings(max_examples=100, deadline=None)
@given(problems(), st.floats(1e-3, 1e3))
def test_scaling_the_targets_scales_the_weights(problem, factor):
    counts, joint, size = problem
    base = rake_cells(counts, joint, size, max_iter=5000)
    scaled = rake_cells(counts, joint * factor, size * factor, max_iter=5000)
    np.testing.assert_allclose(scaled.weights, base.weights * factor, rtol=1e-6)
