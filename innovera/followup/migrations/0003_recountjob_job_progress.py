# The recount takes core's Job shape (innovera.core.jobs): when it was asked for is the job's
# `created_at` (renamed, so the rows keep their time), and its counts are ordinary positive
# integers like every job's.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("followup", "0002_recountjob"),
    ]

    operations = [
        migrations.RenameField(model_name="recountjob", old_name="started_at", new_name="created_at"),
        migrations.AlterField(
            model_name="recountjob",
            name="done",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name="recountjob",
            name="total",
            field=models.PositiveIntegerField(default=0),
        ),
    ]
