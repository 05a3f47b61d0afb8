"""What an uploaded file is, judged by its bytes (never its name or the browser's word), and its size in words.

Referral attachments and uploaded letters both decide a file's type here, so a file refused as
an attachment is refused for the same reason everywhere.
"""

from __future__ import annotations

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TEXT = "text/plain"

_SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
# The name endings that match each content type; the first is added to a name that has none of them.
EXTENSIONS = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg"), TEXT: (".txt",)}


def name_for(filename: str, content_type: str) -> str:
    """The file's name ending as its content really is: "advice.svg" holding text is kept as
    "advice.svg.txt", so a file saved from JoinedUp never opens as markup or a script on a computer."""
    endings = EXTENSIONS.get(content_type, ())
    if not endings or filename.lower().endswith(endings):
        return filename
    return filename + endings[0]


def sniff(data: bytes) -> str | None:
    """The content type of a PDF, PNG, JPEG or UTF-8 text file; None for anything else."""
    for signature, content_type in _SIGNATURES:
        if data.startswith(signature):
            return content_type
    return TEXT if is_text(data) else None


def is_text(data: bytes) -> bool:
    """UTF-8 text with no NUL bytes anywhere (a NUL cannot be stored in PostgreSQL text)."""
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def size_in_words(size: int) -> str:
    """A file size as people read it: 200 bytes, 2 KB, 4.5 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
