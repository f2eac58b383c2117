"""Load the shipped default population table (Destatis 2015) and the national size-class shares."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "betriebe_land_wz_2015.csv"
SOURCE = "Statistisches Bundesamt (Destatis), Unternehmensregister, Tabelle 52111-0004"
SIZE_SHARES = {
    "source": "IfM Bonn, Unternehmensbestand nach Größenklassen (EU-Definition), 2022",
    "shares": {"micro": 0.849, "small": 0.117, "medium": 0.027, "large": 0.008},
}


def load(apps, schema_editor):
    table_model = apps.get_model("needs", "PopulationTable")
    cell_model = apps.get_model("needs", "PopulationCell")
    table = table_model.objects.create(
        name="Betriebe nach Land und Wirtschaftszweig 2015",
        source=SOURCE,
        year=2015,
        is_default=True,
        is_active=not table_model.objects.filter(is_active=True).exists(),
        size_shares=SIZE_SHARES,
    )
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cell_model.objects.bulk_create(
        cell_model(
            table=table,
            land=row["land_iso"].removeprefix("DE-"),
            wz_section=row["wz_section"],
            establishments=int(row["establishments"]),
        )
        for row in rows
    )


def unload(apps, schema_editor):
    apps.get_model("needs", "PopulationTable").objects.filter(is_default=True).delete()


class Migration(migrations.Migration):
    dependencies = [("needs", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
