"""Starting the test identity provider (tests/oidc_provider/server.py) as a process on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SERVER = Path(__file__).resolve().parent.parent / "oidc_provider" / "server.py"
PROVIDER_ID = "landesportal"
PROVIDER_NAME = "Landesportal"
CLIENT_ID = "zukunftszentrum"
CLIENT_SECRET = "test-client-secret"
CALLBACK = f"http://testserver/konto/oidc/{PROVIDER_ID}/login/callback/"

USERS: dict[str, dict[str, Any]] = {
    "ada": {"email": "Ada.Neu@example.org", "email_verified": True, "name": "Ada Neu"},
    "bea": {"email": "bea@example.org", "email_verified": True, "name": "Bea Bekannt"},
    "cem": {"email": "cem@example.org", "email_verified": False, "name": "Cem Unbestätigt"},
    "dora": {"email": "dora@example.org", "email_verified": True, "name": "Dora Admin"},
    "emil": {"name": "Emil Ohne-Adresse"},
}


@contextmanager
def running_provider(**options: Any) -> Iterator[str]:
    """Start the provider; yields its address (the issuer) and stops it afterwards."""
    config = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uri": CALLBACK,
        "users": USERS,
        **options,
    }
    process = subprocess.Popen(  # noqa: S603 - our own script, a fixed argument list
        [sys.executable, str(SERVER), json.dumps(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # blocks until the server listens (or dies)
        if not line.startswith("READY "):
            raise RuntimeError(f"the test identity provider did not start: {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def provider_settings(issuer: str, *, signup: bool = True) -> dict[str, Any]:
    """SOCIALACCOUNT_PROVIDERS for the running provider, as config/settings/oidc.py builds it."""
    from config.settings.oidc import socialaccount_providers

    return socialaccount_providers(
        [
            {
                "id": PROVIDER_ID,
                "name": PROVIDER_NAME,
                "server_url": issuer,
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "signup": signup,
            }
        ],
        "zukunftszentrum.core.oidc.provider.VerifyingOpenIDConnectProvider",
    )
