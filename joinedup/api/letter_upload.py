"""A trust system sends a letter as a DocumentReference: the same intake the upload page uses.

The letter's content comes inline (``content[0].attachment.data``): plain text, a PDF (read to text
in a separate process, as the page does) or a transfer-of-care FHIR document (read as MESH would).
What the page's form asks for (the patient's NHS number, the kind of letter, the date of the care
and, optionally, the service) is read from ``subject``, ``type``, ``context.period.start`` (or
``date``) and ``context.related`` (a ``HealthcareService/<id>``). Every business refusal is a
``LetterRefused`` (422) saying what to change; the intake service makes the same checks as the page.
"""

from __future__ import annotations

import base64
import binascii
import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime

from joinedup.directory.access import Actor
from joinedup.letters.intake import selectors as intake_selectors
from joinedup.letters.intake import services as intake
from joinedup.letters.intake.content import FileKind, NotALetterFile, file_kind, text_of
from joinedup.letters.intake.parsing import COMPOSITION_TYPE_KINDS
from joinedup.letters.models import Letter

from . import writes

SNOMED = "http://snomed.info/sct"
DECLARED_KINDS = {"text/plain": FileKind.TEXT, "application/pdf": FileKind.PDF, "application/fhir+json": FileKind.FHIR}


def _dict(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one for anything else (FHIR validation allows nulls in odd places)."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


class LetterRefused(ValueError):
    """The DocumentReference is valid FHIR but not a letter JoinedUp can take; the message says why."""


def _nhs_number(resource: dict[str, Any]) -> str:
    try:
        return writes.nhs_number_of(resource)
    except writes.Refused as refused:
        raise LetterRefused(refused.diagnostics) from refused


def _kind(resource: dict[str, Any]) -> str:
    codings = [_dict(c) for c in _list(_dict(resource.get("type")).get("coding"))]
    codes = [c.get("code") for c in codings if c.get("system") == SNOMED]
    for code in codes:
        if code in COMPOSITION_TYPE_KINDS:
            return str(COMPOSITION_TYPE_KINDS[code])
    raise LetterRefused(
        "type must be a letter's SNOMED CT code: discharge summary (373942005), clinic letter (371531000 or "
        "823701000000103) or emergency department letter (736253002 or 882151000000107)"
    )


def _event_at(resource: dict[str, Any]) -> datetime.datetime:
    value = _dict(_dict(resource.get("context")).get("period")).get("start") or resource.get("date")
    moment = parse_datetime(str(value)) if value else None
    if moment is None or moment.tzinfo is None:
        raise LetterRefused("context.period.start (or date) must give when the care happened, with a time zone")
    return moment


def _service(actor: Actor, resource: dict[str, Any]) -> Any:
    related = [str(_dict(r).get("reference") or "") for r in _list(_dict(resource.get("context")).get("related"))]
    wanted = [r.removeprefix("HealthcareService/") for r in related if r.startswith("HealthcareService/")]
    if not wanted:
        return None
    for service in intake_selectors.upload_services(actor):
        if str(service.id) == wanted[0]:
            return service
    raise LetterRefused(f"HealthcareService/{wanted[0]} is not one of the services you may send letters for")


def _content(resource: dict[str, Any]) -> tuple[bytes, str, str]:
    """(bytes, declared content type, title) of the first content's inline attachment."""
    contents = _list(resource.get("content"))
    attachment = _dict(_dict(contents[0]).get("attachment")) if contents else {}
    if not attachment.get("data"):
        how = "not by url" if attachment.get("url") else "it is empty or missing"
        raise LetterRefused(f"Send the letter itself inline in content[0].attachment.data (base64): {how}")
    try:
        data = base64.b64decode(str(attachment["data"]), validate=True)
    except (binascii.Error, ValueError) as bad:
        raise LetterRefused("content[0].attachment.data is not valid base64") from bad
    if len(data) > settings.LETTER_UPLOAD_MAX_BYTES:
        raise LetterRefused(f"The letter must be smaller than {settings.LETTER_UPLOAD_MAX_BYTES // (1024 * 1024)} MB")
    if not data:
        raise LetterRefused("The letter is empty")
    declared = str(attachment.get("contentType") or "").split(";")[0].strip()
    return data, declared, str(attachment.get("title") or "")


def take_letter(actor: Actor, resource: dict[str, Any]) -> Letter:
    """Stores the letter through intake (audited there) and queues its reading; ``LetterRefused`` if it cannot."""
    data, declared, title = _content(resource)
    if declared not in DECLARED_KINDS:
        raise LetterRefused("contentType must be text/plain, application/pdf or application/fhir+json")
    try:
        sniffed = file_kind(data)
    except NotALetterFile as wrong:
        raise LetterRefused(str(wrong)) from wrong
    if sniffed != DECLARED_KINDS[declared]:
        raise LetterRefused(f"The content is not {declared}, as contentType says")
    filename = title or "letter"
    try:
        if sniffed == FileKind.FHIR:
            return intake.upload_document(actor, content=data, filename=filename)
        text = text_of(data, sniffed)
        details = intake.UploadDetails(
            nhs_number=_nhs_number(resource),
            kind=_kind(resource),
            event_at=_event_at(resource),
            service=_service(actor, resource),
            title=str(resource.get("description") or "")[:200],
            author=", ".join(
                str(_dict(a).get("display")) for a in _list(resource.get("author")) if _dict(a).get("display")
            )[:200],
        )
        return intake.upload_text(actor, text=text, details=details, filename=filename, content_type=declared)
    except NotALetterFile as unreadable:
        raise LetterRefused(str(unreadable)) from unreadable
    except UnicodeDecodeError as not_text:
        raise LetterRefused("The text is not UTF-8") from not_text
    except ValidationError as refused:
        raise LetterRefused("; ".join(refused.messages)) from refused
