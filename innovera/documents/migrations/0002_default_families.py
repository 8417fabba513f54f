"""The five concept families of the report's §5.2 (issue 13); the office can edit them."""

from django.db import migrations

from innovera.documents.analysis import DEFAULT_FAMILIES


def create(apps, schema_editor):
    family_model = apps.get_model("documents", "ConceptFamily")
    if family_model.objects.exists():
        return
    family_model.objects.bulk_create(
        family_model(
            code=family.code,
            label=family.label,
            stems=list(family.stems),
            exclusions=list(family.exclusions),
            position=position,
        )
        for position, family in enumerate(DEFAULT_FAMILIES)
    )


def remove(apps, schema_editor):
    apps.get_model("documents", "ConceptFamily").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
