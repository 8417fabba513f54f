"""The innovation office's pages: only the office gets in; uploads, results and reports work."""

from __future__ import annotations

import datetime
import io
import re
import zlib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from innovera.core.jobs import SILENT_FOR
from innovera.organisations.models import UnitType
from innovera.organisations.services import unit_create
from innovera.organisations.tests.factories import make_unit, make_user
from innovera.surveys import reports
from innovera.surveys.demo import demo_rounds_load
from innovera.surveys.models import ImportJob, Invitation, Round, SurveyResponse
from innovera.surveys.tests.factories import make_office_user, make_round

pytestmark = pytest.mark.django_db

DEMO_2014 = Path(__file__).resolve().parents[1] / "data" / "demo_2014.csv"


def pdf_objects(content: bytes) -> bytes:
    """The PDF's objects with compressed object streams unpacked, to look for a key."""
    parts = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", content, flags=re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"".join(parts)


@pytest.fixture
def office(client: Client) -> Client:
    client.force_login(make_office_user())
    return client


@pytest.mark.parametrize("who", ["anonymous", "resident", "employee"])
def test_only_the_innovation_office_sees_rounds_results_and_reports(
    client: Client, who: str
) -> None:
    demo_rounds_load()
    if who == "resident":
        client.force_login(make_user())
    elif who == "employee":
        client.force_login(make_user(unit=make_unit()))
    urls = [
        reverse("surveys:round_list"),
        reverse("surveys:round_detail", args=["stockholm-2014"]),
        reverse("surveys:round_results", args=["stockholm-2014"]),
        reverse("surveys:round_report", args=["stockholm-2014", "xlsx"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in {302, 403}, url
        if who != "anonymous":
            assert response.status_code == 403


@pytest.mark.django_db(transaction=True)
def test_the_office_creates_a_round_and_invites_the_heads(office: Client) -> None:
    unit_create(name="Bromma", unit_type=UnitType.DISTRICT, head_email="chef@bromma.example.org")
    unit_create(name="Utan adress", unit_type=UnitType.DISTRICT)
    office.post(
        reverse("surveys:round_list"),
        {
            "name": "stockholm-2026",
            "title": "2026",
            "template": "stockholm-2014",
            "mode": "confidential",
        },
    )

    with_messages = office.post(
        reverse("surveys:round_invite", args=["stockholm-2026"]),
        {"org_types": ["district"], "confirm": "yes"},
        follow=True,
    ).content.decode()

    assert Invitation.objects.filter(round__name="stockholm-2026").count() == 1
    assert [m.to for m in mail.outbox] == [["chef@bromma.example.org"]]
    assert "/enkat/" in mail.outbox[0].body
    assert "Utan adress" in with_messages
    assert Round.objects.get(name="stockholm-2026").invited == {"district": 1}


@pytest.mark.django_db(transaction=True)
def test_sending_invitations_first_shows_how_many_get_it_and_the_message(office: Client) -> None:
    unit_create(name="Bromma", unit_type=UnitType.DISTRICT, head_email="chef@bromma.example.org")
    unit_create(name="Skärholmen", unit_type=UnitType.DISTRICT, head_email="chef@sk.example.org")
    unit_create(name="Utan adress", unit_type=UnitType.DISTRICT)
    make_round(name="r")

    page = office.post(reverse("surveys:round_invite", args=["r"]), {"org_types": ["district"]})

    text = page.content.decode()
    assert page.status_code == 200
    assert mail.outbox == []
    assert not Invitation.objects.exists()
    assert "2 nya mottagare får inbjudan" in text
    assert "Du är inbjuden att svara på stadens enkät om innovationsförmåga" in text
    assert "Du svarar för Bromma." in text
    assert "Utan adress" in text
    assert "Skicka 2 inbjudningar" in text
    assert 'name="confirm" value="yes"' in text


@pytest.mark.django_db(transaction=True)
def test_a_second_send_says_0_new_recipients_and_is_not_a_success(office: Client) -> None:
    unit_create(name="Bromma", unit_type=UnitType.DISTRICT, head_email="chef@bromma.example.org")
    make_round(name="r")
    invite = reverse("surveys:round_invite", args=["r"])
    office.post(invite, {"org_types": ["district"], "confirm": "yes"})

    asked = office.post(invite, {"org_types": ["district"]}).content.decode()
    sent_anyway = office.post(
        invite, {"org_types": ["district"], "confirm": "yes"}, follow=True
    ).content.decode()

    assert "0 nya mottagare" in asked
    assert "Skicka 0" not in asked and 'value="yes"' not in asked
    assert "1 av dem du valde har redan bjudits in" in asked
    assert len(mail.outbox) == 1
    assert "0 nya mottagare" in sent_anyway
    alert = re.search(r'<div class="ds-alert" data-color="(\w+)">\s*<p[^>]*>0 nya', sent_anyway)
    assert alert is not None and alert.group(1) == "info"


@pytest.mark.django_db(transaction=True)
def test_reminders_are_confirmed_with_their_count_and_message_first(office: Client) -> None:
    unit_create(name="Bromma", unit_type=UnitType.DISTRICT, head_email="chef@bromma.example.org")
    make_round(name="r")
    office.post(
        reverse("surveys:round_invite", args=["r"]), {"org_types": ["district"], "confirm": "yes"}
    )

    asked = office.post(reverse("surveys:round_remind", args=["r"])).content.decode()

    assert len(mail.outbox) == 1
    assert "1 chef som inte har svarat får en påminnelse" in asked
    assert "En påminnelse: vi har ännu inte fått dina svar" in asked
    assert "Skicka 1 påminnelse" in asked


@pytest.mark.django_db(transaction=True)
def test_a_reminder_keeps_the_first_e_mails_link_working_until_the_head_answers(
    office: Client,
) -> None:
    unit_create(name="Bromma", unit_type=UnitType.DISTRICT, head_email="chef@bromma.example.org")
    survey_round = make_round(name="r")
    office.post(
        reverse("surveys:round_invite", args=["r"]), {"org_types": ["district"], "confirm": "yes"}
    )
    first_link = mail.outbox[0].body.split("/enkat/")[1].split("/")[0]

    office.post(reverse("surveys:round_remind", args=["r"]), {"confirm": "yes"})
    office.post(reverse("surveys:round_remind", args=["r"]), {"confirm": "yes"})

    second_link = mail.outbox[1].body.split("/enkat/")[1].split("/")[0]
    third_link = mail.outbox[2].body.split("/enkat/")[1].split("/")[0]
    assert len({first_link, second_link, third_link}) == 3
    assert "Påminnelse" in mail.outbox[1].subject
    assert "Länken i det första mejlet fungerar också." in mail.outbox[1].body
    respondent = Client()
    for link in (first_link, second_link, third_link):
        assert respondent.get(f"/enkat/{link}/").status_code == 200, link
    assert survey_round.invitations.get().reminded_at is not None

    # Sending in through the reminder's link ends every link of the invitation.
    respondent.post(f"/enkat/{second_link}/skicka/")
    for link in (first_link, second_link, third_link):
        assert respondent.get(f"/enkat/{link}/").status_code == 410, link


@pytest.mark.django_db(transaction=True)
def test_an_uploaded_file_is_imported_with_its_progress_recorded(office: Client) -> None:
    make_round(name="r")
    upload = SimpleUploadedFile("svar.csv", DEMO_2014.read_bytes(), content_type="text/csv")

    response = office.post(
        reverse("surveys:round_import", args=["r"]), {"file": upload}, follow=True
    )

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE
    assert job.done == job.total == 37
    assert "Importerade 37 svar" in response.content.decode()
    assert SurveyResponse.objects.filter(round__name="r").count() == 37
    assert not Path(job.stored_path).exists()


@pytest.mark.django_db(transaction=True)
def test_a_bad_upload_is_refused_with_rows_and_columns_and_nothing_stored(office: Client) -> None:
    make_round(name="r")
    content = "respondent_id,org_type,sa_customer\n1,district,5\n2,kommun,3\n"
    upload = SimpleUploadedFile("svar.csv", content.encode(), content_type="text/csv")

    page = office.post(
        reverse("surveys:round_import", args=["r"]), {"file": upload}, follow=True
    ).content.decode()

    assert "rad 2, kolumn sa_customer" in page
    assert "rad 3, kolumn org_type" in page
    assert not SurveyResponse.objects.exists()


def running_import(survey_round: Round, **fields: Any) -> ImportJob:
    """An import of the round reading its file, 10 of 40 rows checked."""
    return ImportJob.objects.create(
        round=survey_round,
        file_name="svar.csv",
        stored_path="",
        status=ImportJob.Status.RUNNING,
        done=10,
        total=40,
        **fields,
    )


def test_an_import_page_polls_until_the_job_ends_and_a_failed_poll_has_its_words(
    office: Client,
) -> None:
    job = running_import(make_round(name="r"))
    url = reverse("surveys:import_job", kwargs={"name": "r", "job_id": job.pk})

    polled = office.get(url, headers={"HX-Request": "true"}).content.decode()

    [region] = re.findall(r'<div id="import-progress"[^>]*>', polled)
    assert f'hx-get="{url}"' in region and 'hx-trigger="every 1s"' in region
    # htmx swaps in no error answer: the script puts these words in the region's place.
    assert 'data-poll-error="Förloppet kunde inte läsas. Ladda om sidan."' in region
    assert '<progress id="import-bar" max="100" value="25">25 %</progress>' in polled
    assert "Läser filen: 10 av 40 rader" in polled
    # A job that is gone (another round's, or deleted) answers the poll with an error.
    elsewhere = reverse("surveys:import_job", kwargs={"name": make_round().name, "job_id": job.pk})
    assert office.get(elsewhere, headers={"HX-Request": "true"}).status_code == 404

    ImportJob.objects.filter(pk=job.pk).end(status=ImportJob.Status.DONE, message="Klart.")
    ended = office.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in ended and "data-poll-error" not in ended and "Klart." in ended


def test_a_file_of_the_wrong_type_is_refused_before_it_is_stored(office: Client) -> None:
    make_round(name="r")
    upload = SimpleUploadedFile("svar.xlsx", b"not a workbook", content_type="application/zip")

    response = office.post(reverse("surveys:round_import", args=["r"]), {"file": upload})

    assert response.status_code == 400
    assert "inte en Excel-arbetsbok" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_results_page_shows_the_reports_figures_with_charts_and_tables(office: Client) -> None:
    demo_rounds_load()

    page = office.get(reverse("surveys:round_results", args=["stockholm-2014"])).content.decode()

    assert page.count("<svg") >= 6
    assert page.count("<table") >= 8
    assert "Nyfikenhet" in page
    assert "3,75" in page
    assert "-0,70" in page
    assert "Utveckling över omgångarna" not in page  # 2014 is the first round
    later = office.get(reverse("surveys:round_results", args=["stockholm-2016"])).content.decode()
    assert "Utveckling över omgångarna" in later


def test_a_round_without_answers_gets_a_clear_page(office: Client) -> None:
    make_round(name="tom")

    page = office.get(reverse("surveys:round_results", args=["tom"])).content.decode()

    assert "inga svar ännu" in page


def test_the_reports_download_as_pdf_html_and_a_workbook_with_a_sheet_per_table(
    office: Client,
) -> None:
    demo_rounds_load()

    pdf = office.get(reverse("surveys:round_report", args=["stockholm-2014", "pdf"]))
    html = office.get(reverse("surveys:round_report", args=["stockholm-2014", "html"]))
    xlsx = office.get(reverse("surveys:round_report", args=["stockholm-2014", "xlsx"]))

    assert pdf.content.startswith(b"%PDF")
    assert b"/StructTreeRoot" in pdf_objects(pdf.content)  # tagged for assistive technology
    assert "attachment" in pdf["Content-Disposition"]
    text = html.content.decode()
    assert "<style>" in text and "/static/" not in text  # self-contained
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert {"Svarsfrekvens", "Självskattning", "Gynnande faktorer"} <= set(workbook.sheetnames)
    factors = workbook["Gynnande faktorer"]
    assert factors["A2"].value == "Nyfikenhet"
    assert factors["B2"].value == pytest.approx(3.75)


def test_a_large_round_shows_a_hundred_free_text_answers_per_question_and_counts_the_rest() -> None:
    from innovera.surveys.fake import fake_responses
    from innovera.surveys.reports import FREE_TEXT_SHOWN, render_report
    from innovera.surveys.services import round_import_responses

    survey_round = make_round(name="stor", invited={"district": 400})
    responses, units = fake_responses(600, seed=1)
    round_import_responses(
        survey_round=survey_round, responses=responses, org_units=units, file_name="f", sha256="x"
    )

    html = render_report(survey_round, "html")[0].decode()
    workbook = openpyxl.load_workbook(io.BytesIO(render_report(survey_round, "xlsx")[0]))

    assert "svar till, i Excelrapporten" in html
    free_text_rows = workbook["Fritext"].max_row - 1
    assert free_text_rows > FREE_TEXT_SHOWN * 2


def _pdf_pages(content: bytes) -> list[str]:
    from pypdf import PdfReader

    return [
        re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages
    ]


def test_the_pdf_report_opens_with_a_title_page_and_keeps_table_rows_whole(
    office: Client,
) -> None:
    demo_rounds_load()

    pdf = office.get(reverse("surveys:round_report", args=["stockholm-2014", "pdf"]))

    pages = _pdf_pages(pdf.content)
    title_page = pages[0]
    assert title_page.startswith("Enkät om innovationsförmåga Innovationsförmåga 2014")
    assert "Omgång stockholm-2014 (1–30 september 2014)" in title_page
    assert re.search(r"Rapporten skapad \d{1,2} [a-zé]+ \d{4}", title_page)
    assert "37 av 43 inbjudna organisationer svarade" in title_page
    assert "Metod" in title_page and "skala från 1 till 4" in title_page
    assert "Självskattning" not in title_page  # the results begin on the next page
    assert not any("Innovationsförmåga: Innovationsförmåga" in page for page in pages)

    # The self-assessment table runs over a page break: each of its pages repeats the head,
    # and every row is whole on one page (the question beside its mean and n).
    context = reports.report_context(Round.objects.get(name="stockholm-2014"))
    table = next(
        s.figure.table for s in context["sections"] if s.figure.table.key == "self_assessment"
    )
    head = "Fråga Medelvärde n Vet ej Ej svar"
    pages_with_rows = set()
    for question, mean, n, *_rest in table.rows:
        start = " ".join(str(question).split()[:4])
        where = [i for i, page in enumerate(pages) if start in page]
        assert where, question
        page = pages[where[0]]
        assert f"{mean.format('sv')} {n}" in page, question
        pages_with_rows.add(where[0])
    assert len(pages_with_rows) > 1
    for index in pages_with_rows:
        assert head in pages[index]


def test_an_import_whose_process_died_stops_polling_and_says_so(office: Client) -> None:
    job = running_import(
        make_round(name="r"),
        heartbeat_at=timezone.now() - SILENT_FOR - datetime.timedelta(minutes=1),
    )
    url = reverse("surveys:import_job", kwargs={"name": "r", "job_id": job.pk})

    polled = office.get(url, headers={"HX-Request": "true"}).content.decode()

    assert "hx-get" not in polled and "<progress" not in polled
    assert "Importen avbröts (servern stoppades); ladda upp filen igen." in polled
    assert "Läser filen" not in polled  # not said to be under way any more
    page = office.get(url).content.decode()
    assert "hx-get" not in page and "Importen avbröts (servern stoppades)" in page
