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
from .robust import robustness
from .sensitivity import Relaxation, value_of_more
from .solve import solve, usage

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
    "Relaxation",
    "Resources",
    "greedy",
    "robustness",
    "solve",
    "usage",
    "value_of_more",
]
