import math

import numpy as np
import pytest

from zukunftszentrum.core.suppression import Reason
from zukunftszentrum.needs.estimation.cells import (
    Dimensions,
    UnknownCategoryError,
    build_cell_table,
    cell_index,
    encode,
)
from zukunftszentrum.needs.estimation.domains import (
    Z_95,
    Domain,
    DomainEstimate,
    estimate_domains,
    partitions,
    protect_complements,
    standard_domains,
    wilson,
)
from zukunftszentrum.needs.estimation.raking import rake_cells
from zukunftszentrum.needs.tests.helpers import DIMS, JOINT, SIZES, example_table


def _estimates(domains, min_size=5):
    table, _ = example_table()
    res = rake_cells(table.counts.reshape(DIMS.shape), JOINT, SIZES, trim_factor=None)
    return {e.key: e for e in estimate_domains(table, res.weights, domains, min_size)}


def test_worked_example_land_a():
    # Land A: weights 12, 12, 6 (A/X) and 24, 24, 12 (A/Y); the numbers of the method doc.
    #   sum w = 90, sum w^2 = 1620, n_eff = 90^2 / 1620 = 5, deff = 6 / 5 = 1.2
    #   mean = (12*50 + 12*70 + 6*40 + 24*80 + 24*60 + 12*20) / 90 = 5280 / 90 = 58.667
    #   weighted variance = 343200 / 90 - 58.667^2 = 3344 / 9 = 371.56
    #   SE = sqrt(371.56 / (5 - 1)) = 9.638; 95 % CI = 58.667 +- 1.96 * 9.638 = [39.78, 77.56]
    est = _estimates([Domain("land:A", lands=frozenset({"A"}))])["land:A"]
    assert est.suppressed is None
    assert est.n == 6
    assert est.population == pytest.approx(90)
    assert est.n_eff == pytest.approx(5)
    assert est.deff == pytest.approx(1.2)
    assert est.thin  # n_eff < 30
    score = est.outcomes["score"]
    assert score.value == pytest.approx(5280 / 90)
    assert score.se == pytest.approx(math.sqrt(3344 / 9 / 4))
    assert score.ci_low == pytest.approx(39.78, abs=0.01)
    assert score.ci_high == pytest.approx(77.56, abs=0.01)
    share = est.outcomes["uses_ai"]  # yes: 12 + 6 + 24 + 24 = 66 of 90
    assert share.value == pytest.approx(66 / 90)
    assert (share.ci_low, share.ci_high) == pytest.approx(wilson(66 / 90, 5))


def test_nation_deff_is_one_plus_relvar():
    est = _estimates([Domain("nation")])["nation"]
    w = np.array([12, 12, 6, 24, 24, 12, 36, 36, 18, 48, 48, 24], dtype=float)
    relvar = w.var() / w.mean() ** 2
    assert est.deff == pytest.approx(1 + relvar)  # 1.296
    assert est.n_eff == pytest.approx(w.sum() ** 2 / (w**2).sum())  # 9.259
    assert est.population == pytest.approx(300)


def test_wilson_interval_by_hand():
    # p = 0.5, n = 100: centre 0.5, half width 1.96 / 1.0384 * sqrt(0.0025 + 0.000096)
    low, high = wilson(0.5, 100)
    half = Z_95 / (1 + Z_95**2 / 100) * math.sqrt(0.0025 + Z_95**2 / 40000)
    assert (low, high) == pytest.approx((0.5 - half, 0.5 + half))
    assert wilson(0.0, 5)[0] == 0.0


def test_equal_weights_give_the_textbook_interval():
    dims = Dimensions(("A",), ("X",), ("small",))
    y = np.array([10.0, 20.0, 30.0, 40.0, 50.0, 60.0])
    table = build_cell_table(dims, np.zeros(6, dtype=np.intp), y, ["score"])
    est = estimate_domains(table, np.array([2.0]), [Domain("nation")])[0]
    assert est.deff == pytest.approx(1)
    assert est.outcomes["score"].se == pytest.approx(y.std(ddof=1) / math.sqrt(6))


def _table_with(n_in_a):
    dims = Dimensions(("A", "B"), ("X",), ("small",))
    lands = [0] * n_in_a + [1] * 6
    cells = cell_index(dims, lands, [0] * len(lands), [0] * len(lands))
    return build_cell_table(dims, cells, np.full(len(lands), 50.0), ["score"])


def test_suppression_at_four_but_not_five_companies():
    land_a = [Domain("land:A", lands=frozenset({"A"}))]
    four = estimate_domains(_table_with(4), np.array([1.0, 1.0]), land_a)[0]
    five = estimate_domains(_table_with(5), np.array([1.0, 1.0]), land_a)[0]
    assert four.suppressed == Reason.TOO_FEW
    assert four.n is None and four.outcomes is None  # no figures at all
    assert five.suppressed is None and five.n == 5


def test_minimum_is_configurable_upward_only():
    land_a = [Domain("land:A", lands=frozenset({"A"}))]
    assert (
        estimate_domains(_table_with(4), np.ones(2), land_a, min_size=2)[0].suppressed
        == Reason.TOO_FEW
    )
    assert (
        estimate_domains(_table_with(5), np.ones(2), land_a, min_size=6)[0].suppressed
        == Reason.TOO_FEW
    )


def test_domain_with_responses_but_no_population():
    # Land A has 6 respondents but a population of 0 in the table: its weights are 0.
    table = _table_with(6)
    res = rake_cells(table.counts.reshape(2, 1, 1), [[0.0], [100.0]], [1.0], trim_factor=None)
    est = estimate_domains(table, res.weights, [Domain("land:A", lands=frozenset({"A"}))])[0]
    assert est.suppressed == Reason.NO_POPULATION


def test_small_example_suppresses_single_cells():
    est = _estimates([Domain("ax", lands=frozenset({"A"}), sections=frozenset({"X"}))])["ax"]
    assert est.suppressed == Reason.TOO_FEW  # 3 respondents


def test_standard_domains_cover_all_groupings():
    keys = [d.key for d in standard_domains(DIMS, {"nord": ["A"]})]
    assert len(keys) == len(set(keys))
    assert {"nation", "land:A", "wz:Y", "size:medium", "land:B|wz:X", "area:nord"} <= set(keys)
    assert {"area:nord|wz:X", "area:nord|size:small"} <= set(keys)
    assert len(keys) == 1 + 2 + 2 + 2 + 4 + 4 + 4 + (1 + 2 + 2)


def test_encode_rejects_unknown_categories():
    assert encode(["B", "A", "B"], ("A", "B"), "land").tolist() == [1, 0, 1]
    with pytest.raises(UnknownCategoryError, match="'ZZ'"):
        encode(["A", "ZZ"], ("A", "B"), "land")
    with pytest.raises(UnknownCategoryError):
        cell_index(DIMS, [0, 2], [0, 0], [0, 0])


def test_proportions_must_be_zero_or_one_and_missing_answers_are_skipped():
    dims = Dimensions(("A",), ("X",), ("small",))
    with pytest.raises(ValueError, match="0 or 1"):
        build_cell_table(dims, np.zeros(2, dtype=np.intp), [0.0, 0.5], ["p"], ["proportion"])
    y = np.array([1.0, 0.0, np.nan, 1.0, 1.0, 0.0, np.nan])
    table = build_cell_table(dims, np.zeros(7, dtype=np.intp), y, ["p"], ["proportion"])
    est = estimate_domains(table, np.ones(1), [Domain("nation")])[0]
    assert est.n == 7
    assert est.outcomes["p"].n == 5
    assert est.outcomes["p"].value == pytest.approx(3 / 5)


# --- secondary suppression ---
TWO = Dimensions(lands=("A", "B", "C"), sections=("X",), sizes=("small",))


def _est(key: str, n: int) -> DomainEstimate:
    return DomainEstimate(key, None if n >= 5 else Reason.TOO_FEW, n=n if n >= 5 else None, n_raw=n)


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ({"A": 10, "B": 6, "C": 2}, {"land:B", "land:C"}),  # C (2) derivable: hide B, smallest
        ({"A": 10, "B": 6, "C": 0}, {"land:C"}),  # C has no companies: nothing to protect
        ({"A": 10, "B": 3, "C": 2}, {"land:B", "land:C"}),  # 3 + 2 = 5 hidden together: enough
        ({"A": 10, "B": 6, "C": 5}, set()),  # nothing below the minimum
        ({"A": 7, "B": 6, "C": 1}, {"land:B", "land:C"}),  # ties broken by size, then key
    ],
)
def test_protect_complements_hides_the_smallest_neighbour(counts, hidden) -> None:
    lands = {f"land:{x}": n for x, n in counts.items()}
    estimates = [_est("nation", sum(counts.values())), *(_est(k, n) for k, n in lands.items())]
    domains = [Domain("nation"), *(Domain(k, lands=frozenset({k[-1]})) for k in lands)]
    parts = [("nation", list(lands))]
    out = {e.key: e for e in protect_complements(estimates, parts, domains, TWO)}
    assert {k for k, e in out.items() if e.suppressed} == hidden
    assert out["nation"].suppressed is None
    assert all(out[k].suppressed == Reason.PROTECTED for k in hidden if counts[k[-1]] >= 5)
    assert all(out[k].n_raw == lands[k] for k in lands)


def test_protection_spreads_through_nested_splits_and_twins() -> None:
    # Region R = {A, B}; B alone is its own region S (a twin). C has 2 companies.
    domains = [
        Domain("nation"),
        Domain("area:r", lands=frozenset({"A", "B"})),
        Domain("area:s", lands=frozenset({"B"})),
        *(Domain(f"land:{x}", lands=frozenset({x})) for x in "ABC"),
    ]
    n = {"nation": 20, "area:r": 18, "area:s": 6, "land:A": 12, "land:B": 6, "land:C": 2}
    estimates = [_est(k, v) for k, v in n.items()]
    parts = [("area:r", ["land:A", "land:B"]), ("nation", ["land:A", "land:B", "land:C"])]
    out = {e.key: e.suppressed for e in protect_complements(estimates, parts, domains, TWO)}
    # nation - A - B reveals C: B (6, smallest) is hidden, and with it its twin area:s; then
    # area:r - A reveals B (6 >= 5): allowed.
    assert out == {
        "nation": None, "area:r": None, "area:s": Reason.PROTECTED,
        "land:A": None, "land:B": Reason.PROTECTED, "land:C": Reason.TOO_FEW,
    }  # fmt: skip


def test_partitions_split_every_parent_exactly() -> None:
    dims = Dimensions(lands=("A", "B"), sections=("X", "Y"), sizes=("small", "medium"))
    domains = {d.key: d for d in standard_domains(dims, {"r": ["A", "B"]})}
    for parent, children in partitions(dims, {"r": ["A", "B"]}):
        masks = np.array([domains[c].mask(dims) for c in children])
        assert (masks.sum(axis=0) <= 1).all(), parent  # disjoint
        assert (masks.any(axis=0) == domains[parent].mask(dims)).all(), parent  # cover
