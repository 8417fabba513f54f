"""PostgreSQL only: a Swedish full-text index on titles, which picks the candidates for
similar-idea suggestions (the trigram index alone was too slow on common Swedish trigrams)."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS idea_title_sv ON ideas_idea "
            "USING gin (to_tsvector('swedish', title))"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS idea_title_sv")


class Migration(migrations.Migration):
    dependencies = [("ideas", "0004_stage_move_score")]

    operations = [migrations.RunPython(forward, backward)]
