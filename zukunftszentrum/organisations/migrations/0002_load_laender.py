"""Load the 16 Länder (reference data)."""

from django.db import migrations

from zukunftszentrum.organisations.reference import LAENDER



def load(apps, schema_editor):
    Land = apps.get_model("organisations", "Land")
    for code, iso, ags, name in LAENDER:  # reference data, stable by nature
        Land.objects.update_or_create(code=code, defaults={"iso_3166_2": iso, "ags": ags, "name": name})


def unload(apps, schema_editor):
    apps.get_model("organisations", "Land").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
