"""Project-wide pytest fixtures."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from django.db import transaction
from django.test import Client

from zukunftszentrum.organisations.middleware import SESSION_KEY


@pytest.fixture
def login(client: Client):
    """Log a membership's person in, acting in that membership's role: login(membership)."""

    def _login(membership, c: Client | None = None) -> Client:
        c = c or client
        c.force_login(membership.user)
        session = c.session
        session[SESSION_KEY] = membership.pk
        session.save()
        return c

    return _login


@pytest.fixture(autouse=True)
def _language_reset():
    """A request in English leaves English active in the thread; the next test starts German."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none (all tests come from
    one address, so counters from earlier tests would refuse later ones)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session", autouse=True)
def _pdf_fonts_decoded_once() -> Iterator[None]:
    """Decode each WOFF2 font once, not once per PDF.

    WeasyPrint turns every @font-face of a document into a TrueType file anew for each PDF; for
    the ten Fira Sans faces that is fontTools' pure-Python WOFF2 decoder, several seconds per
    PDF (on a busy machine far more). The decoding is deterministic, so the tests keep the
    result by the font's content and fontTools' version, in memory and under var/ (`make test`
    runs three test sessions), and render the same PDFs.
    """
    import fontTools
    from django.conf import settings
    from fontTools.ttLib import woff2

    folder = Path(settings.DATA_DIR) / "test-cache" / "fonts"
    decoded: dict[str, bytes] = {}
    decompress = woff2.decompress

    def decompress_once(infile: BinaryIO, outfile: BinaryIO) -> None:
        data = infile.read()
        key = f"{fontTools.version}-{hashlib.sha256(data).hexdigest()}"
        if key not in decoded:
            decoded[key] = _cached(folder / f"{key}.ttf", lambda: _decode(decompress, data))
        outfile.write(decoded[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(woff2, "decompress", decompress_once)
        yield


def _decode(decompress: Callable[[BinaryIO, BinaryIO], None], data: bytes) -> bytes:
    out = BytesIO()
    decompress(BytesIO(data), out)
    return out.getvalue()


def _cached(path: Path, make: Callable[[], bytes]) -> bytes:
    """The file's content; made and written first if it is missing (atomically: several test
    sessions may run at once)."""
    if path.is_file():
        return path.read_bytes()
    content = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(content)
    os.replace(partial, path)
    return content


@pytest.fixture(scope="module")
def module_db(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """One transaction around a whole test module, rolled back at its end.

    For data that takes long to build and that the module's tests only read: a module-scoped
    fixture that depends on `module_db` builds it once; each test then runs in a savepoint
    within this transaction (pytest-django's `db`), so whatever a test writes is undone after
    that test, and the next one sees the data as built. The module's tests that do not use it
    run before it is built (see `pytest_collection_modifyitems`).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Within each module, run the tests that do not use `module_db` first: once it is open it
    stays open until the module ends, and those tests expect a database without its data."""
    block, previous = 0, None
    keys: dict[int, tuple[int, bool]] = {}
    for item in items:  # the order across modules is kept (pytest-django sorted it already)
        module = getattr(item, "module", None)
        if module is not previous:
            block, previous = block + 1, module
        keys[id(item)] = (block, "module_db" in getattr(item, "fixturenames", ()))
    items.sort(key=lambda item: keys[id(item)])
