"""The issuer's Ed25519 keys, as files outside the database.

Folder `settings.ZZ_SIGNING_KEYS_DIR / "credentials"` (mode 0700; `backup` archives it):
  current            the id of the key that signs new credentials
  <id>.key           its private key (PKCS#8 PEM, mode 0600) — only the current key keeps one
  <id>.pub           {"id", "publicKeyMultibase", "created"} (mode 0600); kept after rotation, so
                     credentials signed by an older key still verify against the published key

`create` makes the first key (run at setup; the demo does it too); `rotate` makes a new key the
signing one and deletes the old private key. A first key is also made on first use when the
folder is empty, so a single-machine installation works without the step — several machines
must share the folder (or have it copied) so that all sign with the same key.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from .ob3.multibase import public_key_from_multibase, public_key_multibase

CURRENT = "current"


class KeyFolderError(RuntimeError):
    """The key folder is unusable (named in the message)."""


@dataclass(frozen=True)
class PublicKey:
    id: str
    multibase: str
    created: str

    @property
    def key(self) -> Ed25519PublicKey:
        return public_key_from_multibase(self.multibase)


def keys_dir() -> Path:
    return Path(settings.ZZ_SIGNING_KEYS_DIR) / "credentials"


def _write_private(path: Path, data: bytes) -> None:
    """Create `path` with mode 0600 from the start (never readable by others, not even briefly)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _new_key(folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    key = Ed25519PrivateKey.generate()
    created = datetime.now(UTC)
    multibase = public_key_multibase(key.public_key())
    key_id = f"{created:%Y%m%d}-{secrets.token_hex(4)}"
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_private(folder / f"{key_id}.key", pem)
    public = {"id": key_id, "publicKeyMultibase": multibase, "created": created.isoformat()}
    _write_private(folder / f"{key_id}.pub", json.dumps(public, indent=2).encode())
    return key_id


def _set_current(folder: Path, key_id: str) -> None:
    temporary = folder / f".{CURRENT}.{secrets.token_hex(4)}"
    _write_private(temporary, key_id.encode())
    os.replace(temporary, folder / CURRENT)


def current_id(folder: Path | None = None) -> str | None:
    path = (folder or keys_dir()) / CURRENT
    return path.read_text().strip() if path.exists() else None


def create() -> tuple[str, bool]:
    """(the signing key's id, whether it was made now); an existing key is kept."""
    folder = keys_dir()
    existing = current_id(folder)
    if existing:
        return existing, False
    key_id = _new_key(folder)
    try:  # two processes starting at once: the first one's key wins, the other's is dropped
        fd = os.open(folder / CURRENT, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        (folder / f"{key_id}.key").unlink()
        (folder / f"{key_id}.pub").unlink()
        return current_id(folder) or "", False
    with os.fdopen(fd, "w") as handle:
        handle.write(key_id)
    return key_id, True


def rotate() -> tuple[str, str | None]:
    """(new key id, old key id): the new key signs from now on; the old one stays published."""
    folder = keys_dir()
    old = current_id(folder)
    new = _new_key(folder)
    _set_current(folder, new)
    if old:
        (folder / f"{old}.key").unlink(missing_ok=True)
    return new, old


def signing_key() -> tuple[str, Ed25519PrivateKey]:
    """The current key id and private key (a first key is made when there is none)."""
    key_id, _made = create()
    path = keys_dir() / f"{key_id}.key"
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise KeyFolderError(f"the signing key {path} cannot be read: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFolderError(f"{path} is not an Ed25519 key")
    return key_id, key


def public_keys() -> list[PublicKey]:
    """Every published key, oldest first."""
    folder = keys_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.pub")):
        data = json.loads(path.read_text())
        found.append(PublicKey(data["id"], data["publicKeyMultibase"], data["created"]))
    return sorted(found, key=lambda k: (k.created, k.id))


def public_key(key_id: str) -> PublicKey | None:
    return next((k for k in public_keys() if k.id == key_id), None)
