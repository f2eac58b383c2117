"""Everything a verifier checks, in order, ending in one verdict with the check that failed.

Order matters for the answer a person reads: first whether it is a credential at all, then
whether every context is one we hold, then the proof (key, canonical form, signature), and only
for an untouched credential the dates and the status list — a changed date is "tampered", not
"expired". Keys and the status lookup come from the caller, so this module fetches nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from . import proof
from .contexts import VC_V2, Loader, UnknownContext, known_urls
from .credential import parse_xsd_datetime

KeyResolver = Callable[[str], Ed25519PublicKey | None]
# entry -> True (revoked), False (not revoked), None (a status list we do not know)
StatusLookup = Callable[[Mapping[str, Any]], bool | None]


class Outcome(StrEnum):
    VALID = "valid"
    TAMPERED = "tampered"
    REVOKED = "revoked"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    NOT_CREDENTIAL = "not_credential"
    NOT_JSON = "not_json"


class Check(StrEnum):
    """Which step failed (for TAMPERED and NOT_CREDENTIAL); NONE when all passed."""

    NONE = ""
    JSON = "json"
    SHAPE = "shape"
    CONTEXT = "context"
    PROOF = "proof"
    ISSUER = "issuer"
    KEY = "key"
    CANONICAL = "canonical"
    SIGNATURE = "signature"
    DATES = "dates"
    STATUS = "status"


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    check: Check = Check.NONE
    detail: str = ""  # English, technical; the page says it in words by outcome and check
    credential: Mapping[str, Any] | None = None

    @property
    def valid(self) -> bool:
        return self.outcome is Outcome.VALID


def parse(text: str | bytes) -> Mapping[str, Any] | Verdict:
    """The pasted or uploaded text as a JSON object, or the NOT_JSON verdict."""
    try:
        value = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        return Verdict(Outcome.NOT_JSON, Check.JSON, str(exc))
    if not isinstance(value, dict):
        return Verdict(Outcome.NOT_CREDENTIAL, Check.SHAPE, "the JSON is not an object")
    return value


def _types(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


# Canonicalisation (RDFC-1.0) can be made to work very hard by documents with many symmetric
# blank nodes; a credential of ours has a few dozen objects. Anything far beyond is refused
# before canonicalising, whatever it claims to be.
MAX_OBJECTS = 400
MAX_DEPTH = 16


def _too_complex(node: object, depth: int = 0, budget: list[int] | None = None) -> bool:
    budget = [MAX_OBJECTS] if budget is None else budget
    if depth > MAX_DEPTH:
        return True
    if isinstance(node, dict | list):
        budget[0] -= 1
        if budget[0] < 0:
            return True
        values = node.values() if isinstance(node, dict) else node
        return any(_too_complex(v, depth + 1, budget) for v in values)
    return False


def _shape(document: Mapping[str, Any]) -> str:
    """Why `document` is not a verifiable credential, or "" when it has the shape of one."""
    if _too_complex(document):
        return "far larger or deeper than a credential"
    contexts = document.get("@context")
    if not isinstance(contexts, list) or not contexts or contexts[0] != VC_V2:
        return "the first @context is not the Verifiable Credentials 2.0 context"
    if "VerifiableCredential" not in _types(document.get("type")):
        return "the type does not include VerifiableCredential"
    if not document.get("issuer") or not isinstance(document.get("credentialSubject"), dict):
        return "issuer or credentialSubject is missing"
    return ""


def _unknown_contexts(document: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    for source in (document, document.get("proof")):
        if not isinstance(source, Mapping):
            continue
        value = source.get("@context", [])
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item not in known_urls():
                found.append(item)
    return found


def issuer_id(document: Mapping[str, Any]) -> str:
    issuer = document.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else ""


def verify_credential(
    document: Mapping[str, Any],
    *,
    resolve_key: KeyResolver,
    status_lookup: StatusLookup,
    now: datetime,
    expected_issuer: str | None = None,
    loader: Loader | None = None,
) -> Verdict:
    """The verdict on `document`; the caller's `resolve_key` knows only keys it trusts."""
    reason = _shape(document)
    if reason:
        return Verdict(Outcome.NOT_CREDENTIAL, Check.SHAPE, reason)
    unknown = _unknown_contexts(document) if loader is None else []
    if unknown:
        return Verdict(Outcome.TAMPERED, Check.CONTEXT, f"unknown context: {unknown[0]}", document)
    try:
        found = proof.proof_of(document)
    except proof.ProofError as exc:
        return Verdict(Outcome.TAMPERED, Check.PROOF, str(exc), document)
    if expected_issuer is not None and issuer_id(document) != expected_issuer:
        return Verdict(Outcome.TAMPERED, Check.ISSUER, "issued by someone else", document)
    key = resolve_key(found["verificationMethod"])
    if key is None:
        return Verdict(Outcome.TAMPERED, Check.KEY, "signed with an unknown key", document)
    try:
        proof.verify(document, key, loader)
    except UnknownContext as exc:
        return Verdict(Outcome.TAMPERED, Check.CONTEXT, str(exc), document)
    except proof.ProofError as exc:
        return Verdict(Outcome.TAMPERED, Check(exc.check), str(exc), document)
    return _dates_and_status(document, status_lookup, now)


def _dates_and_status(
    document: Mapping[str, Any], status_lookup: StatusLookup, now: datetime
) -> Verdict:
    try:
        valid_from = parse_xsd_datetime(document.get("validFrom"))
        until = document.get("validUntil")
        valid_until = parse_xsd_datetime(until) if until is not None else None
    except ValueError as exc:
        return Verdict(Outcome.TAMPERED, Check.DATES, f"unreadable validity date: {exc}", document)
    if now < valid_from:
        return Verdict(Outcome.NOT_YET_VALID, Check.DATES, "validFrom is in the future", document)
    if valid_until is not None and now >= valid_until:
        return Verdict(Outcome.EXPIRED, Check.DATES, "validUntil has passed", document)
    entries = document.get("credentialStatus", [])
    for entry in entries if isinstance(entries, list) else [entries]:
        if not isinstance(entry, Mapping) or entry.get("type") != "BitstringStatusListEntry":
            return Verdict(Outcome.TAMPERED, Check.STATUS, "unknown status entry", document)
        if entry.get("statusPurpose") != "revocation":
            continue
        revoked = status_lookup(entry)
        if revoked is None:
            return Verdict(Outcome.TAMPERED, Check.STATUS, "unknown status list", document)
        if revoked:
            return Verdict(Outcome.REVOKED, Check.STATUS, "the issuer revoked it", document)
    return Verdict(Outcome.VALID, Check.NONE, "", document)
