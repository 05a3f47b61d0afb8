"""Building transfer-of-care FHIR STU3 document Bundles: what a trust's system would send.

Used by the tests, the benchmark and the MESH demo, so that every one of them exercises the
same parsing as real messages do.
"""

from __future__ import annotations

import datetime
import html
import json
import uuid
from typing import Any

from joinedup.core import fhir_identifiers
from joinedup.letters.models import LetterKind

KIND_TYPES = {
    LetterKind.DISCHARGE_SUMMARY: ("373942005", "Discharge summary"),
    LetterKind.CLINIC_LETTER: ("371531000", "Report of clinical encounter"),
    LetterKind.ED_LETTER: ("736253002", "Emergency department discharge letter"),
}
KIND_WORKFLOWS = {
    LetterKind.DISCHARGE_SUMMARY: "TOC_FHIR_IP_DISCH",
    LetterKind.CLINIC_LETTER: "TOC_FHIR_OP_ATTEN",
    LetterKind.ED_LETTER: "TOC_FHIR_EC_DISCH",
}


def _urn() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def section(title: str, paragraphs: list[str]) -> dict[str, Any]:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return {
        "title": title,
        "text": {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'},
    }


def document_bundle(
    *,
    nhs_number: str,
    practice_ods: str,
    trust_ods: str,
    kind: str = LetterKind.DISCHARGE_SUMMARY,
    event_at: datetime.datetime,
    sent_at: datetime.datetime | None = None,
    title: str = "",
    author: str = "Dr Asha Verma",
    service_name: str = "",
    sections: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A minimal but valid ITK3-style document: Composition, Patient, practice, trust, author, Encounter."""
    patient, practice, trust, practitioner, encounter, composition = (_urn() for _ in range(6))
    code, display = KIND_TYPES[LetterKind(kind)]
    if kind == LetterKind.CLINIC_LETTER:
        period = {"start": event_at.isoformat(), "end": (event_at + datetime.timedelta(minutes=30)).isoformat()}
    else:
        period = {"start": (event_at - datetime.timedelta(days=2)).isoformat(), "end": event_at.isoformat()}
    given, _, family = author.removeprefix("Dr ").partition(" ")
    entries: list[dict[str, Any]] = [
        {
            "fullUrl": composition,
            "resource": {
                "resourceType": "Composition",
                "status": "final",
                "type": {"coding": [{"system": "http://snomed.info/sct", "code": code, "display": display}]},
                "subject": {"reference": patient},
                "encounter": {"reference": encounter},
                "date": (sent_at or event_at).isoformat(),
                "author": [{"reference": practitioner}, {"reference": trust}],
                "custodian": {"reference": trust},
                "title": title or display,
                "section": sections or [section("Summary", ["No further details."])],
            },
        },
        {
            "fullUrl": patient,
            "resource": {
                "resourceType": "Patient",
                "identifier": [{"system": fhir_identifiers.NHS_NUMBER, "value": nhs_number}],
                "generalPractitioner": [{"reference": practice}],
            },
        },
        {"fullUrl": practice, "resource": _organisation(practice_ods)},
        {"fullUrl": trust, "resource": _organisation(trust_ods)},
        {
            "fullUrl": practitioner,
            "resource": {
                "resourceType": "Practitioner",
                "name": [{"prefix": ["Dr"], "given": [given], "family": family}],
            },
        },
        {
            "fullUrl": encounter,
            "resource": {
                "resourceType": "Encounter",
                "status": "finished",
                "period": period,
                **({"type": [{"text": service_name}]} if service_name else {}),
            },
        },
    ]
    return {"resourceType": "Bundle", "type": "document", "entry": entries}


def _organisation(ods_code: str) -> dict[str, Any]:
    return {
        "resourceType": "Organization",
        "identifier": [{"system": fhir_identifiers.ODS_ORGANISATION, "value": ods_code}],
    }


def document_bytes(**kwargs: Any) -> bytes:
    return json.dumps(document_bundle(**kwargs)).encode()
