"""Bitstring Status List v1.0: one bit per issued credential, set when it is revoked.

The list is at least 131,072 bits (16 KiB) so that a revoked credential hides among many (the
specification's minimum, for herd privacy). Bit 0 is the leftmost bit of the first byte. The
published form is GZIP-compressed, then base64url multibase (prefix "u"); compression is
deterministic (mtime 0), so an unchanged list publishes the same bytes.
"""

from __future__ import annotations

import gzip
from datetime import datetime
from typing import Any

from .contexts import VC_V2
from .credential import xsd_datetime
from .multibase import decode_base64url, encode_base64url

MIN_BITS = 131_072
MIN_BYTES = MIN_BITS // 8


class StatusListError(ValueError):
    """An encoded list that cannot be read, or an index outside it."""


def empty() -> bytes:
    return bytes(MIN_BYTES)


def _locate(bits: bytes | bytearray, index: int) -> tuple[int, int]:
    if not 0 <= index < len(bits) * 8:
        raise StatusListError(f"index {index} outside the list of {len(bits) * 8} bits")
    return index // 8, 7 - index % 8


def is_set(bits: bytes | bytearray, index: int) -> bool:
    byte, shift = _locate(bits, index)
    return bool(bits[byte] >> shift & 1)


def with_bit(bits: bytes, index: int, value: bool = True) -> bytes:
    """A copy of `bits` with `index` set (or cleared)."""
    byte, shift = _locate(bits, index)
    out = bytearray(bits)
    if value:
        out[byte] |= 1 << shift
    else:
        out[byte] &= ~(1 << shift) & 0xFF
    return bytes(out)


def encode(bits: bytes) -> str:
    if len(bits) < MIN_BYTES:
        raise StatusListError(f"a status list has at least {MIN_BITS} bits")
    return encode_base64url(gzip.compress(bits, mtime=0))


def decode(encoded: str) -> bytes:
    try:
        return gzip.decompress(decode_base64url(encoded))
    except (OSError, ValueError, EOFError) as exc:
        raise StatusListError("the encoded list is not gzip in base64url") from exc


def status_list_credential(
    *, url: str, issuer_id: str, purpose: str, bits: bytes, valid_from: datetime
) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential published at `url`."""
    return {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id,
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode(bits),
        },
    }
