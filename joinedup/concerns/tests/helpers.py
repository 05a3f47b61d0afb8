from __future__ import annotations

from typing import Any

from joinedup.concerns import services
from joinedup.concerns.models import Concern
from joinedup.directory.access import Actor
from joinedup.directory.models import Organisation


def raise_one(actor: Actor, about: Organisation, **extra: str) -> Concern:
    fields = {"rule": "test_results", "severity": "moderate", "what_happened": "Asked us to chase a CT result."}
    fields.update(extra)
    return services.concern_raise(actor=actor, about_org=about, **fields)  # type: ignore[arg-type]


def step(actor: Actor, concern: Concern, action: str, note: str = "noted", **extra: Any) -> Concern:
    concern.refresh_from_db()
    if action == "decide":
        extra.setdefault("outcome", "upheld")  # the ICB's decision is coded
    return services.concern_act(
        actor=actor, concern_id=concern.id, action=action, note=note, expected_version=concern.version, **extra
    )
