"""Reading a FHIR resource a client sent: within a size, within a nesting depth, of the type expected,
valid against fhir.resources' R4B model. Each refusal is a ``BodyRefused`` with its HTTP status and
FHIR issue code, turned into an OperationOutcome by the view; nothing here can raise a 500."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from pydantic import ValidationError

from joinedup.core import bounded_json

JSON_TYPES = ("application/fhir+json", "application/json")


class BodyRefused(ValueError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def resource_from(request: HttpRequest, *, model: Any, max_bytes: int) -> dict[str, Any]:
    """The resource in the request body as a dict, checked against ``model`` (an R4B resource class)."""
    content_type = request.content_type or ""
    if content_type not in JSON_TYPES:
        raise BodyRefused(415, "not-supported", "Send the resource as application/fhir+json")
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
        raise BodyRefused(413, "too-costly", f"The body is larger than {max_bytes // 1024} KB")
    body = request.read(max_bytes + 1)  # read from the stream: a lying Content-Length is caught too
    if len(body) > max_bytes:
        raise BodyRefused(413, "too-costly", f"The body is larger than {max_bytes // 1024} KB")
    try:
        data = bounded_json.loads(body)
    except bounded_json.UnreadableJSON as unreadable:
        raise BodyRefused(400, "structure", str(unreadable)) from unreadable
    if _has_nul(data):
        raise BodyRefused(400, "invalid", "The resource contains a NUL character, which no FHIR string may hold")
    expected = model.get_resource_type()
    if not isinstance(data, dict) or data.get("resourceType") != expected:
        raise BodyRefused(400, "structure", f"The body must be a {expected} resource")
    try:
        model.model_validate(data)
    except (ValidationError, ValueError, TypeError) as invalid:
        raise BodyRefused(400, "structure", f"Not a valid {expected}: {_first_problems(invalid)}") from invalid
    return data


def _has_nul(value: Any) -> bool:
    """A NUL anywhere in a key or a string (PostgreSQL refuses NUL in text; FHIR strings may not hold it)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _first_problems(invalid: Exception) -> str:
    if isinstance(invalid, ValidationError):
        parts = [f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}" for error in invalid.errors()[:3]]
        return "; ".join(parts)[:500]
    return str(invalid)[:500]
