"""The programme optimiser: a mixed-integer programme solved with HiGHS. Pure: no Django.

See docs/methods/concept-optimiser.md for the model and zukunftszentrum/concepts/optimiser/model.py
for the inputs and results.
"""

from .greedy import greedy
from .model import (
    ONLINE,
    Demand,
    Excluded,
    Fixed,
    Instance,
    Limit,
    Option,
    Place,
    Plan,
    PlanItem,
    Policy,
    Resources,
)
from .solve import solve

__all__ = [
    "ONLINE",
    "Demand",
    "Excluded",
    "Fixed",
    "Instance",
    "Limit",
    "Option",
    "Place",
    "Plan",
    "PlanItem",
    "Policy",
    "Resources",
    "greedy",
    "solve",
]
