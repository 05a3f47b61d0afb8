"""FHIR R4 Subscriptions (rest-hook), decision 0024.

A client registers ``criteria`` (a search of Task, ServiceRequest or Communication) and an endpoint.
Every change to a referral, an A&G request or a diagnostic request writes an audit record (the
domains' rule); this module listens for those records being saved (Django's ``post_save`` on the
audit model: the API sits on top and the domains import nothing of it) and, once the change has
committed, queues background work (django-tasks) that runs each subscription's search *as the
subscribing client* narrowed to the changed record, and POSTs to the endpoints that match. The
request that made the change never waits for a subscriber. Delivery is tried three times with a
back-off; a subscription whose endpoint keeps failing is set to ``error`` (R4's status).
"""

from __future__ import annotations

import datetime
import ipaddress
import socket
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.http import Http404
from django.utils import timezone
from django_tasks import task
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.subscription import Subscription as FhirSubscription

from joinedup.audit.models import AuditEvent
from joinedup.core.numbers import whole_number
from joinedup.referrals import selectors as referrals

from . import search, services, workflow, writes
from .models import Subscription

WATCHED = {"referrals.clinicalrequest": "RQ", "diagnostics.diagnosticrequest": "DX"}
# Audit records of looking, not changing: no notification.
NOT_CHANGES = ("viewed", "outcome_opened", "downloaded")
ATTEMPTS = 3
BACKOFF_SECONDS = (0.5, 2.0)
TIMEOUT_SECONDS = 5


def subscription_id(pk: int) -> str:
    return f"SUB{pk}"


def _shape(sub: Subscription) -> dict[str, Any]:
    channel: dict[str, Any] = {"type": "rest-hook", "endpoint": sub.endpoint}
    if sub.payload:
        channel["payload"] = sub.payload
    if sub.headers:
        channel["header"] = list(sub.headers)
    data: dict[str, Any] = {
        "resourceType": "Subscription",
        "id": subscription_id(sub.pk),
        "meta": {"versionId": str(sub.version)},
        "status": sub.status,
        "reason": sub.reason,
        "criteria": sub.criteria,
        "channel": channel,
    }
    if sub.last_error:
        data["error"] = sub.last_error
    return dict(FhirSubscription.model_validate(data).model_dump(mode="json", exclude_none=True))


def parse_criteria(criteria: str) -> tuple[str, dict[str, list[str]]]:
    """``Task?owner=Organization/X`` -> ("Task", {"owner": [...]}), or Refused (400)."""
    resource_type, _, query = criteria.partition("?")
    if resource_type not in workflow.SEARCHES:
        raise writes.Refused(
            400, "not-supported", f"criteria must search one of {', '.join(sorted(workflow.SEARCHES))}"
        )
    params = parse_qs(query, keep_blank_values=True)
    if any(name.startswith("_") and name != "_id" for name in params):
        raise writes.Refused(400, "not-supported", "criteria take search parameters, not _count or _include")
    return resource_type, params


def _endpoint_problem(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    allowed = ("https", "http") if settings.API_SUBSCRIPTION_ALLOW_HTTP else ("https",)
    if parts.scheme not in allowed or not parts.netloc:
        return f"channel.endpoint must be an {' or '.join(allowed)} URL"
    return _address_problem(parts.hostname or "")


def _address_problem(host: str) -> str:
    """Why JoinedUp will not post to ``host`` ("" when it may): never to this machine (unless local
    development allows plain http), nor to link-local (cloud metadata), multicast or reserved
    addresses, so a subscription cannot make the server call what only it can reach. Private ranges
    stay allowed: GP and trust systems sit on the HSCN's private addresses. A name that does not
    resolve now is not refused here; delivery checks again each time."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError, ValueError):
        return ""
    for text in addresses:
        address = ipaddress.ip_address(str(text).split("%")[0])
        if address.is_loopback and not settings.API_SUBSCRIPTION_ALLOW_HTTP:
            return "channel.endpoint must not be this server's own address"
        if address.is_link_local or address.is_multicast or address.is_unspecified or address.is_reserved:
            return "channel.endpoint must not be a link-local, multicast or reserved address"
    return ""


def create(caller: services.Caller, body: bytes) -> dict[str, Any]:
    data = writes.resource_from(body, "Subscription")
    channel = data.get("channel") or {}
    if channel.get("type") != "rest-hook":
        raise writes.Refused(400, "not-supported", "Only channel.type rest-hook is supported")
    endpoint = str(channel.get("endpoint") or "")
    if problem := _endpoint_problem(endpoint):
        raise writes.Refused(400, "value", problem)
    payload = str(channel.get("payload") or "")
    if payload not in ("", "application/fhir+json", "application/json"):
        raise writes.Refused(400, "not-supported", "channel.payload must be application/fhir+json, or absent (a ping)")
    criteria = str(data.get("criteria", ""))
    resource_type, params = parse_criteria(criteria)
    try:  # the criteria must be a search this client could run
        search.parsed_params(params, workflow.SEARCHES[resource_type](caller.actor))
    except search.SearchError as bad:
        raise writes.Refused(400, "not-supported", f"criteria: {bad}") from bad
    headers = [str(h) for h in channel.get("header") or []][:5]
    with transaction.atomic():
        sub = Subscription.objects.create(
            client=caller.client,
            criteria=criteria[:500],
            endpoint=endpoint,
            payload="application/fhir+json" if payload else "",
            headers=headers,
            reason=str(data.get("reason", ""))[:500],
        )
        services.audit_call(caller, action="api_subscription_created", details={"criteria": sub.criteria})
    return _shape(sub)


def _own(caller: services.Caller, resource_id: str) -> Subscription:
    pk = whole_number(resource_id[3:], 11) if resource_id.upper().startswith("SUB") else None
    found = Subscription.objects.filter(client=caller.client, pk=pk).first() if pk is not None else None
    if found is None:
        raise Http404
    return found


def read(caller: services.Caller, resource_id: str) -> dict[str, Any]:
    return _shape(_own(caller, resource_id))


def delete(caller: services.Caller, resource_id: str) -> None:
    sub = _own(caller, resource_id)
    with transaction.atomic():
        sub.status = Subscription.Status.OFF
        sub.save(update_fields=["status"])
        services.audit_call(caller, action="api_subscription_deleted", details={"criteria": sub.criteria})


def deleted_outcome() -> dict[str, Any]:
    data = {"resourceType": "OperationOutcome", "issue": [{"severity": "information", "code": "informational"}]}
    return dict(OperationOutcome.model_validate(data).model_dump(mode="json", exclude_none=True))


# ---- noticing changes and delivering ----------------------------------------------------------------


def _audit_saved(sender: Any, instance: AuditEvent, created: bool, **kwargs: Any) -> None:
    if not created or instance.object_type not in WATCHED or instance.action.endswith(NOT_CHANGES):
        return
    if not Subscription.objects.filter(status=Subscription.Status.ACTIVE).exists():
        return
    prefix, pk, step = WATCHED[instance.object_type], instance.object_id, instance.action.rpartition(".")[2]
    at = instance.at.isoformat()
    transaction.on_commit(lambda: deliver.enqueue(prefix, pk, step, at))


def connect() -> None:
    post_save.connect(_audit_saved, sender=AuditEvent, dispatch_uid="api-subscriptions")


def matching(sub: Subscription, prefix: str, object_id: str, step: str, at: str) -> dict[str, Any] | None:
    """The resource this change (``step`` on the record, audited ``at``) makes match the subscription,
    searched as the subscribing client; or None. For Communication, the message that step wrote."""
    resource_type, params = parse_criteria(sub.criteria)
    actor = services.actor_for(sub.client)
    resource_id = f"{prefix}{int(object_id):07d}"
    if resource_type == "Communication":
        if prefix != "RQ":
            return None
        latest = (
            referrals.conversation_messages(actor)
            .filter(request_id=int(object_id), action=step, at__lte=datetime.datetime.fromisoformat(at))
            .order_by("-at", "-id")
            .first()
        )
        if latest is None:
            return None
        resource_id = workflow.message_id(latest.id)
    query = {**params, "_id": [resource_id], "_count": ["1"]}
    found = search.run(workflow.SEARCHES[resource_type](actor), query)
    return found.resources[0] if found.resources else None


def _post(sub: Subscription, resource: dict[str, Any]) -> str:
    """Delivers once (with retries); "" when delivered, else the last problem."""
    headers = {"Content-Type": "application/fhir+json"}
    for header in sub.headers:
        name, _, value = str(header).partition(":")
        if name.strip() and value.strip():
            headers[name.strip()] = value.strip()
    body = resource if sub.payload else None
    problem = _endpoint_problem(sub.endpoint)  # the name may point elsewhere since the subscription was made
    if problem:
        return problem
    for attempt in range(ATTEMPTS):
        try:
            response = requests.post(
                sub.endpoint, json=body, headers=headers, timeout=TIMEOUT_SECONDS, allow_redirects=False
            )
            if response.status_code < 300:
                return ""
            problem = f"The endpoint answered {response.status_code}"
        except requests.RequestException as failed:
            problem = f"The endpoint could not be reached: {type(failed).__name__}"
        if attempt < len(BACKOFF_SECONDS):
            time.sleep(BACKOFF_SECONDS[attempt])
    return problem


@task()
def deliver(prefix: str, object_id: str, step: str, at: str) -> int:
    """Notifies every active subscription this change matches; returns how many were notified."""
    notified = 0
    for sub in Subscription.objects.select_related(
        "client__role_assignment__person", "client__role_assignment__organisation"
    ).filter(status=Subscription.Status.ACTIVE, client__active=True):
        try:
            resource = matching(sub, prefix, object_id, step, at)
        except (writes.Refused, search.SearchError, Http404):
            resource = None
        if resource is None:
            continue
        problem = _post(sub, resource)
        if problem:
            Subscription.objects.filter(pk=sub.pk).update(
                status=Subscription.Status.ERROR, last_error=f"{timezone.now():%Y-%m-%d %H:%M} {problem}"[:500]
            )
        else:
            notified += 1
    return notified
