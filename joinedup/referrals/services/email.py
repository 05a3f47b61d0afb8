"""Email about a request: the reference, never the patient's name."""

from __future__ import annotations

from joinedup.core.notify import notify
from joinedup.directory import selectors as directory
from joinedup.directory.access import Permission

from ..models import ClinicalRequest

EVENT_WORDS = {
    "sent": "new {kind} for {service}",
    "answer": "the GP answered your question on {kind}",
    "cancel": "{kind} cancelled by the practice",
    "withdraw": "{kind} withdrawn by the practice",
    "accept": "{kind} accepted",
    "resend": "{kind} amended and sent again by the practice",
    "book": "appointment booked for {kind}",
    "rebook": "appointment changed for {kind}",
    "return": "{kind} returned with advice",
    "reject": "{kind} rejected",
    "reply": "advice given on {kind}",
    "ask": "more information requested on {kind}",
    "convert": "{kind} converted to a referral",
    "redirect": "{kind} redirected to {service}",
}


def subject_of(request: ClinicalRequest, event: str) -> str:
    kind = f"{'referral' if request.is_referral else 'A&G request'} {request.reference}"
    return EVENT_WORDS.get(event, "{kind} updated").format(kind=kind, service=request.service.name)


def tell_provider(request: ClinicalRequest, event: str) -> None:
    # The clinicians who act on it: those who may triage a referral, or answer an A&G request.
    permission = Permission.TRIAGE_REFERRALS if request.is_referral else Permission.ANSWER_ADVICE
    people = directory.people_who_may(request.trust_id, permission)
    subject = subject_of(request, event)
    notify(people, subject, f"{subject[:1].upper()}{subject[1:]}.", link=f"/referrals/{request.id}/")


def tell_requester(request: ClinicalRequest, event: str) -> None:
    subject = subject_of(request, event)
    notify([request.requester], subject, f"{subject[:1].upper()}{subject[1:]}.", link=f"/referrals/{request.id}/")
