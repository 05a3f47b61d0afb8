"""What an uploaded file is, judged by its content (not its name or the browser's word), and its text."""

from __future__ import annotations

import io
import multiprocessing
from enum import StrEnum
from multiprocessing.connection import Connection

from django.conf import settings
from pypdf import PdfReader
from pypdf.errors import LimitReachedError

from joinedup.core import bounded_json, files


class FileKind(StrEnum):
    PDF = "pdf"
    FHIR = "fhir"
    TEXT = "text"


class NotALetterFile(ValueError):
    pass


def file_kind(content: bytes) -> FileKind:
    head = content.lstrip()[:1024]
    if files.sniff(content) == files.PDF:
        return FileKind.PDF
    if head.startswith(b"<") or head.startswith(b"{"):
        if _looks_like_fhir(content):
            return FileKind.FHIR
    if not files.is_text(content):
        raise NotALetterFile("The file must be a PDF, a plain text file or a FHIR document (JSON)")
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


def pdf_text(content: bytes, *, seconds: float | None = None, max_pages: int | None = None) -> str:
    """The PDF's text, read in a separate process within limits; ``NotALetterFile`` with the reason otherwise.

    A PDF can be built to take hours to read (a few kilobytes of text operators shared by every
    page) or to expand to gigabytes (a compression bomb). So the text is extracted in a child
    process that is killed after ``seconds`` (``LETTER_PDF_SECONDS``), from at most ``max_pages``
    pages (``LETTER_PDF_MAX_PAGES``) and ``LETTER_PDF_MAX_CHARACTERS`` characters; pypdf's own
    decompression limits answer a bomb. A request never waits longer than the limit.
    """
    seconds = seconds if seconds is not None else settings.LETTER_PDF_SECONDS
    max_pages = max_pages if max_pages is not None else settings.LETTER_PDF_MAX_PAGES
    context = multiprocessing.get_context("spawn")  # no fork of a threaded web worker
    receiver, sender = context.Pipe(duplex=False)
    reader = context.Process(
        target=_extract_text, args=(content, max_pages, settings.LETTER_PDF_MAX_CHARACTERS, sender), daemon=True
    )
    reader.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise NotALetterFile(
                f"The PDF takes too long to read (over {seconds:g} seconds): save it again as a simple PDF, "
                "or upload the letter as text"
            )
        outcome, text = receiver.recv()
    except EOFError as died:
        raise NotALetterFile(
            "The PDF could not be read: it may be damaged. Save it again and upload the copy"
        ) from died
    finally:
        if reader.is_alive():
            reader.kill()
        reader.join(5)
        receiver.close()
    if outcome != "text":
        raise NotALetterFile(text)
    return text


def _extract_text(content: bytes, max_pages: int, max_characters: int, sender: Connection) -> None:
    """In the child process: ("text", the text) or ("refused", why), sent back through ``sender``."""
    try:
        sender.send(("text", _read_pdf(content, max_pages, max_characters)))
    except NotALetterFile as refused:
        sender.send(("refused", str(refused)))
    except LimitReachedError:
        sender.send(("refused", "The PDF is too large once uncompressed to be a letter: upload the letter as text"))
    except Exception:  # noqa: BLE001 - any failure inside a hostile file is a refusal, never a crash
        sender.send(("refused", "The PDF could not be read: it may be damaged. Save it again and upload the copy"))
    finally:
        sender.close()


def _read_pdf(content: bytes, max_pages: int, max_characters: int) -> str:
    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted:
        raise NotALetterFile("The PDF is password-protected: upload a copy without a password")
    if len(reader.pages) > max_pages:
        raise NotALetterFile(f"The PDF has {len(reader.pages)} pages: a letter may have at most {max_pages}")
    pages: list[str] = []
    total = 0
    for page in reader.pages:
        text = (page.extract_text() or "").strip()
        total += len(text)
        if total > max_characters:
            raise NotALetterFile(f"The PDF has more than {max_characters:,} characters of text: too long for a letter")
        if text:
            pages.append(text)
    return "\n\n".join(pages)
