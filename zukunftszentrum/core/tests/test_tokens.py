"""Tokens are stored only as hashes."""

import hashlib

from zukunftszentrum.core.tokens import hash_token, new_token


def test_hash_is_sha256_hex() -> None:
    assert hash_token("abc") == hashlib.sha256(b"abc").hexdigest()


def test_new_token_comes_with_its_hash_and_differs_each_time() -> None:
    token, digest = new_token()
    assert digest == hash_token(token) != token
    assert len(token) == 32
    assert new_token()[0] != token
