"""Clean the free-text excerpts stored before the excerpt was cleaned when stored.

The pages used to strip control characters from the stored excerpt on every read; now
``tallying.stored_excerpt`` strips them once, when the excerpt is stored, and the pages read
it as it is. Excerpts stored before that still may hold a control character (an answer kept
before the forms refused them): this cleans them once, in place. Only the excerpt changes; the
analysis and its token stay, so nothing cached from them is drawn again.

A migration rather than a version key read on every request: there are a few rounds a year,
the pass is over their small stored JSON, and afterwards no read has anything left to check.
"""

from django.db import migrations

from innovera.core.exports import clean_text


def clean_excerpts(apps, schema_editor):
    Round = apps.get_model("surveys", "Round")
    for survey_round in Round.objects.only("pk", "analysis_cache").iterator():
        cache = survey_round.analysis_cache or {}
        changed = False
        for entry in cache.get("text", {}).values():
            cleaned = [clean_text(answer) for answer in entry.get("first", [])]
            if cleaned != entry.get("first", []):
                entry["first"] = cleaned
                changed = True
        if changed:
            Round.objects.filter(pk=survey_round.pk).update(analysis_cache=cache)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_importjob_job_progress")]

    # Nothing to undo: the control characters removed were never shown.
    operations = [migrations.RunPython(clean_excerpts, migrations.RunPython.noop, elidable=True)]
