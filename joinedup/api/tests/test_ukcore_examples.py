"""UK Core's published example resources, for the types the API accepts, pass the API's structural check.

The examples are not copied into this repository: point ``UKCORE_EXAMPLES_DIR`` at the ``examples``
folder of a checkout of NHSDigital/FHIR-R4-UKCORE-STAGING-MAIN (they are FHIR XML). Without it the
test is skipped. An accepted example may still be refused by a business rule (it names a practitioner
and a patient JoinedUp does not know); what must not happen is a 400 for its structure.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from joinedup.api import writes

FHIR_NS = "{http://hl7.org/fhir}"
EXAMPLES = Path(os.environ.get("UKCORE_EXAMPLES_DIR", "/nonexistent"))
ACCEPTED = ("ServiceRequest", "Task", "Communication", "Subscription")


def _element(node: ET.Element) -> Any:
    if node.tag.endswith("}div"):
        return ET.tostring(node, encoding="unicode")
    children = [c for c in node if isinstance(c.tag, str)]
    if "value" in node.attrib and not children:
        return node.attrib["value"]
    data: dict[str, Any] = {k: v for k, v in node.attrib.items() if k in ("url", "id")}
    for child in children:
        name = child.tag.replace(FHIR_NS, "").split("}")[-1]
        value = _element(child)
        if name in data:
            data[name] = data[name] if isinstance(data[name], list) else [data[name]]
            data[name].append(value)
        else:
            data[name] = value
    return data


def _at(data: Any, loc: tuple[Any, ...]) -> tuple[Any, Any]:
    parent = data
    for key in loc[:-1]:
        parent = parent[key]
    return parent, loc[-1]


def fhir_json(xml_text: str, model: Any) -> dict[str, Any]:
    """FHIR XML as FHIR JSON: arrays where the R4B model wants a list (found from its validation errors)."""
    root = ET.fromstring(xml_text)
    data = {"resourceType": root.tag.replace(FHIR_NS, ""), **_element(root)}
    for _ in range(100):
        try:
            model.model_validate(data)
            return data
        except ValidationError as invalid:
            wrapped = False
            for error in invalid.errors():
                if error["type"] == "list_type":
                    parent, key = _at(data, tuple(error["loc"]))
                    if not isinstance(parent[key], list):
                        parent[key] = [parent[key]]
                        wrapped = True
                        break
            if not wrapped:
                return data
    return data


def _examples() -> list[Path]:
    if not EXAMPLES.is_dir():
        return []
    return sorted(p for p in EXAMPLES.glob("UKCore-*-Example.xml") if p.name.split("-")[1] in ACCEPTED)


@pytest.mark.skipif(not _examples(), reason="set UKCORE_EXAMPLES_DIR to UK Core's examples folder")
@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_uk_core_examples_pass_the_structural_check(path: Path) -> None:
    resource_type = path.name.split("-")[1]
    data = fhir_json(path.read_text(), writes._model(resource_type))
    accepted = writes.resource_from(json.dumps(data).encode(), resource_type)  # raises Refused (400) if not
    assert accepted["resourceType"] == resource_type
