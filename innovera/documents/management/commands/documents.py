"""`innovera documents add FILE --title TITLE [--appendix-of TITLE] [--category TEXT] [--year N]`
and `innovera documents table --format json|csv|table` (issue 13)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from innovera.core.exceptions import ApplicationError
from innovera.documents import selectors, services
from innovera.documents.models import Document
from innovera.documents.readers import DocumentReadError, check_size


def _cell(counts: dict[str, int], extra: dict[str, int] | None, code: str) -> str:
    """ "2 (+6)" like the report: the document, then its appendices together."""
    text = str(counts.get(code, 0))
    if extra is not None:
        text += f" (+{extra.get(code, 0)})"
    return text


def _appendix_sum(document: dict[str, Any]) -> dict[str, int] | None:
    if not document["appendices"]:
        return None
    total: dict[str, int] = {}
    for appendix in document["appendices"]:
        for code, n in appendix["counts"].items():
            total[code] = total.get(code, 0) + n
    return total


def format_table(data: dict[str, Any]) -> str:
    """The report's table as aligned text columns."""
    codes = [family["code"] for family in data["families"]]
    header = [_("Governing document"), _("Year"), _("Words")] + [
        family["label"] for family in data["families"]
    ]
    lines = [header]
    for document in data["documents"]:
        extra = _appendix_sum(document)
        words = str(document["words"])
        if extra is not None:
            words += f" (+{sum(a['words'] for a in document['appendices'])})"
        lines.append(
            [document["title"], str(document["year"] or ""), words]
            + [_cell(document["counts"], extra, code) for code in codes]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    rendered = []
    for number, line in enumerate(lines):
        cells = [
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
            for i, cell in enumerate(line)
        ]
        rendered.append("  ".join(cells).rstrip())
        if number == 0:
            rendered.append("  ".join("-" * width for width in widths))
    return "\n".join(rendered)


class Command(BaseCommand):
    help = "Add governing documents and print the table of concept counts."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        adder = actions.add_parser("add", help="Read and count a PDF, DOCX, ODT or text file.")
        adder.add_argument("file")
        adder.add_argument("--title", required=True)
        adder.add_argument("--appendix-of", dest="appendix_of", default=None)
        adder.add_argument("--category", default="")
        adder.add_argument("--year", type=int, default=None)
        table = actions.add_parser("table", help="Print the documents × families table.")
        table.add_argument("--format", choices=("json", "csv", "table"), default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        services.families_ensure_defaults()
        if options["action"] == "add":
            self._add(options)
        else:
            self._table(options["format"])

    def _add(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        try:
            check_size(path.stat().st_size)
        except DocumentReadError as exc:
            raise CommandError(f"{path.name}: {exc}") from None
        appendix_of = None
        if options["appendix_of"]:
            try:
                appendix_of = Document.objects.get(title=options["appendix_of"])
            except Document.DoesNotExist:
                raise CommandError(
                    _("--appendix-of: there is no document titled “%(title)s”.")
                    % {"title": options["appendix_of"]}
                ) from None
        try:
            document = services.document_add(
                title=options["title"],
                file_name=path.name,
                content=path.read_bytes(),
                category=options["category"],
                year=options["year"],
                appendix_of=appendix_of,
            )
        except ApplicationError as error:
            prefix = path.name if error.field == "file" else f"--{error.field or 'title'}"
            raise CommandError(f"{prefix}: {error.message}") from None
        counts = ", ".join(
            f"{family.label} {document.counts.get(family.code, 0)}"
            for family in selectors.current_families()
        )
        self.stdout.write(
            _("Added “%(title)s”: %(words)s words; %(counts)s.")
            % {"title": document.title, "words": document.words, "counts": counts}
        )

    def _table(self, file_format: str) -> None:
        data = selectors.table_data()
        if file_format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        elif file_format == "csv":
            codes = [family["code"] for family in data["families"]]
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(["title", "appendix_of", "category", "year", "words", *codes])
            for document in data["documents"]:
                writer.writerow(
                    [
                        document["title"],
                        "",
                        document["category"],
                        document["year"] or "",
                        document["words"],
                        *(document["counts"][code] for code in codes),
                    ]
                )
                for appendix in document["appendices"]:
                    writer.writerow(
                        [
                            appendix["title"],
                            document["title"],
                            document["category"],
                            document["year"] or "",
                            appendix["words"],
                            *(appendix["counts"][code] for code in codes),
                        ]
                    )
            self.stdout.write(buffer.getvalue(), ending="")
        else:
            self.stdout.write(format_table(data))
