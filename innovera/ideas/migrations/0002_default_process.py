"""The default stage process and prioritisation criteria of SPEC §4.2; the office can change them."""

from django.db import migrations

from innovera.ideas.defaults import default_process_create


def create(apps, schema_editor):
    default_process_create(
        apps.get_model("ideas", "Stage"),
        apps.get_model("ideas", "Transition"),
        apps.get_model("ideas", "Criterion"),
    )


def remove(apps, schema_editor):
    apps.get_model("ideas", "Transition").objects.all().delete()
    apps.get_model("ideas", "Criterion").objects.all().delete()
    apps.get_model("ideas", "Stage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
