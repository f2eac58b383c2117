"""Every figure over people is published through `core.disclosure`: no other product code
computes a mean, sum, share or average that could reach a page, chart, PDF, export or the API.

A static guard over the product's source: any mean (`sum(..) / len(..)`, `mean`, `fmean`,
`median`, `average`, numpy's) or database aggregate (`Avg`, `Sum`, `StdDev`, `Variance`) outside
the places listed below fails this test. The places listed are where figures are *made* before
they are published (one organisation's answers combined into one contributor, the raw survey
estimation) or where the numbers are not about people at all; each names why. A new entry needs
the same kind of reason: if the figure is shown, it must go through `core.disclosure` instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PRODUCT = Path(__file__).resolve().parents[2] / "zukunftszentrum"
MEAN_CALLS = {"mean", "fmean", "median", "average", "nanmean"}
DB_AGGREGATES = {"Avg", "Sum", "StdDev", "Variance"}

# (module path below zukunftszentrum/, enclosing function) -> why it may compute a figure.
ALLOWED: dict[tuple[str, str], str] = {
    # The opinion map's geometry: centring votes, cluster centres and the silhouette choose the
    # groups; what it publishes (group sizes and shares) goes through core.disclosure.
    ("participation/opinion_map.py", "project"): "centring the vote matrix for the PCA",
    ("participation/opinion_map.py", "kmeans"): "cluster centres, never published",
    ("participation/opinion_map.py", "silhouette"): "choosing the number of groups",
    ("participation/opinion_map.py", "merge_small"): "where a small group's centre lies",
    ("core/geo.py", "ring_centroid"): "map geometry, no people",
    ("assessments/engine/aggregate.py", "mean_profile"): "its `mean` calls core.disclosure",
    ("assessments/peers.py", "_mean"): "one organisation's answers as one contributor, "
    "published through core.disclosure afterwards",
    ("needs/queries.py", "_fold"): "one organisation's input row for the estimation",
    ("needs/queries.py", "population_tables"): "official establishment counts, no people",
    (
        "needs/metrics.py",
        "needs_run_metrics",
    ): "how long computations took, for operators; no people",
}
# The publication step itself, and the raw survey estimation whose results
# needs/publication.py publishes through it.
ALLOWED_PACKAGES = ("core/disclosure/", "needs/estimation/")


def _sources() -> list[Path]:
    return sorted(
        p
        for p in PRODUCT.rglob("*.py")
        if "/tests/" not in p.as_posix() and "/migrations/" not in p.as_posix()
    )


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_sum_over_len(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Div)
        and isinstance(node.left, ast.Call)
        and _name(node.left.func) == "sum"
        and isinstance(node.right, ast.Call)
        and _name(node.right.func) == "len"
    )


def findings(path: Path) -> list[tuple[str, int, str]]:
    """(enclosing function, line, what) for every figure computed in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int, str]] = []

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if isinstance(node, ast.Call) and _name(node.func) in MEAN_CALLS | DB_AGGREGATES:
            found.append((function, node.lineno, _name(node.func)))
        if _is_sum_over_len(node):
            found.append((function, node.lineno, "sum()/len()"))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, "<module>")
    return found


def test_the_guard_sees_the_product() -> None:
    assert len(_sources()) > 100


def test_the_guard_finds_a_mean() -> None:
    sample = Path(__file__).with_name("_guard_sample.txt")
    sample.write_text(
        "def f(xs):\n    return sum(xs) / len(xs)\n\ndef g(q):\n    return q.aggregate(Avg('x'))\n"
    )
    try:
        assert [(f, what) for f, _, what in findings(sample)] == [
            ("f", "sum()/len()"),
            ("g", "Avg"),
        ]
    finally:
        sample.unlink()


@pytest.mark.parametrize("path", _sources(), ids=lambda p: p.relative_to(PRODUCT).as_posix())
def test_no_figure_bypasses_disclosure_control(path: Path) -> None:
    module = path.relative_to(PRODUCT).as_posix()
    if module.startswith(ALLOWED_PACKAGES):
        return
    stray = [
        f"{module}:{line} {what} in {function}()"
        for function, line, what in findings(path)
        if (module, function) not in ALLOWED
    ]
    assert not stray, (
        "figures computed outside core.disclosure (publish them through it, or list the place "
        "in ALLOWED with the reason it is not a published figure): " + "; ".join(stray)
    )


def test_every_allowed_place_still_exists() -> None:
    """An allowance for code that is gone would silently allow the next thing of that name."""
    for module, function in ALLOWED:
        assert any(f == function for f, _, _ in findings(PRODUCT / module)), (module, function)
