"""Hostile PDFs for the upload tests, built with pypdf: one content stream shared by every page."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def pdf_with_content(data: bytes, pages: int = 1) -> bytes:
    """A PDF whose ``pages`` pages all draw the same (flate-compressed) content stream ``data``, in Helvetica."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    stream = DecodedStreamObject()
    stream.set_data(data)
    contents = writer._add_object(stream.flate_encode())
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = resources
        page[NameObject("/Contents")] = contents
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def token_bomb(pages: int = 20) -> bytes:
    """A few kilobytes that take seconds a page to read: 100,000 text operators shared by every page."""
    return pdf_with_content(b"BT /F1 12 Tf " + b"(x) Tj " * 100_000 + b"ET", pages)


def compression_bomb() -> bytes:
    """About 200 KB that expands to 200 MB."""
    return pdf_with_content(b"BT /F1 12 Tf (a) Tj ET " + b" " * 200_000_000)


def simple(text: str, pages: int = 1) -> bytes:
    return pdf_with_content(b"BT /F1 12 Tf 72 720 Td (" + text.encode() + b") Tj ET", pages)
