"""From published needs figures to the optimiser's demand cells. Pure: no Django.

A cell is Land x industry x size class x topic. The needs analysis publishes domains by Land,
Land x industry and Land x size class, not the full cross, so a cell is built the way a raking
would start: the industry's estimated establishments in the Land, times the size class's share
of the Land, times the need intensity of the topic in that industry (mean 0..100 read as the
share of establishments that need it), adjusted by how much the size class's intensity differs
from the Land's. The interval ends go the same way. Industries without a published estimate are
pooled as "the rest of the Land" with the Land's figures, so no establishment is lost.

Every figure used here was published through disclosure control by the needs run; counts of
people (waitlists, open gaps) come in already published (see inputs.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .optimiser.model import Demand
from .topic_map import TopicMap

SIZES = ("micro", "small", "medium")
TOPIC_PREFIX = "topic_"
FORMAT_PREFIX = "formats:"
REST = ""  # the pooled industries (and "no size class" where none is published)
MIN_COMPANIES = 0.5  # smaller cells are rounding noise and only slow the solver


@dataclass(frozen=True)
class Domain:
    """A published domain: estimated establishments, thin or not, and outcome -> (value, low,
    high) with topic means 0..100 and format shares 0..1."""

    population: float | None
    thin: bool = False
    figures: Mapping[str, tuple[float, float, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class Weights:
    """The centre's policy weights: a factor for micro companies, for thinly covered domains
    (few answers behind the estimate), and per WZ section (1.0 when not named)."""

    micro: float = 1.0
    thin: float = 1.0
    industries: Mapping[str, float] = field(default_factory=dict)

    def of(self, industry: str, size: str, thin: bool) -> float:
        weight = self.industries.get(industry, 1.0)
        if size == "micro":
            weight *= self.micro
        if thin:
            weight *= self.thin
        return round(weight, 4)


@dataclass(frozen=True)
class Unmet:
    """Published people waiting for a module or with an open gap in a competence."""

    key: str  # "wait:<module key>|SH" or "gap:<competence>|SH"
    land: str
    topic: str  # "module:<key>" or "competence:<id>"
    people: int
    formats: Mapping[str, float] = field(default_factory=dict)


def demand_cells(
    domains: Mapping[str, Domain],
    lands: Sequence[str],
    topics: TopicMap,
    centroids: Mapping[str, tuple[float, float]],
    weights: Weights = Weights(),
) -> tuple[Demand, ...]:
    """Every cell of the region with at least MIN_COMPANIES establishments needing a topic."""
    out: list[Demand] = []
    for land in lands:
        whole = domains.get(f"land:{land}")
        if whole is None or not whole.population:
            continue
        lat, lon = centroids[land]
        for industry, domain, population in _industries(domains, land, whole):
            formats = topics.format_shares(_shares(domain.figures) or _shares(whole.figures))
            for size, share in _sizes(domains, land):
                for topic in topics.topics:
                    figure = _topic(domain, whole, topic)
                    if figure is None:
                        continue
                    ratio = _size_ratio(domains, land, size, whole, topic)
                    value, low, high = (
                        population * share * min(1.0, max(0.0, f / 100 * ratio)) for f in figure
                    )
                    if value < MIN_COMPANIES:
                        continue
                    out.append(
                        Demand(
                            key=f"{land}|{industry or '-'}|{size or '-'}|{topic}",
                            land=land,
                            topic=topic,
                            industry=industry,
                            size_class=size,
                            companies=round(value, 3),
                            low=round(min(low, value), 3),
                            high=round(max(high, value), 3),
                            lat=lat,
                            lon=lon,
                            formats=formats,
                            weight=weights.of(industry, size, domain.thin),
                        )
                    )
    return tuple(out)


def unmet_cells(
    rows: Sequence[Unmet], centroids: Mapping[str, tuple[float, float]], weight: float = 1.0
) -> tuple[Demand, ...]:
    """Waitlists and open gaps as demand: one unit per published person, no interval."""
    return tuple(
        Demand(
            key=row.key,
            land=row.land,
            topic=row.topic,
            industry=REST,
            size_class=REST,
            companies=float(row.people),
            low=float(row.people),
            high=float(row.people),
            lat=centroids[row.land][0],
            lon=centroids[row.land][1],
            formats=dict(row.formats),
            weight=weight,
        )
        for row in rows
        if row.people > 0 and row.land in centroids
    )


def _industries(
    domains: Mapping[str, Domain], land: str, whole: Domain
) -> list[tuple[str, Domain, float]]:
    prefix = f"land:{land}|wz:"
    found = [
        (key.removeprefix(prefix), d, float(d.population))
        for key, d in sorted(domains.items())
        if key.startswith(prefix) and d.population and _has_topics(d)
    ]
    rest = float(whole.population or 0) - sum(p for _, _, p in found)
    if rest >= MIN_COMPANIES:
        found.append((REST, whole, rest))
    return found


def _sizes(domains: Mapping[str, Domain], land: str) -> list[tuple[str, float]]:
    found = {
        size: float(d.population)
        for size in SIZES
        if (d := domains.get(f"land:{land}|size:{size}")) is not None and d.population
    }
    total = sum(found.values())
    if total <= 0:
        return [(REST, 1.0)]
    return [(size, population / total) for size, population in found.items()]


def _has_topics(domain: Domain) -> bool:
    return any(key.startswith(TOPIC_PREFIX) for key in domain.figures)


def _topic(domain: Domain, whole: Domain, topic: str) -> tuple[float, float, float] | None:
    key = TOPIC_PREFIX + topic
    return domain.figures.get(key) or whole.figures.get(key)


def _size_ratio(
    domains: Mapping[str, Domain], land: str, size: str, whole: Domain, topic: str
) -> float:
    """How much more (or less) the size class needs the topic than the Land as a whole."""
    key = TOPIC_PREFIX + topic
    sized = domains.get(f"land:{land}|size:{size}")
    base = whole.figures.get(key)
    if sized is None or key not in sized.figures or base is None or base[0] <= 0:
        return 1.0
    return sized.figures[key][0] / base[0]


def _shares(figures: Mapping[str, tuple[float, float, float]]) -> dict[str, float]:
    return {
        key.removeprefix(FORMAT_PREFIX): value[0]
        for key, value in figures.items()
        if key.startswith(FORMAT_PREFIX)
    }


# The survey's time budgets per person and month, by the most hours each allows.
TIME_BUDGET_PREFIX = "time_budget:"
TIME_BUDGET_HOURS = {"lt2": 2.0, "2to4": 4.0, "4to8": 8.0, "gt8": float("inf")}


def time_budgets(
    domains: Mapping[str, Domain], lands: Sequence[str]
) -> dict[str, dict[str, float]]:
    """Each Land's published shares of the time budgets ({} where none is published)."""
    out = {}
    for land in lands:
        whole = domains.get(f"land:{land}")
        if whole is None:
            continue
        shares = {
            key.removeprefix(TIME_BUDGET_PREFIX): value[0]
            for key, value in whole.figures.items()
            if key.startswith(TIME_BUDGET_PREFIX)
        }
        if shares:
            out[land] = shares
    return out


def time_fit(shares: Mapping[str, float], hours: float) -> float | None:
    """The share of companies whose monthly time budget per person holds a module of `hours`
    (a single choice, so the shares are normalised); None without shares."""
    total = sum(v for k, v in shares.items() if k in TIME_BUDGET_HOURS)
    if total <= 0:
        return None
    fits = sum(v for k, v in shares.items() if TIME_BUDGET_HOURS.get(k, 0) >= hours)
    return fits / total
