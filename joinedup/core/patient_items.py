"""Items on the patient's own page (NHS login), added by domains the patient's view may not import.

The patient's view (joinedup.patientview) reads referrals, tests and letters through their
selectors, which sit below it. Care coordination sits beside it in the same layer (decision 0010);
rather than have the patient's view name it (or any later domain), coordination registers a
builder here from its ``AppConfig.ready``: given the
signed-in patient's id, the builder answers that patient's items in the shape below, in plain words.
The patient's view asks every registered builder, so core names no domain (decision 0023).

A builder is called only with the id of the patient the identity provider vouched for: it must
return that patient's items and nothing else (hazard H-906).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from joinedup.directory.models import phone_digits

# Who has the next step (the patient's page says it in words; questions go to ``owner_org_id``).
PRACTICE = "practice"
HOSPITAL = "hospital"
PATIENT = "patient"
HUB = "hub"
URGENT_SERVICE = "urgent_service"

OWNER_LABELS = {
    PRACTICE: "Your GP practice",
    HOSPITAL: "The hospital",
    PATIENT: "You",
    HUB: "The care coordination hub (the team that finds urgent care for you)",
    URGENT_SERVICE: "The urgent care team",
}

# What the page says when the owner has given no phone number or email (decision 0023).
NO_CONTACT_POINT = "We do not have a phone number or email for them. Ask your GP practice to find out for you."


class HasContactPoint(Protocol):
    phone: str
    hours: str
    email: str


@dataclass(frozen=True)
class Contact:
    """The owner of the next step, and how a patient reaches them."""

    name: str
    phone: str = ""
    hours: str = ""
    email: str = ""
    note: str = ""  # what to ask for when they call ("Ask for the appointments team")

    @property
    def known(self) -> bool:
        return bool(self.phone or self.email)

    @property
    def tel(self) -> str:
        return f"tel:{phone_digits(self.phone)}" if self.phone else ""

    @property
    def mailto(self) -> str:
        return f"mailto:{self.email}" if self.email else ""


def contact_from(name: str, source: HasContactPoint | None, *, note: str = "") -> Contact:
    """A directory organisation's or service's contact point, under the name the patient knows it by."""
    if source is None:
        return Contact(name=name, note=note)
    return Contact(name=name, phone=source.phone, hours=source.hours, email=source.email, note=note)


def first_known(*contacts: Contact) -> Contact:
    """The first contact with a phone or email (a service's own, else its hospital's), else the first."""
    return next((c for c in contacts if c.known), contacts[0])


@dataclass(frozen=True)
class Item:
    """One thing on the patient's page: what it is, where it stands, who has the next step, whom to ask."""

    id: int
    key: str  # unique on the page and in questions: "referral-12", "escalation-3"
    owner_org_id: int  # the directory organisation a question about this item goes to
    title: str
    what: str
    status: str
    owner: str
    owner_label: str
    contact: Contact
    last_change: datetime.datetime
    advice_reason: str = ""
    advice_text: str = ""
    priority_note: str = ""
    asks: tuple[str, ...] = ()  # a letter's requests of the practice, in plain words

    @property
    def contact_name(self) -> str:
        return self.contact.name


PatientItemsBuilder = Callable[[int], list[Item]]
# The plain-words sentences a domain shows patients, for the reading-age test (decision 0023).
SentencesSource = Callable[[], list[str]]
# For the demo's NHS login stand-in: NHS numbers of (up to n) patients who have this domain's items.
DemoPatientsSource = Callable[[int], list[str]]


@dataclass(frozen=True)
class _Registered:
    name: str
    build: PatientItemsBuilder
    sentences: SentencesSource | None
    demo_patients: DemoPatientsSource | None


_BUILDERS: dict[str, _Registered] = {}


def register(
    name: str,
    build: PatientItemsBuilder,
    *,
    sentences: SentencesSource | None = None,
    demo_patients: DemoPatientsSource | None = None,
) -> None:
    """Add a domain's items to the patient's page (registering the same name again replaces it)."""
    _BUILDERS[name] = _Registered(name, build, sentences, demo_patients)


def items_about(patient_id: int) -> list[Item]:
    """Every registered domain's items about this patient (the caller has established who it is)."""
    found: list[Item] = []
    for registered in sorted(_BUILDERS.values(), key=lambda r: r.name):
        found.extend(registered.build(patient_id))
    return found


def registered_sentences() -> dict[str, list[str]]:
    """Each registered domain's patient-facing sentences, by name."""
    return {r.name: r.sentences() for r in _BUILDERS.values() if r.sentences is not None}


def registered_demo_patients(per_domain: int) -> dict[str, list[str]]:
    """Each registered domain's demo patients (NHS numbers), by name: the demo signs them in."""
    return {r.name: r.demo_patients(per_domain) for r in _BUILDERS.values() if r.demo_patients is not None}
