"""One-time survey links are logged without their token, by gunicorn and by Django."""

from __future__ import annotations

import datetime
import io
import logging
from types import SimpleNamespace

import pytest
from django.test import Client
from gunicorn.config import Config

from innovera.core.log_redaction import GunicornLogger, RedactSecretsFilter, redact

TOKEN = "Xy3-hemligt_TOKEN"


def test_a_survey_link_keeps_its_path_but_not_its_token() -> None:
    assert redact(f"GET /enkat/{TOKEN}/sida/2/?x=1 HTTP/1.1") == (
        "GET /enkat/[token]/sida/2/?x=1 HTTP/1.1"
    )
    assert redact(f"https://innovera.example.org/enkat/{TOKEN}/") == (
        "https://innovera.example.org/enkat/[token]/"
    )
    assert redact("GET /enkater/runda-1/resultat/ HTTP/1.1") == (
        "GET /enkater/runda-1/resultat/ HTTP/1.1"
    )


def test_gunicorns_access_log_line_holds_no_token() -> None:
    logger = GunicornLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/enkat/{TOKEN}/skicka/",
        "PATH_INFO": f"/enkat/{TOKEN}/skicka/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://innovera.example.org/enkat/{TOKEN}/sida/7/",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])

    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=3))
    line = logger.cfg.access_log_format % atoms

    assert TOKEN not in line
    assert "/enkat/[token]/skicka/" in line
    assert "/enkat/[token]/sida/7/" in line


def test_djangos_not_found_warning_holds_no_token(client: Client) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecretsFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        logger.warning("Not Found: %s", f"/enkat/{TOKEN}/")
        try:
            raise ValueError(f"no invitation for /enkat/{TOKEN}/")
        except ValueError:
            logger.exception("Failed")
    finally:
        logger.removeHandler(handler)

    assert TOKEN not in stream.getvalue()
    assert "Not Found: /enkat/[token]/" in stream.getvalue()


@pytest.mark.django_db
def test_the_configured_console_handler_redacts(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)]
    assert any(isinstance(f, RedactSecretsFilter) for handler in handlers for f in handler.filters)
