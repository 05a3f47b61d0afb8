"""Issue 11 item 10: every page that shows patient data writes a "viewed" audit event."""

from __future__ import annotations

from joinedup.audit.models import AuditEvent
from joinedup.letters.models import Letter, LetterSource, QuarantinedMessage
from joinedup.letters.tests.intake_helpers import letter_bytes, register_patient


def test_search_results_are_audited_with_every_patient_shown(icb, signed_in) -> None:
    patient = register_patient(icb)
    client = signed_in("gp_clinician")
    client.get("/patients/", {"q": patient.nhs_number})
    event = AuditEvent.objects.get(action="patient.search_results_viewed")
    assert event.details == {"search": "nhs_number", "nhs_numbers": [patient.nhs_number]}
    assert event.patient_nhs_number == patient.nhs_number
    client.get("/patients/", {"q": "Nobody-by-this-name"})  # no one shown: nothing to audit
    assert AuditEvent.objects.filter(action="patient.search_results_viewed").count() == 1


def test_the_quarantined_message_page_and_its_download_are_audited(icb, signed_in) -> None:
    held = QuarantinedMessage.objects.create(
        content=letter_bytes(icb),
        reason="Unknown patient",
        mesh_message_id="Q-audit",
        filename="letter.json",
        source=LetterSource.MESH,
    )
    client = signed_in("system_admin")
    assert client.get(f"/letters/quarantine/{held.id}/").status_code == 200
    assert client.get(f"/letters/quarantine/{held.id}/content/").status_code == 200
    events = AuditEvent.objects.filter(object_id=str(held.id)).order_by("id")
    actions = list(events.values_list("action", flat=True))
    assert actions == ["quarantined_message.viewed", "quarantined_message.downloaded"]


def test_the_page_confirming_an_upload_is_audited_as_a_view_of_the_letter(icb, signed_in) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    patient = register_patient(icb)
    response = signed_in("consultant").post(
        "/letters/upload/", {"file": SimpleUploadedFile("doc.json", letter_bytes(icb))}, follow=True
    )
    assert response.status_code == 200
    letter = Letter.objects.get()
    event = AuditEvent.objects.get(action="letter.upload_viewed")
    assert (event.object_id, event.patient_nhs_number) == (str(letter.id), patient.nhs_number)
