"""Files sent with a request or a step: judged by their bytes (``core.files``), limited in size, stored."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from joinedup.core import files
from joinedup.directory.access import Actor

from ..models import Attachment, ClinicalRequest, RequestEvent

ALLOWED_TYPES = "PDF, PNG, JPEG or plain text"


def attachment_type(data: bytes) -> str | None:
    """The content type, judged by the bytes themselves (never the name), or None if not allowed."""
    return files.sniff(data)


def too_big(name: str, size: int) -> str:
    return f"{name} is {files.size_in_words(size)}: a file must be {files.size_in_words(settings.ATTACHMENT_MAX_BYTES)} or smaller"


def check_attachment(filename: str, data: bytes) -> str:
    """The content type of an acceptable file; ValidationError(field 'attachment') with a clear message otherwise."""
    name = filename or "The file"
    if not data:
        raise ValidationError({"attachment": f"{name} is empty"})
    if len(data) > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError({"attachment": too_big(name, len(data))})
    content_type = attachment_type(data)
    if content_type is None:
        raise ValidationError({"attachment": f"{name} is not a {ALLOWED_TYPES} file"})
    return content_type


def store_attachments(
    actor: Actor, request: ClinicalRequest, event: RequestEvent | None, uploads: list[tuple[str, bytes]]
) -> None:
    for filename, data in uploads:
        content_type = check_attachment(filename, data)
        Attachment.objects.create(
            request=request,
            event=event,
            filename=files.name_for(filename[:190] or "attachment", content_type),
            content_type=content_type,
            size=len(data),
            data=data,
            uploaded_by=actor.person,
        )
