"""Hostile uploads (PDF and JSON bombs) get a clear refusal within the time limit, never a hang or a 500 (issue 11, item 2)."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from joinedup.letters.intake.content import NotALetterFile, pdf_text
from joinedup.letters.models import Letter

from .pdf_helpers import compression_bomb, simple, token_bomb
from .test_intake_pages import details, patient  # noqa: F401 - the fixture


def test_a_plain_pdf_is_read() -> None:
    assert pdf_text(simple("Please could the GP repeat the U&Es.")) == "Please could the GP repeat the U&Es."


def test_a_pdf_that_takes_too_long_is_stopped_at_the_limit() -> None:
    started = time.monotonic()
    with pytest.raises(NotALetterFile, match="takes too long to read"):
        pdf_text(token_bomb(pages=20), seconds=2)
    assert time.monotonic() - started < 10  # stopped, not read to the end (about 80 s)


def test_a_compression_bomb_is_refused() -> None:
    with pytest.raises(NotALetterFile, match="too large once uncompressed"):
        pdf_text(compression_bomb())


def test_a_pdf_with_too_many_pages_is_refused() -> None:
    with pytest.raises(NotALetterFile, match="has 60 pages: a letter may have at most 50"):
        pdf_text(simple("x", pages=60), max_pages=50)


@override_settings(LETTER_PDF_SECONDS=2)
@pytest.mark.parametrize(("pdf", "message"), [(token_bomb, "takes too long"), (compression_bomb, "too large")])
def test_the_upload_page_refuses_a_hostile_pdf_clearly(signed_in, patient, pdf, message) -> None:  # noqa: F811
    response = signed_in("consultant").post(
        "/letters/upload/", {"file": SimpleUploadedFile("scan.pdf", pdf()), **details()}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Letter.objects.exists()


def test_the_upload_page_refuses_deeply_nested_json_clearly(signed_in, patient) -> None:  # noqa: F811
    deep = b'{"resourceType": "Bundle", "type": "document", "entry": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    response = signed_in("consultant").post("/letters/upload/", {"file": SimpleUploadedFile("doc.json", deep)})
    assert response.status_code == 400
    assert "nested more than 64 levels" in response.content.decode()
    assert not Letter.objects.exists()
