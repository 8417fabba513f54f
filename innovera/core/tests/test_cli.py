"""The `innovera` command fails with one clear sentence on bad configuration."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest


def run_innovera(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    environment.update({"INNOVERA_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run(  # noqa: S603 - our own entry point, fixed arguments
        [sys.executable, "-m", "innovera", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def assert_one_clear_sentence(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert words in result.stderr


def test_a_malformed_database_url_is_named(tmp_path: Path) -> None:
    result = run_innovera("check", tmp_path=tmp_path, DATABASE_URL="mysqlx://nowhere")

    assert_one_clear_sentence(result, "DATABASE_URL")


def test_an_unreachable_database_is_named(tmp_path: Path) -> None:
    result = run_innovera(
        "migrate", tmp_path=tmp_path, DATABASE_URL="postgres://nobody@127.0.0.1:1/none"
    )

    assert_one_clear_sentence(result, "databas")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_data_folder_is_named_for_ordinary_users(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)

    result = run_innovera("check", tmp_path=tmp_path, INNOVERA_DATA_DIR=str(locked / "data"))

    assert_one_clear_sentence(result, "INNOVERA_DATA_DIR")


def test_a_data_folder_that_is_a_file_is_named(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")

    result = run_innovera("check", tmp_path=tmp_path, INNOVERA_DATA_DIR=str(not_a_folder))

    assert_one_clear_sentence(result, "INNOVERA_DATA_DIR")


def test_the_demo_refuses_a_port_in_use(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = run_innovera("demo", "--port", str(port), tmp_path=tmp_path)

    assert_one_clear_sentence(result, f"{port}")
    assert "används redan" in result.stderr


def test_the_demo_prepares_a_data_folder_with_database_key_and_accounts(tmp_path: Path) -> None:
    result = run_innovera("demo", "--no-serve", tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "admin@demo.example.org" in result.stdout
    assert (tmp_path / "data" / "innovera.sqlite3").exists()
    key = (tmp_path / "data" / "secret_key").read_text(encoding="utf-8")
    again = run_innovera("demo", "--no-serve", tmp_path=tmp_path)
    assert "redan inläst" in again.stdout
    assert (tmp_path / "data" / "secret_key").read_text(encoding="utf-8") == key


def test_serve_runs_gunicorn_that_answers_health_checks(tmp_path: Path) -> None:
    assert run_innovera("migrate", "-v0", tmp_path=tmp_path).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    environment.update(
        INNOVERA_DATA_DIR=str(tmp_path / "data"), WEB_CONCURRENCY="2", SECURE_SSL_REDIRECT="false"
    )
    server = subprocess.Popen(  # noqa: S603 - our own entry point, fixed arguments
        [sys.executable, "-m", "innovera", "serve", "--bind", f"127.0.0.1:{port}"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
                    body = reply.read().decode()
                    break
            except OSError:
                time.sleep(0.2)
        assert json.loads(body) == {"status": "ok", "checks": {"database": "ok"}}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reply:
            assert "Content-Security-Policy" in reply.headers
        secret = "hemligtEngangsTOKEN0123456789"
        with contextlib.suppress(urllib.error.HTTPError):  # an unknown link answers 404
            urllib.request.urlopen(f"http://127.0.0.1:{port}/enkat/{secret}/sida/2/", timeout=5)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Booting worker" in output
    assert "/enkat/[token]/sida/2/" in output  # the access log keeps the path
    assert secret not in output


@pytest.mark.django_db
def test_the_demos_e_mail_links_use_the_port_it_runs_on(
    monkeypatch: pytest.MonkeyPatch, settings: object, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail
    from django.core.management import call_command

    from innovera.core.management.commands import demo
    from innovera.organisations import services
    from innovera.organisations.models import User

    served: list[tuple[object, ...]] = []
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(demo, "ensure_port_free", lambda host, port: None)
    monkeypatch.setattr(demo.registry, "innovera_apps", list)
    real_call_command = demo.call_command

    def fake_call_command(name: str, *args: object, **kwargs: object) -> None:
        if name == "runserver":
            served.append(args)
        else:
            real_call_command(name, *args, **kwargs)

    monkeypatch.setattr(demo, "call_command", fake_call_command)

    call_command("demo", "--port", "8123")

    assert served == [("127.0.0.1:8123",)]
    with django_capture_on_commit_callbacks(execute=True):
        services.resident_register(
            email="ny@example.org", full_name="Ny Person", password="lång-fras-99"
        )
    assert User.objects.filter(email="ny@example.org").exists()
    assert "http://127.0.0.1:8123/" in mail.outbox[-1].body
    assert "127.0.0.1:8000" not in mail.outbox[-1].body


def test_a_configured_site_url_wins_over_the_demo_port(monkeypatch: pytest.MonkeyPatch) -> None:
    from innovera.core.management.commands.demo import demo_site_url

    monkeypatch.setenv("SITE_URL", "https://innovera.example.org/")
    assert demo_site_url(8123) == "https://innovera.example.org"
    monkeypatch.delenv("SITE_URL")
    assert demo_site_url(8123) == "http://127.0.0.1:8123"
