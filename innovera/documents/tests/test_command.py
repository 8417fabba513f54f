"""`innovera documents add|table` as the issue spells them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from innovera.documents.models import Document
from innovera.documents.tests import files

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("documents", *args, stdout=out)
    return out.getvalue()


def test_add_reads_a_file_and_table_prints_the_issues_json_shape(tmp_path: Path) -> None:
    policy = tmp_path / "policy.pdf"
    policy.write_bytes(files.build_pdf())
    appendix = tmp_path / "bilaga.odt"
    appendix.write_bytes(files.build_odt())
    added = run(
        "add",
        str(policy),
        "--title",
        "Upphandlingspolicy",
        "--category",
        "Policy",
        "--year",
        "2013",
    )
    assert "Upphandlingspolicy" in added and "40" in added
    run("add", str(appendix), "--title", "Bilaga", "--appendix-of", "Upphandlingspolicy")

    data = json.loads(run("table", "--format", "json"))
    assert set(data) == {"families", "documents"}
    assert data["families"][1] == {
        "code": "fornyelse",
        "label": "Förnyelse",
        "stems": ["förny"],
        "exclusions": ["förnyb"],
    }
    assert data["documents"] == [
        {
            "title": "Upphandlingspolicy",
            "category": "Policy",
            "year": 2013,
            "words": files.EXPECTED_WORDS,
            "counts": files.EXPECTED,
            "appendices": [
                {"title": "Bilaga", "words": files.EXPECTED_ODT_WORDS, "counts": files.EXPECTED}
            ],
        }
    ]
    table = run("table", "--format", "table")
    assert "3 (+3)" in table and "1 (+1)" in table
    lines = run("table", "--format", "csv").splitlines()
    assert (
        lines[0]
        == "title,appendix_of,category,year,words,kvalitet,fornyelse,utveckling,innovation,forandring"
    )
    assert lines[2] == "Bilaga,Upphandlingspolicy,Policy,2013,41,3,2,3,3,1"


def test_a_bad_file_ends_in_one_sentence_and_stores_nothing(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(files.build_scanned_pdf())
    with pytest.raises(CommandError) as refused:
        run("add", str(scan), "--title", "Skannad")
    assert (
        str(refused.value) == "scan.pdf: Filen har inget textlager; den ser ut att vara inskannad."
    )
    assert not Document.objects.exists()
    with pytest.raises(CommandError, match="--appendix-of: det finns inget dokument"):
        run("add", str(scan), "--title", "X", "--appendix-of", "Saknas")
    with pytest.raises(CommandError, match="finns inte"):
        run("add", str(tmp_path / "saknas.pdf"), "--title", "Y")
