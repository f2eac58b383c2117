"""The population models and the shipped default table (loaded by a data migration)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Sum

from zukunftszentrum.needs.models import PopulationCell, PopulationTable


@pytest.mark.django_db
def test_default_table_is_loaded_and_active() -> None:
    table = PopulationTable.objects.get(is_default=True)
    assert table.is_active
    assert table.year == 2015
    assert (
        table.source
        == "Statistisches Bundesamt (Destatis), Unternehmensregister, Tabelle 52111-0004"
    )
    assert table.cells.count() == 272
    assert table.cells.aggregate(total=Sum("establishments"))["total"] == 3_736_751


@pytest.mark.django_db
def test_default_table_has_the_national_size_shares_with_source() -> None:
    shares = PopulationTable.objects.get(is_default=True).size_shares
    assert shares["shares"] == {"micro": 0.849, "small": 0.117, "medium": 0.027, "large": 0.008}
    assert "IfM Bonn" in shares["source"]


@pytest.mark.django_db
def test_default_table_covers_16_laender_and_17_sections() -> None:
    cells = PopulationCell.objects.filter(table__is_default=True)
    assert cells.values("land").distinct().count() == 16
    assert cells.values("wz_section").distinct().count() == 17
    assert cells.filter(land="BY", wz_section="C").exists()


@pytest.mark.django_db
def test_at_most_one_table_is_active() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PopulationTable.objects.create(name="x", source="y", year=2020, is_active=True)


@pytest.mark.django_db
def test_a_cell_exists_once_per_table() -> None:
    table = PopulationTable.objects.get(is_default=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        PopulationCell.objects.create(table=table, land="BY", wz_section="C", establishments=1)
