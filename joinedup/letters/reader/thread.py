"""An email thread or a referral portal's message chain: which messages in it the practice wrote.

A consultant's reply sent on by email keeps the whole conversation below it: the secretary's covering note, the
consultant's reply and, quoted at the bottom, the GP's own email ("Could you let me know your thoughts? Also, should I
stop her naproxen?"). The practice's own words ask nothing of the practice. A message is the practice's when its
header names a practice as the sender ("From: Okafor Chidi (HOLLINS LANE SURGERY)", "On 12 Mar 2026, Quayle Diane
(SALTINGS LANE SURGERY) wrote:") or names the referrer ("[Message 2 of 3] 27/02/2026 Dr Tom Whitlow (Referrer)",
"Requester message - 04/03/2026"). A message runs from its header to the next message's header.
"""

from __future__ import annotations

import re

from .kept import compiled

# "From: Sharma Priya (TRUST)" followed by at least one of "Sent:", "Date:", "To:" (a letter's own "From: Dr X,
# Consultant" line has none of them below it)
_EMAIL_HEADER = compiled(
    r"^[ \t>]*From:[ \t]*(?P<author>[^\n]{2,200})\n(?:[ \t>]*(?:Sent|Date|To|Cc)[ \t]*:)",
    re.I | re.M,
)
# "> On 18 Aug 2026, at 17:15, Menon Rahul (LINDEN LEA PRACTICE) wrote:"
_REPLY_QUOTES = compiled(r"^[ \t>]*On\b(?P<author>[^\n]{4,200}?)\bwrote:[ \t]*$", re.I | re.M)
# a portal's message header: "[Message 2 of 3] 27/02/2026 15:40 Dr Tom Whitlow (Referrer)", "Requester message -
# 04/03/2026 11:20", ">>> Specialist reply - 15/05/2026 12:47"
_PORTAL_HEADER = compiled(
    r"^[ \t>]*(?P<author>\[\s*message\s+\d+\s+of\s+\d+\s*\][^\n]{0,160}"
    # (with its date or time: a line such as "GP response required by ..." heads nothing)
    r"|(?:requester|referrer|gp|practice|provider|specialist|consultant|clinician)\s+(?:message|reply|response)"
    r"\s*[-–—:]?\s*\d{1,2}[/:.-]\d{1,2}[^\n]{0,60})$",
    re.I | re.M,
)
_THE_PRACTICE = compiled(
    r"\b(?:surgery|practice|medical\s+cent(?:re|er)|health\s+cent(?:re|er)|medical\s+group|medical\s+practice|"
    r"referrer|requester|requesting\s+clinician|gp)\b",
    re.I,
)
# a hospital's name can hold a practice's word ("Trust practice development team"): the hospital's words win
_THE_HOSPITAL = compiled(
    r"\b(?:trust|hospitals?|infirmary|provider|specialist|consultant|foundation|clinic)\b",
    re.I,
)


def practices_messages(text: str) -> list[tuple[int, int]]:
    """The spans of the letter that are messages the practice wrote, quoted in a thread."""
    # (the words looked for in the lower-cased text, as the patterns ignore case: "FROM:" and "REQUESTER MESSAGE -
    # 12/03/2026" head messages too)
    lowered = text.lower()
    if (
        "from:" not in lowered
        and "wrote:" not in lowered
        and "message" not in lowered
        and "reply" not in lowered
        and "response" not in lowered
    ):
        return []
    headers = sorted(
        (m.start(), _the_practices(m.group("author")))
        for pattern in (_EMAIL_HEADER, _REPLY_QUOTES, _PORTAL_HEADER)
        for m in pattern.finditer(text)
    )
    if not headers:
        return []
    spans = []
    for k, (start, practice) in enumerate(headers):
        if practice:
            end = headers[k + 1][0] if k + 1 < len(headers) else len(text)
            spans.append((start, end))
    return spans


def _the_practices(author: str) -> bool:
    return bool(_THE_PRACTICE.search(author)) and not _THE_HOSPITAL.search(author)
