"""One poisoned MESH message never stops letter intake (issue 11, item 1).

Each message that cannot be taken in, for any reason, is quarantined with its reason and
acknowledged, and the letters behind it arrive. Through NHS England's mesh-sandbox and the real
poller; the NUL case matters on PostgreSQL, which refuses NUL in text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import override_settings

from joinedup.demo import mesh_sandbox as sandbox
from joinedup.demo.directory import SeededDirectory
from joinedup.letters.intake.documents import document_bundle, section
from joinedup.letters.models import Letter, QuarantinedMessage

from .intake_helpers import EVENT, NHS_NUMBER, letter_bytes, register_patient
from .test_intake_mesh import send, waiting_in_inbox


@pytest.fixture(scope="module")
def mesh_url() -> Iterator[str]:
    with sandbox.running_sandbox() as url:
        yield url


def deeply_nested(icb: SeededDirectory) -> bytes:
    bundle = json.dumps(
        document_bundle(
            nhs_number=NHS_NUMBER,
            practice_ods=icb.practices[0].ods_code,
            trust_ods=icb.trusts[0].ods_code,
            event_at=EVENT,
        )
    )
    return bundle[:-1].encode() + b', "extension": ' + b"[" * 5000 + b"]" * 5000 + b"}"


def nested_extensions(icb: SeededDirectory) -> bytes:
    """Valid JSON, within the depth limit, but an extension nested in itself 30 times."""
    bundle = document_bundle(
        nhs_number=NHS_NUMBER, practice_ods=icb.practices[0].ods_code, trust_ods=icb.trusts[0].ods_code, event_at=EVENT
    )
    extension: dict = {"url": "https://example.invalid/x", "valueString": "x"}
    for _ in range(30):
        extension = {"url": "https://example.invalid/x", "extension": [extension]}
    bundle["entry"][0]["resource"]["extension"] = [extension]
    return json.dumps(bundle).encode()


@pytest.mark.django_db(transaction=True)
def test_poisoned_messages_are_quarantined_and_the_letters_behind_them_arrive(
    icb: SeededDirectory, mesh_url: str
) -> None:
    register_patient(icb)
    with sandbox.client(mesh_url, sandbox.RECIPIENT) as inbox:
        for message_id in inbox.list_messages():
            inbox.acknowledge_message(message_id)
    nul_narrative = letter_bytes(icb, sections=[section("Plan", ["GP to repeat U&Es\u0000 in one week."])])
    sent = send(
        mesh_url,
        [
            (deeply_nested(icb), "TOC_FHIR_IP_DISCH"),
            (nul_narrative, "TOC_FHIR_IP_DISCH"),
            (nested_extensions(icb), "TOC_FHIR_IP_DISCH"),
            (b"\x00\x01\x02 not a document", "TOC_FHIR_IP_DISCH"),
            (letter_bytes(icb), "TOC_FHIR_IP_DISCH"),
        ],
    )
    with override_settings(**sandbox.mesh_settings(mesh_url), MESH_POLL_WORKERS=1):
        call_command("mesh_poll", once=True, stdout=open(os.devnull, "w"))
    assert waiting_in_inbox(mesh_url) == []  # every message acknowledged
    held = {q.mesh_message_id: q.reason for q in QuarantinedMessage.objects.all()}
    stored = set(Letter.objects.values_list("mesh_message_id", flat=True))
    assert "nested more than 64 levels" in held[sent[0]]
    assert sent[1] in stored  # the NUL is dropped; the letter itself is fine
    assert "\x00" not in Letter.objects.get(mesh_message_id=sent[1]).text
    assert sent[2] in stored or sent[2] in held  # read, or refused with its reason: never stuck
    assert sent[3] in held and held[sent[3]]
    assert sent[4] in stored  # the letter behind them all arrived
    assert len(held) + len(stored) == len(sent)
