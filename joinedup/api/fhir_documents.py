"""Letters, attachments, results and the GP actions in letters, as FHIR R4 (UK Core where a profile exists).

- A hospital letter is a ``DocumentReference`` (UKCore-DocumentReference) whose text is a ``Binary``;
  a file sent with a referral or A&G request is a ``DocumentReference`` related to its ServiceRequest.
- A direct-access result is a ``DiagnosticReport`` (UKCore-DiagnosticReport), built by diagnostics.
- A request the reader found in a letter for the practice is a ``Task`` (UKCore-Task) owned by the
  practice, focused on the letter, with the contract's verdict as ``reasonCode``: decision 0025 says why.

Every resource is validated with fhir.resources' R4B models before it leaves.
"""

from __future__ import annotations

import base64
from typing import Any

from fhir.resources.R4B.binary import Binary
from fhir.resources.R4B.diagnosticreport import DiagnosticReport
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.task import Task

from joinedup.core import fhir_identifiers
from joinedup.diagnostics import fhir as diagnostics_fhir
from joinedup.letters.intake.documents import KIND_TYPES
from joinedup.letters.reader.vocabulary import CATEGORY_LABELS

from .fhir import instant as _when
from .fhir import organisation_ref as _organisation
from .fhir import patient_ref as _patient
from .fhir_services import JOINEDUP

UKCORE = "https://fhir.hl7.org.uk/StructureDefinition/"
BASE_BINARY_PROFILE = "http://hl7.org/fhir/StructureDefinition/Binary"  # UK Core has no Binary profile
SNOMED = "http://snomed.info/sct"
LETTER_ID = f"{JOINEDUP}/Id/letter"
ATTACHMENT_ID = f"{JOINEDUP}/Id/attachment"
ACTION_ID = f"{JOINEDUP}/Id/letter-action"
GP_ACTION_CATEGORY = f"{JOINEDUP}/CodeSystem/gp-action-category"
INTERFACE_RULE = f"{JOINEDUP}/CodeSystem/interface-rule"
CONTRACT_VERDICT = f"{JOINEDUP}/StructureDefinition/contract-verdict"
FEEDBACK = f"{JOINEDUP}/CodeSystem/practice-feedback"
LETTER_PREFIX = "letter-"
ATTACHMENT_PREFIX = "attachment-"
ACTION_PREFIX = "action-"

# The practice's answer to a request → Task.status; no answer yet is "requested".
TASK_STATUS_FOR_FEEDBACK = {
    "done": "completed",
    "not_for_us": "rejected",
    "not_an_action": "entered-in-error",
    "wrong_category": "requested",  # the practice corrected the reader; the request itself still stands
    "wrong_verdict": "requested",
}


def _dump(model: Any, data: dict[str, Any]) -> dict[str, Any]:
    return dict(model.model_validate(data).model_dump(mode="json", exclude_none=True))


def letter_document(letter: Any, base: str) -> dict[str, Any]:
    code, display = KIND_TYPES[letter.kind]
    context: dict[str, Any] = {"period": {"start": _when(letter.event_at)}}
    if letter.service_id:
        context["related"] = [{"reference": f"HealthcareService/{letter.service_id}", "display": letter.service.name}]
    data: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "id": f"{LETTER_PREFIX}{letter.id}",
        "meta": {
            "profile": [UKCORE + "UKCore-DocumentReference"],
            "versionId": str(letter.version),
            "lastUpdated": _when(letter.received_at),
        },
        "identifier": [{"system": LETTER_ID, "value": str(letter.id)}],
        "status": "current",
        "docStatus": "final",
        "type": {"coding": [{"system": SNOMED, "code": code, "display": display}]},
        "subject": _patient(letter.patient.nhs_number),
        "date": _when(letter.received_at),
        "author": [_organisation(letter.trust)] if letter.trust_id else None,
        "custodian": _organisation(letter.practice),
        "description": letter.title or letter.get_kind_display(),
        "content": [
            {
                "attachment": {
                    "contentType": "text/plain",
                    "language": "en-GB",
                    "url": f"{base}/Binary/{LETTER_PREFIX}{letter.id}",
                    "title": letter.original_filename or letter.title or letter.get_kind_display(),
                    "creation": _when(letter.sent_at) if letter.sent_at else None,
                }
            }
        ],
        "context": context,
    }
    return _dump(DocumentReference, data)


def attachment_document(attachment: Any, base: str) -> dict[str, Any]:
    request = attachment.request
    data = {
        "resourceType": "DocumentReference",
        "id": f"{ATTACHMENT_PREFIX}{attachment.id}",
        "meta": {"profile": [UKCORE + "UKCore-DocumentReference"], "lastUpdated": _when(attachment.uploaded_at)},
        "identifier": [{"system": ATTACHMENT_ID, "value": str(attachment.id)}],
        "status": "current",
        "subject": _patient(request.patient.nhs_number),
        "date": _when(attachment.uploaded_at),
        "description": attachment.filename,
        "content": [
            {
                "attachment": {
                    "contentType": attachment.content_type,
                    "url": f"{base}/Binary/{ATTACHMENT_PREFIX}{attachment.id}",
                    "title": attachment.filename,
                    "size": attachment.size,
                }
            }
        ],
        "context": {
            "related": [
                {
                    "type": "ServiceRequest",
                    "identifier": {"system": fhir_identifiers.UBRN, "value": request.ubrn},
                }
            ]
        },
    }
    return _dump(DocumentReference, data)


def binary(resource_id: str, content_type: str, content: bytes) -> dict[str, Any]:
    data = {
        "resourceType": "Binary",
        "id": resource_id,
        "meta": {"profile": [BASE_BINARY_PROFILE]},
        "contentType": content_type,
        "data": base64.b64encode(content).decode("ascii"),
    }
    return _dump(Binary, data)


def diagnostic_report(request: Any) -> dict[str, Any]:
    """The domain's DiagnosticReport with what the API adds: its profile, and references clients can follow."""
    data = diagnostics_fhir.diagnostic_report(request)
    if data is None:
        raise ValueError("No report yet")
    data["meta"] = {"profile": [UKCORE + "UKCore-DiagnosticReport"], "lastUpdated": _when(request.reported_at)}
    data["subject"] = _patient(request.patient_nhs_number)
    data["performer"] = [_organisation(request.trust)]
    return _dump(DiagnosticReport, data)


def gp_action_version(action: Any) -> str:
    """The answer's moment (or 0 before any): the ETag a practice system sends back in If-Match."""
    feedback = getattr(action, "feedback", None)
    return str(int(feedback.given_at.timestamp() * 1_000_000)) if feedback else "0"


# Task.status a practice system may set → the answer it records (businessStatus may name any answer):
# the table above read backwards, where a status names one answer.
FEEDBACK_FOR_TASK_STATUS = {task: outcome for outcome, task in TASK_STATUS_FOR_FEEDBACK.items() if task != "requested"}


def gp_action_task(action: Any) -> dict[str, Any]:
    """One request in a letter for the practice: a Task the practice owns, its answer as the status."""
    letter = action.letter
    feedback = getattr(action, "feedback", None)  # the reverse one-to-one raises an AttributeError when absent
    status = TASK_STATUS_FOR_FEEDBACK.get(feedback.outcome, "requested") if feedback else "requested"
    data: dict[str, Any] = {
        "resourceType": "Task",
        "id": f"{ACTION_PREFIX}{action.id}",
        "meta": {
            "profile": [UKCORE + "UKCore-Task"],
            "versionId": gp_action_version(action),
            "lastUpdated": _when(feedback.given_at if feedback else action.created_at),
        },
        "identifier": [{"system": ACTION_ID, "value": str(action.id)}],
        "status": status,
        "businessStatus": {
            "coding": [{"system": FEEDBACK, "code": feedback.outcome, "display": feedback.get_outcome_display()}]
            if feedback
            else [{"system": FEEDBACK, "code": "waiting", "display": "Waiting for the practice"}]
        },
        "intent": "order",
        "code": {
            "coding": [
                {
                    "system": GP_ACTION_CATEGORY,
                    "code": action.category,
                    "display": CATEGORY_LABELS.get(action.category, action.category),
                }
            ]
        },
        "description": action.quote,
        "focus": {"reference": f"DocumentReference/{LETTER_PREFIX}{letter.id}"},
        "for": _patient(letter.patient.nhs_number),
        "authoredOn": _when(letter.received_at),
        "requester": _organisation(letter.trust) if letter.trust_id else None,
        "owner": _organisation(letter.practice),
        "extension": [{"url": CONTRACT_VERDICT, "valueCode": action.verdict}],
        "note": [{"text": feedback.note}] if feedback and feedback.note else None,
    }
    if action.verdict == "inappropriate":
        data["reasonCode"] = {
            "coding": [{"system": INTERFACE_RULE, "code": action.rule}] if action.rule else None,
            "text": action.reason or "The contract puts this request on the hospital",
        }
    return _dump(Task, data)
