"""Every organisation gets the secret random record key of the cell key method.

Added with a placeholder default, then each existing row gets its own random key (one shared
default would give every existing organisation the same key, and group noise would depend only
on the group's size), then the field gets its real default for new rows."""

from django.db import migrations, models

import zukunftszentrum.core.disclosure.keys


def draw_keys(apps, schema_editor):
    from zukunftszentrum.core.disclosure import draw_record_key

    Organisation = apps.get_model("organisations", "Organisation")
    batch = []
    for org in Organisation.objects.only("pk").iterator(chunk_size=2000):
        org.record_key = draw_record_key()
        batch.append(org)
        if len(batch) >= 2000:
            Organisation.objects.bulk_update(batch, ["record_key"])
            batch = []
    if batch:
        Organisation.objects.bulk_update(batch, ["record_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="record_key",
            field=models.PositiveBigIntegerField(default=0, editable=False),
            preserve_default=False,
        ),
        migrations.RunPython(draw_keys, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="organisation",
            name="record_key",
            field=models.PositiveBigIntegerField(
                default=zukunftszentrum.core.disclosure.keys.draw_record_key, editable=False
            ),
        ),
    ]
