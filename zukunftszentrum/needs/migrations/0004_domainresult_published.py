"""The published figures of a domain (`needs.publication`). Runs stored before have none, so
they are marked stale: the next page view computes them anew, with published figures."""

from django.db import migrations, models


def mark_stale(apps, schema_editor):
    apps.get_model("needs", "EstimateRun").objects.filter(is_current=True).update(stale=True)


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0003_estimate_runs"),
        ("organisations", "0004_organisation_record_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="domainresult",
            name="published",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(mark_stale, migrations.RunPython.noop, elidable=True),
    ]
