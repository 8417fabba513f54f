# The import job takes core's Job shape (innovera.core.jobs): rows done and in total are the
# job's `done` and `total` (renamed, so a job's progress is kept), and it records when it ended.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0001_squashed_0007_invitation_reminder_links"),
    ]

    operations = [
        migrations.RenameField(model_name="importjob", old_name="done_rows", new_name="done"),
        migrations.RenameField(model_name="importjob", old_name="total_rows", new_name="total"),
        migrations.AddField(
            model_name="importjob",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
