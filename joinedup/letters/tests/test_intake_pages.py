"""Upload, quarantine and timeliness pages: what each shows, clear errors, and nothing lost."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from joinedup.demo.directory import SeededDirectory
from joinedup.letters.intake import services
from joinedup.letters.intake import services as intake_services
from joinedup.letters.models import Letter, LetterKind, LetterSource, QuarantinedMessage, QuarantineState

from .intake_helpers import NHS_NUMBER, letter_bytes, register_patient

TEXT = "Dear Dr Example\n\nPlan:\nPlease could the GP repeat her U&Es in one week.\n"


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with real text (Helvetica), written by hand so the test needs no PDF library."""
    stream = "BT /F1 11 Tf 50 750 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def details(**extra: str) -> dict[str, str]:
    return {
        "nhs_number": "999 000 0018",
        "kind": LetterKind.DISCHARGE_SUMMARY,
        "event_date_0": "2",
        "event_date_1": "11",
        "event_date_2": "2026",
        "event_time": "14:30",
        **extra,
    }


@pytest.fixture
def patient(icb: SeededDirectory):  # type: ignore[no-untyped-def]
    return register_patient(icb)


def test_a_text_file_upload_makes_a_letter_from_the_trust(icb: SeededDirectory, signed_in, patient) -> None:
    client = signed_in("consultant")
    response = client.post(
        "/letters/upload/", {"file": SimpleUploadedFile("letter.txt", TEXT.encode()), **details()}, follow=True
    )
    assert response.status_code == 200
    letter = Letter.objects.get()
    assert (letter.patient, letter.practice, letter.trust) == (patient, icb.practices[0], icb.trusts[0])
    assert letter.source == LetterSource.UPLOAD and letter.text == TEXT
    assert timezone.localtime(letter.event_at).strftime("%Y-%m-%d %H:%M") == "2026-11-02 14:30"
    assert letter.original_filename == "letter.txt" and letter.original_content_type == "text/plain"
    assert "Being read" in response.content.decode()


def test_a_pdf_upload_is_read_into_text(icb: SeededDirectory, signed_in, patient) -> None:
    pdf = make_pdf(["Clinic letter", "Plan: please could the GP repeat her U&Es in one week."])
    response = signed_in("triage_admin").post(
        "/letters/upload/",
        {"file": SimpleUploadedFile("scan.pdf", pdf, "application/octet-stream"), **details(kind="clinic_letter")},
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert "please could the GP repeat her U&Es" in letter.text
    assert letter.kind == LetterKind.CLINIC_LETTER and letter.original_content_type == "application/pdf"


def test_a_fhir_document_upload_needs_no_details(icb: SeededDirectory, signed_in, patient) -> None:
    response = signed_in("trust_interface_lead").post(
        "/letters/upload/", {"file": SimpleUploadedFile("doc.json", letter_bytes(icb))}
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.trust == icb.trusts[0] and "Plan:" in letter.text


def test_a_trust_cannot_upload_another_trusts_document(icb: SeededDirectory, signed_in, patient) -> None:
    content = letter_bytes(icb, trust_ods=icb.trusts[1].ods_code)
    response = signed_in("consultant").post("/letters/upload/", {"file": SimpleUploadedFile("doc.json", content)})
    assert response.status_code == 400
    assert "you can upload only your own trust" in response.content.decode()
    assert not Letter.objects.exists()


def test_pasted_text_without_details_says_what_is_missing_and_keeps_the_text(signed_in, patient) -> None:
    response = signed_in("consultant").post(
        "/letters/upload/", {"pasted_text": TEXT, "kind": LetterKind.DISCHARGE_SUMMARY}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    for message in ("Enter the patient", "Enter the date of the discharge or clinic", "Enter the time of discharge"):
        assert message in page
    assert "Please could the GP repeat her U&amp;Es" in page  # the pasted text is still there
    assert not Letter.objects.exists()


def test_nothing_to_upload_and_an_unknown_patient_are_explained(signed_in, patient) -> None:
    client = signed_in("consultant")
    assert "Select the letter" in client.post("/letters/upload/", details()).content.decode()
    response = client.post("/letters/upload/", {"pasted_text": TEXT, **details(nhs_number="9990000026")})
    assert "No patient in this ICB has that NHS number" in response.content.decode()
    assert not Letter.objects.exists()


def test_a_file_of_the_wrong_type_is_refused_by_its_content(signed_in, patient) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    response = signed_in("consultant").post(
        "/letters/upload/", {"file": SimpleUploadedFile("letter.txt", png, "text/plain"), **details()}
    )
    assert response.status_code == 400
    assert "The file must be a PDF, a plain text file or a FHIR document" in response.content.decode()


def test_a_damaged_pdf_is_refused_clearly(signed_in, patient) -> None:
    response = signed_in("consultant").post(
        "/letters/upload/", {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4\n garbage"), **details()}
    )
    assert response.status_code == 400
    assert "The PDF could not be read" in response.content.decode()


@override_settings(LETTER_UPLOAD_MAX_BYTES=1024 * 1024)
def test_a_file_over_the_size_limit_is_refused(signed_in, patient) -> None:
    big = SimpleUploadedFile("big.txt", b"a" * (1024 * 1024 + 1))
    response = signed_in("consultant").post("/letters/upload/", {"file": big, **details()})
    assert response.status_code == 400
    assert "The file must be smaller than 1 MB" in response.content.decode()


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ('letter"; filename="evil.exe', r'attachment; filename="letter\"; filename=\"evil.exe"'),
        ("letter\r\nSet-Cookie: session=stolen.json", 'attachment; filename="letter__Set-Cookie: session=stolen.json"'),
        ("../../etc/passwd", 'attachment; filename=".._.._etc_passwd"'),
        ("lettre_réponse.json", "attachment; filename*=utf-8''lettre_r%C3%A9ponse.json"),
    ],
)
def test_a_quarantined_file_name_cannot_break_the_download_header(
    icb: SeededDirectory, signed_in, filename: str, expected: str
) -> None:
    services.take_in_mesh_message(content=b"not a letter", mesh_message_id="Q1", sender="X26ABC1", filename=filename)
    held = QuarantinedMessage.objects.get()
    download = signed_in("system_admin").get(f"/letters/quarantine/{held.id}/content/")
    assert download.status_code == 200 and download.content == b"not a letter"
    assert download["Content-Disposition"] == expected
    assert "Set-Cookie" not in download.headers


def test_the_quarantine_list_detail_download_and_retry(icb: SeededDirectory, signed_in) -> None:
    content = letter_bytes(icb)
    services.take_in_mesh_message(content=content, mesh_message_id="Q1", sender="X26ABC1")
    held = QuarantinedMessage.objects.get()
    admin = signed_in("system_admin")
    assert "Quarantine" in admin.get("/").content.decode()
    listing = admin.get("/letters/quarantine/").content.decode()
    assert f"/letters/quarantine/{held.id}/" in listing and "Unknown patient" in listing
    page = admin.get(f"/letters/quarantine/{held.id}/").content.decode()
    assert "X26ABC1" in page and f"{len(content):,} bytes" in page
    download = admin.get(f"/letters/quarantine/{held.id}/content/")
    assert download.content == content and "attachment" in download["Content-Disposition"]

    failed = admin.post(f"/letters/quarantine/{held.id}/retry/", follow=True).content.decode()
    assert "Still cannot be taken in: Unknown patient" in failed
    register_patient(icb)
    admin.post(f"/letters/quarantine/{held.id}/retry/")
    held.refresh_from_db()
    assert held.state == QuarantineState.TAKEN_IN and held.letter is not None
    assert f"/letters/quarantine/{held.id}/" not in admin.get("/letters/quarantine/").content.decode()
    # A second retry (another tab) is told it was already done.
    again = admin.post(f"/letters/quarantine/{held.id}/retry/", follow=True).content.decode()
    assert "already taken in after a retry" in again


def test_dismissing_needs_a_reason(icb: SeededDirectory, signed_in) -> None:
    services.take_in_mesh_message(content=b"{", mesh_message_id="Q1")
    held = QuarantinedMessage.objects.get()
    admin = signed_in("system_admin")
    response = admin.post(f"/letters/quarantine/{held.id}/dismiss/", {"note": ""})
    assert response.status_code == 400 and "Enter why the message is dismissed" in response.content.decode()
    admin.post(f"/letters/quarantine/{held.id}/dismiss/", {"note": "Test message"})
    held.refresh_from_db()
    assert held.state == QuarantineState.DISMISSED
    assert f"/letters/quarantine/{held.id}/" in admin.get("/letters/quarantine/?state=all").content.decode()


def _letter(icb: SeededDirectory, patient, trust_index: int, on_time: bool, days_ago: int) -> None:  # type: ignore[no-untyped-def]
    event = timezone.now() - datetime.timedelta(days=days_ago)
    Letter.objects.create(
        patient=patient,
        practice=icb.practices[0],
        trust=icb.trusts[trust_index],
        kind=LetterKind.DISCHARGE_SUMMARY,
        source=LetterSource.SEED,
        event_at=event,
        sent_at=event + datetime.timedelta(hours=2 if on_time else 50),
        timeliness_rule="discharge_summary_24h",
        on_time=on_time,
    )


def test_timeliness_a_trust_sees_its_own_and_the_icb_sees_every_trust(icb: SeededDirectory, signed_in, patient) -> None:
    for on_time in (True, True, True, False):
        _letter(icb, patient, 0, on_time, days_ago=0)
    _letter(icb, patient, 1, False, days_ago=0)
    intake_services.timeliness_rebuild()  # letters made here bypass intake, which keeps the monthly counts
    lead_page = signed_in("trust_interface_lead").get("/letters/timeliness/?trust=RZ2").content.decode()
    assert icb.trusts[0].name in lead_page and icb.trusts[1].name not in lead_page
    assert "75%" in lead_page and "(3 of 4)" in lead_page
    icb_page = signed_in("icb_analyst").get("/letters/timeliness/").content.decode()
    assert icb.trusts[0].name in icb_page and icb.trusts[1].name in icb_page
    assert '0%<span class="nhsuk-body-s"> (0 of 1)' in icb_page
    one_trust = signed_in("icb_analyst").get("/letters/timeliness/?trust=RZ2").content.decode()
    assert "(0 of 1)" in one_trust and "(3 of 4)" not in one_trust


def test_each_letter_has_an_on_time_status_for_the_inbox(icb: SeededDirectory, patient) -> None:
    from joinedup.letters.intake.selectors import timeliness_status

    _letter(icb, patient, 0, False, days_ago=3)
    status = timeliness_status(Letter.objects.get())
    assert (status.label, status.colour, status.on_time) == ("Late", "red", False)
    assert status.detail == "Sent 50 hours after discharge (limit 24 hours)"
    assert NHS_NUMBER == patient.nhs_number


@pytest.mark.parametrize(("year", "message"), [("2099", "in the future"), ("2010", "more than 10 years ago")])
def test_a_care_date_that_cannot_be_a_letters_is_refused_beside_the_date(signed_in, patient, year, message) -> None:
    response = signed_in("consultant").post(
        "/letters/upload/", {"file": SimpleUploadedFile("letter.txt", TEXT.encode()), **details(event_date_2=year)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Letter.objects.exists()
