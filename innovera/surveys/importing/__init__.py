"""Reading survey responses collected elsewhere, and writing them back (contract §2).

Many cities already run their survey in another tool. This module turns such a CSV or XLSX file,
one row per respondent, into the plain :class:`~innovera.surveys.analysis.Response` records the
analysis consumes, and checks every cell on the way. It is pure Python without Django, so the
``innovera survey import`` command and the web upload page call the same code and report the
same problems.

The parser never half-succeeds: it collects *every* problem it finds (not just the first) as a
:class:`CellError` naming the row as a person sees it in a spreadsheet (the header is row 1) and
the column, and when there is any problem :attr:`ImportResult.responses` is empty, so a caller
cannot store part of a bad file by mistake.

Decisions beyond the contract's wording, all deliberate:

* ``vet ej``/``dk`` in a factor's *importance* column is an error. The instrument offers no
  "vet ej" on the importance scale (§1), so such a cell means the file does not match the
  questionnaire; a skipped importance is simply an empty cell. (The analysis would tolerate
  ``"dk"`` there, but the importer keeps the data honest.) Whether a scale allows "vet ej" is
  read from the template's :class:`~innovera.surveys.instrument.Scale`, not hard-coded.
* Header names are matched after stripping spaces, in any letter case.
* Cells are compared after stripping spaces and ignoring letter case; ``3.0`` counts as ``3``
  (XLSX numbers always do; in CSV this accepts files from tools that write whole numbers as
  floats). A text answer is stripped and its line breaks normalised to ``\\n``.
* An XLSX boolean cell (TRUE/FALSE) reads as ``ja``/``nej``, a date or time cell as ISO text
  such as ``2014-05-01`` (no column of the format holds dates), a formula as its last computed
  value, and a cell showing an Excel error such as ``#N/A`` as empty (calamine does not pass
  error values on).
* A column without a header is ignored while it is empty; holding data it is an error, unless
  ``ignore_unknown`` (it is then just another unknown column). A CSV row with more cells than
  the header is treated the same way.
* Duplicate ``respondent_id`` values are compared exactly after stripping (``R1`` and ``r1``
  differ); the error is given on each later row and names the first one.
* A file that is not UTF-8, a semicolon-separated CSV (as Swedish Excel writes by default), an
  old ``.xls`` and an unreadable XLSX each give one clear error (on row 1, or for a CSV on the
  row where reading failed) rather than an exception.
* At most :data:`MAX_STORED_ERRORS` problems are kept as objects (a wrong 40,000-row file could
  otherwise produce millions); :attr:`ImportResult.error_count` always counts all of them and
  :meth:`ImportResult.summary` reports the true number.
* XLSX is read with python-calamine (Rust's calamine, also pandas' ``engine="calamine"``): the
  first worksheet, values only. It is much faster than openpyxl's read-only mode but loads the
  whole sheet at once, so a workbook broken inside the sheet is reported on row 1 rather than
  on the row where it breaks. Before that, :data:`MAX_XLSX_PART_BYTES` and
  :data:`MAX_XLSX_CELLS` refuse a ZIP bomb and a sheet too large to hold in memory.

The writers (:func:`write_responses_csv`, :func:`write_responses_xlsx`) are the exact inverse, so
a round can be exported and imported again; with no responses they give an empty import file of
the template to fill in.
"""

from __future__ import annotations

from innovera.surveys.importing.columns import ORG_TYPE_CODES, template_columns
from innovera.surveys.importing.errors import MAX_STORED_ERRORS, CellError, ImportResult, describe
from innovera.surveys.importing.parse import parse_responses
from innovera.surveys.importing.readers import MAX_XLSX_CELLS, MAX_XLSX_PART_BYTES, FileFormat
from innovera.surveys.importing.writing import write_responses_csv, write_responses_xlsx

__all__ = [
    "MAX_STORED_ERRORS",
    "MAX_XLSX_CELLS",
    "MAX_XLSX_PART_BYTES",
    "ORG_TYPE_CODES",
    "CellError",
    "FileFormat",
    "ImportResult",
    "describe",
    "parse_responses",
    "template_columns",
    "write_responses_csv",
    "write_responses_xlsx",
]
