"""Full-text search on both databases: GIN indexes from the models' search expressions on
PostgreSQL, trigram FTS5 tables kept in step by triggers on SQLite."""

import django.contrib.postgres.search
import innovera.core.search_index
from django.conf import settings
from django.db import migrations

# The indexes migrations 0003 and 0005 made with raw SQL: replaced by the model's indexes, built
# from the expressions the selectors query with. The trigram index on titles goes too: no query
# scans it (the suggestions rank candidates with similarity(), not with the % operator).
RAW_INDEXES = {
    "idea_search_sv": "to_tsvector('swedish', coalesce(title, '') || ' ' || coalesce(description, ''))",
    "idea_title_sv": "to_tsvector('swedish', title)",
    "idea_title_trgm": "title gin_trgm_ops",
}


def drop_raw_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in RAW_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def restore_raw_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, expression in RAW_INDEXES.items():
            schema_editor.execute(f"CREATE INDEX {name} ON ideas_idea USING gin ({expression})")


class Migration(migrations.Migration):

    dependencies = [
        ('ideas', '0005_title_search_index'),
        ('organisations', '0002_unit_head_email'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_raw_indexes, restore_raw_indexes),
        innovera.core.search_index.fts5_row_model_operation(
            "ChallengeSearchRow", to="ideas.challenge", table="ideas_challenge"
        ),
        innovera.core.search_index.fts5_row_model_operation(
            "IdeaSearchRow", to="ideas.idea", table="ideas_idea"
        ),
        migrations.AddIndex(
            model_name='challenge',
            index=innovera.core.search_index.PostgresGinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title', config='swedish', weight='A'), '||', django.contrib.postgres.search.SearchVector('need', config='swedish', weight='B'), django.contrib.postgres.search.SearchConfig('swedish')), name='challenge_search_sv'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=innovera.core.search_index.PostgresGinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title', config='swedish', weight='A'), '||', django.contrib.postgres.search.SearchVector('description', config='swedish', weight='B'), django.contrib.postgres.search.SearchConfig('swedish')), name='idea_text_sv'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=innovera.core.search_index.PostgresGinIndex(django.contrib.postgres.search.SearchVector('title', config='swedish'), name='idea_title_sv'),
        ),
        innovera.core.search_index.CreateFts5Table(
            table="ideas_challenge", columns=("title", "need"), weights=(2.5, 1.0)
        ),
        innovera.core.search_index.CreateFts5Table(
            table="ideas_idea", columns=("title", "description"), weights=(2.5, 1.0)
        ),
    ]
