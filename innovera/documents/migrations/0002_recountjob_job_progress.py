# The recount takes core's Job shape (innovera.core.jobs): a last sign of life, so a recount
# whose process died shows as interrupted, and when it ended.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0001_squashed_0002_default_families"),
    ]

    operations = [
        migrations.AddField(
            model_name="recountjob",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="recountjob",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
