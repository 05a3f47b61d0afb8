"""Reading FHIR transfer-of-care documents: what is taken from them, and clear reasons when they are wrong."""

from __future__ import annotations

import datetime
import json

import pytest

from joinedup.letters.intake.documents import document_bundle, section
from joinedup.letters.intake.parsing import Unreadable, narrative_to_text, parse_bundle
from joinedup.letters.models import LetterKind

EVENT = datetime.datetime(2026, 11, 2, 15, 0, tzinfo=datetime.UTC)


def bundle(**overrides: object) -> dict:
    values: dict = {"nhs_number": "9990000018", "practice_ods": "Z00001", "trust_ods": "RZ1", "event_at": EVENT}
    values.update(overrides)
    return document_bundle(**values)


def as_bytes(data: dict) -> bytes:
    return json.dumps(data).encode()


def test_a_discharge_summary_gives_patient_practice_trust_times_and_text() -> None:
    sent = EVENT + datetime.timedelta(hours=5)
    parsed = parse_bundle(
        as_bytes(
            bundle(
                sent_at=sent,
                title="Discharge summary: pneumonia",
                author="Dr Asha Verma",
                service_name="General respiratory",
                sections=[section("Plan", ["GP to repeat U&Es in one week."]), section("Diagnosis", ["Pneumonia"])],
            )
        ),
        "TOC_FHIR_IP_DISCH",
    )
    assert parsed.nhs_number == "9990000018"
    assert (parsed.practice_ods, parsed.trust_ods) == ("Z00001", "RZ1")
    assert parsed.kind == LetterKind.DISCHARGE_SUMMARY
    assert parsed.event_at == EVENT  # the end of the admission
    assert parsed.sent_at == sent
    assert parsed.title == "Discharge summary: pneumonia"
    assert parsed.author == "Dr Asha Verma"
    assert parsed.service_name == "General respiratory"
    assert "Plan:\nGP to repeat U&Es in one week." in parsed.text
    assert parsed.text.index("Plan:") < parsed.text.index("Diagnosis:")


def test_a_clinic_letter_is_dated_by_the_clinic_and_its_kind_comes_from_the_workflow() -> None:
    data = bundle(kind=LetterKind.CLINIC_LETTER)
    parsed = parse_bundle(as_bytes(data), "TOC_FHIR_OP_ATTEN")
    assert parsed.kind == LetterKind.CLINIC_LETTER
    assert parsed.event_at == EVENT  # the start of the clinic encounter
    # The same document with an emergency workflow id is an ED letter: the workflow wins.
    assert parse_bundle(as_bytes(data), "TOC_FHIR_EC_DISCH").kind == LetterKind.ED_LETTER


def test_without_a_workflow_the_composition_type_gives_the_kind() -> None:
    assert parse_bundle(as_bytes(bundle(kind=LetterKind.ED_LETTER))).kind == LetterKind.ED_LETTER


def test_narrative_keeps_paragraphs_lists_and_entities() -> None:
    text = narrative_to_text(
        '<div xmlns="http://www.w3.org/1999/xhtml"><p>Seen &amp; examined.</p><ul><li>Stop aspirin</li>'
        "<li>Start clopidogrel</li></ul></div>"
    )
    assert text.splitlines()[0] == "Seen & examined."
    assert "- Stop aspirin" in text and "- Start clopidogrel" in text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"resourceType": "Bundle", "type": ', "Bad JSON"),
        (b"<Bundle><type value='document'></Bundle", "Bad XML"),
        (b'<Bundle xmlns="http://hl7.org/fhir"/>', "FHIR XML is not read here yet"),
        (b'{"resourceType": "Patient"}', "Not a FHIR Bundle"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_content_that_is_not_a_document_gets_a_clear_reason(content: bytes, reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        parse_bundle(content)


def test_a_malformed_resource_is_named_with_the_field() -> None:
    data = bundle()
    data["entry"][5]["resource"]["period"]["end"] = "the day after"
    with pytest.raises(Unreadable, match=r"Malformed FHIR resource at entry\.5\.resource"):
        parse_bundle(as_bytes(data))


def test_missing_nhs_number_practice_or_date_are_each_explained() -> None:
    no_nhs = bundle()
    no_nhs["entry"][1]["resource"]["identifier"] = []
    with pytest.raises(Unreadable, match="no NHS number"):
        parse_bundle(as_bytes(no_nhs))
    no_gp = bundle()
    del no_gp["entry"][1]["resource"]["generalPractitioner"]
    with pytest.raises(Unreadable, match="no registered GP practice"):
        parse_bundle(as_bytes(no_gp))
    no_date = bundle()
    del no_date["entry"][5]["resource"]["period"]
    with pytest.raises(Unreadable, match="no discharge date"):
        parse_bundle(as_bytes(no_date))
    collection = bundle()
    collection["type"] = "collection"
    with pytest.raises(Unreadable, match="not a 'document'"):
        parse_bundle(as_bytes(collection))


def test_a_full_width_nhs_number_in_a_document_is_read_as_the_ascii_number() -> None:
    full_width = "".join(chr(ord(ch) - ord("0") + ord("０")) for ch in "9990000018")
    parsed = parse_bundle(as_bytes(bundle(nhs_number=full_width)), "TOC_FHIR_IP_DISCH")
    assert parsed.nhs_number == "9990000018"


@pytest.mark.parametrize("bad", ["99900000X8", "999000001", "٩٩٩٠٠٠٠٠١٨", "9990000018\u0000"])
def test_a_document_whose_nhs_number_is_not_ten_ascii_digits_is_unreadable(bad: str) -> None:
    with pytest.raises(Unreadable, match="NHS number"):
        parse_bundle(as_bytes(bundle(nhs_number=bad)), "TOC_FHIR_IP_DISCH")
