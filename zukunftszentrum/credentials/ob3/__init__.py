"""Open Badges 3.0 credentials, PURE (no Django): building, signing, verifying.

- `multibase`: base58btc and base64url, Ed25519 keys as Multikey strings (and did:key for tests).
- `contexts`: the vendored JSON-LD contexts and the document loader that serves only them.
- `proof`: the Data Integrity proof, cryptosuite `eddsa-rdfc-2022` (RDFC-1.0 + SHA-256 + Ed25519).
- `credential`: an OpenBadgeCredential from an achievement, an issuer and a subject.
- `statuslist`: the Bitstring Status List (revocation bits, its credential).
- `verify`: every check a verifier makes, one verdict with the check that failed.

The Django side (`credentials.keys`, `issuing`, `views`) supplies keys, URLs and the status lookup.
"""
