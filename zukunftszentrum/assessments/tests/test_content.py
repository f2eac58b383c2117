"""Every real content file loads; the app's registry and start-up check use it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from zukunftszentrum.assessments import instruments
from zukunftszentrum.assessments.engine.loader import (
    ContentError,
    load_catalog,
    load_framework,
    load_instrument,
)
from zukunftszentrum.assessments.engine.schema import Item
from zukunftszentrum.assessments.engine.scoring import score

CONTENT = Path(settings.ZZ_CONTENT_DIR)
INSTRUMENT_FILES = sorted((CONTENT / "instruments").glob("*/*.yaml"))
FRAMEWORK_FILES = sorted((CONTENT / "frameworks").glob("*.yaml"))


def test_the_globs_find_content_files():
    # The tests below are parametrised over these lists; over zero files they would pass silently.
    assert INSTRUMENT_FILES, f"no instrument files under {CONTENT / 'instruments'}"
    assert FRAMEWORK_FILES, f"no framework files under {CONTENT / 'frameworks'}"


def _check(load, path: Path) -> None:
    try:
        load(path, display=str(Path(CONTENT.name) / path.relative_to(CONTENT)))
    except ContentError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.mark.parametrize("path", INSTRUMENT_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_instrument_file_loads(path: Path):
    _check(load_instrument, path)


@pytest.mark.parametrize("path", FRAMEWORK_FILES, ids=lambda p: p.name)
def test_every_framework_file_loads(path: Path):
    _check(load_framework, path)


def test_the_whole_content_folder_loads_as_one_catalog():
    try:
        catalog = load_catalog(CONTENT)
    except ContentError as exc:
        pytest.fail(str(exc), pytrace=False)
    assert len(catalog) == len(INSTRUMENT_FILES)
    for inst in catalog:
        assert inst.levels and inst.pages


def test_registry_loads_the_catalog_from_settings(settings, tmp_path: Path):
    fixtures = Path(__file__).parent / "fixtures" / "content"
    settings.ZZ_CONTENT_DIR = fixtures
    try:
        catalog = instruments.reload()
        assert instruments.catalog() is catalog
        assert instruments.get_instrument("example").version == "2026.1"
        with pytest.raises(KeyError, match="Unknown instrument"):
            instruments.get_instrument("nope")
    finally:
        settings.ZZ_CONTENT_DIR = CONTENT
        instruments.reload()


def test_broken_content_stops_the_app_with_the_error_text(settings, tmp_path, monkeypatch):
    example = Path(__file__).parent / "fixtures" / "content" / "instruments" / "example"
    broken = tmp_path / "content" / "instruments" / "readiness"
    broken.mkdir(parents=True)
    (broken / "2026.1.yaml").write_text((example / "2026.1.yaml").read_text(encoding="utf-8"))
    settings.ZZ_CONTENT_DIR = tmp_path / "content"
    monkeypatch.setattr(instruments, "_catalog", None)  # ready() must load afresh
    try:
        with pytest.raises(ImproperlyConfigured) as caught:
            apps.get_app_config("assessments").ready()
        assert str(caught.value).startswith(
            "Broken self-check content: content/instruments/readiness/2026.1.yaml, line 2, "
            "field key: key 'example' must equal the folder name 'readiness'"
        )
    finally:
        settings.ZZ_CONTENT_DIR = CONTENT
        instruments.reload()


def test_every_dimension_of_every_instrument_can_be_scored():
    catalog = load_catalog(CONTENT)
    for inst in catalog:
        scored = {i.dimension for i in inst.items if i.dimension and i.is_scored}
        unused = [d.id for d in inst.dimensions if d.id not in scored]
        assert unused == [], f"{inst.key} {inst.version}: no scored item for {unused}"


def test_every_instrument_scores_extreme_answers_within_range():
    catalog = load_catalog(CONTENT)
    for inst in catalog:
        for pick in (0, -1):  # first options / lowest scale point, then last / highest
            answers = {i.id: _extreme(i, pick) for i in inst.items}
            result = score(inst, answers)
            values = [d.score for d in result.dimensions.values()] + [result.overall]
            assert all(v is None or 0 <= v <= 100 for v in values), inst.key


def _extreme(item: Item, pick: int) -> object:
    if item.type == "likert":
        return [1, 5][pick]
    if item.type in ("single", "knowledge"):
        return item.option_values[pick]
    if item.type == "multiple":
        return list(item.option_values[: item.max_choices or None])
    if item.type == "number":
        return item.max if pick and item.max is not None else item.min or 0
    return "x"
