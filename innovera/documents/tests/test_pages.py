"""The documents pages: the table, keyword in context, comparison, exports, upload and family
edits, with the permissions on each channel."""

from __future__ import annotations

import csv
import datetime
import io
import re
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from innovera.core.jobs import QUEUE_ALLOWANCE, SILENT_FOR
from innovera.core.registry import recover_interrupted_work
from innovera.documents import selectors
from innovera.documents.apps import DocumentsConfig
from innovera.documents.demo import demo_documents_load
from innovera.documents.models import ConceptFamily, Document, RecountJob
from innovera.documents.services import document_add, family_edit, recounts_recover
from innovera.documents.tests import files
from innovera.organisations.tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def employee_client(client: Client) -> Client:
    client.force_login(make_user(unit=make_unit()))
    return client


@pytest.fixture
def demo() -> None:
    demo_documents_load()


def policy() -> Document:
    return Document.objects.get(title="Upphandlingspolicy (demo)")


def test_anyone_reads_the_table_with_appendices_in_parentheses(client: Client, demo: None) -> None:
    response = client.get(reverse("documents:table"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Budget 2014 (demo)" in html
    assert "påhittat för demon" in html
    # The policy's kvalitet: 2 in the policy and 6 in its appendix, as in the report.
    row = html.split("Upphandlingspolicy (demo)</a>")[1].split("</tr>")[0]
    assert ">2</a>" in row and ">+6</a>)" in row


def test_the_table_filters_by_category_and_year_and_sorts(client: Client, demo: None) -> None:
    budgets = client.get(reverse("documents:table"), {"kategori": "Budget"}).content.decode()
    assert "Budget 2014 (demo)" in budgets and "Vision 2030 (demo)" not in budgets
    year = client.get(reverse("documents:table"), {"ar": "2026"}).content.decode()
    assert "Budget 2026 (demo)" in year and "Budget 2014 (demo)" not in year
    table = selectors.document_table(sort="innovation", descending=True)
    assert table.rows[0].document.title == "Budget 2026 (demo)"
    per = selectors.document_table(sort="kvalitet", descending=True, per=True)
    top = per.rows[0]
    assert top.cells[0].rate == pytest.approx(
        top.document.counts["kvalitet"] * 10_000 / top.document.words
    )


def test_the_per_10000_switch_shows_rates_with_a_decimal_comma(client: Client, demo: None) -> None:
    html = client.get(reverse("documents:table"), {"per": "on"}).content.decode()
    budget = Document.objects.get(title="Budget 2014 (demo)")
    rate = f"{budget.counts['kvalitet'] * 10_000 / budget.words:.1f}".replace(".", ",")
    assert rate in html
    assert "Förekomster per 10 000 ord" in html


def test_the_table_is_read_in_a_constant_number_of_queries(
    demo: None, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(6):
        selectors.document_table()
    document_add(title="Ny", file_name="ny.txt", content=b"kvalitet innovation")
    with django_assert_num_queries(6):
        selectors.document_table()


def test_a_count_opens_its_keywords_in_context_with_the_match_highlighted(
    client: Client,
) -> None:
    document = document_add(title="Budget", file_name="b.pdf", content=files.build_pdf())
    url = reverse("documents:keyword_in_context", kwargs={"pk": document.pk, "code": "utveckling"})
    html = client.get(url).content.decode()
    assert "<mark>Verksamhetsutvecklingen</mark>" in html
    assert "sidan 2:" in html
    assert "<mark>utveckling</mark>" in html
    # The word forms the family caught, with their frequencies.
    assert '>verksamhetsutvecklingen</a></th><td class="number">1<' in html
    only = client.get(url, {"ordform": "kvalitetsutveckling"}).content.decode()
    assert "1 förekomst av ”kvalitetsutveckling”" in only
    assert "<mark>Verksamhetsutvecklingen</mark>" not in only


def test_keyword_in_context_of_a_document_shows_its_appendices(client: Client, demo: None) -> None:
    url = reverse("documents:keyword_in_context", kwargs={"pk": policy().pk, "code": "innovation"})
    html = client.get(url).content.decode()
    assert 'id="bilagor"' in html
    assert "Upphandlingspolicy, bilaga (demo) (65 förekomster)" in html


def test_an_unknown_document_or_family_is_a_404(client: Client, demo: None) -> None:
    missing = reverse("documents:keyword_in_context", kwargs={"pk": 999_999, "code": "kvalitet"})
    assert client.get(missing).status_code == 404
    unknown = reverse("documents:keyword_in_context", kwargs={"pk": policy().pk, "code": "nej"})
    assert client.get(unknown).status_code == 404
    assert (
        client.get(reverse("documents:document_detail", kwargs={"pk": 999_999})).status_code == 404
    )


def test_the_table_and_the_contexts_export_to_csv_and_xlsx(client: Client, demo: None) -> None:
    response = client.get(reverse("documents:table_export", kwargs={"file_format": "csv"}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Dokument", "Bilaga till", "Kategori", "År", "Ord"]
    appendix = next(row for row in rows if row[1] == "Upphandlingspolicy (demo)")
    assert appendix[0] == "Upphandlingspolicy, bilaga (demo)"
    assert appendix[5] == "6"
    response = client.get(reverse("documents:table_export", kwargs={"file_format": "xlsx"}))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.max_row == len(rows)
    url = reverse(
        "documents:contexts_export",
        kwargs={"pk": policy().pk, "code": "innovation", "file_format": "xlsx"},
    )
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url).content)).active
    assert sheet is not None
    assert sheet.max_row == 1 + 3 + 65
    assert sheet.cell(row=1, column=4).value == "Träff"


def test_an_exported_cell_never_runs_as_a_formula(client: Client) -> None:
    document_add(title="=HYPERLINK(1)", file_name="x.txt", content=b"kvalitet")
    response = client.get(reverse("documents:table_export", kwargs={"file_format": "csv"}))
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_two_documents_and_two_years_of_a_category_compare_per_10000_words(
    client: Client, demo: None
) -> None:
    before = Document.objects.get(title="Budget 2014 (demo)")
    after = Document.objects.get(title="Budget 2026 (demo)")
    comparison = selectors.compare_documents(before_pk=before.pk, after_pk=after.pk)
    innovation = next(row for row in comparison.rows if row.family.code == "innovation")
    expected = 41 * 10_000 / after.words - 20 * 10_000 / before.words
    assert innovation.change.change == pytest.approx(expected)
    html = client.get(
        reverse("documents:compare"), {"fore": before.pk, "efter": after.pk}
    ).content.decode()
    assert f"+{expected:.1f}".replace(".", ",") in html
    years = client.get(
        reverse("documents:compare"), {"kategori": "Budget", "fore_ar": "2014", "efter_ar": "2026"}
    ).content.decode()
    assert "Budget 2014 mot Budget 2026, per 10 000 ord" in years


def test_residents_and_employees_cannot_upload_or_edit_families(
    employee_client: Client, demo: None
) -> None:
    upload = reverse("documents:upload")
    assert Client().get(upload).status_code == 302
    assert employee_client.get(upload).status_code == 403
    assert employee_client.post(upload, {"title": "x"}).status_code == 403
    edit = reverse("documents:family_edit", kwargs={"code": "innovation"})
    assert employee_client.post(edit, {"label": "x", "stems": "x"}).status_code == 403
    delete = reverse("documents:document_delete", kwargs={"pk": policy().pk})
    assert employee_client.post(delete).status_code == 403
    assert Document.objects.filter(pk=policy().pk).exists()
    assert ConceptFamily.objects.filter(code="innovation").count() == 1


def test_the_office_uploads_a_docx_and_sees_its_counts(office_client: Client) -> None:
    upload = SimpleUploadedFile("budget.docx", files.build_docx())
    response = office_client.post(
        reverse("documents:upload"),
        {"file": upload, "title": "Budget 2026", "category": "Budget", "year": "2026"},
    )
    document = Document.objects.get(title="Budget 2026")
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert document.counts == files.EXPECTED
    html = office_client.get(response["Location"]).content.decode()
    assert "lästes och räknades: 44 ord" in html


def test_a_scanned_pdf_upload_shows_the_sentence_at_the_field_and_keeps_the_input(
    office_client: Client,
) -> None:
    upload = SimpleUploadedFile("scan.pdf", files.build_scanned_pdf())
    response = office_client.post(
        reverse("documents:upload"), {"file": upload, "title": "Skannad budget", "year": "2014"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Filen har inget textlager; den ser ut att vara inskannad." in html
    assert 'value="Skannad budget"' in html
    assert "Traceback" not in html
    assert not Document.objects.exists()


def test_an_htmx_upload_answers_with_a_redirect_for_the_browser(office_client: Client) -> None:
    upload = SimpleUploadedFile("a.txt", b"kvalitet och innovation")
    response = office_client.post(
        reverse("documents:upload"), {"file": upload, "title": "A"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == Document.objects.get(title="A").get_absolute_url()
    bad = SimpleUploadedFile("b.pdf", b"%PDF-1.4 broken")
    response = office_client.post(
        reverse("documents:upload"), {"file": bad, "title": "B"}, HTTP_HX_REQUEST="true"
    )
    # The form with its error replaces itself (htmx swaps only successful responses).
    assert response.status_code == 200
    assert "PDF-filen är skadad och kan inte läsas." in response.content.decode()


def test_a_family_edit_is_a_new_version_and_recounts_every_document(
    office_client: Client, demo: None, django_capture_on_commit_callbacks: Any
) -> None:
    budget = Document.objects.get(title="Budget 2014 (demo)")
    assert budget.counts["innovation"] == 20
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("documents:family_edit", kwargs={"code": "innovation"}),
            {
                "label": "Innovation",
                "stems": "innova, förny",
                "exclusions": "innovationsupphandling",
            },
        )
    job = RecountJob.objects.get()
    assert response["Location"] == reverse("documents:recount", kwargs={"pk": job.pk})
    assert (job.status, job.done, job.total) == ("done", 6, 6)
    budget.refresh_from_db()
    # innovationsupphandling (5 of the 20) is now excluded; the 9 words with förny count in.
    assert budget.counts["innovation"] == 20 - 5 + 9
    assert budget.counted_with["innovation"] == 2
    versions = list(ConceptFamily.objects.filter(code="innovation").order_by("version"))
    assert [(v.version, v.is_current) for v in versions] == [(1, False), (2, True)]
    page = office_client.get(response["Location"]).content.decode()
    assert "Alla dokument har räknats med de nya familjerna." in page


def test_a_bad_family_edit_is_refused_at_the_field(office_client: Client) -> None:
    response = office_client.post(
        reverse("documents:family_edit", kwargs={"code": "kvalitet"}),
        {"label": "Kvalitet", "stems": "kvali7et"},
    )
    assert response.status_code == 400
    assert "”kvali7et” är ingen ordstam: använd bara bokstäver." in response.content.decode()
    assert ConceptFamily.objects.filter(code="kvalitet").count() == 1
    assert not RecountJob.objects.exists()


def test_a_later_recount_supersedes_an_earlier_one(demo: None) -> None:
    from innovera.documents.services import recount_job_run

    first = RecountJob.objects.create(reason="first")
    family_edit(code="kvalitet", label="Kvalitet", stems=["kvalit"], exclusions=[], user=None)
    recount_job_run(first.pk)
    first.refresh_from_db()
    assert first.status == RecountJob.Status.SUPERSEDED


def test_a_recount_page_polls_while_it_counts_and_a_failed_poll_has_its_words(
    office_client: Client,
) -> None:
    job = RecountJob.objects.create(
        reason="x", status=RecountJob.Status.RUNNING, done=1, total=4, heartbeat_at=timezone.now()
    )
    url = reverse("documents:recount", kwargs={"pk": job.pk})

    polled = office_client.get(url, headers={"HX-Request": "true"}).content.decode()

    [region] = re.findall(r'<div id="recount-progress"[^>]*>', polled)
    assert f'hx-get="{url}"' in region and 'hx-trigger="every 1s"' in region
    # htmx swaps in no error answer: the script puts these words in the region's place.
    assert 'data-poll-error="Förloppet kunde inte läsas. Ladda om sidan."' in region
    assert '<progress id="recount-bar" max="100" value="25">25 %</progress>' in polled
    missing = reverse("documents:recount", kwargs={"pk": job.pk + 1})
    assert office_client.get(missing, headers={"HX-Request": "true"}).status_code == 404
    table = office_client.get(reverse("documents:table")).content.decode()
    assert "Dokumenten räknas om" in table


def test_a_recount_whose_process_died_stops_polling_and_says_so(office_client: Client) -> None:
    silent_since = timezone.now() - SILENT_FOR - datetime.timedelta(minutes=1)
    job = RecountJob.objects.create(
        reason="x", status=RecountJob.Status.RUNNING, done=1, total=4, heartbeat_at=silent_since
    )

    polled = office_client.get(
        reverse("documents:recount", kwargs={"pk": job.pk}), headers={"HX-Request": "true"}
    ).content.decode()

    assert "hx-get" not in polled and "<progress" not in polled
    assert "Omräkningen avbröts (servern stoppades)" in polled
    assert "1 av 4 dokument" not in polled and "Räknar" not in polled  # not under way either
    table = office_client.get(reverse("documents:table")).content.decode()
    assert "Dokumenten räknas om" not in table  # not said to be under way any more
    # …but the figures may still be a mix of old and new counts, and the pages say so.
    assert INTERRUPTED in table
    families = office_client.get(reverse("documents:family_list")).content.decode()
    assert INTERRUPTED in families and "En omräkning pågår" not in families


INTERRUPTED = "Omräkningen avbröts (servern stoppades); en del dokument kan ha kvar sina gamla tal."


def test_an_ended_recount_page_keeps_its_outcome_and_drops_the_progress_line(
    office_client: Client,
) -> None:
    job = RecountJob.objects.create(
        reason="x", status=RecountJob.Status.DONE, done=4, total=4, heartbeat_at=timezone.now()
    )

    page = office_client.get(reverse("documents:recount", kwargs={"pk": job.pk})).content.decode()

    assert "Alla dokument har räknats med de nya familjerna." in page
    assert "4 av 4 dokument" not in page and 'role="status"' not in page
    table = office_client.get(reverse("documents:table")).content.decode()
    assert INTERRUPTED not in table and "Dokumenten räknas om" not in table


@pytest.mark.parametrize(
    ("waited", "lost"),
    [
        (SILENT_FOR + datetime.timedelta(minutes=5), False),  # behind a long job: it waits
        (QUEUE_ALLOWANCE - datetime.timedelta(minutes=1), False),
        (QUEUE_ALLOWANCE + datetime.timedelta(minutes=1), True),  # lost with its queue
    ],
)
def test_a_waiting_recount_has_the_queues_allowance_not_the_running_jobs_silence(
    office_client: Client, waited: datetime.timedelta, lost: bool
) -> None:
    job = RecountJob.objects.create(reason="x", created_at=timezone.now() - waited)
    assert job.status == RecountJob.Status.PENDING and job.heartbeat_at is None

    polled = office_client.get(
        reverse("documents:recount", kwargs={"pk": job.pk}), headers={"HX-Request": "true"}
    ).content.decode()
    table = office_client.get(reverse("documents:table")).content.decode()

    assert ("hx-get" in polled) is not lost and ("Väntar" in polled) is not lost
    assert ("Omräkningen avbröts (servern stoppades)" in polled) is lost
    assert ("Dokumenten räknas om" in table) is not lost and (INTERRUPTED in table) is lost


def test_start_up_ends_a_recount_whose_process_died_as_of_when_it_died(
    office_client: Client,
) -> None:
    now = timezone.now()
    long_ago = now - SILENT_FOR - datetime.timedelta(minutes=5)
    dead = RecountJob.objects.create(
        reason="dead", status=RecountJob.Status.RUNNING, done=1, total=4, heartbeat_at=long_ago
    )
    never_started = RecountJob.objects.create(reason="queued", total=4)
    # Never started: lost with its queue once past the queue's allowance.
    queued_long_ago = now - QUEUE_ALLOWANCE - datetime.timedelta(minutes=5)
    RecountJob.objects.filter(pk=never_started.pk).update(created_at=queued_long_ago)
    alive = RecountJob.objects.create(
        reason="alive", status=RecountJob.Status.RUNNING, done=1, total=4, heartbeat_at=now
    )
    done = RecountJob.objects.create(
        reason="done", status=RecountJob.Status.DONE, heartbeat_at=long_ago, finished_at=long_ago
    )

    reports = recover_interrupted_work()

    assert "Omräkningar av styrdokument: 2 avbrutna avslutade." in reports
    dead.refresh_from_db()
    never_started.refresh_from_db()
    assert (dead.status, dead.finished_at) == (RecountJob.Status.INTERRUPTED, dead.died_at)
    assert (never_started.status, never_started.finished_at) == (
        RecountJob.Status.INTERRUPTED,
        never_started.died_at,
    )
    for untouched in (alive, done):
        before = (untouched.status, untouched.finished_at)
        untouched.refresh_from_db()
        assert (untouched.status, untouched.finished_at) == before
    # Ended, its page says what it said before: interrupted, and it polls no more.
    polled = office_client.get(
        reverse("documents:recount", kwargs={"pk": dead.pk}), headers={"HX-Request": "true"}
    ).content.decode()
    assert "hx-get" not in polled
    assert "Omräkningen avbröts (servern stoppades)" in polled
    # Nothing more to end the next time.
    assert recounts_recover() == 0


def test_the_office_adds_a_family_and_it_becomes_a_column(
    office_client: Client, demo: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(
            reverse("documents:family_create"),
            {"code": "service", "label": "Service", "stems": "service"},
        )
    table = selectors.document_table()
    assert table.families[-1].code == "service"
    assert table.rows[0].cells[-1].count > 0


def test_the_start_card_links_for_everyone_and_the_menu_is_the_offices() -> None:
    from django.apps import apps

    config = apps.get_app_config("documents")
    assert isinstance(config, DocumentsConfig)
    [card] = config.start_cards()
    assert (card.url_name, card.action) == ("documents:table", "document.list")
    [entry] = config.menu_entries()
    assert entry.action == "document.upload"


def test_search_finds_documents_by_title(demo: None) -> None:
    from django.apps import apps
    from django.contrib.auth.models import AnonymousUser

    hits = apps.get_app_config("documents").search(AnonymousUser(), "budget", 10)  # type: ignore[attr-defined]
    assert {hit.title for hit in hits} == {"Budget 2014 (demo)", "Budget 2026 (demo)"}


def test_every_page_renders(office_client: Client, demo: None) -> None:
    document = policy()
    job = RecountJob.objects.create(reason="x", total=1)
    for url in [
        reverse("documents:table"),
        reverse("documents:upload"),
        reverse("documents:compare"),
        reverse("documents:family_list"),
        reverse("documents:family_edit", kwargs={"code": "kvalitet"}),
        reverse("documents:recount", kwargs={"pk": job.pk}),
        reverse("documents:document_detail", kwargs={"pk": document.pk}),
        reverse("documents:document_detail", kwargs={"pk": document.appendices.get().pk}),
    ]:
        assert office_client.get(url).status_code == 200, url


def test_the_start_page_links_the_table_for_everyone(client: Client) -> None:
    assert 'href="/styrdokument/"' in client.get("/").content.decode()


def test_the_site_search_finds_a_document_by_its_title(client: Client, demo: None) -> None:
    html = client.get(reverse("core:search"), {"q": "Vision"}).content.decode()
    assert "Vision 2030 (demo)" in html
    assert Document.objects.get(title="Vision 2030 (demo)").get_absolute_url() in html


def test_every_documents_url_declares_its_action() -> None:
    from innovera.core.permissions import url_actions

    actions = {
        name: action for name, action in url_actions().items() if name.startswith("documents:")
    }
    assert len(actions) == 13  # the pages; the API is api:documents:table
    assert all(actions.values()), [name for name, action in actions.items() if not action]
    assert actions["documents:upload"] == "document.upload"
    assert actions["documents:family_edit"] == "family.edit"


def test_the_api_gives_the_table_as_the_command_does(client: Client, demo: None) -> None:
    response = client.get(reverse("api:documents:table"))
    assert response.status_code == 200
    assert response.json() == selectors.table_data()
    policy_row = next(
        d for d in response.json()["documents"] if d["title"] == "Upphandlingspolicy (demo)"
    )
    assert policy_row["appendices"][0]["counts"]["kvalitet"] == 6
    schema = client.get("/api/openapi.json").content.decode()
    assert "/api/v1/documents/" in schema


def test_a_recount_ended_as_interrupted_still_warns_on_the_table_and_the_family_list(
    office_client: Client,
) -> None:
    long_ago = timezone.now() - SILENT_FOR - datetime.timedelta(minutes=5)
    RecountJob.objects.create(
        reason="dead", status=RecountJob.Status.RUNNING, done=1, total=4, heartbeat_at=long_ago
    )

    assert recounts_recover() == 1

    table = office_client.get(reverse("documents:table")).content.decode()
    families = office_client.get(reverse("documents:family_list")).content.decode()
    assert INTERRUPTED in table and "Dokumenten räknas om" not in table
    assert INTERRUPTED in families and "En omräkning pågår" not in families


def test_a_late_worker_neither_revives_an_interrupted_recount_nor_runs_one_past_its_queue(
    demo: None,
) -> None:
    from innovera.documents.services import recount_job_run

    now = timezone.now()
    ended = RecountJob.objects.create(
        reason="ended", status=RecountJob.Status.INTERRUPTED, finished_at=now
    )
    lost = RecountJob.objects.create(reason="lost in the queue")
    RecountJob.objects.filter(pk=lost.pk).update(
        created_at=now - QUEUE_ALLOWANCE - datetime.timedelta(minutes=5)
    )
    counts_before = list(Document.objects.order_by("pk").values_list("counted_with", flat=True))

    recount_job_run(ended.pk)
    recount_job_run(lost.pk)

    ended.refresh_from_db()
    lost.refresh_from_db()
    assert (ended.status, ended.heartbeat_at) == (RecountJob.Status.INTERRUPTED, None)
    assert (lost.status, lost.finished_at) == (RecountJob.Status.INTERRUPTED, lost.died_at)
    assert ended.interrupted and lost.interrupted
    assert list(Document.objects.order_by("pk").values_list("counted_with", flat=True)) == (
        counts_before
    )
