"""Disclosure control: the one way figures about people and organisations are published.
Pure: no Django imports.

Every count, mean, share and estimate over people or organisations that a page, chart, PDF,
export, the API or the admin shows passes through here. The method is consistent perturbation
by the cell key method (as in the Zensus 2022 and the ABS TableBuilder), combined with a
minimum group size that counts contributors other than the viewer, rounding of what is
displayed, batch releases of live surveys and peer snapshots. Method, parameters, threat model
and residual risk: docs/methods/disclosure-control.md.

    from zukunftszentrum.core.disclosure import Contribution, Parameters, publish_mean

    figure = publish_mean(
        [Contribution(key=r.record_key, value=r.score, own=r.is_viewers) for r in rows],
        variable="readiness:2026.1:data",
        params=Parameters(min_size=settings.ZZ_MIN_GROUP_SIZE),
    )
    figure.value  # whole points to display, or None and figure.reason
"""

from .estimates import max_weighted_influence, publish_estimate, widen_interval
from .keys import cell_key, draw_record_key, magnitude_cell_key, record_key_from_unit
from .publish import (
    DEFAULT,
    Contribution,
    Parameters,
    Published,
    Reason,
    Unit,
    others,
    publish_count,
    publish_mean,
    publish_share,
)
from .releases import (
    Release,
    ReleasedText,
    Submission,
    batch_order,
    next_release,
    release_texts,
    snapshot_due,
)

__all__ = [
    "DEFAULT",
    "Contribution",
    "Parameters",
    "Published",
    "Reason",
    "Release",
    "ReleasedText",
    "Submission",
    "Unit",
    "batch_order",
    "cell_key",
    "draw_record_key",
    "magnitude_cell_key",
    "max_weighted_influence",
    "next_release",
    "others",
    "publish_count",
    "publish_estimate",
    "publish_mean",
    "publish_share",
    "record_key_from_unit",
    "release_texts",
    "snapshot_due",
    "widen_interval",
]
