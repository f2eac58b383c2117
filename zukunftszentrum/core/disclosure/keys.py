"""Record keys and cell keys of the cell key method. Pure: no Django imports.

Every contributor (a person's response, an organisation) carries a random record key, drawn once
and stored with it; it is never shown. A cell's key is the fractional part of the sum of its
contributors' record keys. Keys are 32-bit integers standing for the fractions k / 2**32, so the
sum is exact and the same set of contributors gives the same cell key in any order (floating
point sums would depend on the order).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

KEY_BITS = 32
KEY_SPACE = 1 << KEY_BITS
_MASK = KEY_SPACE - 1


def draw_record_key() -> int:
    """A new record key, uniform in [0, 2**32), from the operating system's secure source."""
    return secrets.randbits(KEY_BITS)


def check_record_key(key: int) -> int:
    """The key itself; raises ValueError when it is not a record key (a caller's bug)."""
    if isinstance(key, bool) or not isinstance(key, int) or not 0 <= key < KEY_SPACE:
        raise ValueError(f"record key out of range: {key!r}")
    return key


def record_key_from_unit(fraction: float) -> int:
    """The integer record key of a key stored as a fraction in [0, 1)."""
    if not 0.0 <= fraction < 1.0:
        raise ValueError(f"record key fraction out of range: {fraction!r}")
    return int(fraction * KEY_SPACE)


def cell_key(keys: Iterable[int]) -> float:
    """The cell key in [0, 1) of a set of contributors: frac(sum of their record keys)."""
    total = 0
    for key in keys:
        total = (total + check_record_key(key)) & _MASK
    return total / KEY_SPACE


def _mix(value: int) -> int:
    """A fixed bijection of 32-bit integers that scrambles all bits (murmur3's finaliser)."""
    value ^= value >> 16
    value = (value * 0x85EBCA6B) & _MASK
    value ^= value >> 13
    value = (value * 0xC2B2AE35) & _MASK
    value ^= value >> 16
    return value


def _salt(variable: str) -> int:
    return int.from_bytes(hashlib.sha256(variable.encode()).digest()[:4], "big")


def magnitude_cell_key(keys: Iterable[int], variable: str) -> float:
    """A second cell key of the same set, for the noise of one variable's sum.

    Each record key is scrambled together with the variable's name before summing, so the
    noise of a sum is not tied to the noise of the count, and two variables of the same group
    (two dimensions of a check) get unrelated noise. The same set and variable still always
    give the same key."""
    salt = _salt(variable)
    total = 0
    for key in keys:
        total = (total + _mix(check_record_key(key) ^ salt)) & _MASK
    return total / KEY_SPACE
