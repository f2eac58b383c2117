"""The JSON-LD contexts a credential may use, served from files in this package.

Canonicalisation must never reach the network: a fetched context could change the meaning of a
signed credential, make verification depend on a third party's server, or leak who verifies what.
So the loader knows a fixed set of URLs and refuses every other one with `UnknownContext`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

_FILES = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3: "ob-v3p0-context-3.0.3.jsonld",
}
_DIR = Path(__file__).parent / "contexts"

Loader = Callable[[str, Any], dict[str, Any]]


class UnknownContext(ValueError):
    """A context URL this platform does not hold a copy of."""

    def __init__(self, url: str) -> None:
        super().__init__(f"unknown JSON-LD context: {url}")
        self.url = url


@functools.cache
def _bundled(url: str) -> dict[str, Any]:
    return json.loads((_DIR / _FILES[url]).read_text(encoding="utf-8"))


def known_urls() -> frozenset[str]:
    return frozenset(_FILES)


def document_loader(extra: Mapping[str, dict[str, Any]] | None = None) -> Loader:
    """A pyld document loader over the bundled contexts (plus `extra`, for tests' vectors)."""
    extra = dict(extra or {})

    def load(url: str, options: Any = None) -> dict[str, Any]:
        if url in extra:
            document = extra[url]
        elif url in _FILES:
            document = _bundled(url)
        else:
            raise UnknownContext(url)
        return {"contextUrl": None, "documentUrl": url, "document": document}

    return load
