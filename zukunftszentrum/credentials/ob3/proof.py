"""The Data Integrity proof with cryptosuite `eddsa-rdfc-2022` (W3C vc-di-eddsa, section 3.3).

Signing: canonicalise the proof options (with the document's @context) and the document without
its proof by RDF Dataset Canonicalization (RDFC-1.0, which pyld calls URDNA2015), hash each with
SHA-256, sign proofHash || documentHash with Ed25519, and store the signature as base58btc.
Verifying repeats the hashing and checks the signature. The test vectors of the specification
are reproduced byte for byte in tests/test_ob3_vectors.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

from .contexts import Loader, UnknownContext, document_loader
from .multibase import MultibaseError, decode_base58btc, encode_base58btc

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(ValueError):
    """The proof is missing, malformed or does not match; `check` names which step failed."""

    def __init__(self, check: str, message: str) -> None:
        super().__init__(message)
        self.check = check


def canonicalize(document: Mapping[str, Any], loader: Loader | None = None) -> str:
    """RDFC-1.0 N-Quads of `document`; refuses contexts the loader does not hold."""
    try:
        result = jsonld.normalize(
            dict(document),
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": loader or document_loader(),
            },
        )
    except jsonld.JsonLdError as exc:
        unknown = _unknown_context(exc)
        if unknown is not None:
            raise unknown from exc
        raise ProofError("canonical", f"the document is not valid JSON-LD: {exc}") from exc
    return str(result)


def _unknown_context(exc: BaseException | None) -> UnknownContext | None:
    """pyld wraps the loader's error; dig out an UnknownContext if that was the cause."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, UnknownContext):
            return exc
        nxt = getattr(exc, "cause", None) or exc.__cause__ or exc.__context__
        exc = nxt if isinstance(nxt, BaseException) else None
        seen += 1
    return None


def hash_data(
    document: Mapping[str, Any], options: Mapping[str, Any], loader: Loader | None = None
) -> bytes:
    """SHA-256 of the canonical proof options, then of the canonical document (64 bytes)."""
    config = {**options, "@context": document.get("@context")}
    config.pop("proofValue", None)
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proof_hash = hashlib.sha256(canonicalize(config, loader).encode("utf-8")).digest()
    doc_hash = hashlib.sha256(canonicalize(unsecured, loader).encode("utf-8")).digest()
    return proof_hash + doc_hash


def sign(
    document: Mapping[str, Any],
    key: Ed25519PrivateKey,
    *,
    verification_method: str,
    created: str,
    proof_purpose: str = "assertionMethod",
    loader: Loader | None = None,
) -> dict[str, Any]:
    """`document` with an embedded proof; `created` is an XML Schema dateTime string."""
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    signature = key.sign(hash_data(document, options, loader))
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    return {**unsecured, "proof": {**options, "proofValue": encode_base58btc(signature)}}


def proof_of(document: Mapping[str, Any]) -> dict[str, Any]:
    """The one eddsa-rdfc-2022 proof of `document`, or ProofError("proof")."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("proof", "the credential carries no single embedded proof")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("proof", f"not a {PROOF_TYPE} with cryptosuite {CRYPTOSUITE}")
    for field in ("verificationMethod", "proofPurpose", "proofValue"):
        if not isinstance(proof.get(field), str):
            raise ProofError("proof", f"the proof has no {field}")
    if proof["proofPurpose"] != "assertionMethod":
        raise ProofError("proof", "the proof is not made for assertions")
    return proof


def verify(
    document: Mapping[str, Any], key: Ed25519PublicKey, loader: Loader | None = None
) -> None:
    """Returns when the proof is good; raises ProofError (or UnknownContext) otherwise."""
    proof = proof_of(document)
    try:
        signature = decode_base58btc(proof["proofValue"])
    except MultibaseError as exc:
        raise ProofError("proof", "the proof value is not base58btc") from exc
    if len(signature) != 64:
        raise ProofError("proof", "the proof value is not an Ed25519 signature")
    data = hash_data(document, proof, loader)
    try:
        key.verify(signature, data)
    except InvalidSignature as exc:
        raise ProofError("signature", "the signature does not match the content") from exc


__all__ = [
    "CRYPTOSUITE",
    "PROOF_TYPE",
    "ProofError",
    "UnknownContext",
    "canonicalize",
    "hash_data",
    "proof_of",
    "sign",
    "verify",
]
