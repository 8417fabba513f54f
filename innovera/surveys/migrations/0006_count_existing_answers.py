"""Count the answers of the rounds that exist, and store their analysis from those counts.

From here on the services keep the counts as answers come in (surveys/tallying.py); this
counts what came in before. Plain data through the pure analysis modules, so the historical
models are all it needs.
"""

import json
import uuid

from django.db import migrations


def count_existing_answers(apps, schema_editor):
    from innovera.surveys.analysis import Response, SurveyAnalysisError
    from innovera.surveys.analysis_counts import analyse_tallies, tally_responses, text_excerpt
    from innovera.surveys.instrument import TEMPLATES
    from innovera.surveys.template_codec import template_from_dict

    round_model = apps.get_model("surveys", "Round")
    response_model = apps.get_model("surveys", "SurveyResponse")
    tally_model = apps.get_model("surveys", "AnswerTally")
    template_model = apps.get_model("surveys", "SurveyTemplate")
    for survey_round in round_model.objects.all():
        if survey_round.template_version == 0 and survey_round.template in TEMPLATES:
            template = TEMPLATES[survey_round.template]
        else:
            stored = template_model.objects.filter(key=survey_round.template)
            if survey_round.template_version:
                stored = stored.filter(version=survey_round.template_version)
            definition = stored.order_by("-version").values_list("definition", flat=True).first()
            if definition is None:
                continue
            template = template_from_dict(definition)
        rows = (
            response_model.objects.filter(round=survey_round)
            .order_by("pk")
            .values_list("respondent_id", "org_type", "answers")
        )
        token = uuid.uuid4().hex
        try:
            tallies = tally_responses(
                (Response(r, o, a) for r, o, a in rows.iterator(chunk_size=5000)), template
            )
            analysis = analyse_tallies(
                tallies, survey_round.invited, round_name=survey_round.name, template=template
            )
        except SurveyAnalysisError as error:
            survey_round.analysis_cache = {"token": token, "error": str(error)}
            survey_round.save(update_fields=["analysis_cache"])
            continue
        tally_model.objects.bulk_create(
            tally_model(
                round=survey_round,
                org_type=org_type,
                respondents=tally.respondents,
                counts=tally.to_json(),
            )
            for org_type, tally in tallies.items()
        )
        survey_round.analysis_cache = {
            "token": token,
            "analysis": json.loads(json.dumps(analysis)),
            "text": text_excerpt(tallies, template),
        }
        survey_round.save(update_fields=["analysis_cache"])


class Migration(migrations.Migration):
    dependencies = [("surveys", "0005_answer_tally")]

    operations = [migrations.RunPython(count_existing_answers, migrations.RunPython.noop)]
