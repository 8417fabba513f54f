"""PostgreSQL: the searched text as a stored tsvector column, computed from the models' search
expressions on every write and indexed, so ranking reads the vector instead of computing it for
every match. SQLite stores NULL there and rebuilds both tables to add (or, reversed, remove) the
column, which drops their FTS5 triggers: RestoreFts5Table puts them back and refills the index,
at the end going forwards and at the start (run last) going backwards."""


import django.contrib.postgres.search
import innovera.core.search_index
from django.conf import settings
from django.db import migrations, models

FTS5_TABLES = (
    {"table": "ideas_challenge", "columns": ("title", "need"), "weights": (2.5, 1.0)},
    {"table": "ideas_idea", "columns": ("title", "description"), "weights": (2.5, 1.0)},
)


class Migration(migrations.Migration):

    dependencies = [
        ('ideas', '0007_text_max_lengths'),
        ('organisations', '0006_alter_unit_description'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *(
            innovera.core.search_index.RestoreFts5Table(**table, direction="backwards")
            for table in FTS5_TABLES
        ),
        migrations.RemoveIndex(
            model_name='challenge',
            name='challenge_search_sv',
        ),
        migrations.RemoveIndex(
            model_name='idea',
            name='idea_text_sv',
        ),
        migrations.AddField(
            model_name='challenge',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=innovera.core.search_index.PostgresOnly(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title', config='swedish', weight='A'), '||', django.contrib.postgres.search.SearchVector('need', config='swedish', weight='B'), django.contrib.postgres.search.SearchConfig('swedish')), output_field=django.contrib.postgres.search.SearchVectorField()), output_field=django.contrib.postgres.search.SearchVectorField(null=True)),
        ),
        migrations.AddField(
            model_name='idea',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=innovera.core.search_index.PostgresOnly(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title', config='swedish', weight='A'), '||', django.contrib.postgres.search.SearchVector('description', config='swedish', weight='B'), django.contrib.postgres.search.SearchConfig('swedish')), output_field=django.contrib.postgres.search.SearchVectorField()), output_field=django.contrib.postgres.search.SearchVectorField(null=True)),
        ),
        migrations.AddIndex(
            model_name='challenge',
            index=innovera.core.search_index.PostgresGinIndex(fields=['search_text'], name='challenge_search_text'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=innovera.core.search_index.PostgresGinIndex(fields=['search_text'], name='idea_search_text'),
        ),
        *(
            innovera.core.search_index.RestoreFts5Table(**table, direction="forwards")
            for table in FTS5_TABLES
        ),
    ]
