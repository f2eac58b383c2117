"""Multibase encodings and Ed25519 keys as Multikey strings.

Data Integrity proofs carry the signature as base58btc multibase (prefix "z"); Multikey public keys
are the multicodec header 0xed 0x01 plus the 32 key bytes, private keys 0x80 0x26 plus the seed.
The Bitstring Status List's encodedList is base64url multibase (prefix "u").
"""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}
ED25519_PUB = b"\xed\x01"
ED25519_PRIV = b"\x80\x26"


class MultibaseError(ValueError):
    """A string that is not the multibase value it claims to be."""


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = _B58[rest] + out
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + out


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _B58_INDEX:
            raise MultibaseError(f"not base58btc: {char!r}")
        number = number * 58 + _B58_INDEX[char]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * zeros + body


def encode_base58btc(data: bytes) -> str:
    return "z" + b58encode(data)


def decode_base58btc(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("z"):
        raise MultibaseError("expected base58btc multibase (prefix 'z')")
    return b58decode(value[1:])


def encode_base64url(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode_base64url(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("u"):
        raise MultibaseError("expected base64url multibase (prefix 'u')")
    body = value[1:]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as exc:
        raise MultibaseError("not base64url") from exc


def public_key_multibase(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return encode_base58btc(ED25519_PUB + raw)


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    raw = decode_base58btc(value)
    if not raw.startswith(ED25519_PUB) or len(raw) != 34:
        raise MultibaseError("not an Ed25519 Multikey public key")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def private_key_from_multibase(value: str) -> Ed25519PrivateKey:
    raw = decode_base58btc(value)
    if not raw.startswith(ED25519_PRIV) or len(raw) != 34:
        raise MultibaseError("not an Ed25519 Multikey private key")
    return Ed25519PrivateKey.from_private_bytes(raw[2:])


def did_key_public_key(verification_method: str) -> Ed25519PublicKey:
    """The key a `did:key:z6Mk…#z6Mk…` verification method names (the spec's test vectors use it)."""
    if not verification_method.startswith("did:key:"):
        raise MultibaseError("not a did:key")
    return public_key_from_multibase(verification_method.removeprefix("did:key:").split("#")[0])
