"""The URL walk's samples for the survey's pages (see innovera/core/url_walk.py)."""

from __future__ import annotations

from innovera.core.url_walk import Sample
from innovera.organisations.models import Unit
from innovera.surveys import services
from innovera.surveys.models import ImportJob
from innovera.surveys.tests.factories import make_invitation, make_round


def url_samples() -> dict[str, Sample]:
    survey_round = make_round(name="vandring-2026")
    _invitation, token = make_invitation(survey_round, Unit.objects.get(slug="bromma"))
    job = ImportJob.objects.create(round=survey_round, file_name="svar.csv", stored_path="")
    template = services.template_copy(source_key="stockholm-2014", new_key="vandring")
    by_name = {"name": survey_round.name}
    # A reminder replaces the pending links' tokens: it gets a round of its own.
    reminded = {"name": make_round(name="vandring-paminnelse").name}
    return {
        # The one-time link is the respondent's permission: anyone holding it may answer.
        "surveys:answer_start": Sample({"token": token}),
        "surveys:answer_page": Sample({"token": token, "number": 1}),
        "surveys:answer_review": Sample({"token": token}),
        "surveys:round_list": Sample(),
        "surveys:template_list": Sample(),
        "surveys:template_edit": Sample({"key": template.key}),
        "surveys:round_detail": Sample(by_name),
        # Without organisation types chosen nothing is sent; the office is sent back.
        "surveys:round_invite": Sample(reminded, method="post"),
        "surveys:round_remind": Sample(reminded, method="post"),
        # Without a file the office gets the form back with its error (400).
        "surveys:round_import": Sample(by_name, method="post"),
        "surveys:import_job": Sample({**by_name, "job_id": job.pk}),
        "surveys:round_results": Sample(by_name),
        "surveys:round_report": Sample({**by_name, "file_format": "html"}),
    }
