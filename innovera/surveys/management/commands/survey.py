"""`innovera survey import|analyse|report|fake-responses` — the command contract of
survey-instrument.md §2, the round report of §4, and made-up rounds for trials and benchmarks."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from innovera.surveys import privacy, reports, selectors, services, tallying
from innovera.surveys.analysis import EmptyRoundError, Response, SurveyAnalysisError
from innovera.surveys.fake import fake_responses, org_type_counts
from innovera.surveys.importing import write_responses_csv, write_responses_xlsx
from innovera.surveys.instrument import Template
from innovera.surveys.management.commands._table import format_table
from innovera.surveys.models import OrgType, Round, SurveyMode

MODES = {
    "open": SurveyMode.IDENTIFIED,
    "confidential": SurveyMode.CONFIDENTIAL,
    "anonymous": SurveyMode.ANONYMOUS,
}
"""The command line's names of the round modes (``open`` is the model's "identified")."""


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


def template_named(name: str) -> Template:
    try:
        return selectors.template_get(name)
    except KeyError:
        raise CommandError(_("There is no template named %(t)s.") % {"t": name}) from None


def check_table_suffix(path: Path) -> None:
    """Responses are read from and written to CSV or XLSX files only."""
    if path.suffix.lower() not in {".csv", ".xlsx"}:
        raise CommandError(_("The file must be .csv or .xlsx, not %(s)s.") % {"s": path.suffix})


def analysis_refused(survey_round: Round, error: SurveyAnalysisError) -> CommandError:
    """One clear sentence for a round that cannot be analysed, the empty round named as such."""
    if isinstance(error, EmptyRoundError):
        return CommandError(
            _("The round %(name)s has no answers yet; there is nothing to analyse.")
            % {"name": survey_round.name}
        )
    return CommandError(
        _("The round %(name)s cannot be analysed: %(e)s") % {"name": survey_round.name, "e": error}
    )


class Command(BaseCommand):
    help = (
        "Import, analyse and report innovation-capability survey rounds; make up responses for "
        "trials and benchmarks."
    )
    # A command scripts call often; Django's system checks run in `innovera check` and CI.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        importer = actions.add_parser("import", help="Import responses from CSV or XLSX.")
        importer.add_argument("file")
        importer.add_argument("--round", required=True, dest="round_name")
        importer.add_argument("--template", default="stockholm-2014")
        importer.add_argument("--invited", default="")
        importer.add_argument("--replace", action="store_true")
        importer.add_argument("--ignore-unknown", action="store_true")
        importer.add_argument(
            "--mode",
            choices=tuple(MODES),
            default=None,
            help="How the round treats answers: open (identified), confidential (the default for "
            "a new round) or anonymous. Confidential and anonymous rounds show no figure from "
            "fewer than SURVEY_MIN_RESPONDENTS respondents.",
        )
        analyser = actions.add_parser("analyse", help="Print the analysis of a round.")
        analyser.add_argument("--round", required=True, dest="round_name")
        analyser.add_argument("--format", choices=("json", "table"), default="json")
        analyser.add_argument("--thresholds", default="3.0")
        analyser.add_argument(
            "--from-answers",
            action="store_true",
            help=(
                "Analyse every stored answer from scratch instead of the stored counts, and "
                "stop with an error if the two differ (a check; slower on a large round)."
            ),
        )
        recounter = actions.add_parser(
            "recount", help="Count a round's answers again from scratch and store its analysis."
        )
        recounter.add_argument("--round", dest="round_name", required=True)
        reporter = actions.add_parser("report", help="Write a round's report as HTML, PDF or XLSX.")
        reporter.add_argument("--round", required=True, dest="round_name")
        reporter.add_argument("--format", choices=tuple(reports.FORMATS), required=True)
        reporter.add_argument("--output", required=True, help="The file to write.")
        reporter.add_argument("--language", choices=("sv", "en"), default="sv")
        faker = actions.add_parser(
            "fake-responses",
            help="Make up plausible responses: store them in a round, or write an import file.",
        )
        faker.add_argument(
            "--round", default="", dest="round_name", help="The round to store them in."
        )
        faker.add_argument("--n", type=int, required=True, help="How many respondents.")
        faker.add_argument(
            "--output", default="", help="Write an import file (.xlsx or .csv) instead of storing."
        )
        faker.add_argument("--seed", type=int, default=0)
        faker.add_argument("--template", default="stockholm-2014")
        faker.add_argument(
            "--invited", default="", help="Default: the number of made-up respondents per type."
        )
        faker.add_argument("--replace", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self.import_file(options)
        elif options["action"] == "report":
            self.report(options)
        elif options["action"] == "fake-responses":
            self.fake_responses(options)
        elif options["action"] == "recount":
            self.recount(options)
        else:
            self.analyse(options)

    def step(self, message: str) -> None:
        """A progress step on standard error, unstyled (it is not an error)."""
        self.stderr.write(message, style_func=str)

    def import_file(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("The file %(path)s does not exist.") % {"path": path})
        check_table_suffix(path)
        invited = parse_invited(options["invited"])
        template = template_named(options["template"])

        def progress(done: int, total: int) -> None:
            if total:
                sys.stderr.write(f"\r{_('Reading')} {done}/{total} ({100 * done // total} %)")
                sys.stderr.flush()

        # One transaction: a refused file leaves no new round behind either.
        with import_refusals():
            survey_round = services.round_get_or_create(
                name=options["round_name"],
                template=template.key,
                invited=invited,
                mode=MODES[options["mode"]] if options["mode"] else None,
            )
            outcome = services.round_import_file(
                survey_round=survey_round,
                path=path,
                template=template,
                file_name=path.name,
                replace=options["replace"],
                ignore_unknown=options["ignore_unknown"],
                progress=progress,
            )
            sys.stderr.write("\n")
            if outcome.batch is None:
                raise CommandError(
                    _("Nothing was imported. %(summary)s")
                    % {"summary": outcome.result.summary(limit=20, language="en")}
                )
        self.stdout.write(
            _("Imported %(n)s responses into the round %(round)s.")
            % {"n": outcome.stored, "round": survey_round.name}
        )

    def recount(self, options: dict[str, Any]) -> None:
        survey_round = round_named(options["round_name"])
        tallies = tallying.tallies_rebuild(survey_round=survey_round)
        self.stdout.write(
            _("Counted %(n)s responses of the round %(round)s.")
            % {"n": sum(t.respondents for t in tallies.values()), "round": survey_round.name}
        )

    def analyse(self, options: dict[str, Any]) -> None:
        survey_round = round_named(options["round_name"])
        thresholds: float | str = options["thresholds"]
        if thresholds != "mean":
            try:
                thresholds = float(str(thresholds).replace(",", "."))
            except ValueError:
                raise CommandError(_("--thresholds must be a number or 'mean'.")) from None
        try:
            analysis = selectors.round_analysis_shown(survey_round, thresholds=thresholds)  # type: ignore[arg-type]
            if options["from_answers"]:
                fresh = selectors.round_analysis_from_answers(
                    survey_round,
                    thresholds=thresholds,  # type: ignore[arg-type]
                )
                shown = privacy.shown_analysis(
                    fresh, mode=survey_round.mode, min_respondents=settings.SURVEY_MIN_RESPONDENTS
                )
                if shown != analysis:
                    raise CommandError(
                        _(
                            "The stored counts of the round %(name)s do not match its answers; "
                            "count them again with: innovera survey recount --round %(name)s"
                        )
                        % {"name": survey_round.name}
                    )
                analysis = shown
        except SurveyAnalysisError as exc:
            raise analysis_refused(survey_round, exc) from None
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

    def report(self, options: dict[str, Any]) -> None:
        survey_round = round_named(options["round_name"])
        output = Path(options["output"])
        check_folder(output)
        file_format = options["format"]
        if not survey_round.responses.exists():
            raise CommandError(
                _("The round %(name)s has no answers yet; there is nothing to analyse.")
                % {"name": survey_round.name}
            )
        started = time.monotonic()
        self.step(
            _("Analysing the round %(name)s and rendering the report as %(format)s…")
            % {"name": survey_round.name, "format": file_format.upper()}
        )
        try:
            content, _content_type = reports.render_report(
                survey_round, file_format, lang=options["language"]
            )
        except SurveyAnalysisError as exc:
            raise analysis_refused(survey_round, exc) from None
        self.step(_("Writing %(path)s…") % {"path": output})
        with writing(output):
            output.write_bytes(content)
        self.stdout.write(
            _("Wrote the report of the round %(name)s to %(path)s (%(kb)s kB) in %(s)s s.")
            % {
                "name": survey_round.name,
                "path": output,
                "kb": (len(content) + 1023) // 1024,
                "s": f"{time.monotonic() - started:.1f}",
            }
        )

    def fake_responses(self, options: dict[str, Any]) -> None:
        count: int = options["n"]
        if count < 1:
            raise CommandError(_("--n must be a whole number of at least 1."))
        output = Path(options["output"]) if options["output"] else None
        if output is None and not options["round_name"]:
            raise CommandError(
                _("Give --round NAME to store the responses, or --output FILE to write them.")
            )
        if output is not None:
            check_table_suffix(output)
            check_folder(output)
        invited = parse_invited(options["invited"])
        template = template_named(options["template"])
        self.step(_("Making up %(n)s responses…") % {"n": count})
        responses, org_units = fake_responses(count, template=template, seed=options["seed"])
        per_type = ",".join(f"{t}={n}" for t, n in org_type_counts(responses).items())
        if output is not None:
            self.step(_("Writing %(path)s…") % {"path": output})
            writer = (
                write_responses_xlsx if output.suffix.lower() == ".xlsx" else write_responses_csv
            )
            with writing(output):
                writer(responses, org_units, output, template)
            self.stdout.write(
                _("Wrote %(n)s made-up responses to %(path)s (per type: %(types)s).")
                % {"n": count, "path": output, "types": per_type}
            )
            return
        self.store_fake(
            options, template, responses, org_units, invited or org_type_counts(responses)
        )
        self.stdout.write(
            _("Stored %(n)s made-up responses in the round %(round)s (per type: %(types)s).")
            % {"n": count, "round": options["round_name"], "types": per_type}
        )

    def store_fake(
        self,
        options: dict[str, Any],
        template: Template,
        responses: list[Response],
        org_units: dict[str, str],
        invited: dict[str, int],
    ) -> None:
        """Into the round (created if missing), all or nothing, as one import batch."""
        self.step(_("Storing them in the round %(round)s…") % {"round": options["round_name"]})
        label = f"fake-responses {template.key} n={len(responses)} seed={options['seed']}"
        with import_refusals():
            survey_round = services.round_get_or_create(
                name=options["round_name"],
                template=template.key,
                invited=invited,
            )
            sha256 = hashlib.sha256(label.encode("utf-8")).hexdigest()
            if not options["replace"] and survey_round.imports.filter(sha256=sha256).exists():
                raise CommandError(
                    _(
                        "The round %(round)s already holds these made-up responses; use "
                        "--replace, or another --seed to add more."
                    )
                    % {"round": survey_round.name}
                )
            services.round_import_responses(
                survey_round=survey_round,
                responses=responses,
                org_units=org_units,
                file_name=label.replace(" ", "_")[:255],
                sha256=sha256,
                replace=options["replace"],
            )


@contextlib.contextmanager
def import_refusals() -> Iterator[None]:
    """An import as one transaction: what the import refuses is rolled back and ends the
    command with the reason."""
    try:
        with transaction.atomic():
            yield
    except services.SurveyImportError as exc:
        raise CommandError(_("Nothing was imported. %(e)s") % {"e": exc}) from None


@contextlib.contextmanager
def writing(output: Path) -> Iterator[None]:
    """A file the command writes: a folder it may not write to is a message, not a traceback."""
    try:
        yield
    except OSError as exc:
        raise CommandError(
            _("The file %(path)s cannot be written: %(e)s.")
            % {"path": output, "e": exc.strerror or exc}
        ) from None


def round_named(name: str) -> Round:
    """The round the command names; one that does not exist ends the command."""
    try:
        return Round.objects.get(name=name)
    except Round.DoesNotExist:
        raise CommandError(_("There is no round named %(name)s.") % {"name": name}) from None


def check_folder(path: Path) -> None:
    """The folder a file is to be written to must exist."""
    if not path.parent.is_dir():
        raise CommandError(_("The folder %(path)s does not exist.") % {"path": path.parent})
