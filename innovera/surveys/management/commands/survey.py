"""`innovera survey import|analyse` — the command contract of survey-instrument.md §2."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from innovera.surveys import selectors, services
from innovera.surveys.analysis import EmptyRoundError, SurveyAnalysisError, format_table
from innovera.surveys.importing import parse_responses
from innovera.surveys.models import OrgType, Round


def parse_invited(text: str) -> dict[str, int]:
    """`district=14,department=15,company=14` → {"district": 14, …}, naming any bad part."""
    invited: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _sep, value = part.partition("=")
        if key not in OrgType.values or not value.isdigit():
            raise CommandError(
                _(
                    "--invited: '%(part)s' is not TYPE=NUMBER with TYPE district, department or company."
                )
                % {"part": part}
            )
        invited[key] = int(value)
    return invited


class Command(BaseCommand):
    help = "Import and analyse innovation-capability survey rounds."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        importer = actions.add_parser("import", help="Import responses from CSV or XLSX.")
        importer.add_argument("file")
        importer.add_argument("--round", required=True, dest="round_name")
        importer.add_argument("--template", default="stockholm-2014")
        importer.add_argument("--invited", default="")
        importer.add_argument("--replace", action="store_true")
        importer.add_argument("--ignore-unknown", action="store_true")
        analyser = actions.add_parser("analyse", help="Print the analysis of a round.")
        analyser.add_argument("--round", required=True, dest="round_name")
        analyser.add_argument("--format", choices=("json", "table"), default="json")
        analyser.add_argument("--thresholds", default="3.0")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self.import_file(options)
        else:
            self.analyse(options)

    def import_file(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("The file %(path)s does not exist.") % {"path": path})
        if path.suffix.lower() not in {".csv", ".xlsx"}:
            raise CommandError(_("The file must be .csv or .xlsx, not %(s)s.") % {"s": path.suffix})
        invited = parse_invited(options["invited"])
        try:
            template = selectors.template_get(options["template"])
        except KeyError:
            raise CommandError(
                _("There is no template named %(t)s.") % {"t": options["template"]}
            ) from None

        def progress(done: int, total: int) -> None:
            if total:
                sys.stderr.write(f"\r{_('Reading')} {done}/{total} ({100 * done // total} %)")
                sys.stderr.flush()

        result = parse_responses(
            path, template=template, ignore_unknown=options["ignore_unknown"], progress=progress
        )
        sys.stderr.write("\n")
        if result.errors:
            raise CommandError(
                _("Nothing was imported. %(summary)s")
                % {"summary": result.summary(limit=20, language="en")}
            )
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        try:
            survey_round = services.round_get_or_create(
                name=options["round_name"], template=template.key, invited=invited
            )
            services.round_import_responses(
                survey_round=survey_round,
                responses=result.responses,
                org_units=result.org_units,
                file_name=path.name,
                sha256=sha256,
                replace=options["replace"],
            )
        except services.SurveyImportError as exc:
            raise CommandError(_("Nothing was imported. %(e)s") % {"e": exc}) from None
        self.stdout.write(
            _("Imported %(n)s responses into the round %(round)s.")
            % {"n": len(result.responses), "round": survey_round.name}
        )

    def analyse(self, options: dict[str, Any]) -> None:
        try:
            survey_round = Round.objects.get(name=options["round_name"])
        except Round.DoesNotExist:
            raise CommandError(
                _("There is no round named %(name)s.") % {"name": options["round_name"]}
            ) from None
        thresholds: float | str = options["thresholds"]
        if thresholds != "mean":
            try:
                thresholds = float(str(thresholds).replace(",", "."))
            except ValueError:
                raise CommandError(_("--thresholds must be a number or 'mean'.")) from None
        try:
            analysis = selectors.round_analysis(survey_round, thresholds=thresholds)  # type: ignore[arg-type]
        except EmptyRoundError:
            raise CommandError(
                _("The round %(name)s has no answers yet; there is nothing to analyse.")
                % {"name": survey_round.name}
            ) from None
        except SurveyAnalysisError as exc:
            raise CommandError(
                _("The round %(name)s cannot be analysed: %(e)s")
                % {"name": survey_round.name, "e": exc}
            ) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(analysis, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(
                format_table(
                    analysis,
                    template=selectors.round_template(survey_round),
                    org=settings.ORGANISATION_NAME,
                )
            )
