"""Every response gets its own random record key for the cell key method (core.disclosure).

AddField with a callable default would give all existing rows the SAME key (Django evaluates
it once), so the field is added with 0, every row gets its own key, then the default is set.
"""

from django.db import migrations, models

import zukunftszentrum.core.disclosure.keys


def draw_keys(apps, schema_editor):
    Response = apps.get_model("assessments", "Response")
    draw = zukunftszentrum.core.disclosure.keys.draw_record_key
    batch = []
    for response in Response.objects.only("pk").iterator(chunk_size=2000):
        response.record_key = draw()
        batch.append(response)
        if len(batch) >= 2000:
            Response.objects.bulk_update(batch, ["record_key"])
            batch = []
    if batch:
        Response.objects.bulk_update(batch, ["record_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="response",
            name="record_key",
            field=models.PositiveBigIntegerField(default=0, editable=False),
            preserve_default=False,
        ),
        migrations.RunPython(draw_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="response",
            name="record_key",
            field=models.PositiveBigIntegerField(
                default=zukunftszentrum.core.disclosure.keys.draw_record_key, editable=False
            ),
        ),
    ]
