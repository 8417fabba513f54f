"""PostgreSQL only: Swedish full-text search and trigram similarity over ideas.

SQLite has neither; there the selectors fall back to LIKE matching, and these indexes are skipped.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS idea_search_sv ON ideas_idea USING gin "
    "(to_tsvector('swedish', coalesce(title, '') || ' ' || coalesce(description, '')))",
    "CREATE INDEX IF NOT EXISTS idea_title_trgm ON ideas_idea USING gin (title gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS idea_title_trgm", "DROP INDEX IF EXISTS idea_search_sv"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("ideas", "0002_default_process")]

    operations = [migrations.RunPython(forward, backward)]
