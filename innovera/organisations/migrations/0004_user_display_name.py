from django.db import migrations, models


def backfill_public_names(apps, schema_editor):
    # Residents' full names were shown next to their comments; from now on they are shown by
    # first name and initial until they choose otherwise. Without a name, "Resident" is shown.
    from innovera.organisations.models import default_public_name

    User = apps.get_model("organisations", "User")
    for user in User.objects.filter(unit__isnull=True, display_name="").only("pk", "full_name"):
        if user.full_name.split():
            user.display_name = default_public_name(user.full_name)
            user.save(update_fields=["display_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_oidc_identity_unit_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="display_name",
            field=models.CharField(blank=True, max_length=80, verbose_name="name shown publicly"),
        ),
        migrations.RunPython(backfill_public_names, migrations.RunPython.noop),
    ]
