"""Reader version 24: forms met in new hands of letters, each in wordings of our own (not from any annotated letter)."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.thread import practices_messages

# --- a thread's headers typed in capitals are headers too -------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "FROM: HALE NADIA (ORCHARD ROW SURGERY)\nSENT: 14 APRIL 2026 08:55\nTO: DERMATOLOGY ADMIN",
        "REQUESTER MESSAGE - 14/04/2026 08:55",
        "> ON 14 APR 2026, HALE NADIA (ORCHARD ROW SURGERY) WROTE:",
    ],
)
def test_a_practices_message_under_a_header_in_capitals_is_the_practices(header: str) -> None:
    text = (
        "Dear Dr Hale,\nPlease stop the doxycycline and start lymecycline 408 mg daily.\n\n"
        f"{header}\nCould you see her sooner? Should I refer her privately?\n"
    )
    spans = practices_messages(text)
    assert [text[start:end].count("Should I refer her privately?") for start, end in spans] == [1]
    assert all("lymecycline" not in text[start:end] for start, end in spans)
