"""Documents, their analysis and the concept families: the squash of migrations 0001–0002.

A fresh database gets the schema of the old history's end in one step; a database that has
applied both records this one as applied and runs nothing (`replaces`).

A database must be at the 2026-12 head of the old history (all of them applied) before it is
upgraded to this migration: the old files are deleted, so a partial history can no longer be
completed (docs/architecture.md, "Migrations").

By hand as in the old history: the five default concept families (0002).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from innovera.documents.analysis import DEFAULT_FAMILIES


def default_families(apps, schema_editor):
    """The five concept families of the report's §5.2 (issue 13); the office can edit them."""
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


def default_families_remove(apps, schema_editor):
    apps.get_model("documents", "ConceptFamily").objects.all().delete()


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('documents', '0001_initial'),
        ('documents', '0002_default_families'),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='RecountJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(blank=True, max_length=200, verbose_name='reason')),
                ('status', models.CharField(choices=[('pending', 'Waiting'), ('running', 'Counting'), ('done', 'Counted'), ('superseded', 'Replaced by a later recount')], default='pending', max_length=20)),
                ('done', models.PositiveIntegerField(default=0)),
                ('total', models.PositiveIntegerField(default=0)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'recount',
                'verbose_name_plural': 'recounts',
                'ordering': ('-created_at', '-pk'),
            },
        ),
        migrations.CreateModel(
            name='ConceptFamily',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, verbose_name='code')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('label', models.CharField(max_length=100, verbose_name='label')),
                ('stems', models.JSONField(default=list, verbose_name='stems')),
                ('exclusions', models.JSONField(default=list, verbose_name='exclusions')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('is_current', models.BooleanField(default=True, verbose_name='current')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
            ],
            options={
                'verbose_name': 'concept family',
                'verbose_name_plural': 'concept families',
                'ordering': ('position', 'code', '-version'),
                'constraints': [models.UniqueConstraint(fields=('code', 'version'), name='family_version_unique'), models.UniqueConstraint(condition=models.Q(('is_current', True)), fields=('code',), name='family_one_current')],
            },
        ),
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, unique=True, verbose_name='title')),
                ('category', models.CharField(blank=True, max_length=100, verbose_name='category')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='year')),
                ('file_name', models.CharField(blank=True, max_length=255, verbose_name='file name')),
                ('kind', models.CharField(choices=[('pdf', 'PDF'), ('docx', 'DOCX'), ('odt', 'ODT'), ('txt', 'Plain text')], max_length=10, verbose_name='file type')),
                ('sha256', models.CharField(blank=True, max_length=64)),
                ('text', models.TextField(verbose_name='text')),
                ('page_count', models.PositiveIntegerField(default=1, verbose_name='pages')),
                ('words', models.PositiveIntegerField(default=0, verbose_name='words')),
                ('counts', models.JSONField(default=dict, verbose_name='counts')),
                ('counted_with', models.JSONField(default=dict)),
                ('is_demo', models.BooleanField(default=False, verbose_name='made up for the demo')),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='uploaded')),
                ('appendix_of', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='appendices', to='documents.document', verbose_name='appendix of')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'governing document',
                'verbose_name_plural': 'governing documents',
                'ordering': ('-year', 'title'),
                'indexes': [models.Index(fields=['category', 'year'], name='document_category_year')],
            },
        ),
        migrations.RunPython(default_families, default_families_remove),
    ]
