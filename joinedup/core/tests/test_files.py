"""File types judged by their bytes, the same for attachments and uploaded letters."""

from __future__ import annotations

import pytest

from joinedup.core import files


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n...", files.PDF),
        (b"\x89PNG\r\n\x1a\nrest", files.PNG),
        (b"\xff\xd8\xff\xe0rest", files.JPEG),
        ("Clinic letter: Zoë's results".encode(), files.TEXT),
        (b"MZ\x90\x00\x03", None),  # a Windows program
        (b"text, then a NUL far in" + b" " * 10_000 + b"\x00", None),
        (b"\xff\xfe not UTF-8", None),
    ],
)
def test_sniff_judges_by_the_bytes(data: bytes, expected: str | None) -> None:
    assert files.sniff(data) == expected


def test_a_pdf_named_like_text_is_still_a_pdf_and_sizes_read_as_people_say_them() -> None:
    assert files.sniff(b"%PDF-1.4 looks like text to a name check") == files.PDF
    assert [files.size_in_words(n) for n in (200, 2048, 4_718_592, 5 * 1024 * 1024)] == [
        "200 bytes",
        "2 KB",
        "4.5 MB",
        "5 MB",
    ]
