"""Reading a transfer-of-care FHIR document Bundle (STU3, as ITK3 sends it) into letter fields.

Pure functions, no database: ``parse_bundle`` returns the identifiers (NHS number, practice and
trust ODS codes) that intake then looks up, or raises ``Unreadable`` with a reason a person can
act on. The resources are validated with ``fhir.resources`` (STU3), so a malformed one is named
with the field that is wrong. XML documents are refused with a clear reason: ``fhir.resources``
needs ``lxml`` for XML, which is not installed, and a half-read letter would be worse than none.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree

from django.utils import timezone
from pydantic import ValidationError

from joinedup.core import bounded_json, fhir_identifiers
from joinedup.letters.models import WORKFLOW_KINDS, LetterKind
from joinedup.patients.nhs_numbers import nhs_number_error, normalise_nhs_number

ODS_SYSTEMS = (fhir_identifiers.ODS_ORGANISATION, fhir_identifiers.ODS_SITE)

# Composition.type codes (SNOMED CT) used by the transfer-of-care documents, and their kind.
COMPOSITION_TYPE_KINDS = {
    "373942005": LetterKind.DISCHARGE_SUMMARY,  # Discharge summary
    "371531000": LetterKind.CLINIC_LETTER,  # Report of clinical encounter
    "823701000000103": LetterKind.CLINIC_LETTER,  # Outpatient letter
    "736253002": LetterKind.ED_LETTER,  # Emergency department discharge letter
    "882151000000107": LetterKind.ED_LETTER,  # Emergency care discharge summary
}


class Unreadable(ValueError):
    """The message is not a letter we can take in; the text says why, for the quarantine page."""


@dataclass(frozen=True)
class ParsedLetter:
    nhs_number: str
    practice_ods: str
    trust_ods: str
    kind: str
    event_at: datetime.datetime
    sent_at: datetime.datetime | None
    title: str
    author: str
    service_name: str
    text: str


def looks_like_xml(content: bytes) -> bool:
    return content.lstrip()[:1] == b"<"


def parse_bundle(content: bytes, workflow_id: str = "") -> ParsedLetter:
    """The letter in a FHIR document Bundle, or ``Unreadable`` with the reason."""
    data = _load(content)
    from fhir.resources.STU3.bundle import Bundle  # imported late: the model tree takes a while to load

    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise Unreadable("Not a FHIR Bundle: the resourceType must be 'Bundle'")
    try:
        bundle = Bundle.model_validate(data)
    except RecursionError as deep:  # a model nested in itself (extensions) past what the loader's scan allows
        raise Unreadable("The FHIR resources are nested too deeply to read") from deep
    except ValidationError as invalid:
        first = invalid.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise Unreadable(f"Malformed FHIR resource at {where}: {first['msg']}") from invalid
    if bundle.type != "document":
        raise Unreadable(f"The Bundle is a '{bundle.type}', not a 'document'")
    resources = _index(bundle)
    composition = _first(bundle, "Composition")
    if composition is None:
        raise Unreadable("The document has no Composition (its first entry must be one)")
    patient = _resolve(resources, composition.subject)
    if patient is None or patient.get_resource_type() != "Patient":
        raise Unreadable("The Composition's subject is not a Patient in the Bundle")
    nhs_number = _identifier(patient.identifier, (fhir_identifiers.NHS_NUMBER,))
    if not nhs_number:
        raise Unreadable(f"The patient has no NHS number (identifier system {fhir_identifiers.NHS_NUMBER})")
    problem = nhs_number_error(nhs_number)
    if problem:
        raise Unreadable(f"The patient's NHS number {nhs_number[:20]!r} is not valid: {problem}")
    practice_ods = _practice_ods(resources, patient)
    if not practice_ods:
        raise Unreadable("The patient has no registered GP practice with an ODS code (Patient.generalPractitioner)")
    encounter = _resolve(resources, composition.encounter)
    kind = _kind(workflow_id, composition)
    text = composition_text(composition)
    return ParsedLetter(
        nhs_number=normalise_nhs_number(nhs_number),
        practice_ods=practice_ods.upper(),
        trust_ods=_trust_ods(resources, composition).upper(),
        kind=kind,
        event_at=_event_at(kind, encounter, composition),
        sent_at=_as_datetime(composition.date),
        title=without_nul(composition.title or "")[:200],
        author=without_nul(_author_name(resources, composition))[:200],
        service_name=without_nul(_service_name(resources, encounter)),
        text=without_nul(text),
    )


def without_nul(text: str) -> str:
    """Text as a database can store it: PostgreSQL refuses the NUL character in text, so it goes."""
    return text.replace("\x00", "")


def _load(content: bytes) -> Any:
    if looks_like_xml(content):
        try:
            ElementTree.fromstring(content)
        except ElementTree.ParseError as bad:
            raise Unreadable(f"Bad XML: {bad}") from bad
        raise Unreadable("FHIR XML is not read here yet: ask the sender for the JSON form of the document")
    try:
        return bounded_json.loads(content)
    except bounded_json.UnreadableJSON as bad:
        raise Unreadable(f"Bad JSON: {bad}") from bad


def _index(bundle: Any) -> dict[str, Any]:
    """Resources by every name a reference may use: fullUrl, Type/id."""
    found: dict[str, Any] = {}
    for entry in bundle.entry or []:
        resource = entry.resource
        if resource is None:
            continue
        if entry.fullUrl:
            found[entry.fullUrl] = resource
        if resource.id:
            found[f"{resource.get_resource_type()}/{resource.id}"] = resource
    return found


def _first(bundle: Any, resource_type: str) -> Any:
    for entry in bundle.entry or []:
        if entry.resource is not None and entry.resource.get_resource_type() == resource_type:
            return entry.resource
    return None


def _resolve(resources: dict[str, Any], reference: Any) -> Any:
    if reference is None or not reference.reference:
        return None
    ref = reference.reference
    return resources.get(ref) or resources.get("/".join(ref.rsplit("/", 2)[-2:]))


def _identifier(identifiers: Any, systems: tuple[str, ...]) -> str:
    for identifier in identifiers or []:
        if identifier.system in systems and identifier.value:
            return str(identifier.value).strip()
    return ""


def _reference_ods(resources: dict[str, Any], reference: Any) -> str:
    if reference is None:
        return ""
    if reference.identifier is not None and reference.identifier.system in ODS_SYSTEMS:
        return str(reference.identifier.value or "")
    target = _resolve(resources, reference)
    if target is not None and target.get_resource_type() == "Organization":
        return _identifier(target.identifier, ODS_SYSTEMS)
    return ""


def _practice_ods(resources: dict[str, Any], patient: Any) -> str:
    for reference in patient.generalPractitioner or []:
        code = _reference_ods(resources, reference)
        if code:
            return code
    return ""


def _trust_ods(resources: dict[str, Any], composition: Any) -> str:
    for reference in composition.author or []:
        code = _reference_ods(resources, reference)
        if code:
            return code
    return _reference_ods(resources, composition.custodian)


def _author_name(resources: dict[str, Any], composition: Any) -> str:
    for reference in composition.author or []:
        target = _resolve(resources, reference)
        if target is not None and target.get_resource_type() == "Practitioner":
            for name in target.name or []:
                if name.text:
                    return str(name.text)
                parts = [*(name.prefix or []), *(name.given or []), name.family or ""]
                return " ".join(p for p in parts if p)
        if reference.display and (target is None or target.get_resource_type() == "Practitioner"):
            return str(reference.display)
    return ""


def _service_name(resources: dict[str, Any], encounter: Any) -> str:
    for resource in resources.values():
        if resource.get_resource_type() == "HealthcareService" and resource.name:
            return str(resource.name)
    if encounter is not None:
        for kind in encounter.type or []:
            if kind.text:
                return str(kind.text)
    return ""


def _kind(workflow_id: str, composition: Any) -> str:
    if workflow_id in WORKFLOW_KINDS:
        return str(WORKFLOW_KINDS[workflow_id])
    for coding in composition.type.coding or []:
        if coding.code in COMPOSITION_TYPE_KINDS:
            return str(COMPOSITION_TYPE_KINDS[coding.code])
    label = " ".join(filter(None, [composition.type.text, *(c.display for c in composition.type.coding or [])])).lower()
    if "emergency" in label:
        return str(LetterKind.ED_LETTER)
    if "discharge" in label:
        return str(LetterKind.DISCHARGE_SUMMARY)
    if "clinic" in label or "outpatient" in label:
        return str(LetterKind.CLINIC_LETTER)
    raise Unreadable("Unknown kind of letter: no transfer-of-care workflow id and an unknown Composition.type")


# A letter is about care in the last ten years and not in the future: a date outside that is a
# typing or system error (year 1 or 2099), and would be counted in the wrong month's timeliness.
EVENT_YEARS_BACK = 10


def event_date_problem(moment: datetime.datetime) -> str:
    """Why this discharge or clinic moment cannot be a letter's (empty when it can)."""
    now = timezone.now()
    if moment > now + datetime.timedelta(days=1):
        return "The date of the discharge or clinic is in the future"
    if moment.date() < now.date().replace(year=now.year - EVENT_YEARS_BACK, day=min(now.day, 28)):
        return f"The date of the discharge or clinic is more than {EVENT_YEARS_BACK} years ago"
    return ""


def _event_at(kind: str, encounter: Any, composition: Any) -> datetime.datetime:
    """Discharge (end of the encounter) for discharge and ED letters; the clinic (its start) for clinic letters."""
    periods = []
    if encounter is not None and encounter.period is not None:
        periods.append(encounter.period)
    periods.extend(event.period for event in composition.event or [] if event.period is not None)
    for period in periods:
        moment = period.start if kind == LetterKind.CLINIC_LETTER else (period.end or period.start)
        if moment is not None:
            found = _as_datetime(moment) or _missing_event(kind)
            if problem := event_date_problem(found):
                raise Unreadable(problem)
            return found
    return _missing_event(kind)


def _missing_event(kind: str) -> datetime.datetime:
    what = "clinic" if kind == LetterKind.CLINIC_LETTER else "discharge"
    raise Unreadable(f"The document gives no {what} date (Encounter.period or Composition.event.period)")


def _as_datetime(value: Any) -> datetime.datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time(12, 0))  # a date only: midday, the fairest guess
    else:
        try:
            moment = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def composition_text(composition: Any) -> str:
    """The sections' narrative as plain text, each section's title kept as a heading line."""
    parts: list[str] = []
    if composition.title:
        parts.append(str(composition.title))
    _sections_text(composition.section or [], parts)
    return "\n\n".join(part for part in parts if part.strip()).strip() + "\n"


def _sections_text(sections: list[Any], parts: list[str]) -> None:
    for section in sections:
        body = narrative_to_text(section.text.div) if section.text is not None and section.text.div else ""
        heading = str(section.title or "").strip()
        parts.append(f"{heading}:\n{body}".rstrip() if heading else body)
        _sections_text(section.section or [], parts)


class _Narrative(HTMLParser):
    BLOCKS = {"p", "div", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.out.append("\n- ")
        elif tag in ("td", "th"):
            self.out.append(" | ")
        elif tag in self.BLOCKS:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS or tag == "li":
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        self.out.append(re.sub(r"\s+", " ", data))


def narrative_to_text(xhtml: str) -> str:
    parser = _Narrative()
    parser.feed(xhtml)
    parser.close()
    lines = [line.strip().removeprefix("| ").strip() for line in "".join(parser.out).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
