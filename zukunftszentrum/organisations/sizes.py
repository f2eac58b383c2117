"""Size classes by the EU SME definition (Recommendation 2003/361/EC), headcount criterion. Pure."""

from __future__ import annotations

from enum import StrEnum


class SizeClass(StrEnum):
    MICRO = "micro"  # fewer than 10 persons employed
    SMALL = "small"  # fewer than 50
    MEDIUM = "medium"  # fewer than 250
    LARGE = "large"  # 250 or more: outside the programme's target group


# Upper bounds (exclusive) of each SME class, in order.
SME_HEADCOUNT_LIMITS: tuple[tuple[SizeClass, int], ...] = (
    (SizeClass.MICRO, 10),
    (SizeClass.SMALL, 50),
    (SizeClass.MEDIUM, 250),
)


def size_class(headcount: int) -> SizeClass:
    """The EU size class for a headcount (persons employed, annual work units)."""
    if headcount < 0:
        raise ValueError("headcount must not be negative")
    for cls, limit in SME_HEADCOUNT_LIMITS:
        if headcount < limit:
            return cls
    return SizeClass.LARGE


def is_sme(headcount: int) -> bool:
    """True for micro, small and medium enterprises: the programme's target group."""
    return size_class(headcount) is not SizeClass.LARGE
