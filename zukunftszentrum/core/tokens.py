"""Private links: tokens handed out once and stored only as hashes. Pure: no Django imports.

A leaked database then reveals no working link (resume links of self-checks, invitations).
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 24  # 32 URL-safe characters


def hash_token(token: str) -> str:
    """The stored form of a token: its SHA-256 as hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(nbytes: int = TOKEN_BYTES) -> tuple[str, str]:
    """A fresh random token and its hash: the token goes into the link, the hash into the database."""
    token = secrets.token_urlsafe(nbytes)
    return token, hash_token(token)
