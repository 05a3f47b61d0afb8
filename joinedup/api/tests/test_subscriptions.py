"""R4 rest-hook Subscriptions: what a client may subscribe to, what matches a change (as the subscriber
sees it), and what happens when an endpoint fails."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from django.utils import timezone

from joinedup.api import subscriptions
from joinedup.api.models import Subscription
from joinedup.api.tests.test_workflow import advice_request, key, outcome, systems  # noqa: F401 (fixtures)
from joinedup.referrals.models import ClinicalRequest
from joinedup.referrals.tests.helpers import act, service_at


def subscribe(api: Any, criteria: str, endpoint: str = "https://example.org/hook") -> Any:
    return api.post(
        "/Subscription",
        {
            "resourceType": "Subscription",
            "status": "requested",
            "reason": "test",
            "criteria": criteria,
            "channel": {"type": "rest-hook", "endpoint": endpoint, "payload": "application/fhir+json"},
        },
    )


def test_a_subscription_is_checked_when_made(icb, systems, settings) -> None:  # noqa: F811
    settings.API_SUBSCRIPTION_ALLOW_HTTP = False
    gp = systems["gp-system"]
    made = subscribe(gp, f"Task?owner=Organization/{icb.practices[0].ods_code}")
    assert made.status_code == 201, made.content
    assert gp.get(f"/Subscription/{made.json()['id']}").json()["status"] == "active"
    outcome(systems["other-gp"].get(f"/Subscription/{made.json()['id']}"), 404)
    outcome(subscribe(gp, "Task?ownr=x"), 400)
    outcome(subscribe(gp, "Flag?code=x"), 400)
    outcome(subscribe(gp, "Task?owner=x", endpoint="http://example.org/hook"), 400)  # https only here
    assert gp.client.delete("/api/fhir/R4/Subscription/" + made.json()["id"], headers=gp.headers).status_code == 200
    assert Subscription.objects.get().status == Subscription.Status.OFF


def test_a_change_matches_only_as_the_subscriber_may_see_it(icb, systems, actor_for) -> None:  # noqa: F811
    systems["gp-system"].post("/ServiceRequest", advice_request(service_at(icb.trusts[0])))
    request = ClinicalRequest.objects.get()
    act(actor_for("consultant"), request, "reply", note="Reassure.")
    subscribe(systems["gp-system"], f"Communication?recipient=Organization/{icb.practices[0].ods_code}")
    subscribe(systems["other-gp"], "Communication?sender=Organization/" + icb.trusts[0].ods_code)
    subscribe(systems["trust-system"], f"Task?owner=Organization/{icb.trusts[0].ods_code}")
    now = timezone.now().isoformat()
    found = {
        sub.client.client_id: subscriptions.matching(sub, "RQ", str(request.id), "reply", now)
        for sub in Subscription.objects.select_related("client")
    }
    assert found["gp-system"] is not None and found["gp-system"]["payload"][0]["contentString"] == "Reassure."
    assert found["other-gp"] is None  # another practice's request, whatever its criteria
    assert found["trust-system"] is None  # the Task is the GP's now, not the trust's


def test_an_endpoint_that_keeps_failing_sets_the_subscription_to_error(icb, systems, settings, monkeypatch) -> None:  # noqa: F811
    settings.API_SUBSCRIPTION_ALLOW_HTTP = True
    monkeypatch.setattr(subscriptions, "BACKOFF_SECONDS", (0.0, 0.0))
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    subscribe(systems["trust-system"], f"Task?owner=Organization/{icb.trusts[0].ods_code}", f"http://127.0.0.1:{port}/")
    systems["gp-system"].post("/ServiceRequest", advice_request(service_at(icb.trusts[0])))
    request = ClinicalRequest.objects.get()
    assert subscriptions.deliver.call("RQ", str(request.id), "sent", timezone.now().isoformat()) == 0
    failed = Subscription.objects.get()
    assert failed.status == Subscription.Status.ERROR and "could not be reached" in failed.last_error


@pytest.mark.parametrize("criteria", ["Task?_count=5", "Task?_include=Task:focus"])
def test_criteria_take_search_parameters_only(systems, criteria) -> None:  # noqa: F811
    outcome(subscribe(systems["gp-system"], criteria), 400)


@pytest.mark.parametrize(
    ("endpoint", "allow_http", "message"),
    [
        ("https://169.254.169.254/latest/meta-data", False, "link-local"),  # a cloud's metadata service
        ("https://127.0.0.1:8443/hook", False, "own address"),
        ("https://[::1]/hook", False, "own address"),
        ("https://224.0.0.1/hook", False, "multicast"),
        ("http://127.0.0.1:9/hook", False, "https"),
    ],
)
def test_a_subscription_cannot_make_the_server_call_what_only_it_can_reach(
    settings, endpoint, allow_http, message
) -> None:
    from joinedup.api.subscriptions import _endpoint_problem

    settings.API_SUBSCRIPTION_ALLOW_HTTP = allow_http
    assert message in _endpoint_problem(endpoint)
    settings.API_SUBSCRIPTION_ALLOW_HTTP = True
    assert _endpoint_problem("http://127.0.0.1:9/hook") == ""  # local development and the tests' own subscriber
    assert _endpoint_problem("https://10.20.30.40/hook") == ""  # HSCN systems sit on private addresses
