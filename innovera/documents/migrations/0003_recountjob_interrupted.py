# A recount whose process died is ended as interrupted (services.recounts_recover), a status
# of its own; only the choices change, no column.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_recountjob_job_progress"),
    ]

    operations = [
        migrations.AlterField(
            model_name="recountjob",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting"),
                    ("running", "Counting"),
                    ("done", "Counted"),
                    ("superseded", "Replaced by a later recount"),
                    ("interrupted", "Interrupted"),
                ],
                default="pending",
                max_length=20,
            ),
        ),
    ]
