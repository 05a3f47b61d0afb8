"""What an uploaded file is, judged by its content (not its name or the browser's word), and its text."""

from __future__ import annotations

import io
from enum import StrEnum

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from joinedup.core import bounded_json


class FileKind(StrEnum):
    PDF = "pdf"
    FHIR = "fhir"
    TEXT = "text"


class NotALetterFile(ValueError):
    pass


def file_kind(content: bytes) -> FileKind:
    head = content.lstrip()[:1024]
    if content.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"<") or head.startswith(b"{"):
        if _looks_like_fhir(content):
            return FileKind.FHIR
    if b"\x00" in content[:8192]:
        raise NotALetterFile("The file must be a PDF, a plain text file or a FHIR document (JSON)")
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as bad:
        raise NotALetterFile("The file must be a PDF, a plain text file or a FHIR document (JSON)") from bad
    return FileKind.TEXT


def _looks_like_fhir(content: bytes) -> bool:
    if content.lstrip().startswith(b"<"):
        return b"hl7.org/fhir" in content[:4096] or b"<Bundle" in content[:4096]
    try:
        data = bounded_json.loads(content)
    except bounded_json.UnreadableJSON:
        return b'"resourceType"' in content[:4096]  # broken FHIR JSON: let the parser say what is wrong
    return isinstance(data, dict) and "resourceType" in data


def text_of(content: bytes, kind: FileKind) -> str:
    if kind == FileKind.PDF:
        return pdf_text(content)
    return content.decode("utf-8-sig").replace("\r\n", "\n")


def pdf_text(content: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise NotALetterFile("The PDF is password-protected: upload a copy without a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as bad:
        if isinstance(bad, NotALetterFile):
            raise
        raise NotALetterFile("The PDF could not be read: it may be damaged. Save it again and upload the copy") from bad
    return "\n\n".join(page.strip() for page in pages if page.strip())
