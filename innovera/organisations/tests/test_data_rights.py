"""People's data rights: the export holds everything, the erasure leaves no name anywhere."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import models
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from innovera.core import registry
from innovera.core.models import AuditEntry
from innovera.ideas import services as idea_services
from innovera.ideas.models import Comment, Follow, Idea, Stage, Support
from innovera.ideas.tests.factories import make_coordinator, make_idea
from innovera.organisations import gdpr
from innovera.organisations.models import ERASED_NAME, Role, User
from innovera.organisations.services import membership_grant
from innovera.organisations.tests.factories import (
    PASSWORD,
    make_administrator,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db

NAME = "Zelda Örnsköld-Testsson"
EMAIL = "zelda.ornskold@example.org"

# Models that hold a link to a person but are not in the export, and why. A model missing from
# both the export and this list fails the walk below.
NOT_EXPORTED: dict[str, str] = {}


def user_relations() -> list[str]:
    """Every model with a foreign key, one-to-one or many-to-many field to the user model."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models():
        if model._meta.proxy:  # the same rows as its concrete model, which is walked
            continue
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.ForeignKey | models.OneToOneField | models.ManyToManyField)
                and field.related_model is user_model
                and not field.auto_created
            ):
                found.append(model._meta.label)
                break
    return sorted(set(found))


def exempt() -> dict[str, str]:
    allowed = dict(NOT_EXPORTED)
    for config in registry.innovera_apps():
        allowed.update(config.personal_data_exempt)
    return allowed


def test_every_model_that_links_to_a_person_is_in_the_export_or_named_with_a_reason() -> None:
    person = make_user()
    exported = set(gdpr.personal_data(person))
    allowed = exempt()
    missing = [
        label for label in user_relations() if label not in exported and label not in allowed
    ]
    assert not missing, (
        "These models link to a person but are neither in any app's personal_data() nor in a "
        f"personal_data_exempt with a reason: {missing}"
    )
    assert all(reason.strip() for reason in allowed.values())
    # The walk itself finds the models we know of, so it cannot pass by finding nothing.
    assert {"ideas.Idea", "ideas.Comment", "organisations.Membership"} <= set(user_relations())


def _resident_with_idea_and_comment() -> tuple[User, Idea, Comment]:
    # The resident chose to be shown by full name, so erasure has a name to remove.
    resident = make_user(email=EMAIL, full_name=NAME, display_name=NAME)
    idea = make_idea(submitter=resident, title="Cykelparkering vid skolan")
    idea_services.attachment_add(
        idea=idea, upload=SimpleUploadedFile("skiss.txt", b"en skiss", "text/plain")
    )
    comment = idea_services.comment_add(user=resident, idea=idea, body="Jag kan hjälpa till.")
    idea_services.support_add(user=resident, idea=make_idea(title="Fler bänkar"))
    return resident, idea, comment


def _download(client: Client) -> dict[str, Any]:
    response = client.post(reverse("organisations:my_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    document = json.loads(archive.read("mina-uppgifter.json"))
    document["_names"] = archive.namelist()
    document["_archive"] = archive
    return document


def _channels(client: Client, idea: Idea) -> dict[str, str]:
    """What every channel shows about the idea, as text."""
    pages = {
        "idea page": reverse("ideas:idea_detail", kwargs={"pk": idea.pk}),
        "idea list": reverse("ideas:idea_list"),
        "feed": reverse("ideas:idea_feed"),
        "search": reverse("core:search") + "?q=Cykelparkering",
        "api search": reverse("api:search") + "?q=Cykelparkering",
        "api idea": f"/api/v1/ideas/{idea.pk}/",
        "api comments": f"/api/v1/ideas/{idea.pk}/comments/",
        "api list": "/api/v1/ideas/",
    }
    for config in registry.innovera_apps():
        for dataset in config.open_datasets():
            pages[f"open data {dataset.code}"] = f"/oppna-data/{dataset.code}.csv"
    texts = {}
    for channel, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (channel, response.status_code)
        body = (
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
            if response.streaming
            else response.content
        )
        texts[channel] = body.decode("utf-8")
    assert "Cykelparkering vid skolan" in texts["search"], "the search finds the idea"
    return texts


def _has_namespace(name: str) -> bool:
    from django.urls import get_resolver

    return name in get_resolver().namespace_dict


def test_a_resident_downloads_their_data_deletes_the_account_and_their_name_is_gone() -> None:
    resident, idea, _comment = _resident_with_idea_and_comment()
    _record, token = AuthToken.objects.create(user=resident)
    client = Client()
    client.force_login(resident)

    document = _download(client)
    data = document["data"]
    assert isinstance(data, dict)
    assert [i["title"] for i in data["ideas.Idea"]] == ["Cykelparkering vid skolan"]
    assert [c["comment"] for c in data["ideas.Comment"]] == ["Jag kan hjälpa till."]
    assert data["organisations.User"][0]["email"] == EMAIL
    attachment = next(name for name in document["_names"] if name.startswith("filer/"))
    assert document["_archive"].read(attachment) == b"en skiss"

    # Before: the name shows with the comment on the page and in the API.
    assert NAME in _channels(Client(), idea)["idea page"]

    page = client.get(reverse("organisations:erase_account"))
    assert "arkivlagen" in page.content.decode()
    response = client.post(reverse("organisations:erase_account"), {"password": PASSWORD})
    assert response.status_code == 302

    anonymous = Client()
    texts = _channels(anonymous, idea)
    assert "Cykelparkering vid skolan" in texts["idea page"], "the idea is still public"
    assert "Jag kan hjälpa till." in texts["idea page"]
    assert ERASED_NAME in texts["idea page"]
    coordinator = make_coordinator(make_unit())
    Idea.objects.filter(pk=idea.pk).update(owner_unit=coordinator.unit)
    signed_in = Client()
    signed_in.force_login(coordinator)
    texts["export"] = signed_in.get(
        reverse("ideas:idea_export", kwargs={"file_format": "csv"})
    ).content.decode("utf-8")
    texts["idea page (coordinator)"] = signed_in.get(
        reverse("ideas:idea_detail", kwargs={"pk": idea.pk})
    ).content.decode()
    for channel, text in texts.items():
        assert NAME not in text, channel
        assert EMAIL not in text, channel
        assert "Zelda" not in text, channel

    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/ideas/").status_code == 401
    # The old session is over as well.
    assert client.get(reverse("organisations:profile")).status_code == 302


def test_the_erasure_deletes_follows_and_supports_but_the_idea_keeps_its_count() -> None:
    resident, idea, _comment = _resident_with_idea_and_comment()
    supported = Support.objects.get(user=resident).idea
    idea_services.follow_set(user=resident, idea=supported, following=True)
    gdpr.account_erase(user=resident)
    resident.refresh_from_db()
    assert not Support.objects.filter(user=resident).exists()
    assert not Follow.objects.filter(user=resident).exists()
    supported.refresh_from_db()
    assert supported.support_count == 1
    assert resident.full_name == ERASED_NAME
    assert not resident.is_active
    assert not resident.has_usable_password()
    assert resident.unit_id is None
    assert EMAIL not in resident.email
    assert Idea.objects.get(pk=idea.pk).submitter_id == resident.pk


def test_a_wrong_password_erases_nothing_and_says_so_at_the_field() -> None:
    resident = make_user(full_name=NAME)
    client = Client()
    client.force_login(resident)
    response = client.post(reverse("organisations:erase_account"), {"password": "fel"})
    assert response.status_code == 200
    assert "Lösenordet är fel." in response.content.decode()
    resident.refresh_from_db()
    assert resident.full_name == NAME and resident.is_active


def test_the_data_is_served_only_to_its_owner_signed_in() -> None:
    response = Client().post(reverse("organisations:my_data"))
    assert response.status_code == 302
    assert reverse("organisations:login") in response["Location"]
    assert Client().get(reverse("organisations:erase_account")).status_code == 302


def test_the_office_exports_and_erases_by_letter_on_the_command_line(tmp_path: Path) -> None:
    resident, _idea, _comment = _resident_with_idea_and_comment()
    target = tmp_path / "brev.zip"
    out = io.StringIO()
    call_command("gdpr", "export", EMAIL.upper(), "--output", str(target), stdout=out)
    document = json.loads(zipfile.ZipFile(target).read("mina-uppgifter.json"))
    assert [c["comment"] for c in document["data"]["ideas.Comment"]] == ["Jag kan hjälpa till."]
    with pytest.raises(CommandError, match="--yes"):
        call_command("gdpr", "erase", EMAIL)
    call_command("gdpr", "erase", EMAIL, "--yes", stdout=out)
    resident.refresh_from_db()
    assert resident.full_name == ERASED_NAME
    with pytest.raises(CommandError, match=r"No account|Inget konto"):
        call_command("gdpr", "export", EMAIL, "--output", str(target))
    entries = AuditEntry.objects.filter(person=resident).values_list("action", "source")
    assert ("gdpr.export", "cli") in entries and ("gdpr.erase", "cli") in entries


def test_the_audit_log_shows_a_stage_move_a_role_grant_and_an_erasure() -> None:
    unit = make_unit()
    admin = make_administrator()
    coordinator = make_user(unit=unit, full_name="Kim Samordnare")
    membership_grant(user=coordinator, unit=unit, role=Role.COORDINATOR, by=admin)
    idea = make_idea(unit=unit, title="Läxhjälp på biblioteket")
    to_stage = Stage.objects.get(key="in_review")
    idea_services.idea_move(user=coordinator, idea_id=idea.pk, to_stage=to_stage)
    resident = make_user(full_name=NAME)
    gdpr.account_erase(user=resident)

    client = Client(REMOTE_ADDR="198.51.100.77")
    client.force_login(admin)
    page = client.get(reverse("organisations:audit_log")).content.decode()
    assert "Flytt i processen" in page and "Läxhjälp på biblioteket" in page
    assert "Roll tilldelad" in page and "Kim Samordnare" in page
    assert "Konto raderat" in page and ERASED_NAME in page
    assert NAME not in page

    only_moves = client.get(reverse("organisations:audit_log"), {"action": "idea.stage_move"})
    assert "Roll tilldelad" not in only_moves.content.decode().split("<tbody>")[1]
    by_person = client.get(reverse("organisations:audit_log"), {"person": "Kim Samordnare"})
    rows = by_person.content.decode().split("<tbody>")[1]
    assert "Flytt i processen" in rows and "Roll tilldelad" in rows and "Konto raderat" not in rows
    by_object = client.get(reverse("organisations:audit_log"), {"object": f"ideas.Idea:{idea.pk}"})
    assert "Roll tilldelad" not in by_object.content.decode().split("<tbody>")[1]

    csv_text = b"".join(
        client.get(reverse("organisations:audit_log_csv")).streaming_content  # type: ignore[attr-defined]
    ).decode("utf-8")
    assert "Flytt i processen" in csv_text and "Roll tilldelad" in csv_text
    assert "Konto raderat" in csv_text
    export_entry = AuditEntry.objects.get(action="audit.export")
    assert export_entry.network == "198.51.100.0/24", "only the network is kept"


def test_only_administrators_read_the_audit_log() -> None:
    coordinator = make_coordinator(make_unit())
    client = Client()
    client.force_login(coordinator)
    assert client.get(reverse("organisations:audit_log")).status_code == 403
    assert client.get(reverse("organisations:audit_log_csv")).status_code == 403


def test_the_generic_reader_exports_a_persons_rows_without_their_secrets() -> None:
    from innovera.core.personal_data import records_about

    resident, _idea, _comment = _resident_with_idea_and_comment()
    other = make_user()
    idea_services.support_add(user=other, idea=make_idea(title="Annans idé"))
    rows = records_about(resident, Support)
    assert [row["idea"] for row in rows] == ["Fler bänkar"]
    assert rows[0]["user"] == "you"
    AuthToken.objects.create(user=resident)
    tokens = records_about(resident, AuthToken)
    assert len(tokens) == 1 and "digest" not in tokens[0]


def test_the_audit_log_is_linked_for_administrators_only() -> None:
    admin = make_administrator()
    client = Client()
    client.force_login(admin)
    profile = reverse("organisations:profile")
    assert reverse("organisations:audit_log") in client.get(profile).content.decode()
    client.force_login(make_user())
    assert reverse("organisations:audit_log") not in client.get(profile).content.decode()


def test_api_tokens_made_and_ended_are_in_the_audit_log() -> None:
    person = make_user()
    record, _token = AuthToken.objects.create(user=person)
    record.delete()
    actions = list(
        AuditEntry.objects.filter(person=person).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["api_token.create", "api_token.revoke"]
    assert not AuditEntry.objects.filter(details__has_key="key").exists()


def test_the_name_is_gone_from_notices_others_received() -> None:
    from innovera.spreading.models import Notice

    resident = make_user(full_name="Bo Ek")
    organiser = make_user()
    Notice.objects.create(
        user=organiser,
        text="“Workshop” har nu 10 platser; bokade över gränsen: Bo Ek, Anna Al.",
        url="/",
    )
    Notice.objects.create(user=organiser, text="Bokningen av Bo Eksjö är kvar.", url="/")
    gdpr.account_erase(user=resident)
    texts = sorted(Notice.objects.filter(user=organiser).values_list("text", flat=True))
    assert texts == [
        "Bokningen av Bo Eksjö är kvar.",
        f"“Workshop” har nu 10 platser; bokade över gränsen: {ERASED_NAME}, Anna Al.",
    ]


def test_erasing_a_person_ends_their_sessions_without_reading_anyone_elses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.contrib.sessions.backends.base import SessionBase

    from innovera.organisations.sessions import SessionStore

    person = make_user(email=EMAIL, full_name=NAME)
    colleague = make_user(email="kollega@example.org")
    phone, laptop, other = Client(), Client(), Client()
    phone.force_login(person)
    laptop.force_login(person)
    other.force_login(colleague)
    for _visitor in range(3):
        SessionStore().create()  # visitors' sessions, not signed in
    decoded: list[str] = []
    decode = SessionBase.decode

    def counting_decode(self: SessionBase, data: str) -> dict[str, Any]:
        decoded.append(data)
        return decode(self, data)

    monkeypatch.setattr(SessionBase, "decode", counting_decode)
    gdpr.account_erase(user=person)
    assert decoded == []
    assert AuditEntry.objects.get(action="gdpr.erase").details["sessions_ended"] == 2
    monkeypatch.setattr(SessionBase, "decode", decode)
    assert phone.get(reverse("organisations:profile")).status_code == 302
    assert laptop.get(reverse("organisations:profile")).status_code == 302
    assert other.get(reverse("organisations:profile")).status_code == 200


def test_sessions_made_before_the_session_engine_still_end_with_the_erasure() -> None:
    import importlib

    from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
    from django.contrib.sessions.models import Session

    person = make_user(email=EMAIL, full_name=NAME)
    old = DjangoSessionStore()
    old["_auth_user_id"] = str(person.pk)
    old.create()
    migration = importlib.import_module("innovera.organisations.migrations.0007_account_session")
    migration.move_live_sessions(apps, None)
    assert not Session.objects.exists()
    gdpr.account_erase(user=person)
    assert AuditEntry.objects.get(action="gdpr.erase").details["sessions_ended"] == 1


def test_a_session_saved_by_the_async_path_keeps_its_person() -> None:
    from asgiref.sync import async_to_sync
    from django.contrib.auth import SESSION_KEY

    from innovera.organisations.models import AccountSession
    from innovera.organisations.sessions import SessionStore

    person = make_user()
    store = SessionStore()
    store[SESSION_KEY] = str(person.pk)
    async_to_sync(store.asave)()

    assert AccountSession.objects.get(session_key=store.session_key).user_id == person.pk
