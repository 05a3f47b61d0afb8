"""Text the letter's writer took out but the record system kept: "[deleted: Please start hydroxychloroquine 200 mg
daily as well.]", "<del>GP to arrange an echo</del>", "[struck through: refer to falls clinic]".

A letter exported with its tracked changes still shows what was struck out; what was struck out asks nothing. The
reader reads the letter with that text blanked (each character but a line break turned to a space), so every other
part of the letter keeps its place and its quotes.
"""

from __future__ import annotations

import re

from .kept import compiled

# (bounded: a marker left open reads as text, not as the rest of the letter taken out)
_TAKEN_OUT = compiled(
    r"\[\s*(?:deleted|removed|struck(?:\s+(?:through|out))?|strike-?through|crossed\s+out)(?:\s+text)?\s*:[^\]]{0,2000}\]"
    r"|<del>[^<]{0,2000}</del>|<s>[^<]{0,2000}</s>",
    re.I,
)
_NOT_A_LINE_BREAK = re.compile(r"[^\n]")


def without_taken_out(text: str) -> str:
    """The letter with what its writer took out blanked; the same length, with its lines where they were."""
    if "[" not in text and "<" not in text:
        return text
    lowered = text.lower()
    if not any(word in lowered for word in ("deleted", "removed", "struck", "strike", "crossed", "<del>", "<s>")):
        return text
    return _TAKEN_OUT.sub(lambda m: _NOT_A_LINE_BREAK.sub(" ", m.group()), text)
