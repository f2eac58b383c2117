"""The W3C vc-di-eddsa test vectors (eddsa-rdfc-2022), reproduced exactly; see vectors/README.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zukunftszentrum.credentials.ob3 import multibase, proof
from zukunftszentrum.credentials.ob3.contexts import UnknownContext, document_loader

VECTORS = Path(__file__).parent / "vectors"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"


def _json(name: str) -> dict:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


@pytest.fixture
def loader():
    return document_loader({EXAMPLES_V2: _json("credentials-examples-v2.jsonld")})


def test_canonical_document_matches_the_vector(loader):
    expected = (VECTORS / "eddsa-rdfc-2022/canonDocDataInt.txt").read_text(encoding="utf-8")
    assert proof.canonicalize(_json("unsigned.json"), loader) == expected


def test_canonical_proof_options_match_the_vector(loader):
    expected = (VECTORS / "eddsa-rdfc-2022/proofCanonDataInt.txt").read_text(encoding="utf-8")
    assert proof.canonicalize(_json("eddsa-rdfc-2022/proofConfigDataInt.json"), loader) == expected


def test_hash_data_matches_the_vector(loader):
    expected = (VECTORS / "eddsa-rdfc-2022/combinedHashDataInt.txt").read_text().strip()
    config = _json("eddsa-rdfc-2022/proofConfigDataInt.json")
    assert proof.hash_data(_json("unsigned.json"), config, loader).hex() == expected


def test_signing_reproduces_the_vectors_proof_value_exactly(loader):
    keys = _json("keyPair.json")
    config = _json("eddsa-rdfc-2022/proofConfigDataInt.json")
    signed = proof.sign(
        _json("unsigned.json"),
        multibase.private_key_from_multibase(keys["privateKeyMultibase"]),
        verification_method=config["verificationMethod"],
        created=config["created"],
        loader=loader,
    )
    assert signed == _json("eddsa-rdfc-2022/signedDataInt.json")


def test_the_vectors_key_pair_round_trips_as_multikey():
    keys = _json("keyPair.json")
    private = multibase.private_key_from_multibase(keys["privateKeyMultibase"])
    assert multibase.public_key_multibase(private.public_key()) == keys["publicKeyMultibase"]


def test_the_signed_vector_verifies_and_a_changed_one_does_not(loader):
    signed = _json("eddsa-rdfc-2022/signedDataInt.json")
    key = multibase.did_key_public_key(signed["proof"]["verificationMethod"])
    proof.verify(signed, key, loader)
    signed["credentialSubject"]["alumniOf"] = "The School of Exampels"
    with pytest.raises(proof.ProofError) as caught:
        proof.verify(signed, key, loader)
    assert caught.value.check == "signature"


def test_the_product_loader_refuses_the_examples_context():
    with pytest.raises(UnknownContext):
        proof.canonicalize(_json("unsigned.json"))


@pytest.mark.parametrize(
    ("data", "text"),
    [(b"", ""), (b"\0\0\1", "112"), (b"hello", "Cn8eVZg"), (bytes(range(5)), "12VfUX")],
)
def test_base58btc(data, text):
    assert multibase.b58encode(data) == text
    assert multibase.b58decode(text) == data
