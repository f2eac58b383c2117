"""The opinion map: opinion groups from agree / disagree / pass votes, as Polis finds them, with
disclosure control. Pure: no Django imports.

Method (docs/methods/opinion-map.md): a participants x statements matrix (agree 1, disagree -1,
pass 0, unseen NaN); participants with fewer than `MIN_VOTES` votes are left out; missing votes
are imputed with the statement's mean; PCA to two components (each person's projection scaled up
by sqrt(statements / votes), as Polis does, so sparse voters are not pulled to the centre);
k-means for k = 2..5 on those coordinates, k chosen by the silhouette. A group smaller than the
minimum group size (core.suppression) is merged into the group with the nearest centre; if fewer
than two groups remain, the map is withheld. Callers get group sizes through
`core.disclosure.publish_count`, shares through `publish_share`, and the statements that unite
and divide the groups, never participant ids or anyone's coordinates.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from zukunftszentrum.core.disclosure import (
    DEFAULT,
    Contribution,
    Parameters,
    Published,
    publish_count,
    publish_share,
)

MIN_VOTES = 7  # votes (pass included) a person needs to be placed; Polis uses the same floor
MIN_STATEMENTS = 3  # fewer statements give no meaningful plane
K_RANGE = range(2, 6)
N_INIT = 10  # k-means restarts per k; the best inertia wins
UNITE_FLOOR = 0.6  # a uniting statement: at least this agreement (smoothed) in every group
DIVIDE_Z = 1.96  # significance floor: two-proportion z-test, two-sided 5 %
TOP = 5  # statements listed per kind and group
SILHOUETTE_SAMPLE = 1000  # above this many people the silhouette uses a seeded sample


class MapReason(StrEnum):
    """Why no opinion groups are shown."""

    TOO_FEW_STATEMENTS = "too_few_statements"
    TOO_FEW_PARTICIPANTS = "too_few_participants"  # fewer than two minimum-size groups could exist
    NO_GROUPS = "no_groups"  # after merging small groups, fewer than two remained


class Direction(StrEnum):
    AGREES_MORE = "agrees_more"
    DISAGREES_MORE = "disagrees_more"


@dataclass(frozen=True)
class Vote:
    participant: Hashable
    statement: Hashable
    value: int  # 1 agree, -1 disagree, 0 pass


@dataclass(frozen=True)
class StatementShares:
    """A statement's agree and disagree shares within a set of people, published."""

    statement: Hashable
    agree: Published
    disagree: Published


@dataclass(frozen=True)
class Dividing:
    statement: Hashable
    direction: Direction
    group: StatementShares
    others: StatementShares


@dataclass(frozen=True)
class Group:
    label: str  # "A", "B", ... by size, largest first
    size: Published
    dividing: tuple[Dividing, ...]


@dataclass(frozen=True)
class OpinionMap:
    """What may be shown. `groups` is empty when withheld (then `reason` says why)."""

    participants: Published  # people placed on the map
    left_out: Published  # people with too few votes
    groups: tuple[Group, ...] = ()
    uniting: tuple[StatementShares, ...] = ()
    reason: MapReason | None = None

    @property
    def shown(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class Fit:
    """The clustering of the matrix rows. Internal: rows and coordinates stay in this module
    (and its tests); nothing that publishes may pass it on."""

    labels: np.ndarray  # group index per row, groups ordered by size
    k: int  # groups after merging
    silhouette: float


def matrix_of(
    votes: Sequence[Vote], statements: Sequence[Hashable]
) -> tuple[list[Hashable], np.ndarray]:
    """The participants (in a fixed order) and their rows of votes, NaN where unseen."""
    column = {s: j for j, s in enumerate(statements)}
    people = sorted({v.participant for v in votes}, key=repr)  # input order must not matter
    row = {p: i for i, p in enumerate(people)}
    m = np.full((len(people), len(statements)), np.nan)
    for v in votes:
        if v.value not in (-1, 0, 1):
            raise ValueError(f"a vote is 1, 0 or -1, got {v.value!r}")
        if v.statement not in column:
            raise ValueError(f"vote on an unknown statement {v.statement!r}")
        i, j = row[v.participant], column[v.statement]
        if not np.isnan(m[i, j]):
            raise ValueError("a participant voted twice on one statement")
        m[i, j] = v.value
    return people, m


def project(m: np.ndarray) -> np.ndarray:
    """Two PCA coordinates per row: impute with column means, centre, SVD, sparse-voter scaling."""
    seen = ~np.isnan(m)
    counts = seen.sum(axis=0)
    sums = np.where(seen, m, 0.0).sum(axis=0)
    means = np.divide(sums, counts, out=np.zeros(m.shape[1]), where=counts > 0)
    filled = np.where(seen, m, means)
    centred = filled - filled.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:2]
    if components.shape[0] < 2:
        components = np.vstack([components, np.zeros((2 - components.shape[0], m.shape[1]))])
    coords = centred @ components.T
    scale = np.sqrt(m.shape[1] / np.maximum(seen.sum(axis=1), 1))
    return coords * scale[:, None]


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator) -> tuple[np.ndarray, float]:
    """Labels and inertia: k-means++ start, Lloyd iterations, best of N_INIT runs."""
    best: tuple[np.ndarray, float] | None = None
    for _ in range(N_INIT):
        centres = _plus_plus(x, k, rng)
        labels = np.zeros(len(x), dtype=int)
        for step in range(100):
            dist = ((x[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
            new = dist.argmin(axis=1)
            if step > 0 and np.array_equal(new, labels):
                break
            labels = new
            for c in range(k):
                if (labels == c).any():
                    centres[c] = x[labels == c].mean(axis=0)
        inertia = float(((x - centres[labels]) ** 2).sum())
        if best is None or inertia < best[1] - 1e-12:
            best = (labels.copy(), inertia)
    assert best is not None
    return best


def _plus_plus(x: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    centres = [x[rng.integers(len(x))]]
    for _ in range(1, k):
        d2 = np.min([((x - c) ** 2).sum(axis=1) for c in centres], axis=0)
        total = d2.sum()
        pick = rng.choice(len(x), p=d2 / total) if total > 0 else rng.integers(len(x))
        centres.append(x[pick])
    return np.array(centres, dtype=float)


def silhouette(x: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> float:
    """Mean silhouette width (Rousseeuw 1987). Above SILHOUETTE_SAMPLE people it is computed
    within a seeded sample (as scikit-learn's `sample_size`), keeping memory at sample^2."""
    if len(x) > SILHOUETTE_SAMPLE:
        rows = np.sort(rng.choice(len(x), SILHOUETTE_SAMPLE, replace=False))
        x, labels = x[rows], labels[rows]
    groups = np.unique(labels)
    if len(groups) < 2:
        return -1.0
    dist = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2))
    widths = []
    for i in range(len(x)):
        own = labels == labels[i]
        if own.sum() <= 1:
            widths.append(0.0)
            continue
        a = dist[i, own].sum() / (own.sum() - 1)
        b = min(dist[i, labels == g].mean() for g in groups if g != labels[i])
        widths.append((b - a) / max(a, b) if max(a, b) > 0 else 0.0)
    return float(np.mean(widths))


def merge_small(x: np.ndarray, labels: np.ndarray, minimum: int) -> np.ndarray:
    """Merge every group below `minimum` into the group with the nearest centre, smallest first."""
    labels = labels.copy()
    while True:
        groups, sizes = np.unique(labels, return_counts=True)
        if len(groups) < 2 or sizes.min() >= minimum:
            return labels
        small = groups[sizes.argmin()]
        centres = {g: x[labels == g].mean(axis=0) for g in groups}
        nearest = min(
            (g for g in groups if g != small),
            key=lambda g: float(((centres[g] - centres[small]) ** 2).sum()),
        )
        labels[labels == small] = nearest


def fit_groups(m: np.ndarray, minimum: int, seed: int = 0) -> Fit | None:
    """Groups of the rows of `m` (already filtered), or None when no two groups of `minimum`."""
    rng = np.random.default_rng(seed)
    x = project(m)
    best: Fit | None = None
    for k in K_RANGE:
        if k * minimum > len(x):
            break
        labels = merge_small(x, kmeans(x, k, rng)[0], minimum)
        if len(np.unique(labels)) < 2:
            continue
        score = silhouette(x, labels, rng)
        if best is None or score > best.silhouette + 1e-9:
            best = Fit(_by_size(labels), len(np.unique(labels)), score)
    return best


def _by_size(labels: np.ndarray) -> np.ndarray:
    """Renumber groups 0.. by size, largest first (ties by first row), so "A" is the largest."""
    groups, first, sizes = np.unique(labels, return_index=True, return_counts=True)
    order = sorted(range(len(groups)), key=lambda g: (-sizes[g], first[g]))
    remap = {groups[g]: n for n, g in enumerate(order)}
    return np.array([remap[v] for v in labels])


def build_map(
    votes: Sequence[Vote],
    statements: Sequence[Hashable],
    record_keys: Mapping[Hashable, int],
    *,
    variable: str,
    viewer: Hashable | None = None,
    for_everyone: bool = False,
    params: Parameters = DEFAULT,
    seed: int = 0,
) -> OpinionMap:
    """The publishable opinion map. `record_keys`: each participant's record key (cell key
    method); `variable`: names the map for the noise ("opinion:<project>:<round>").

    `for_everyone`: one map stored and shown to everybody (a release), computed as if the
    viewer were in every set (`viewer_took_part`): a figure needs the minimum besides one
    unknown voter, and a group one person more than the minimum, so its size is always shown."""
    people, m = matrix_of(votes, statements)
    placed = _placed(m, len(statements))
    took_part = for_everyone
    minimum = params.minimum + (1 if took_part else 0)

    def contributions(rows: np.ndarray) -> list[Contribution]:
        return [
            Contribution(key=record_keys[people[i]], own=people[i] == viewer)
            for i in np.flatnonzero(rows)
        ]

    def count(rows: np.ndarray) -> Published:
        return publish_count(contributions(rows), viewer_took_part=took_part, params=params)

    total, left_out = count(placed), count(~placed)
    if len(statements) < MIN_STATEMENTS:
        return OpinionMap(total, left_out, reason=MapReason.TOO_FEW_STATEMENTS)
    if placed.sum() < 2 * minimum:
        return OpinionMap(total, left_out, reason=MapReason.TOO_FEW_PARTICIPANTS)
    rows = np.flatnonzero(placed)
    fit = fit_groups(m[rows], minimum, seed)
    if fit is None:
        return OpinionMap(total, left_out, reason=MapReason.NO_GROUPS)

    def shares(members: np.ndarray, j: int, name: str) -> StatementShares:
        cast = members[~np.isnan(m[members, j])]
        keys = [(record_keys[people[i]], m[i, j], people[i] == viewer) for i in cast]
        agree = [Contribution(key=k, value=float(v == 1), own=o) for k, v, o in keys]
        disagree = [Contribution(key=k, value=float(v == -1), own=o) for k, v, o in keys]
        base = f"{variable}:{name}:{statements[j]!r}"
        return StatementShares(
            statements[j],
            publish_share(
                agree, variable=f"{base}:agree", viewer_took_part=took_part, params=params
            ),
            publish_share(
                disagree, variable=f"{base}:disagree", viewer_took_part=took_part, params=params
            ),
        )

    members = [rows[fit.labels == g] for g in range(fit.k)]
    labels = [chr(ord("A") + g) for g in range(fit.k)]
    groups = []
    for g, own in enumerate(members):
        label = labels[g]
        rest = rows[fit.labels != g]
        # A set of people is named by its groups, so the same set always gets the same noise
        # (with two groups, "everyone but A" is B): two noisy views of one figure would let
        # a reader average the noise away.
        rest_name = "+".join(x for x in labels if x != label)
        divides = [
            Dividing(statements[j], d, shares(own, j, label), shares(rest, j, rest_name))
            for j, d, _ in _dividing(m, own, rest)
        ]
        groups.append(Group(label, count(_mask(own, m)), tuple(divides)))
    uniting = tuple(shares(rows, j, "+".join(labels)) for j in _uniting(m, members))
    return OpinionMap(total, left_out, tuple(groups), uniting)


def _placed(m: np.ndarray, statements: int) -> np.ndarray:
    """Which rows have enough votes to be placed (pass counts: the statement was read)."""
    return np.asarray((~np.isnan(m)).sum(axis=1) >= min(MIN_VOTES, statements))


def placed_participants(
    votes: Sequence[Vote], statements: Sequence[Hashable]
) -> frozenset[Hashable]:
    """The participants the map places: those with enough votes (the rows of the clustering)."""
    people, m = matrix_of(votes, statements)
    return frozenset(people[i] for i in np.flatnonzero(_placed(m, len(statements))))


def _mask(members: np.ndarray, m: np.ndarray) -> np.ndarray:
    mask = np.zeros(len(m), dtype=bool)
    mask[members] = True
    return mask


def _counts(m: np.ndarray, members: np.ndarray, j: int) -> tuple[int, int, int]:
    column = m[members, j]
    return int((column == 1).sum()), int((column == -1).sum()), int((~np.isnan(column)).sum())


def _smoothed(hits: int, n: int) -> float:
    return (hits + 1) / (n + 2)  # Laplace: few votes do not make a 100 % statement


def _agree_rate(m: np.ndarray, members: np.ndarray, j: int) -> float:
    agree, _, n = _counts(m, members, j)
    return _smoothed(agree, n)


def _z(h1: int, n1: int, h2: int, n2: int) -> float:
    """Two-proportion z statistic of the smoothed rates (pooled variance)."""
    p1, p2 = _smoothed(h1, n1), _smoothed(h2, n2)
    pooled = _smoothed(h1 + h2, n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / (n1 + 2) + 1 / (n2 + 2)))
    return (p1 - p2) / se if se > 0 else 0.0


def _dividing(
    m: np.ndarray, own: np.ndarray, rest: np.ndarray
) -> list[tuple[int, Direction, float]]:
    """Statements where the group differs significantly from everyone else, largest gap first."""
    found = []
    for j in range(m.shape[1]):
        a1, d1, n1 = _counts(m, own, j)
        a2, d2, n2 = _counts(m, rest, j)
        if n1 == 0 or n2 == 0:
            continue
        za, zd = _z(a1, n1, a2, n2), _z(d1, n1, d2, n2)
        z, direction, gap = max(
            (za, Direction.AGREES_MORE, _smoothed(a1, n1) - _smoothed(a2, n2)),
            (zd, Direction.DISAGREES_MORE, _smoothed(d1, n1) - _smoothed(d2, n2)),
            key=lambda t: t[0],
        )
        if z >= DIVIDE_Z:
            found.append((j, direction, gap))
    found.sort(key=lambda t: (-t[2], t[0]))
    return found[:TOP]


def _uniting(m: np.ndarray, members: Sequence[np.ndarray]) -> list[int]:
    """Statements every group agrees with (smoothed share >= UNITE_FLOOR), most agreed first."""
    found = []
    for j in range(m.shape[1]):
        lowest = min(_agree_rate(m, g, j) for g in members)
        if lowest >= UNITE_FLOOR:
            found.append((lowest, j))
    found.sort(key=lambda t: (-t[0], t[1]))
    return [j for _, j in found[:TOP]]
