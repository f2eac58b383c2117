"""Which counts of the Art. 4 record may be published together. Pure: no Django imports.

The record counts the people reached (those who shared a completion) in overlapping groups:
everybody, each job profile, and each AI system's users and overseers (the people holding the
profiles the system names). Each count alone goes through `core.disclosure.publish_count`
(withheld below the minimum, perturbed otherwise). Together they could still be subtracted: the
whole company minus the shown profiles is the one profile that was withheld; a system used by
profiles A and C minus profile A is profile C. So the groups are released one by one (in the
order given: the most useful first), and a group is kept back when, with it, any union of
profiles with fewer people than the minimum could be computed by adding and subtracting the
released groups — zero included, because "nobody in the workshop shared anything" tells the
employer about the people there who did not share.

Each group is a set of "atoms" (the job profiles present in the company, plus "no profile");
a derivable union is one whose indicator vector lies in the rational span of the released groups'
vectors. With a dozen atoms this is an exact check, a few thousand small reductions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Group:
    key: str  # "all", "profile:<id>", "system:<pk>"
    atoms: frozenset[str]


Vector = list[Fraction]


def _rref(rows: list[Vector], width: int) -> list[Vector]:
    """The rows in reduced row echelon form (zero rows dropped)."""
    matrix = [list(r) for r in rows]
    pivot_row = 0
    for col in range(width):
        found = next((i for i in range(pivot_row, len(matrix)) if matrix[i][col]), None)
        if found is None:
            continue
        matrix[pivot_row], matrix[found] = matrix[found], matrix[pivot_row]
        lead = matrix[pivot_row][col]
        matrix[pivot_row] = [x / lead for x in matrix[pivot_row]]
        for i in range(len(matrix)):
            if i != pivot_row and matrix[i][col]:
                factor = matrix[i][col]
                matrix[i] = [
                    a - factor * b for a, b in zip(matrix[i], matrix[pivot_row], strict=True)
                ]
        pivot_row += 1
    return matrix[:pivot_row]


def _kernel(rows: list[Vector], width: int) -> list[list[int]]:
    """Integer vectors spanning the null space of the rows: a 0/1 vector lies in the span of
    the rows exactly when it is orthogonal to every one of them."""
    reduced = _rref(rows, width)
    pivots = [next(i for i, x in enumerate(r) if x) for r in reduced]
    kernel = []
    for free in (c for c in range(width) if c not in pivots):
        v = [Fraction(0)] * width
        v[free] = Fraction(1)
        for row, pivot in zip(reduced, pivots, strict=True):
            v[pivot] = -row[free]
        scale = math.lcm(*(x.denominator for x in v))
        kernel.append([int(x * scale) for x in v])
    return kernel


def _reveals_small(kernel: list[list[int]], small: list[int], width: int) -> bool:
    """Whether a small union (a bit mask over the atoms) lies in the span: orthogonal to every
    kernel vector. The sums over all masks are built up one bit at a time."""
    derivable = [True] * (1 << width)
    for vector in kernel:
        sums = [0] * (1 << width)
        for mask in range(1, 1 << width):
            low = mask & -mask
            sums[mask] = sums[mask ^ low] + vector[low.bit_length() - 1]
            if sums[mask]:
                derivable[mask] = False
    return any(derivable[mask] for mask in small)


def releasable(groups: Sequence[Group], counts: Mapping[str, int], minimum: int) -> list[str]:
    """The keys of the groups that may be published, in the order given.

    `counts`: people per atom, the viewer left out (as `publish_count` leaves them out of the
    minimum). A group below the minimum is never released; any other is released unless,
    together with those released before it, it lets a small union of atoms be computed."""
    order = sorted(counts)
    width = len(order)
    # Every non-empty union of atoms as a bit mask; the small ones must never be derivable.
    people = [0] * (1 << width)
    for mask in range(1, 1 << width):
        low = mask & -mask
        people[mask] = people[mask ^ low] + counts[order[low.bit_length() - 1]]
    small = [mask for mask in range(1, 1 << width) if people[mask] < minimum]
    rows: list[Vector] = []
    released: list[str] = []
    for group in groups:
        atoms = group.atoms & set(order)
        if not atoms or sum(counts[a] for a in atoms) < minimum:
            continue
        candidate = [*rows, [Fraction(1 if a in atoms else 0) for a in order]]
        if _reveals_small(_kernel(candidate, width), small, width):
            continue
        rows = candidate
        released.append(group.key)
    return released
