"""The urgent services directory as Open Referral UK JSON (HSDS 3.0, UK profile): read and written.

The file is ``{"organizations": [...], "services": [...]}``. Each organization names its ODS code
in ``organization_identifiers`` (scheme "ODS") and must already be in JoinedUp's directory, in the
importing ICB. Each service carries HSDS's own fields (``id``, ``organization_id``, ``name``,
``description``, ``status``, ``email``, ``url``, ``minimum_age``, ``maximum_age``,
``eligibility_description``, ``schedules``, ``service_areas``, ``service_at_locations``,
``contacts``) and, as HSDS ``attributes`` whose ``link_type`` names the meaning, what HSDS has no
field for: ``kind`` (taxonomy term in ``joinedup:urgent-service-kind``), ``accepts`` and
``excludes`` (terms in ``joinedup:presenting-problem``), ``care_home_residents`` ("yes"/"no"),
``response_minutes``, ``capacity`` (with the note as its ``label``). Schedules: a weekly row has
``freq`` "WEEKLY", ``byday`` ("MO,TU"), ``opens_at`` and ``closes_at``; a row with ``valid_from`` and
``valid_to`` and no ``freq`` is an exception (closed when it has no hours). Service areas have
``extent_type`` "ods_practice" or "postcode_district" and the code as ``extent``.

``parse`` checks the whole file and names every error (``services[2] "Falls response": ...``);
``services.directory_import`` writes it in one transaction only when there is none.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from .matching import postcode_district
from .models import BYDAY, AreaType, Capacity, Problem, ServiceKind, ServiceStatus

KIND_VOCABULARY = "joinedup:urgent-service-kind"
PROBLEM_VOCABULARY = "joinedup:presenting-problem"
MAX_SERVICES = 2000
ODS_CODE = re.compile(r"^[A-Z0-9]{3,6}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")


@dataclass
class ParsedSchedule:
    oruk_id: str
    weekday: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    closed: bool
    opens_at: datetime.time | None
    closes_at: datetime.time | None
    description: str


@dataclass
class ParsedService:
    oruk_id: str
    organisation_ods: str
    fields: dict[str, Any]
    schedules: list[ParsedSchedule] = field(default_factory=list)
    areas: list[dict[str, str]] = field(default_factory=list)
    locations: list[dict[str, str]] = field(default_factory=list)
    contacts: list[dict[str, str]] = field(default_factory=list)


class DirectoryErrors(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def _text(value: Any, limit: int, where: str, errors: list[str], *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.append(f"{where} must be text")
        return ""
    value = value.strip()
    if "\x00" in value:
        errors.append(f"{where} contains a NUL character")
        return ""
    if required and not value:
        errors.append(f"{where} is missing")
    if len(value) > limit:
        errors.append(f"{where} is longer than {limit} characters")
    return value


def _age(value: Any, where: str, errors: list[str]) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 130:
        errors.append(f"{where} must be a whole number of years from 0 to 130")
        return None
    return value


def _time(value: Any, where: str, errors: list[str]) -> datetime.time | None:
    if not isinstance(value, str) or not TIME.match(value):
        errors.append(f"{where} must be a time like 08:00 (got {str(value)[:20]!r})")
        return None
    return datetime.time.fromisoformat(value)


def _date(value: Any, where: str, errors: list[str]) -> datetime.date | None:
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(f"{where} must be a date like 2026-12-25 (got {str(value)[:20]!r})")
        return None


def _list(value: Any, where: str, errors: list[str]) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        errors.append(f"{where} must be a list")
        return []
    return value


def parse(data: Any) -> tuple[dict[str, str], list[ParsedService], list[str]]:
    """The file's organisations (ORUK id → ODS code), services, and every error found in it."""
    errors: list[str] = []
    if not isinstance(data, dict):
        return {}, [], ["The file must be a JSON object with 'organizations' and 'services'"]
    organisations: dict[str, str] = {}
    for index, org in enumerate(_list(data.get("organizations"), "organizations", errors)):
        where = f"organizations[{index}]"
        if not isinstance(org, dict):
            errors.append(f"{where} must be an object")
            continue
        org_id = _text(org.get("id"), 64, f"{where}: id", errors, required=True)
        name = _text(org.get("name"), 200, f"{where}: name", errors, required=True)
        where = f'{where} "{name}"' if name else where
        codes = [
            ident.get("identifier", "")
            for ident in _list(org.get("organization_identifiers"), f"{where}: organization_identifiers", errors)
            if isinstance(ident, dict) and ident.get("identifier_scheme") == "ODS"
        ]
        code = codes[0].strip().upper() if codes and isinstance(codes[0], str) else ""
        if not ODS_CODE.match(code):
            errors.append(f"{where}: needs an ODS code (organization_identifiers with identifier_scheme 'ODS')")
        if org_id in organisations:
            errors.append(f"{where}: id {org_id!r} is used twice")
        organisations[org_id] = code
    raw_services = _list(data.get("services"), "services", errors)
    if not raw_services and not errors:
        errors.append("The file has no services")
    if len(raw_services) > MAX_SERVICES:
        return organisations, [], [f"The file has {len(raw_services)} services: at most {MAX_SERVICES} at once"]
    services: list[ParsedService] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_services):
        parsed = _service(raw, index, organisations, errors)
        if parsed is None:
            continue
        if parsed.oruk_id in seen:
            errors.append(f'services[{index}] "{parsed.fields["name"]}": id {parsed.oruk_id!r} is used twice')
        seen.add(parsed.oruk_id)
        services.append(parsed)
    return organisations, services, errors


def _attributes(raw: dict[str, Any], where: str, errors: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for attribute in _list(raw.get("attributes"), f"{where}: attributes", errors):
        if isinstance(attribute, dict) and isinstance(attribute.get("link_type"), str):
            found.setdefault(attribute["link_type"], []).append(attribute)
        else:
            errors.append(f"{where}: each attribute needs a link_type")
    return found


def _term(attribute: dict[str, Any], vocabulary: str) -> str:
    term = attribute.get("taxonomy_term")
    if isinstance(term, dict) and term.get("vocabulary") == vocabulary and isinstance(term.get("code"), str):
        return str(term["code"])
    return ""


def _service(raw: Any, index: int, organisations: dict[str, str], errors: list[str]) -> ParsedService | None:
    where = f"services[{index}]"
    if not isinstance(raw, dict):
        errors.append(f"{where} must be an object")
        return None
    before = len(errors)
    name = _text(raw.get("name"), 200, f"{where}: name", errors, required=True)
    where = f'{where} "{name}"' if name else where
    oruk_id = _text(raw.get("id"), 64, f"{where}: id", errors, required=True)
    org_id = _text(raw.get("organization_id"), 64, f"{where}: organization_id", errors, required=True)
    if org_id and org_id not in organisations:
        errors.append(f"{where}: organization_id {org_id!r} is not one of the file's organizations")
    status = raw.get("status", "active")
    if status not in ServiceStatus.values:
        errors.append(f"{where}: status must be 'active' or 'inactive'")
    email = _text(raw.get("email"), 254, f"{where}: email", errors)
    if email and not EMAIL.match(email):
        errors.append(f"{where}: email {email[:60]!r} is not an email address")
    url = _text(raw.get("url"), 200, f"{where}: url", errors)
    if url and not url.startswith(("https://", "http://")):
        errors.append(f"{where}: url must start with https://")
    minimum_age = _age(raw.get("minimum_age"), f"{where}: minimum_age", errors)
    maximum_age = _age(raw.get("maximum_age"), f"{where}: maximum_age", errors)
    if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
        errors.append(f"{where}: minimum_age is above maximum_age")
    attributes = _attributes(raw, where, errors)
    kinds = [_term(a, KIND_VOCABULARY) for a in attributes.get("kind", [])]
    if len(kinds) != 1 or kinds[0] not in ServiceKind.values:
        errors.append(f"{where}: needs one 'kind' attribute, one of {', '.join(ServiceKind.values)}")
    problems: dict[str, list[str]] = {}
    for link in ("accepts", "excludes"):
        codes = [_term(a, PROBLEM_VOCABULARY) for a in attributes.get(link, [])]
        for code in codes:
            if code not in Problem.values:
                errors.append(f"{where}: '{link}' has an unknown presenting problem {code[:40]!r}")
        problems[link] = sorted(set(codes))
    care_home = {str(a.get("value")) for a in attributes.get("care_home_residents", [])} or {"yes"}
    if not care_home <= {"yes", "no"} or len(care_home) != 1:
        errors.append(f"{where}: care_home_residents must be 'yes' or 'no'")
    response_minutes = None
    for attribute in attributes.get("response_minutes", [])[:1]:
        value = str(attribute.get("value", ""))
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 10080:
            errors.append(f"{where}: response_minutes must be a number of minutes from 1 to 10080")
        else:
            response_minutes = int(value)
    capacity, capacity_note = Capacity.OPEN.value, ""
    for attribute in attributes.get("capacity", [])[:1]:
        capacity = str(attribute.get("value", ""))
        if capacity not in Capacity.values:
            errors.append(f"{where}: capacity must be open, limited or full")
        capacity_note = _text(attribute.get("label"), 300, f"{where}: capacity label", errors)
    parsed = ParsedService(
        oruk_id=oruk_id,
        organisation_ods=organisations.get(org_id, ""),
        fields={
            "name": name,
            "description": _text(raw.get("description"), 5000, f"{where}: description", errors),
            "kind": kinds[0] if kinds else "",
            "status": status,
            "email": email,
            "url": url,
            "minimum_age": minimum_age,
            "maximum_age": maximum_age,
            "eligibility_description": _text(
                raw.get("eligibility_description"), 2000, f"{where}: eligibility_description", errors
            ),
            "accepted_problems": problems["accepts"],
            "excluded_problems": problems["excludes"],
            "takes_care_home_residents": care_home == {"yes"},
            "response_minutes": response_minutes,
            "capacity": capacity,
            "capacity_note": capacity_note,
        },
    )
    _schedules(raw, where, parsed, errors)
    _areas(raw, where, parsed, errors)
    _locations_and_contacts(raw, where, parsed, errors)
    if not parsed.schedules:
        errors.append(f"{where}: needs opening hours (schedules)")
    if not parsed.areas:
        errors.append(f"{where}: needs the area it covers (service_areas)")
    return parsed if len(errors) == before else None


def _schedules(raw: dict[str, Any], where: str, parsed: ParsedService, errors: list[str]) -> None:
    for index, row in enumerate(_list(raw.get("schedules"), f"{where}: schedules", errors)):
        at = f"{where}: schedules[{index}]"
        if not isinstance(row, dict):
            errors.append(f"{at} must be an object")
            continue
        row_id = _text(row.get("id"), 64, f"{at}: id", errors, required=True)
        description = _text(row.get("description"), 200, f"{at}: description", errors)
        has_hours = row.get("opens_at") is not None or row.get("closes_at") is not None
        opens = _time(row.get("opens_at"), f"{at}: opens_at", errors) if has_hours else None
        closes = _time(row.get("closes_at"), f"{at}: closes_at", errors) if has_hours else None
        if row.get("freq") == "WEEKLY":
            days = str(row.get("byday", "")).split(",")
            if not days or any(day not in BYDAY for day in days):
                errors.append(f"{at}: byday must list days like MO,TU,WE")
                continue
            if not has_hours:
                errors.append(f"{at}: a weekly schedule needs opens_at and closes_at")
                continue
            for day in days:
                parsed.schedules.append(
                    ParsedSchedule(row_id, BYDAY.index(day), None, None, False, opens, closes, description)
                )
        elif row.get("freq") in (None, ""):
            start = _date(row.get("valid_from"), f"{at}: valid_from", errors)
            end = _date(row.get("valid_to"), f"{at}: valid_to", errors)
            if start and end and end < start:
                errors.append(f"{at}: valid_to is before valid_from")
            if start and end:
                parsed.schedules.append(
                    ParsedSchedule(row_id, None, start, end, not has_hours, opens, closes, description)
                )
        else:
            errors.append(f"{at}: freq must be WEEKLY (or absent, for an exception with valid_from and valid_to)")


def _areas(raw: dict[str, Any], where: str, parsed: ParsedService, errors: list[str]) -> None:
    for index, area in enumerate(_list(raw.get("service_areas"), f"{where}: service_areas", errors)):
        at = f"{where}: service_areas[{index}]"
        if not isinstance(area, dict):
            errors.append(f"{at} must be an object")
            continue
        kind = {"ods_practice": AreaType.PRACTICE, "postcode_district": AreaType.POSTCODE_DISTRICT}.get(
            str(area.get("extent_type"))
        )
        code = _text(area.get("extent"), 10, f"{at}: extent", errors, required=True).upper()
        if kind is None:
            errors.append(f"{at}: extent_type must be ods_practice or postcode_district")
            continue
        if kind == AreaType.POSTCODE_DISTRICT and postcode_district(code) != code.replace(" ", ""):
            errors.append(f"{at}: {code[:10]!r} is not a postcode district like PB1")
        if kind == AreaType.PRACTICE and not ODS_CODE.match(code):
            errors.append(f"{at}: {code[:10]!r} is not a practice's ODS code")
        parsed.areas.append(
            {
                "oruk_id": _text(area.get("id"), 64, f"{at}: id", errors, required=True),
                "area_type": kind.value,
                "code": code,
                "name": _text(area.get("name"), 200, f"{at}: name", errors),
            }
        )


def _locations_and_contacts(raw: dict[str, Any], where: str, parsed: ParsedService, errors: list[str]) -> None:
    for index, link in enumerate(_list(raw.get("service_at_locations"), f"{where}: service_at_locations", errors)):
        at = f"{where}: service_at_locations[{index}]"
        location = link.get("location") if isinstance(link, dict) else None
        if not isinstance(location, dict):
            errors.append(f"{at} needs a location")
            continue
        addresses = _list(location.get("addresses"), f"{at}: addresses", errors) or [{}]
        address = addresses[0] if isinstance(addresses[0], dict) else {}
        parsed.locations.append(
            {
                "oruk_id": _text(location.get("id"), 64, f"{at}: location id", errors, required=True),
                "name": _text(location.get("name"), 200, f"{at}: location name", errors, required=True),
                "address": _text(address.get("address_1"), 300, f"{at}: address_1", errors),
                "postcode": _text(address.get("postal_code"), 10, f"{at}: postal_code", errors).upper(),
            }
        )
    for index, contact in enumerate(_list(raw.get("contacts"), f"{where}: contacts", errors)):
        at = f"{where}: contacts[{index}]"
        if not isinstance(contact, dict):
            errors.append(f"{at} must be an object")
            continue
        phones = [p for p in _list(contact.get("phones"), f"{at}: phones", errors) if isinstance(p, dict)]
        email = _text(contact.get("email"), 254, f"{at}: email", errors)
        if email and not EMAIL.match(email):
            errors.append(f"{at}: email {email[:60]!r} is not an email address")
        parsed.contacts.append(
            {
                "oruk_id": _text(contact.get("id"), 64, f"{at}: id", errors, required=True),
                "name": _text(contact.get("name"), 200, f"{at}: name", errors, required=True),
                "title": _text(contact.get("title"), 200, f"{at}: title", errors),
                "email": email,
                "phone": _text(phones[0].get("number") if phones else "", 30, f"{at}: phone", errors),
            }
        )


# Writing the file ------------------------------------------------------------------------------


def _attribute(
    link_type: str, *, value: str = "", vocabulary: str = "", code: str = "", label: str = ""
) -> dict[str, Any]:
    attribute: dict[str, Any] = {"link_type": link_type}
    if vocabulary:
        attribute["taxonomy_term"] = {"vocabulary": vocabulary, "code": code}
    if value:
        attribute["value"] = value
    if label:
        attribute["label"] = label
    return attribute


def service_json(service: Any) -> dict[str, Any]:
    """One UrgentService (with its related rows loaded) as an ORUK service object."""
    attributes = [_attribute("kind", vocabulary=KIND_VOCABULARY, code=service.kind)]
    attributes += [_attribute("accepts", vocabulary=PROBLEM_VOCABULARY, code=c) for c in service.accepted_problems]
    attributes += [_attribute("excludes", vocabulary=PROBLEM_VOCABULARY, code=c) for c in service.excluded_problems]
    attributes.append(_attribute("care_home_residents", value="yes" if service.takes_care_home_residents else "no"))
    if service.response_minutes is not None:
        attributes.append(_attribute("response_minutes", value=str(service.response_minutes)))
    attributes.append(_attribute("capacity", value=service.capacity, label=service.capacity_note))
    schedules: dict[str, dict[str, Any]] = {}
    for row in service.schedules.all():
        if row.weekday is not None:
            entry = schedules.setdefault(
                row.oruk_id,
                {
                    "id": row.oruk_id,
                    "freq": "WEEKLY",
                    "byday": [],
                    "opens_at": row.opens_at.strftime("%H:%M"),
                    "closes_at": row.closes_at.strftime("%H:%M"),
                },
            )
            entry["byday"].append(BYDAY[row.weekday])
        else:
            entry = {"id": row.oruk_id, "valid_from": row.valid_from.isoformat(), "valid_to": row.valid_to.isoformat()}
            if not row.closed:
                entry["opens_at"], entry["closes_at"] = row.opens_at.strftime("%H:%M"), row.closes_at.strftime("%H:%M")
            schedules[row.oruk_id] = entry
        if row.description:
            entry["description"] = row.description
    for entry in schedules.values():
        if isinstance(entry.get("byday"), list):
            entry["byday"] = ",".join(sorted(entry["byday"], key=BYDAY.index))
    return {
        "id": service.oruk_id,
        "organization_id": _organisation_id(service.organisation),
        "name": service.name,
        "description": service.description,
        "status": service.status,
        "email": service.email,
        "url": service.url,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "eligibility_description": service.eligibility_description,
        "attributes": attributes,
        "schedules": sorted(schedules.values(), key=lambda s: s["id"]),
        "service_areas": [
            {
                "id": a.oruk_id,
                "name": a.name,
                "extent_type": "ods_practice" if a.area_type == AreaType.PRACTICE else "postcode_district",
                "extent": a.code,
            }
            for a in sorted(service.areas.all(), key=lambda a: a.oruk_id)
        ],
        "service_at_locations": [
            {
                "id": f"{service.oruk_id}:{loc.oruk_id}",
                "location": {
                    "id": loc.oruk_id,
                    "name": loc.name,
                    "addresses": [{"address_1": loc.address, "postal_code": loc.postcode}],
                },
            }
            for loc in sorted(service.locations.all(), key=lambda loc: loc.oruk_id)
        ],
        "contacts": [
            {
                "id": c.oruk_id,
                "name": c.name,
                "title": c.title,
                "email": c.email,
                "phones": [{"number": c.phone}] if c.phone else [],
            }
            for c in sorted(service.contacts.all(), key=lambda c: c.oruk_id)
        ],
    }


def _organisation_id(organisation: Any) -> str:
    return f"ods:{organisation.ods_code}"


def directory_json(services: list[Any]) -> dict[str, Any]:
    organisations = {s.organisation.ods_code: s.organisation for s in services}
    return {
        "organizations": [
            {
                "id": _organisation_id(org),
                "name": org.name,
                "organization_identifiers": [
                    {"identifier_scheme": "ODS", "identifier_type": "ODS code", "identifier": org.ods_code}
                ],
            }
            for _, org in sorted(organisations.items())
        ],
        "services": [service_json(s) for s in sorted(services, key=lambda s: s.oruk_id)],
    }
